"""Stated limits on every file crosswalk reads, each one line when passed, checked before the memory it
would cost is spent; and the memory a large CASE import and its first lookup take.

Peak memory is measured in a child process (its own high-water mark), so a test sees one run only. The
bounds are generous (two or more times what the code takes on this project's machine) and far below
what the code before them took; bench/case_scale.py measures the 100,000-item case by hand."""

from __future__ import annotations

import importlib.util
import marshal
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from crosswalk_cli.datadir import default_data_dir
from crosswalk_cli.errors import DataError
from crosswalk_cli.loader import yamlread
from crosswalk_cli.loader.yamlread import read_yaml

from .conftest import Invoke

MAPLE_FILES = ("standards.yaml", "competencies.yaml", "alignments.yaml")

# The child's own high-water mark (VmHWM): ru_maxrss would count the memory of the parent it was
# spawned from (Linux carries the parent's mark across fork and exec).
PEAK = """import re, sys
from crosswalk_cli import entry
try:
    entry.main(sys.argv[1:])
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        kb = re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)
    sys.stderr.write(f"PEAK {int(kb) // 1024}\\n")
"""
needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory in /proc")


def measured(args: list[str], cwd: Path, **env: str) -> tuple[int, str, str, int]:
    """Run crosswalk in a child process: (exit code, stdout, stderr without the figure, peak MB)."""
    environment = {**os.environ, "HOME": str(cwd), "COLUMNS": "80", **env}
    environment.pop("CROSSWALK_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    *lines, last = proc.stderr.splitlines()
    assert last.startswith("PEAK "), proc.stderr[-2000:]
    return proc.returncode, proc.stdout, "".join(f"{line}\n" for line in lines), int(last.split()[1])


# --- Data files: bytes, values, aliases ------------------------------------------------------------


def test_a_data_file_of_more_values_than_the_limit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlread, "MAX_NODES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("".join(f"k{n}: v\n" for n in range(600)), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_yaml(path)
    assert exc.value.problems == [
        f"{path}:500: more than 1,000 values (keys, texts, lists and mappings, aliases expanded); "
        "a data file may hold no more"
    ]
    path.write_text("".join(f"k{n}: v\n" for n in range(499)), encoding="utf-8")
    assert len(read_yaml(path)) == 499  # 999 values and the mapping: at the limit


def test_an_alias_counts_as_everything_it_stands_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_NODES", 1000)
    path = tmp_path / "aliases.yaml"
    words = ", ".join(["w"] * 99)
    path.write_text(f"a: &a [{words}]\nb: [{', '.join(['*a'] * 9)}]\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_yaml(path)
    assert "more than 1,000 values" in exc.value.problems[0]
    path.write_text(f"a: &a [{words}]\nb: [{', '.join(['*a'] * 8)}]\n", encoding="utf-8")
    doc = read_yaml(path)
    assert doc["b"][0] is doc["a"] and doc["b"].lines[3] == 1  # shared, not copied; its line is the anchor's


def test_an_alias_nesting_too_deep_once_expanded_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x]"] + [f"a{n}: &a{n} [*a{n - 1}]" for n in range(1, 70)]
    path = tmp_path / "deep.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_yaml(path)
    assert exc.value.problems == [f"{path}:64: nested more than 64 deep"]


@needs_proc
def test_past_the_real_limit_memory_stays_bounded(invoke: Invoke, tmp_path: Path, data_copy: Path) -> None:
    """A 13 MB file of a million keys (2 million values and one more) is refused in one line; before,
    such a file took 2.2 GB and printed a line per key."""
    count = yamlread.MAX_NODES // 2 + 1
    with open(data_copy / "keys.yaml", "w", encoding="utf-8") as f:
        f.writelines(f"k{n:07d}: 1\n" for n in range(count))
    code, _, stderr, peak = measured(["validate", "--data-dir", str(data_copy)], tmp_path)
    assert peak < 600, f"{peak} MB"
    assert code == 1
    assert stderr == (
        f"crosswalk: error: {data_copy / 'keys.yaml'}:{count - 1}: more than 2,000,000 values (keys, texts, "
        "lists and mappings, aliases expanded); a data file may hold no more\n"
    )


def test_a_data_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(yamlread.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(DataError) as exc:
        read_yaml(path)
    assert exc.value.problems == [f"{path}: larger than 64 MiB, the most a data file may be"]


def test_a_thousand_times_the_shipped_data_fits_the_limits() -> None:
    """bench/scale_data.py's 1000x data (37 MB and 1.13 million values in its largest file) must load:
    every shipped file, a thousand times over, stays within both limits."""
    for name in MAPLE_FILES:
        raw = (default_data_dir() / name).read_bytes()
        loader = yaml.CSafeLoader(raw)
        values = 0
        while not isinstance(event := loader.get_event(), yaml.StreamEndEvent):
            values += isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent)
        loader.dispose()
        assert 1000 * values <= yamlread.MAX_NODES, name
        assert 1000 * len(raw) <= yamlread.MAX_FILE_BYTES, name


# --- Memory: a large CASE import and its first lookup -------------------------------------------


def _case_scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "case_scale", Path(__file__).parents[1] / "bench" / "case_scale.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_proc
def test_a_large_case_import_and_its_first_lookup_stay_small(tmp_path: Path) -> None:
    """5,000 items: the import took 94 MB and the first lookup 78 MB; they take about 40 and 36
    (100,000 items: 1,554 and 1,154 MB before, under 300 each now, bench/case_scale.py)."""
    package = tmp_path / "scale.json"
    assert _case_scale().main([str(package), "5000"]) == 0
    cache = str(tmp_path / "cache")
    code, _, stderr, peak = measured(
        ["import", "case", str(package), "--out", str(tmp_path / "out")], tmp_path, XDG_CACHE_HOME=cache
    )
    assert code == 0, stderr
    assert peak < 64, f"import: {peak} MB"
    [written] = (tmp_path / "out").iterdir()
    item = f"{written.stem}:S.1"
    code, stdout, stderr, peak = measured(["item", item, "--data-dir", str(tmp_path / "out")], tmp_path,
                                          XDG_CACHE_HOME=cache)  # fmt: skip
    assert code == 0 and "S.1.1" in stdout, stderr
    assert peak < 60, f"first lookup: {peak} MB"


def test_a_case_package_of_more_records_than_the_limit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    """Counted while the package is read: a 64 MB package of 240,000 tiny items took 1.6 GB before it
    failed; refused at the limit, 170 MB."""
    from crosswalk_cli.exchange.caseimport import read

    monkeypatch.setattr(read, "MAX_RECORDS", 40)
    package = tmp_path / "scale.json"
    assert _case_scale().main([str(package), "50"]) == 0
    result = invoke("import", "case", str(package), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == f"crosswalk: error: {package}: more than 40 CFItems; an import takes at most that many\n"
    )
    assert not (tmp_path / "out").exists()


# --- Kept suggest state ------------------------------------------------------------------------------


@needs_proc
def test_a_kept_state_file_not_kept_under_the_key_costs_no_memory(tmp_path: Path) -> None:
    """A file in the kept state's place holding 25 MB of marshalled numbers (it unmarshals to 200 MB)
    is passed by before anything in it is unmarshalled."""
    cache = tmp_path / "cache"
    args = ["suggest", "BPS:3.2", "--to", "MA", "--json"]
    code, first, stderr, _ = measured(args, tmp_path, XDG_CACHE_HOME=str(cache))
    assert code == 0, stderr
    [kept] = (cache / "crosswalk").glob("suggest-*.marshal")
    kept.write_bytes(marshal.dumps(list(range(1 << 20, (1 << 20) + 5_000_000))))
    code, again, stderr, peak = measured(args, tmp_path, XDG_CACHE_HOME=str(cache))
    assert (code, again) == (0, first), stderr
    assert peak < 100, f"{peak} MB"
