"""Each shipped data file carries a seal: a digest of everything read from it, so no change to an
answer (a valid id for another, a theme, a text) passes unnoticed, and an intended edit is one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from crosswalk_cli.datadir import default_data_dir

from .conftest import Invoke
from .maple import FILES


def _sealed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def test_every_shipped_file_is_sealed(invoke: Invoke) -> None:
    for name in FILES:
        assert re.search(r"(?m)^seal: '[0-9a-f]{16}'$", (default_data_dir() / name).read_text("utf-8")), name
    assert invoke("validate").exit_code == 0


def test_a_valid_but_changed_link_breaks_the_seal_and_says_the_new_one(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = _sealed_copy(tmp_path)
    path = data / "alignments.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("additional: [1b, 2a, 2e, 4d]", "additional: [1b, 2a, 2e, 4e]"), "utf-8")
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no longer matches its seal" in result.stderr
    assert f"{path}:" in result.stderr
    lookup = invoke("competency", "PSMV.1.g", "--data-dir", str(data))
    assert lookup.exit_code == 1 and "seal" in lookup.stderr  # a lookup never serves it either
    new = re.search(r"set 'seal: ([0-9a-f]{16})'", result.stderr)
    assert new is not None
    edited = path.read_text("utf-8")
    path.write_text(re.sub(r"(?m)^seal: .*$", f"seal: '{new.group(1)}'", edited), "utf-8")
    assert invoke("validate", "--data-dir", str(data)).exit_code == 0
    assert "4e" in invoke("competency", "PSMV.1.g", "--json", "--data-dir", str(data)).stdout


def test_an_edited_seal_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    data = _sealed_copy(tmp_path)
    path = data / "competencies.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        re.sub(r"(?m)^seal: '(.)", lambda m: "seal: '" + ("0" if m[1] != "0" else "1"), text), "utf-8"
    )
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 1 and "competencies.yaml" in result.stderr and "seal" in result.stderr


def test_a_text_edit_breaks_the_seal(invoke: Invoke, tmp_path: Path) -> None:
    data = _sealed_copy(tmp_path)
    path = data / "standards.yaml"
    path.write_text(path.read_text("utf-8").replace("title: Curriculum", "title: Curriculum!"), "utf-8")
    assert invoke("validate", "--data-dir", str(data)).exit_code == 1


def test_a_file_cut_short_keeps_its_seal_and_fails(invoke: Invoke, tmp_path: Path) -> None:
    """The seal stands at the top, so a truncated file (its last items lost) is still checked."""
    data = _sealed_copy(tmp_path)
    path = data / "bps.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("  - code: '4.5'")], "utf-8")
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 1 and "no longer matches its seal" in result.stderr
