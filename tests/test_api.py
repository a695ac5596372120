"""The Python API (crosswalk_cli.api, docs/api.md): each method answers what its command's --json says, its
documented examples run, it raises the library's errors, and it stays off the command line's path."""

from __future__ import annotations

import csv
import doctest
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crosswalk_cli import api
from crosswalk_cli.api import Data
from crosswalk_cli.errors import CrosswalkError, DataError
from crosswalk_cli.views.fields import as_text

from .conftest import ROOT, Invoke

DISTRICT = ROOT / "docs" / "examples" / "district"
Ask = Callable[[Data], Any]


def test_the_documented_examples_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # the examples name docs/examples/district as a script in the checkout would
    # ...and their stores keep that relative spelling as the files' origin: build them in a cache of their own
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for run in (
        lambda: doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, verbose=False),
        lambda: doctest.testmod(api, verbose=False),
    ):
        failed, attempted = run()
        assert attempted >= 2 and failed == 0


# (what to ask the API, the command line that answers the same, the key of its JSON the API returns)
CASES: list[tuple[str, Ask, list[str], str | None]] = [
    ("frameworks", lambda d: d.frameworks(), ["frameworks"], "frameworks"),
    ("crosswalks", lambda d: d.crosswalks(), ["frameworks"], "crosswalks"),
    ("items", lambda d: d.items("bps"), ["items", "bps"], "items"),
    ("item", lambda d: d.item("MA:1b"), ["item", "MA:1b"], None),
    ("item-short", lambda d: d.item("2.3"), ["item", "2.3"], None),
    ("standard", lambda d: d.standard("1b", themes=["EI"]), ["standard", "1b", "--theme", "EI"], None),
    ("standard-whole", lambda d: d.standard("Standard I"), ["standard", "Standard I"], None),
    ("competency", lambda d: d.competency("VVC.4.c"), ["competency", "VVC.4.c"], None),
    ("competency-whole", lambda d: d.competency("VVC.3"), ["competency", "VVC.3"], None),
    ("themes", lambda d: d.themes(), ["themes"], "themes"),
    ("theme", lambda d: d.theme("equity"), ["theme", "equity"], None),
    ("search", lambda d: d.search("family concerns"), ["search", "family", "concerns"], None),
    ("search-themes", lambda d: d.search("data", themes=["EI"]), ["search", "data", "-t", "EI"], None),
    (
        "search-framework",
        lambda d: d.search("data", frameworks=["BPS"]),
        ["search", "data", "--framework", "BPS"],
        None,
    ),
    ("errata", lambda d: d.errata(), ["errata"], None),
    ("errata-framework", lambda d: d.errata(framework="BPS"), ["errata", "--framework", "BPS"], None),
]


@pytest.fixture(scope="module")
def packaged() -> Data:
    return Data()


@pytest.mark.parametrize(("ask", "argv", "key"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_method_answers_what_its_command_writes(
    packaged: Data, invoke: Invoke, ask: Ask, argv: list[str], key: str | None
) -> None:
    result = invoke(*argv, "--json")
    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    expected = (
        written[key] if key else {k: v for k, v in written.items() if k not in ("schema_version", "command")}
    )
    assert json.loads(json.dumps(ask(packaged))) == expected


@pytest.mark.parametrize("data", [[], ["--data-dir", str(DISTRICT)]], ids=["packaged", "district"])
def test_links_are_the_rows_of_export_csv(invoke: Invoke, data: list[str]) -> None:
    with Data(*[Path(d) for d in data[1:]]) as opened:
        for crosswalk in opened.crosswalks():
            result = invoke("export", "csv", "--crosswalk", crosswalk["id"], *data)
            assert result.exit_code == 0, result.stderr
            rows = list(csv.DictReader(io.StringIO(result.stdout)))
            links = opened.links(crosswalk["id"])
            assert len(links) == crosswalk["links"] == len(rows) > 0
            assert [{k: as_text(v) for k, v in link.items()} for link in links] == rows


def test_a_data_directory_of_your_own(invoke: Invoke) -> None:
    with Data(DISTRICT) as district:
        origins = {f["id"]: f["origin"] for f in district.frameworks()}
        # (an origin is the path as given when the store was built, relative or not)
        assert origins["RUSD"].endswith("district/rusd.yaml") and origins["MA"] == "packaged"
        answer = district.standard("1e", crosswalk="RUSD-MA")
    result = invoke("standard", "1e", "--crosswalk", "RUSD-MA", "--data-dir", str(DISTRICT), "--json")
    assert {**answer, "schema_version": 2, "command": "standard"} == json.loads(result.stdout)
    with pytest.raises(DataError, match="'to: MA' names no framework") as alone:
        Data(DISTRICT, packaged=False)  # its crosswalk needs the packaged MA: checked when opened
    assert alone.value.exit_code == 1 and "rusd-ma.yaml" in alone.value.lines()[0]
    with Data(DISTRICT) as district, pytest.raises(CrosswalkError, match="no crosswalk 'RUSD'") as raised:
        district.links("RUSD")
    assert raised.value.exit_code == 2


def test_bad_input_raises_the_library_errors(packaged: Data, tmp_path: Path) -> None:
    with pytest.raises(CrosswalkError) as raised:
        Data(packaged=False)
    assert raised.value.exit_code == 2
    with pytest.raises(DataError, match="data directory not found"):
        Data(tmp_path / "missing")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.yaml").write_text("framework: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError) as bad:
        Data(broken)
    assert bad.value.exit_code == 1 and "x.yaml" in bad.value.lines()[0]
    for ask in (
        lambda: packaged.item("BPS:9.9"),
        lambda: packaged.theme("nothing-like-it"),
        lambda: packaged.search("  "),
        lambda: packaged.search("data", frameworks=["BPS"], themes=["EI"]),
    ):
        with pytest.raises(CrosswalkError) as raised:
            ask()
        assert raised.value.exit_code == 2 and len(raised.value.lines()) == 1


def test_light_imports_and_off_the_command_line_path(tmp_path: Path) -> None:
    """Importing the API costs no YAML, rich or typer; no command imports the API."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    check = "import sys, crosswalk_cli.api; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, env=env, check=True
    )
    assert not {"'yaml'", "'rich'", "'typer'", "'click'"} & set(loaded.stdout.strip("[]\n").split(", "))
    for argv in (["item", "MA:1b", "--json"], ["standard", "1b"], ["frameworks"]):
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "crosswalk_cli", *argv],
            capture_output=True,
            text=True,
            env=env,
        )
        assert run.returncode == 0, run.stderr[-500:]
        assert "crosswalk_cli.api" not in run.stderr
