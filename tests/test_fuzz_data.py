"""A seeded, bounded run of the data fuzzer (tests/fuzz/fuzz_data.py runs the long campaign by hand).

What `validate` guarantees, and what this checks:
- Nothing crashes: every mutated data set is either accepted or refused with DataError lines.
- With the seals shipped in the files, no mutation that changes anything a lookup answers (an id, a link,
  a theme, an order, a text) passes: the coverage declarations and reference checks catch most, and
  each file's seal (a digest of everything read from it) catches the rest (a valid id swapped for
  another, a theme changed, a text edited). An edited seal is refused too. Lookups read the store,
  which is built only from data that passes these checks.
- From the YAML alone (seals removed, as in a data directory of the user's own), alignments.yaml's
  coverage declarations and errata rules still catch every lost, duplicated or truncated entry, erratum,
  additional standard or line that carries a link. What the YAML alone cannot tell from a deliberate
  correction (one valid id for another, a theme for another, free text) is what the seal is for and,
  for the packaged data, tests/test_data.py's cross-checks with the source texts and the independent
  second reading.
"""

from __future__ import annotations

from pathlib import Path

from crosswalk_cli.datadir import default_data_dir

from .fuzz import fuzz_data

STRUCTURAL = [
    "delete_entry",
    "duplicate_entry",
    "delete_line",
    "truncate",
    "drop_list_item",
    "add_list_item",
    "change_number",
]


def test_no_changed_answer_passes_validate(tmp_path: Path) -> None:
    outcomes = fuzz_data.run(150, 2024, default_data_dir(), scratch=tmp_path, seal_edits=0.08)
    assert len(outcomes) > 110
    assert [o for o in outcomes if "crash" in (o.yaml_alone, o.sealed)] == []
    assert [o for o in outcomes if o.sealed not in ("rejected", "passed-same")] == []
    assert {o.kind for o in outcomes} == {*fuzz_data.MUTATIONS, "edit_seal"}
    assert sum(o.sealed == "rejected" for o in outcomes if o.kind == "edit_seal") >= 5
    # the YAML alone lets some through (a valid id for another): that is what the seal is for
    assert any(o.yaml_alone == "passed-links" for o in outcomes)


def test_lost_or_extra_entries_never_pass_from_the_yaml_alone(tmp_path: Path) -> None:
    outcomes = fuzz_data.run(
        60,
        7,
        default_data_dir(),
        kinds=STRUCTURAL,
        files=("alignments.yaml",),
        seal_edits=0,
        scratch=tmp_path,
    )
    assert len(outcomes) > 50
    assert [(o.kind, o.yaml_alone) for o in outcomes if o.yaml_alone in ("passed-links", "crash")] == []
