"""The loader refuses bad data with one line per problem naming the file; `validate` exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswalk_cli.datadir import sources
from crosswalk_cli.loader import DataError, load_all

from .conftest import Invoke
from .maple import FILES


def load(directory: Path) -> object:
    """The data of ``directory`` read beside the packaged data (its files replace the packaged ones)."""
    return load_all(sources(directory))


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _fails(invoke: Invoke, data: Path, file: str, *needles: str, alone: bool = False) -> str:
    result = invoke("validate", "--data-dir", str(data), *(["--no-packaged"] if alone else []))
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
    assert counts["MA standard indicators"] == 21
    assert counts["JFF competency indicators"] == 108
    assert counts["MAPLE entries"] == 109


def test_env_var_and_option_choose_the_data(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "title: Curriculum", "title: Curriculum (copy)")
    by_env = invoke("standard", "1a", "--json", env={"CROSSWALK_DATA_DIR": str(data_copy)})
    assert json.loads(by_env.stdout)["standard"]["name"] == "Curriculum (copy)"
    by_option = invoke("standard", "1a", "--json", "--data-dir", str(data_copy))
    assert json.loads(by_option.stdout)["standard"]["name"] == "Curriculum (copy)"


def test_missing_directory(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert result.exit_code in (1, 2)
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("file", "framework"), [("standards.yaml", "to: MA"), ("competencies.yaml", "from: JFF")]
)
def test_a_missing_framework_file(invoke: Invoke, data_copy: Path, file: str, framework: str) -> None:
    """Beside the packaged data a directory of one's own need not hold every file; read alone
    (--no-packaged), the crosswalk then names a framework the data lacks."""
    (data_copy / file).unlink()
    assert invoke("validate", "--data-dir", str(data_copy)).exit_code == 0
    _fails(invoke, data_copy, "alignments.yaml", f"'{framework}' names no framework of the data", alone=True)


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
    _edit(
        data_copy / "standards.yaml", "    title: Curriculum\n", "    title: Curriculum\n    title: Again\n"
    )
    _fails(invoke, data_copy, "standards.yaml", "duplicate key 'title'")


def test_unknown_field(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "    title: Curriculum\n", "    title: Curriculum\n    colour: red\n")
    _fails(invoke, data_copy, "standards.yaml", "unknown field 'colour' in an item")
    _edit(data_copy / "standards.yaml", "    colour: red\n", "    titel: red\n")
    _fails(invoke, data_copy, "standards.yaml", "unknown field 'titel' in an item; did you mean 'title'?")


def test_missing_field(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "  - code: 1a\n    label: I-A\n", "  - label: I-A\n")
    _fails(invoke, data_copy, "standards.yaml", "missing field 'code' in an item")


def test_wrong_type(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "      tags_incomplete: true", "      tags_incomplete: often")
    _fails(invoke, data_copy, "competencies.yaml", "must be true or false")


def test_number_where_text_is_expected(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "- code: '1'", "- code: 1")
    _fails(invoke, data_copy, "standards.yaml", "must be text, found a number")


def test_duplicate_id(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "    - code: VVC.1.b", "    - code: VVC.1.a")
    _fails(invoke, data_copy, "competencies.yaml", "duplicate item id 'VVC.1.a'")


def test_unknown_reference(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "additional: [1b, 2a, 2e, 4d]", "additional: [1b, 2a, 2z, 4d]")
    _fails(invoke, data_copy, "alignments.yaml", "link 2: no item '2z' in framework MA")


def test_unknown_competency(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "- source: PSMV.1.g", "- source: PSMV.1.z")
    _fails(invoke, data_copy, "alignments.yaml", "link 2: no item 'PSMV.1.z' in framework JFF")


def test_unknown_theme(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "tags: [LC]", "tags: [XX]")
    _fails(invoke, data_copy, "competencies.yaml", "tag 'XX' is not among the framework's tags")


def test_unflagged_self_listing(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "alignments.yaml", "additional: [1b, 2a, 2e, 4d]", "additional: [1a, 2a, 2e, 4d]")
    _fails(invoke, data_copy, "alignments.yaml", "no 'self_listed' erratum")


def test_alias_bomb_is_refused(invoke: Invoke, data_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    (data_copy / "standards.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails(invoke, data_copy, "standards.yaml", "expand")


def test_recursive_alias_is_refused(data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text("items: &s [*s]\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(data_copy)
    assert "standards.yaml" in str(exc.value)


def test_python_tags_construct_nothing(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text(
        "framework: !!python/object/apply:os.system ['echo pwned']\nitems: []\n", encoding="utf-8"
    )
    _fails(invoke, data_copy, "standards.yaml", "unsupported YAML tag")


def test_deep_nesting_is_refused(invoke: Invoke, data_copy: Path) -> None:
    (data_copy / "standards.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _fails(invoke, data_copy, "standards.yaml")


def test_every_problem_is_reported(data_copy: Path) -> None:
    _edit(data_copy / "standards.yaml", "  - code: 1a\n    label: I-A\n", "  - label: I-A\n")
    _edit(data_copy / "competencies.yaml", "tags: [LC]", "tags: [XX]")
    with pytest.raises(DataError) as exc:
        load(data_copy)
    assert any("standards.yaml" in p for p in exc.value.problems)
    assert any("competencies.yaml" in p for p in exc.value.problems)


def test_validate_reads_the_yaml_even_with_a_store(invoke: Invoke, data_copy: Path) -> None:
    assert invoke("standard", "1a", "--data-dir", str(data_copy)).exit_code == 0  # builds the store
    _edit(data_copy / "standards.yaml", "  - code: 1a\n    label: I-A\n", "  - label: I-A\n")
    _fails(invoke, data_copy, "standards.yaml", "missing field 'code'")


# --- What the crosswalk file declares it covers ------------------------------------------------------


def _entries(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each entry in alignments.yaml."""
    body = text.index("\nlinks:\n") + len("\nlinks:\n")
    end = text.index("\nsource_notes:\n") + 1
    starts = [body + i for i in range(len(text[body:end])) if text.startswith("- source: ", body + i)]
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
    _edit(data_copy / "alignments.yaml", "- source: PSMV.1.g\n", "- source: PSMV.1.a\n")
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
        ("\n  sources: all", "\n  sources: some", "must be 'all'"),
        ("additional: 348", "additional: 347", "declares 347 additional links; the file has 348"),
        ("additional: [1b, 2a, 2e, 4d]", "additional: [1b, 2a, 2e]", "the file has 347"),
        ("  errata: 20\n", "  errata: 21\n", "declares 21 errata; the file lists 20"),
        ("  source_notes: 9\n", "  source_notes: 8\n", "declares 8 source notes; the file lists 9"),
        ("  errata:\n", "  errata:\n" + EXTRA_ERRATUM, "lists 21"),
        ("unlinked_targets: [2d, 3a, 3b, 3d]", "unlinked_targets: [2d, 3a, 3b]",
         "no entry links 3d as primary, and 'coverage' does not say so"),
        ("unlinked_targets: [2d, 3a, 3b, 3d]",
         "unlinked_targets: [2d, 3a, 3b, 3d, 4f]", "lists as unlinked 4f, but entries link them as primary"),
        ("- source: PSMV.1.a\n  primary: 1b", "- source: PSMV.1.a\n  primary: 3d",
         "lists as unlinked 3d, but entries link them as primary"),
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
        ("    resolved: 2b\n", "    resolved: 3b\n", "erratum resolves to '3b', which link"),
        (
            "    printed: VVC.3.e\n",
            "",
            "a 'printed_label' erratum of link 5 ('VVC.3.a') must give its printed_label",
        ),
        ("    printed: VVC.3.e\n", "    printed: VVC.3.d\n", "must give its printed_label as 'printed'"),
    ],
)
def test_errata_give_what_their_kind_needs(
    invoke: Invoke, data_copy: Path, old: str, new: str, needle: str
) -> None:
    _edit(data_copy / "alignments.yaml", old, new)
    _fails(invoke, data_copy, "alignments.yaml", needle)


def test_recovered_tags_say_what_they_rest_on(invoke: Invoke, data_copy: Path) -> None:
    _edit(data_copy / "competencies.yaml", "      recovered_by: blank\n", "")
    _fails(invoke, data_copy, "competencies.yaml", "give 'recovered_by' exactly when it has 'tags_recovered'")
    _edit(data_copy / "competencies.yaml", "      tags_recovered: [EI]\n", "      tags_recovered: [CA]\n")
    _fails(invoke, data_copy, "competencies.yaml", "recovered tag 'CA' is not among its tags")


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
    bps = (data_copy / "bps.yaml").read_text("utf-8")
    other = data_copy / "other.yaml"
    for ident, taken in (("Bps", "BPS"), ("ma", "MA")):
        other.write_text(bps.replace("  id: BPS\n", f"  id: {ident}\n", 1), "utf-8")
        with pytest.raises(DataError) as exc:
            load_all(sources(data_copy))
        first, second = sorted([other, data_copy / ("bps.yaml" if taken == "BPS" else "standards.yaml")])
        said = ident if second == other else taken
        assert exc.value.problems == [
            f"{second}: framework id '{said}' is taken by {first.name}, another file of this directory "
            f"('{ident if said == taken else taken}': ids ignore case)"
        ]
    other.unlink()
    mine = "crosswalk:\n  id: {}\n  title: T\n  publisher: P\n  license: L\n  from: BPS\n  to: MA\n" \
           "  relations: [primary]\nlinks:\n- source: '1.1'\n  target: 1a\n  relation: primary\n"  # fmt: skip
    (data_copy / "a.yaml").write_text(mine.format("BPS-MA"), "utf-8")
    assert [x.id for x in load_all(sources(data_copy)).crosswalks] == ["MAPLE", "BPS-MA"]
    for ident, first in (("bps-ma", "BPS-MA"), ("BPS-MA", "BPS-MA"), ("maple", "MAPLE")):
        (data_copy / "b.yaml").write_text(mine.format(ident), "utf-8")
        with pytest.raises(DataError) as exc:
            load_all(sources(data_copy))
        how = "" if first == ident else f" ('{first}': ids ignore case)"
        taken_by = "a.yaml" if first == "BPS-MA" else "alignments.yaml"
        assert exc.value.problems == [
            f"{data_copy / 'b.yaml'}: crosswalk id '{ident}' is taken by {taken_by}, another file of this "
            f"directory{how}"
        ]


def test_a_source_may_have_several_entries_where_no_errata_are_declared(tmp_path: Path) -> None:
    """A crosswalk file of one link an entry (as reviews wrote them) loads; one that declares the
    'duplicate' erratum kind must record it."""
    mine = tmp_path / "mine"
    mine.mkdir()
    head = "crosswalk:\n  id: BPS-MA\n  title: T\n  publisher: P\n  license: L\n  from: BPS\n  to: MA\n"
    head += "  relations: [primary, additional]\n"
    links = "links:\n- {source: '1.1', target: 1a, relation: primary}\n"
    links += "- {source: '1.1', target: 4b, relation: additional}\n"
    (mine / "bps-ma.yaml").write_text(head + links, "utf-8")
    [x] = [c for c in load_all(sources(mine)).crosswalks if c.id == "BPS-MA"]
    assert [(e.source, [k.target for k in e.links]) for e in x.entries] == [("1.1", ["1a"]), ("1.1", ["4b"])]
    (mine / "bps-ma.yaml").write_text(head + "errata_kinds: {duplicate: []}\n" + links, "utf-8")
    with pytest.raises(DataError) as exc:
        load_all(sources(mine))
    assert "has more than one entry for its source but no 'duplicate' erratum" in str(exc.value)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "ftp://x", "www.x.org"]
)
def test_a_url_field_takes_a_web_address_only(invoke: Invoke, tmp_path: Path, url: str) -> None:
    """A page makes a link of license_url and citation_url: anything but http(s) is refused (a
    'javascript:' address would run in a reader's browser)."""
    district = Path(__file__).parents[1] / "docs" / "examples" / "district"
    data = tmp_path / "d"
    data.mkdir()
    text = (district / "rusd.yaml").read_text(encoding="utf-8")
    old = "license_url: https://creativecommons.org/publicdomain/zero/1.0/"
    assert old in text
    (data / "rusd.yaml").write_text(text.replace(old, f"license_url: '{url}'"), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(data))
    assert result.exit_code == 1 and result.stdout == ""
    assert "license_url" in result.stderr and "give a web address (http:// or https://)" in result.stderr
