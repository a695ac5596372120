"""Text a terminal would act on, on the way in: the loader and `import case` refuse it, one line per field
(the loader) or one line for the package (the import), naming where it is, the character and its position.
tests/test_text_safety_out.py checks that every writer escapes it all the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke, unsealed_copy
from .hostile_text import CHARS, ESCAPED, yaml_text

FIXTURES = Path(__file__).parent / "fixtures" / "case"
REASON = "control characters, bidirectional overrides and noncharacters are not allowed in data"


def framework(title: str, **more: Any) -> dict[str, Any]:
    header = {"id": "EV", "title": title, "publisher": "P", "license": "none", "levels": ["part"]}
    return {"framework": header, "items": [{"code": "A", "text": "A text."}], **more}


def errors(stderr: str) -> list[str]:
    return [line.removeprefix("crosswalk: error: ") for line in stderr.splitlines()]


# --- the loader ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARS)
def test_the_loader_refuses_each_unsafe_character(invoke: Invoke, tmp_path: Path, name: str) -> None:
    path = tmp_path / "ev.yaml"
    path.write_text(yaml_text(framework(f"Evil{CHARS[name]} title")), encoding="utf-8")
    for command in ("validate", "frameworks"):  # validate reads the YAML; a lookup builds its store from it
        r = invoke(command, "--data-dir", str(tmp_path), "--format", "csv")
        assert r.exit_code == 1, (command, r.stdout)
        assert errors(r.stderr) == [
            f"{path}:4: 'title' of 'framework' holds '{ESCAPED[name]}' at position 5: {REASON}"
        ]


def test_the_loader_names_each_field_once(invoke: Invoke, tmp_path: Path) -> None:
    """Every kind of text (header fields, a header's own extra field and its name, codes, texts, titles,
    lists, notes, a crosswalk's links and provenance) is checked; a text read twice is reported once."""
    data = unsealed_copy(tmp_path / "data")
    doc = framework("T", notes=[{"title": "N\x07", "text": "line one\nline\ttwo\x1b"}])
    doc["framework"].update(publisher="\u202eP", version="2\ufffe", levels=["part\x9b"])
    doc["items"][0].update(code="A\u2066", title="T\x00", tags=["x\x7f"])
    doc["tags"] = [{"code": "x\x7f", "name": "X"}]
    (data / "ev.yaml").write_text(yaml_text(doc), encoding="utf-8")
    links = [{"source": "A\u2066", "target": "1.1", "relation": "r", "note": "\r",
              "provenance": {"reviewed_by": "me\u2028"}}]  # fmt: skip
    walk = {"id": "EV-BPS", "title": "X", "publisher": "P", "license": "L", "from": "EV", "to": "BPS"}
    walk["relations"] = ["r"]
    (data / "link.yaml").write_text(yaml_text({"crosswalk": walk, "links": links}), encoding="utf-8")
    r = invoke("validate", "--data-dir", str(data), "--format", "csv")
    assert r.exit_code == 1
    assert [line.split(": ", 1)[1] for line in errors(r.stderr)] == [
        f"'publisher' of 'framework' holds '\\u202e' at position 1: {REASON}",
        f"'version' of 'framework' holds '\\ufffe' at position 2: {REASON}",
        f"an item of 'levels' in 'framework' holds '\\x9b' at position 5: {REASON}",
        f"'code' of a tag holds '\\x7f' at position 2: {REASON}",
        f"'code' of an item holds '\\u2066' at position 2: {REASON}",
        f"'title' of item 'A\\u2066' holds '\\x00' at position 2: {REASON}",
        f"an item of 'tags' in item 'A\\u2066' holds '\\x7f' at position 2: {REASON}",
        f"'title' of a note holds '\\x07' at position 2: {REASON}",
        f"'text' of a note holds '\\x1b' at position 18: {REASON}",
        f"'source' of a link holds '\\u2066' at position 2: {REASON}",
        f"'note' of link 1 ('A\\u2066') holds '\\r' at position 1: {REASON}",
        f"'reviewed_by' of the provenance of link 1 ('A\\u2066') holds '\\u2028' at position 3: {REASON}",
    ]
    where = [line.split(": ", 1)[0] for line in errors(r.stderr)]
    assert where[0] == f"{data / 'ev.yaml'}:5" and where[-1].startswith(f"{data / 'link.yaml'}:")
    # A header takes only the fields it knows: another is named (escaped), and refused unread.
    for name in ("ev.yaml", "link.yaml"):
        (data / name).unlink()
    text = (data / "alignments.yaml").read_text(encoding="utf-8")
    text = text.replace("crosswalk:\n", 'crosswalk:\n  "odd\\u202e": x\n  extra: "x\\x85"\n', 1)
    (data / "alignments.yaml").write_text(text, encoding="utf-8")
    r = invoke("validate", "--data-dir", str(data), "--format", "csv")
    assert r.exit_code == 1
    path, line = data / "alignments.yaml", text[: text.index("  extra:")].count("\n")
    assert errors(r.stderr) == [
        f"{path}:{line}: unknown field 'odd\\u202e' in 'crosswalk'",
        f"{path}:{line + 1}: unknown field 'extra' in 'crosswalk'",
    ]


def test_a_field_name_of_free_details_is_checked_as_well(invoke: Invoke, tmp_path: Path) -> None:
    """An item's details take any name: the name, and its text, are checked like any text."""
    doc = framework("T")
    doc["items"][0]["details"] = {"odd\u202e": "x", "ok": "y\x85"}
    path = tmp_path / "ev.yaml"
    path.write_text(yaml_text(doc), encoding="utf-8")
    r = invoke("validate", "--data-dir", str(tmp_path), "--format", "csv")
    assert r.exit_code == 1
    line = yaml_text(doc)[: yaml_text(doc).index('"odd')].count("\n") + 1
    assert errors(r.stderr) == [
        f"{path}:{line}: the field name 'odd\\u202e' holds '\\u202e' at position 4: {REASON}",
        f"{path}:{line + 1}: 'ok' of the details of item 'A' holds '\\x85' at position 2: {REASON}",
    ]


def test_line_feeds_and_tabs_stay_allowed_a_carriage_return_does_not(invoke: Invoke, tmp_path: Path) -> None:
    """A text may run over lines and hold tabs (a pasted table): both are data, and a terminal only moves
    the cursor for them. The writers keep them where the format can (CSV, Markdown). A carriage return
    can write over what a line showed: refused."""
    doc = framework("Two\tcolumns", notes=[{"text": "line one\nline two\n"}])
    (tmp_path / "ev.yaml").write_text(yaml_text(doc), encoding="utf-8")
    r = invoke("items", "EV", "--data-dir", str(tmp_path), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["framework"]["title"] == "Two\tcolumns"
    doc["notes"][0]["text"] = "shown\rhidden"
    (tmp_path / "ev.yaml").write_text(yaml_text(doc), encoding="utf-8")
    r = invoke("items", "EV", "--data-dir", str(tmp_path), "--format", "json")
    assert r.exit_code == 1 and "'text' of a note holds '\\r' at position 6" in r.stderr


# --- import case -----------------------------------------------------------------------------------------

# Where the fixture's objects are, as the message names them (CFItems[1] is W.1).
ITEM = "CFItems[1] (05eb24af-5a81-580c-8a1a-07ba92e12e84)"
DOCUMENT = "CFDocument (d07992c1-639a-51f3-b078-fadf2e2aa18f)"
ASSOCIATION = "CFAssociations[8] (5a08eba9-12a0-5bb5-bfb3-d990689838a9)"
CONCEPT = "CFDefinitions.CFConcepts[0]"
PLACES: list[tuple[tuple[Any, ...], str, str]] = [  # (path in the package, as the message names it, field)
    (("CFDocument", "title"), DOCUMENT, "title"),
    (("CFItems", 1, "fullStatement"), ITEM, "fullStatement"),
    (("CFItems", 1, "humanCodingScheme"), ITEM, "humanCodingScheme"),
    (("CFDocument", "publisher"), DOCUMENT, "publisher"),
    (("CFItems", 1, "abbreviatedStatement"), ITEM, "abbreviatedStatement"),
    (("CFDocument", "version"), DOCUMENT, "version"),
    (("CFItems", 1, "conceptKeywords", 0), ITEM, "conceptKeywords"),
    (("CFAssociations", 8, "destinationNodeURI", "title"), ASSOCIATION, "destinationNodeURI.title"),
    (("CFDefinitions", "CFConcepts", 0, "description"), CONCEPT, "description"),
    (("CFItems", 1, "CFItemType"), ITEM, "CFItemType"),
    (("CFDocument", "description"), DOCUMENT, "description"),
    (("CFItems", 1, "uri"), ITEM, "uri"),
    (("CFDocument", "licenseURI", "title"), DOCUMENT, "licenseURI.title"),
]
# A carriage return is not among them: the reader makes it a line break, as CASE text may have it.
IMPORTED = [name for name in CHARS if name != "CR"]


def _put(package: dict[str, Any], at: tuple[Any, ...], char: str) -> None:
    *parent, key = at
    holder: Any = package
    for step in parent:
        holder = holder[step]
    holder[key] = holder[key][:1] + char + holder[key][1:]


@pytest.mark.parametrize("name", IMPORTED)
def test_import_refuses_each_unsafe_character(invoke: Invoke, tmp_path: Path, name: str) -> None:
    at, where, field = PLACES[IMPORTED.index(name) % len(PLACES)]
    package = json.loads((FIXTURES / "wayfinding-1.1.json").read_text(encoding="utf-8"))
    package["CFItems"][1]["notes"] = "fine"
    _put(package, at, CHARS[name])
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    out = tmp_path / "out"
    r = invoke("import", "case", str(path), str(FIXTURES / "pairings-1.1.json"), "--out", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert errors(r.stderr) == [
        f"{path}: {where}: '{field}' holds '{ESCAPED[name]}' at position 2, which is not allowed in data (a "
        "control character, bidirectional override or noncharacter): nothing was written"
    ]
    assert not out.exists()


def test_import_names_an_object_by_its_identifier_escaped(invoke: Invoke, tmp_path: Path) -> None:
    package = json.loads((FIXTURES / "wayfinding-1.1.json").read_text(encoding="utf-8"))
    package["CFItems"][0]["identifier"] = "id\x1b[2J"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    r = invoke("import", "case", str(path), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert errors(r.stderr)[0].startswith(f"{path}: CFItems[0] (id\\x1b[2J): 'identifier' holds '\\x1b' at ")


def test_import_keeps_odd_but_safe_text_and_refuses_the_rest(invoke: Invoke, tmp_path: Path) -> None:
    """Combining marks, emoji, right-to-left letters, no-break spaces, tabs and CRLF are text: imported as
    given (CRLF as a line feed), and read back the same. A right-to-left override among them is not."""
    odd = "e\u0301 \U0001f331 \u05e9\u05dc\u05d5\u05dd\u00a0tab\there\r\nnext"
    package = json.loads((FIXTURES / "wayfinding-1.1.json").read_text(encoding="utf-8"))
    path, out = tmp_path / "odd.json", tmp_path / "out"
    for text in (odd, odd + "\u202e"):
        package["CFItems"][1]["fullStatement"] = text
        path.write_text(json.dumps(package), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        r = invoke("import", "case", str(path), "--out", str(out))
        if text == odd:
            assert r.exit_code == 0, r.stderr
            r = invoke("item", "WLS:W.1", "--data-dir", str(out), "--json")
            assert r.exit_code == 0 and json.loads(r.stdout)["text"] == odd.replace("\r\n", "\n")
        else:
            assert r.exit_code == 1 and "'fullStatement' holds '\\u202e' at position 24" in r.stderr


def test_import_refuses_a_package_file_name_holding_one(invoke: Invoke, tmp_path: Path) -> None:
    """The name goes into the files written (a link's provenance): refused as itself, not as their text."""
    path = tmp_path / "pairs\x1b[2J.json"
    shutil.copyfile(FIXTURES / "pairings-1.1.json", path)
    packages = [str(FIXTURES / "wayfinding-1.1.json"), str(FIXTURES / "peer-coaching-1.0.json"), str(path)]
    r = invoke("import", "case", *packages, "--out", str(tmp_path / "out"))
    assert r.exit_code == 1 and not (tmp_path / "out").exists()
    assert errors(r.stderr) == [
        f"{tmp_path}/pairs\\x1b[2J.json: its file name holds '\\x1b' at position 6: rename it"
    ]
