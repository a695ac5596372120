"""What the seal covers, said where it matters: `validate` names the files that carry no seal (a change to
them goes unnoticed) in its table and its JSON, and the README says the seal catches accidents, not
intent."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from crosswalk_cli.loader import default_data_dir

from .conftest import Invoke

SEALED = ["alignments.yaml", "bps.yaml", "competencies.yaml", "standards.yaml"]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def test_validate_says_which_files_carry_a_seal(invoke: Invoke) -> None:
    result = invoke("validate", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["sealed"], doc["unsealed"]) == (SEALED, ["self_assessment.yaml"])
    table = invoke("validate").stdout
    assert "Seals 4 of 5 files sealed; no seal: self_assessment.yaml" in table
    assert re.search(r"(?m)^bps\.yaml +sealed *$", table) and re.search(
        r"(?m)^self_assessment\.yaml +no seal *$", table
    )


def test_a_file_whose_seal_line_was_deleted_is_named(invoke: Invoke, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    path = data / "bps.yaml"
    path.write_text(re.sub(r"(?m)^seal: .*\n", "", path.read_text("utf-8")), "utf-8")
    result = invoke("validate", "--json", "--data-dir", str(data))
    assert result.exit_code == 0  # the seal guards accidents, and the file is well formed
    assert json.loads(result.stdout)["unsealed"] == ["bps.yaml", "self_assessment.yaml"]
    assert re.search(r"(?m)^bps\.yaml +no seal *$", invoke("validate", "--data-dir", str(data)).stdout)


def test_an_extra_file_beside_the_packaged_ones_is_named(invoke: Invoke, tmp_path: Path) -> None:
    data = _copy(tmp_path)
    extra = (data / "bps.yaml").read_text("utf-8").replace("id: BPS", "id: EXTRA")
    (data / "extra.yaml").write_text(re.sub(r"(?m)^seal: .*\n", "", extra), "utf-8")
    result = invoke("validate", "--json", "--data-dir", str(data))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["unsealed"] == ["extra.yaml", "self_assessment.yaml"] and doc["sealed"] == SEALED
    assert "no seal: extra.yaml, self_assessment.yaml" in invoke("validate", "--data-dir", str(data)).stdout


def test_the_readme_says_what_the_seal_does_not_guard() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert "deliberate or not" not in readme  # it said any change, deliberate or not, makes validate fail
    section = readme[readme.index("is what the **seal** is for") :][:2500]
    for point in (
        "not a signature",
        "Deleting the `seal:` line",
        "added beside the packaged ones",
        "taken away",
    ):
        assert point in section, point
