"""Replies `suggest --review` reads at the keyboard that look like numbers and are not: superscripts,
circled digits, a number of thousands of digits. str.isdigit() took them and int() raised (a
traceback); they are now unknown replies, asked again. Decimal digits of any script are choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_review import candidates, links_of, run, saved


@pytest.mark.parametrize("reply", ["²", "①", "9" * 5000, "1 ²", "⁴", "Ⅷ", "1e3", "0x1", "-1", "1_0", "+zz"])
def test_a_reply_that_is_no_choice_number_is_asked_again(tmp_path: Path, reply: str) -> None:
    out = tmp_path / "bps-ma.yaml"
    code, stdout, stderr = run(out, f"{reply}\nq\n")
    assert (code, stderr) == (0, "")
    [said] = [line for line in stdout.splitlines() if line.startswith("> ")][:1]
    assert said in (">   Type 1-3, +ID, n, r, t, s, b or q (? explains each).", ">   MA has no item 'zz'.")
    assert saved(out).reviewed == ()


@pytest.mark.parametrize("reply", ["٢", "２", "२", "2"])
def test_decimal_digits_of_any_script_choose(tmp_path: Path, reply: str) -> None:
    out = tmp_path / "bps-ma.yaml"
    code, _, stderr = run(out, f"{reply}\nq\n")
    assert (code, stderr) == (0, "")
    assert links_of(saved(out)) == [("1.1", candidates("1.1")[1][0], "primary")]
