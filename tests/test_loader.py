"""The loader refuses bad data with one line per problem naming the file; `validate` exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswalk_cli.loader import FILES, DataError, load

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


# --- What the crosswalk file declares it covers ------------------------------------------------------


def _entries(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each alignment entry in alignments.yaml."""
    body = text.index("\nalignments:\n") + len("\nalignments:\n")
    end = text.index("\nsource_notes:\n") + 1
    starts = [body + i for i in range(len(text[body:end])) if text.startswith("- competency: ", body + i)]
    return list(zip(starts, [*starts[1:], end], strict=True))


def test_every_single_entry_deleted_is_an_error(data_copy: Path) -> None:
    path = data_copy / "alignments.yaml"
    text = path.read_text(encoding="utf-8")
    entries = _entries(text)
    assert len(entries) == 109
    passed = []
    for start, end in entries:
        path.write_text(text[:start] + text[end:], encoding="utf-8")
        try:
            load(data_copy)
            passed.append(text[start:end].splitlines()[0])
        except DataError as exc:
            assert any("'coverage' declares 109 entries; the file has 108" in p for p in exc.problems)
    assert passed == []


@pytest.mark.parametrize("kept", [0, 1, 54, 108])
def test_truncated_crosswalk_is_an_error(invoke: Invoke, data_copy: Path, kept: int) -> None:
    path = data_copy / "alignments.yaml"
    text = path.read_text(encoding="utf-8")
    cut = _entries(text)[kept][0]
    path.write_text(text[:cut], encoding="utf-8")
    _fails(invoke, data_copy, "alignments.yaml")


def test_coverage_names_the_indicators_left_out(data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "- competency: PSMV.1.g\n", "- competency: PSMV.1.a\n")
    with pytest.raises(DataError) as exc:
        load(data_copy)
    assert any("1 have none: PSMV.1.g" in p for p in exc.value.problems)


# added to the first entry with errata (VVC.3.a, which lists 4d)
EXTRA_ERRATUM = "  - kind: letter_mismatch\n    note: x\n    printed: x\n    resolved: 4d\n"


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("  entries: 109\n", "  entries: 110\n", "'coverage' declares 110 entries; the file has 109"),
        ("  entries: 109\n", "", "missing field 'entries' in 'coverage'"),
        ("\n  competency_indicators: all", "\n  competency_indicators: some", "must be 'all'"),
        ("additional_standards: 348", "additional_standards: 347", "declares 347 additional standards"),
        ("additional: [1b, 2a, 2e, 4d]", "additional: [1b, 2a, 2e]", "the file lists 347"),
        ("  errata: 20\n", "  errata: 21\n", "declares 21 errata; the file lists 20"),
        ("  source_notes: 9\n", "  source_notes: 8\n", "declares 8 source notes; the file lists 9"),
        ("  errata:\n", "  errata:\n" + EXTRA_ERRATUM, "lists 21"),
        ("unaligned_standard_indicators: [2d, 3a, 3b, 3d]", "unaligned_standard_indicators: [2d, 3a, 3b]",
         "no entry has 3d as primary, and 'coverage' does not say so"),
        ("unaligned_standard_indicators: [2d, 3a, 3b, 3d]",
         "unaligned_standard_indicators: [2d, 3a, 3b, 3d, 4f]", "lists as unaligned 4f, but entries have"),
        ("- competency: PSMV.1.a\n  primary: 1b", "- competency: PSMV.1.a\n  primary: 3d",
         "lists as unaligned 3d, but entries have"),
    ],
)  # fmt: skip
def test_coverage_declarations_are_checked(
    invoke: Invoke, data_copy: Path, old: str, new: str, needle: str
) -> None:
    _edit(data_copy / "alignments.yaml", old, new)
    _fails(invoke, data_copy, "alignments.yaml", needle)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        (
            "    resolved: 2b\n",
            "",
            "a 'letter_mismatch' erratum of the alignment of 'CB.1.e' must give 'resolved'",
        ),
        (
            "    printed: VVC.3.e\n",
            "",
            "a 'printed_label' erratum of the alignment of 'VVC.3.a' must give 'printed'",
        ),
        ("    printed: VVC.3.e\n", "    printed: VVC.3.d\n", "gives 'VVC.3.d', not its printed_label"),
    ],
)
def test_errata_give_what_their_kind_needs(
    invoke: Invoke, data_copy: Path, old: str, new: str, needle: str
) -> None:
    _edit(data_copy / "alignments.yaml", old, new)
    _fails(invoke, data_copy, "alignments.yaml", needle)


def test_a_crosswalk_must_declare_its_coverage(invoke: Invoke, data_copy: Path) -> None:
    path = data_copy / "alignments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("coverage:\n")
    path.write_text(text[:start] + text[text.index("alignments:\n") :], encoding="utf-8")
    _fails(invoke, data_copy, "alignments.yaml", "missing field 'coverage'")


def test_recovered_theme_says_what_it_rests_on(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "      crosswalk_mark: blank\n", "")
    _fails(invoke, data_copy, "competencies.yaml", "themes_from_crosswalk but no crosswalk_mark")
    _edit(data_copy / "competencies.yaml", "      crosswalk_mark: printed\n", "      crosswalk_mark: faint\n")
    _fails(invoke, data_copy, "competencies.yaml", "unknown crosswalk_mark 'faint'")


# --- Crashes and odd files ------------------------------------------------------------------------------

NESTED = {
    "flow": "[" * 25_000,
    "flow-closed": "x: " + "[" * 25_000 + "]" * 25_000 + "\n",
    "mappings": "{a: " * 25_000 + "}" * 25_000 + "\n",
    "block": "- " * 25_000 + "x\n",
}


@pytest.mark.parametrize("shape", NESTED)
def test_deep_nesting_is_refused_before_the_parser_recurses(
    tmp_path: Path, data_copy: Path, shape: str
) -> None:
    """libyaml's composer recursed once per level on the C stack: 25,000 nested '[' killed the process
    (SIGSEGV, exit 139). Run in a child process so a crash shows as a negative return code."""
    import subprocess
    import sys

    (data_copy / "alignments.yaml").write_text(NESTED[shape], encoding="utf-8")
    validate = subprocess.run(
        [sys.executable, "-m", "crosswalk_cli", "validate", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert validate.returncode == 1, validate
    assert (
        validate.stderr == f"crosswalk: error: {data_copy / 'alignments.yaml'}:1: nested more than 64 deep\n"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(NESTED[shape], encoding="utf-8")
    code = "import sys; from crosswalk_cli.loader import read_yaml, DataError\n"
    code += "try: read_yaml(__import__('pathlib').Path(sys.argv[1]))\nexcept DataError as e: print(e)"
    read = subprocess.run(
        [sys.executable, "-c", code, str(answers)], capture_output=True, text=True, timeout=60
    )
    assert (read.returncode, read.stdout, read.stderr) == (0, f"{answers}:1: nested more than 64 deep\n", "")


ODD_ROOTS = {
    "!!map": "YAML tag !!map on text",
    "!!seq": "YAML tag !!seq on text",
    "!!str": "the document must be a mapping, found text",
    "!!str {a: 1}": "YAML tag !!str on a mapping",
    "!!seq {a: 1}": "YAML tag !!seq on a mapping",
    "!!map [a]": "YAML tag !!map on a list",
    "plain words": "the document must be a mapping, found text",
    "42": "the document must be a mapping, found a number",
    "---": "the document must be a mapping, found nothing",
    "--- a\n--- b": "more than one YAML document",
    "{}\n---\n{}": "more than one YAML document",
    "[]": "the document must be a mapping, found a list",
    "!!map {}": "missing field",
    "*undefined": "undefined alias",
}


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("content", ODD_ROOTS)
def test_odd_documents_are_one_clear_error(invoke: Invoke, data_copy: Path, file: str, content: str) -> None:
    (data_copy / file).write_text(content + "\n", encoding="utf-8")
    err = _fails(invoke, data_copy, file, ODD_ROOTS[content])
    assert len(err.strip().splitlines()) == 1 or "missing field" in err


# --- Data directories that cannot be reached ------------------------------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["standard", "1a"], ["assess", "report", "x.yaml"]])
def test_unreachable_data_directory_is_one_line(invoke: Invoke, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "plain-file").write_text("not a directory", encoding="utf-8")
    for directory, needle in (
        (tmp_path / ("x" * 300), "File name too long"),
        (tmp_path / "plain-file" / "data", "part of the path is a file"),
        (tmp_path / "nowhere", "data directory not found"),
    ):
        result = invoke(*command, "--data-dir", str(directory))
        assert result.exit_code == 1, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith("crosswalk: error: ") and result.stderr.count("\n") == 1
        assert needle in result.stderr


def test_ids_differing_only_in_case_are_one_id(data_copy: Path) -> None:
    """Ids are matched without regard to case, so two frameworks (or crosswalks) may not differ only in
    case: one would hide the other."""
    from crosswalk_cli.loader import load_all

    bps = (data_copy / "bps.yaml").read_text("utf-8")
    other = data_copy / "other.yaml"
    for ident, taken in (("Bps", "BPS"), ("ma", "MA")):
        other.write_text(bps.replace("  id: BPS\n", f"  id: {ident}\n", 1), "utf-8")
        with pytest.raises(DataError) as exc:
            load_all(data_copy)
        assert exc.value.problems == [
            f"{other}: framework id '{ident}' is taken by another file of this directory "
            f"('{taken}': ids ignore case)"
        ]
    other.unlink()
    mine = "crosswalk:\n  id: {}\n  title: T\n  publisher: P\n  license: L\n  from: BPS\n  to: MA\n" \
           "  relations: [primary]\nlinks:\n- source: '1.1'\n  target: 1a\n  relation: primary\n"  # fmt: skip
    (data_copy / "a.yaml").write_text(mine.format("BPS-MA"), "utf-8")
    assert load_all(data_copy).crosswalks[0].info.id == "BPS-MA"
    for ident, first in (("bps-ma", "BPS-MA"), ("BPS-MA", "BPS-MA"), ("maple", "MAPLE")):
        (data_copy / "b.yaml").write_text(mine.format(ident), "utf-8")
        with pytest.raises(DataError) as exc:
            load_all(data_copy)
        how = "" if first == ident else f" ('{first}': ids ignore case)"
        assert exc.value.problems == [
            f"{data_copy / 'b.yaml'}: crosswalk id '{ident}' is taken by another file of this directory{how}"
        ]
