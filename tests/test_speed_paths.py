"""What the fast paths (issue 20, "Speed") must still do: each shortcut taken for time keeps the answer."""

from __future__ import annotations

import json

import pytest

# The unsafe-character patterns match the astral range U+1FFFE..U+10FFFF as one (a class of its 32
# noncharacters one by one made every JSON page's check 2 ms): only the noncharacters in it are unsafe.
ASTRAL = [
    ("\U0001fffe", True),
    ("\U0002ffff", True),
    ("\U0010ffff", True),
    ("\U00020000", False),  # CJK Extension B
    ("\U0010fffd", False),  # private use
    ("\U0001f600", False),  # an emoji, below the range
]


@pytest.mark.parametrize(
    ("char", "unsafe"), ASTRAL, ids=lambda c: f"U+{ord(c):X}" if isinstance(c, str) else ""
)
def test_astral_noncharacters_alone_are_escaped(char: str, unsafe: bool) -> None:
    from crosswalk_cli.text.safe import escape_controls, escape_text, first_unsafe, json_safe

    text = f"a{char}b"
    shown = f"a\\U{ord(char):08x}b"
    assert escape_controls(text) == (shown if unsafe else text)
    assert escape_text(text) == (shown if unsafe else text)
    assert (first_unsafe(text) is not None) is unsafe
    assert first_unsafe(f"{char}\x1b") == (
        f"'\\U{ord(char):08x}' at position 1" if unsafe else "'\\x1b' at position 2"
    )
    assert (json_safe(json.dumps(text, ensure_ascii=False)) == json.dumps(text)) is unsafe
    assert json.loads(json_safe(json.dumps(text, ensure_ascii=False))) == text
