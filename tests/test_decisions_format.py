"""A crosswalk file keeps who decided what (issue 21, docs/data-format.md): an entry that says no target
fits (`no_match: true`), provenance with `reviewed_at` (ISO 8601, UTC) and `rationale` beside the older
`reviewed_on`, and a header's `status`, `approved_by` and `reviewers`; the store keeps the no-match."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from crosswalk_cli.errors import DataError
from crosswalk_cli.loader.checker import Partial
from crosswalk_cli.loader.crosswalks import read_crosswalk

from .conftest import Invoke

HEAD = """\
crosswalk:
  id: BPS-MA
  title: BPS to MA
  publisher: First Reviewer
  license: not stated
  from: BPS
  to: MA
  relations: [primary, additional]
  status: approved
  approved_by: The Committee
  reviewers: [First Reviewer, Second Reviewer]
links:
"""
DECIDED = """\
- source: '1.1'
  primary: 4b
  provenance: {method: reviewer, reviewed_by: Second Reviewer, reviewed_at: '2026-12-05T10:15:00Z',
    rationale: 'Both: the same practice.'}
- source: '1.2'
  no_match: true
  provenance: {reviewed_by: First Reviewer, reviewed_at: '2026-12-05T10:16:00Z', rationale: none fits}
- source: '1.3'
  primary: 1a
  provenance: {method: crosswalk suggest 1, score: '0.5', reviewed_by: Old, reviewed_on: '2024-01-02'}
reviewed: ['1.1', '1.2', '1.3']
"""


def test_the_new_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(HEAD + DECIDED, encoding="utf-8")
    x = read_crosswalk(path, path.read_bytes())
    assert x.header.extra["status"] == "approved" and x.header.extra["approved_by"] == "The Committee"
    assert x.reviewers == ("First Reviewer", "Second Reviewer")
    assert [(e.source, e.no_match, len(e.links)) for e in x.entries] == [
        ("1.1", False, 1), ("1.2", True, 0), ("1.3", False, 1),
    ]  # fmt: skip
    assert dict(x.entries[0].provenance)["rationale"] == "Both: the same practice."
    assert dict(x.entries[2].provenance)["reviewed_on"] == "2024-01-02"  # the old date is still read


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        ("- source: '1.1'\n  no_match: true\n  primary: 4b\n", "'no_match: true' says no target fits"),
        ("- source: '1.1'\n  no_match: 'yes'\n", "'no_match' of link 1 ('1.1') must be true or false"),
        ("- source: '1.1'\n  no_match: false\n", "no target (give 'target'"),
        (
            "- source: '1.1'\n  primary: 4b\n  provenance: {reviewed_at: '2026-12-05'}\n",
            "reviewed_at '2026-12-05' is no ISO 8601 UTC time",
        ),
        (
            "- source: '1.1'\n  primary: 4b\n  provenance: {reviewed_at: '2026-12-05T10:15:00+02:00'}\n",
            "is no ISO 8601 UTC time",
        ),
    ],
)
def test_a_wrong_decision_is_one_line(tmp_path: Path, entry: str, needle: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(HEAD + entry, encoding="utf-8")
    with pytest.raises((Partial, DataError)) as exc:
        read_crosswalk(path, path.read_bytes())
    assert needle in str(exc.value)


def test_the_store_keeps_the_no_match(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yaml").write_text(HEAD + DECIDED, encoding="utf-8")
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 0, result.stderr
    from crosswalk_cli.datadir import sources
    from crosswalk_cli.store import open_database

    db: sqlite3.Connection = open_database(sources(data))
    rows = db.execute(
        "SELECT i.code, e.no_match FROM entry e JOIN item i ON i.key = e.source"
        " WHERE e.crosswalk = 'BPS-MA' ORDER BY e.seq"
    ).fetchall()
    assert rows == [("1.1", 0), ("1.2", 1), ("1.3", 0)]
    (header,) = db.execute("SELECT header FROM crosswalk WHERE id = 'BPS-MA'").fetchone()
    assert json.loads(header)["reviewers"] == ["First Reviewer", "Second Reviewer"]


@pytest.mark.parametrize("status", ["draft", "reviewed", "Approved"])
def test_a_link_of_an_unpublished_crosswalk_says_how_it_was_made(tmp_path: Path, status: str) -> None:
    """No source publishes a crosswalk a review makes: a link there with no provenance would read as
    published everywhere, so it is refused, naming the entry and what to write."""
    path = tmp_path / "x.yaml"
    bare = "- source: '1.4'\n  primary: 2a\n"
    path.write_text(HEAD.replace("status: approved", f"status: {status}") + bare + DECIDED, encoding="utf-8")
    with pytest.raises(Partial) as raised:
        read_crosswalk(path, path.read_bytes())
    assert raised.value.problems == [
        f"{path}:13: link 1 ('1.4'): the crosswalk's status is '{status}', so no source publishes its links; "
        "say how this one was made (provenance: {method: ..., reviewed_by: ...})"
    ]
    adopted = HEAD.replace("status: approved", "status: adopted") + bare + DECIDED
    path.write_text(adopted, encoding="utf-8")  # a district's own final crosswalk: it publishes it
    assert read_crosswalk(path, path.read_bytes()).entries[0].provenance == {}


def test_no_match_and_a_link_for_one_item_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    both = "- source: '1.2'\n  primary: 1b\n  provenance: {method: reviewer, reviewed_by: X}\n"
    path.write_text(HEAD + both + DECIDED, encoding="utf-8")
    with pytest.raises(Partial) as raised:
        read_crosswalk(path, path.read_bytes())
    assert raised.value.problems == [
        f"{path}:13: link 1 ('1.2'): another entry says no target fits '1.2' (no_match): keep one"
    ]
