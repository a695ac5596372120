"""Result records to Views: one module per command family, each describing its records once
(``fields.py``) and building the View its command shows; the words of every page come from the data
(``words.py``). A command calls its view directly; formats/ writes the View.
"""
