"""A seeded, bounded run of the store fuzzer (tests/fuzz/fuzz_store.py runs the long campaign by hand).

Every lookup after the fuzzer damages, swaps or outdates the stores (pages flipped, zeroed or cut, files
edited with their old times, directories moved, links retargeted, relative paths from other folders, a
folder at a store's name, a killed build's files) prints exactly what a fresh build of the files then
there prints, or fails with one stderr line; and a rebuild clears the killed builds' files.
"""

from __future__ import annotations

from pathlib import Path

from crosswalk_cli.datadir import default_data_dir

from .fuzz import fuzz_store


def test_no_lookup_answers_from_a_store_built_from_other_bytes(tmp_path: Path) -> None:
    results = fuzz_store.run(6, 2025, default_data_dir(), tmp_path)
    assert len(results) >= 20
    assert [r for r in results if not r[0].startswith("ok")] == []
