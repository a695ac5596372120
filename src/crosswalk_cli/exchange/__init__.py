"""Whole crosswalks in and out: CSV and Markdown exports (``export``), CASE 1.1 packages out
(``case``, ``caseout``) and in (``caseimport/``)."""
