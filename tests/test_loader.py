"""The loader refuses bad data with one line per problem naming the file; `validate` exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswalk_cli.loader import DataError, load

from .conftest import Invoke


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _fails(invoke: Invoke, data: Path, file: str, *needles: str) -> str:
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("crosswalk: error: ") for line in lines)
    assert "Traceback" not in result.stderr
    assert str(data / file) in result.stderr
    for needle in needles:
        assert needle in result.stderr
    return result.stderr


def test_packaged_data_is_valid(invoke: Invoke) -> None:
    result = invoke("validate", "--json")
    assert result.exit_code == 0
    counts = json.loads(result.stdout)["counts"]
    assert counts["standard indicators"] == 21
    assert counts["competency indicators"] == 108
    assert counts["alignments"] == 109


def test_env_var_and_option_choose_the_data(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "name: Curriculum", "name: Curriculum (copy)")
    by_env = invoke("standard", "1a", "--json", env={"CROSSWALK_DATA_DIR": str(data_copy)})
    assert json.loads(by_env.stdout)["standard"]["name"] == "Curriculum (copy)"
    by_option = invoke("standard", "1a", "--json", "--data-dir", str(data_copy))
    assert json.loads(by_option.stdout)["standard"]["name"] == "Curriculum (copy)"


def test_missing_directory(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert result.exit_code in (1, 2)
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("file", ["standards.yaml", "competencies.yaml", "alignments.yaml"])
def test_missing_file(invoke: Invoke, data_copy: Path, file: str) -> None:
    (data_copy / file).unlink()
    _fails(invoke, data_copy, file, "file not found")


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(invoke: Invoke, data_copy: Path, content: str) -> None:
    (data_copy / "standards.yaml").write_text(content, encoding="utf-8")
    _fails(invoke, data_copy, "standards.yaml", "empty")


def test_syntax_error_names_the_line(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "  name: Risk-taking and Innovation", "  name: [Risk-taking")
    err = _fails(invoke, data_copy, "competencies.yaml", "YAML syntax error")
    assert "competencies.yaml:" in err


def test_not_utf8(invoke: Invoke, data_copy: Path) -> None:
    path = data_copy / "alignments.yaml"
    path.write_bytes(path.read_bytes().replace(b"primary: 1a", b"primary: 1\xe9a", 1))
    _fails(invoke, data_copy, "alignments.yaml", "not UTF-8")


def test_duplicate_key(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "    name: Curriculum\n", "    name: Curriculum\n    name: Again\n")
    _fails(invoke, data_copy, "standards.yaml", "duplicate key 'name'")


def test_unknown_field(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "    name: Curriculum\n", "    name: Curriculum\n    colour: red\n")
    _fails(invoke, data_copy, "standards.yaml", "unknown field 'colour'")


def test_missing_field(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "    code: I-A\n", "")
    _fails(invoke, data_copy, "standards.yaml", "missing field 'code'")


def test_wrong_type(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "      icons_lost: true", "      icons_lost: often")
    _fails(invoke, data_copy, "competencies.yaml", "must be true or false")


def test_number_where_text_is_expected(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "- id: '1'", "- id: 1")
    _fails(invoke, data_copy, "standards.yaml", "must be text, found a number")


def test_duplicate_id(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "    - id: VVC.1.b", "    - id: VVC.1.a")
    _fails(invoke, data_copy, "competencies.yaml", "duplicate indicator id 'VVC.1.a'")


def test_unknown_reference(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "additional: [1b, 2a, 2e, 4d]", "additional: [1b, 2a, 2z, 4d]")
    _fails(invoke, data_copy, "alignments.yaml", "unknown standard or indicator '2z'")


def test_unknown_competency(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "- competency: PSMV.1.g", "- competency: PSMV.1.z")
    _fails(invoke, data_copy, "alignments.yaml", "unknown competency indicator 'PSMV.1.z'")


def test_unknown_theme(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "themes: [LC]", "themes: [XX]")
    _fails(invoke, data_copy, "competencies.yaml", "unknown theme 'XX'")


def test_unflagged_self_listing(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "additional: [1b, 2a, 2e, 4d]", "additional: [1a, 2a, 2e, 4d]")
    _fails(invoke, data_copy, "alignments.yaml", "no 'self_listed' erratum")


def test_alias_bomb_is_refused(invoke: Invoke, data_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    (data_copy / "standards.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails(invoke, data_copy, "standards.yaml", "expand")


def test_recursive_alias_is_refused(data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text("standards: &s [*s]\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(data_copy)
    assert "standards.yaml" in str(exc.value)


def test_python_tags_construct_nothing(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text(
        "framework: !!python/object/apply:os.system ['echo pwned']\nstandards: []\n", encoding="utf-8"
    )
    _fails(invoke, data_copy, "standards.yaml", "unsupported YAML tag")


def test_deep_nesting_is_refused(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _fails(invoke, data_copy, "standards.yaml")


def test_every_problem_is_reported(data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "    code: I-A\n", "")
    _edit(data_copy / "competencies.yaml", "themes: [LC]", "themes: [XX]")
    with pytest.raises(DataError) as exc:
        load(data_copy)
    assert any("standards.yaml" in p for p in exc.value.problems)
    assert any("competencies.yaml" in p for p in exc.value.problems)


def test_validate_reads_the_yaml_even_with_a_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--data-dir", str(data_copy)).exit_code == 0  # builds the store
    _edit(data_copy / "standards.yaml", "    code: I-A\n", "")
    _fails(invoke, data_copy, "standards.yaml", "missing field 'code'")
