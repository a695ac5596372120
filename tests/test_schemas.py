"""The JSON contract: docs/schema/<command>.json are what the generator makes from the descriptions that
write the JSON, and every command's real output meets its schema (closed: no key it does not name)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from crosswalk_cli.commands import schemas
from crosswalk_cli.formats.jsonfmt import SCHEMA_VERSION

from .conftest import ROOT, Invoke
from .maple import Maple as Crosswalk

PUBLISHED = ROOT / "docs" / "schema"


def test_published_schemas_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = schemas.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in PUBLISHED.glob("*.json"))
    for path in written:
        assert (PUBLISHED / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"docs/schema/{path.name} is stale: run python -m crosswalk_cli.commands.schemas docs/schema"
        )


@pytest.mark.parametrize("command", schemas.commands())
def test_every_schema_is_valid_and_carries_the_version(command: str) -> None:
    schema = json.loads((PUBLISHED / schemas.file_name(command)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    shapes = schema.get("oneOf", [schema])
    for shape in shapes:
        assert shape["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
        assert shape["properties"]["command"] == {"const": command}
    if command in ("standard", "competency"):  # one shape per kind
        assert [s["properties"]["kind"]["const"] for s in shapes] == ["indicator", command]
    if command == "matrix":
        assert [s["properties"]["kind"]["const"] for s in shapes] == ["maple", "links"]
    if command == "search":
        assert [s["properties"]["kind"]["const"] for s in shapes] == ["maple", "items"]
    if command == "suggest":
        assert [s["properties"]["kind"]["const"] for s in shapes] == ["item", "draft", "evaluation"]


def _commands(cw: Crosswalk) -> Iterator[list[str]]:
    for sid in [*cw.standards, *cw.standard_indicators]:
        yield ["standard", sid]
        yield ["standard", sid, "--theme", "EI"]
    for cid in [*cw.competencies, *cw.indicators]:
        yield ["competency", cid]
    for code in cw.themes:
        yield ["theme", code]
        yield ["competencies", "--theme", code]
        yield ["matrix", "--theme", code]
    for domain in cw.domains:
        yield ["competencies", "--domain", domain]
    yield from (["standards"], ["competencies"], ["themes"], ["errata"], ["validate"])
    for words in (["equity"], ["vision", "values"], ["zzzz"], ["data"], ["student", "--theme", "CI"]):
        yield ["search", *words]
    for relation in ("all", "primary", "additional"):
        yield ["matrix", "--relation", relation]
    yield ["assess", "report", "examples/principal.yaml"]
    yield ["assess", "report", "examples/principal.yaml", "examples/coach.csv"]
    yield ["frameworks"]
    for ident in ("BPS:1", "BPS:2.3", "MA:1", "MA:1b", "JFF:VVC", "JFF:VVC.3.a", "SRS.1.d"):
        yield ["item", ident]
    for framework in ("MA", "JFF", "BPS"):
        yield ["items", framework]
    yield ["suggest", "BPS:3.2", "--to", "MA"]
    yield ["suggest", "JFF:VVC.3.a", "--to", "MA", "--top", "3"]
    yield ["suggest", "BPS:1", "--to", "JFF"]
    yield ["suggest", "--from", "BPS", "--to", "MA", "--top", "2"]
    yield ["suggest", "--evaluate", "MAPLE"]
    yield ["search", "data", "--framework", "BPS"]
    yield ["errata", "--framework", "BPS"]
    yield ["matrix", "--crosswalk", "MAPLE"]
    yield ["coverage", "MAPLE"]
    yield ["search", "assess", "-F", "MA", "-F", "BPS"]


def _validators() -> dict[str, Draft202012Validator]:
    return {c: Draft202012Validator(schemas.schema(c, strict=True)) for c in schemas.commands()}


def test_every_command_output_meets_its_schema(
    invoke: Invoke, cw: Crosswalk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the example answers files
    validators = _validators()
    seen = set()
    for args in _commands(cw):
        result = invoke(*args, "--json")
        assert result.exit_code == 0, (args, result.stderr)
        data = json.loads(result.stdout)
        errors = [e.message for e in validators[data["command"]].iter_errors(data)]
        assert not errors, (args, errors[:3])
        seen.add(data["command"])
    assert seen == set(schemas.commands())


def _themes_v1(data: dict[str, Any]) -> dict[str, Any]:
    """`themes --json` as schema_version 1 first published it: numbers where lists are now."""
    return {
        **data,
        "indicators": data["counts"]["indicators"],
        "themes_incomplete": len(data["themes_incomplete"]),
    }


def test_the_schemas_refuse_what_they_should(invoke: Invoke) -> None:
    validators = _validators()
    themes = json.loads(invoke("themes", "--json").stdout)
    assert not list(validators["themes"].iter_errors(themes))
    assert list(validators["themes"].iter_errors(_themes_v1(themes)))  # the old shape is not this version's
    assert list(validators["themes"].iter_errors({**themes, "schema_version": SCHEMA_VERSION - 1}))
    one = json.loads(invoke("standard", "1b", "--json").stdout)
    one["competencies"][0]["relation"] = 3  # a relation is a name the data gives
    assert list(validators["standard"].iter_errors(one))
    whole = json.loads(invoke("standard", "1", "--json").stdout)
    assert list(validators["standard"].iter_errors({**whole, "kind": "indicator"}))  # kinds are told apart
    whole["indicators"][0]["primary"] = "3"  # a count by relation is a number
    assert list(validators["standard"].iter_errors(whole))
    del whole["indicators"][0]["id"]
    assert list(validators["standard"].iter_errors(whole))
    extra = {**json.loads(invoke("errata", "--json").stdout), "surprise": 1}
    assert list(validators["errata"].iter_errors(extra))  # strict: every key is described
    assert not list(Draft202012Validator(schemas.schema("errata")).iter_errors(extra))  # published: open
