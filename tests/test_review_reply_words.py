"""A review's replies, read as typed: a wrong id is shown as the reviewer wrote it, '+' alone and '1='
say what is missing, and case does not matter where an id or a relation is matched."""

from __future__ import annotations

import pytest

from crosswalk_cli.suggest.replies import read

TARGETS = {"1a": "1a", "2d": "2d", "iv.b": "IV.B"}
RELATIONS = ("primary", "additional")


def _read(reply: str):  # type: ignore[no-untyped-def]
    return read(reply, ["1a", "IV.B"], RELATIONS, TARGETS, "MA")


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        ("+ZZ9", "MA has no item 'ZZ9'"),
        ("+JFF:VVC.1.a", "MA has no item 'JFF:VVC.1.a'"),
        ("+", "say which target to add: +ID (or a ID)"),
        ("1=", "name a relation after '=': primary, additional"),
        ("1=Weak", "no relation 'Weak' here: primary, additional"),
    ],
)
def test_a_wrong_reply_says_what_was_typed(reply: str, said: str) -> None:
    action = _read(reply)
    assert (action.kind, action.text) == ("wrong", said)


def test_case_does_not_matter_where_ids_and_relations_are_matched() -> None:
    action = _read("+MA:2D=ADD +iv.b")
    assert action.kind == "accept"
    assert [(p.target, p.relation) for p in action.picks] == [("2d", "additional"), ("IV.B", "additional")]
