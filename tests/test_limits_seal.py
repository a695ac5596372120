"""What the seal covers, said where it matters: `validate` names the files that carry no seal (a change to
them goes unnoticed) in its table and its JSON, and the manual (docs/data-format.md) says the seal catches
accidents, not intent."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from crosswalk_cli.datadir import default_data_dir

from .conftest import Invoke

SEALED = ["alignments.yaml", "bps.yaml", "competencies.yaml", "self_assessment.yaml", "standards.yaml"]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def test_validate_says_which_files_carry_a_seal(invoke: Invoke) -> None:
    result = invoke("validate", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["sealed"], doc["unsealed"]) == (SEALED, [])
    table = invoke("validate").stdout
    assert "Seals 5 of 5 files sealed" in table
    assert re.search(r"(?m)^bps\.yaml +sealed *$", table) and re.search(
        r"(?m)^self_assessment\.yaml +sealed *$", table
    )


def test_a_file_whose_seal_line_was_deleted_is_named(invoke: Invoke, tmp_path: Path) -> None:
    """Your copy replaces the packaged file: the file in use, named by its path, carries no seal."""
    data = _copy(tmp_path)
    path = data / "bps.yaml"
    path.write_text(re.sub(r"(?m)^seal: .*\n", "", path.read_text("utf-8")), "utf-8")
    result = invoke("validate", "--json", "--data-dir", str(data))
    assert result.exit_code == 0  # the seal guards accidents, and the file is well formed
    assert json.loads(result.stdout)["unsealed"] == [str(path)]
    table = invoke("validate", "--data-dir", str(data), env={"COLUMNS": "300"}).stdout
    assert re.search(rf"(?m)^{re.escape(str(path))} +no seal *$", table)


def test_an_extra_file_beside_the_packaged_ones_is_named(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    extra = (default_data_dir() / "bps.yaml").read_text("utf-8").replace("id: BPS", "id: EXTRA")
    (data / "extra.yaml").write_text(re.sub(r"(?m)^seal: .*\n", "", extra), "utf-8")
    result = invoke("validate", "--json", "--data-dir", str(data))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["unsealed"] == [str(data / "extra.yaml")] and doc["sealed"] == SEALED
    out = invoke("validate", "--data-dir", str(data), env={"COLUMNS": "300"}).stdout
    assert f"5 of 6 files sealed; no seal: {data / 'extra.yaml'}" in out


def test_a_survey_whose_seal_no_longer_matches_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    text = (default_data_dir() / "self_assessment.yaml").read_text("utf-8")
    (data / "self_assessment.yaml").write_text(text.replace("Please rank", "Please rate"), "utf-8")
    for args in (["validate"], ["assess", "report", str(tmp_path / "none.yaml")]):
        result = invoke(*args, "--data-dir", str(data))
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert "self_assessment.yaml:" in result.stderr and "no longer matches its seal" in result.stderr


def test_the_manual_says_what_the_seal_does_not_guard() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "data-format.md").read_text("utf-8")
    assert "deliberate or not" not in page  # it said any change, deliberate or not, makes validate fail
    section = page[page.index("is what the **seal** is for") :][:2500]
    for point in (
        "not a signature",
        "Deleting the `seal:` line",
        "added beside the packaged ones",
        "taken away",
    ):
        assert point in section, point
