"""A view's table as a picture to open anywhere: SVG or HTML that loads nothing from the network, has a
<title>, and keeps every text at WCAG AA contrast (4.5:1) against its background.

rich draws the table; our templates replace rich's, which fetch a web font from a CDN and carry no
<title>; our theme's colours are all dark enough on white, and "dim" text (which rich blends to 4:1)
is drawn in a muted grey instead.
"""

from __future__ import annotations

import html
import io
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .shape import View

BACKGROUND = (255, 255, 255)
FOREGROUND = (26, 26, 26)  # 17:1 on white
MUTED = "#595959"  # 7:1 on white, 5.7:1 on the palest shade
# The eight terminal colours, each at least 6:1 on white: black, red, green, yellow, blue, magenta,
# cyan, and "white" (drawn dark grey: white text on a white page would vanish).
PALETTE = [
    (0, 0, 0),
    (176, 0, 32),
    (0, 110, 0),
    (120, 90, 0),
    (0, 70, 170),
    (140, 0, 140),
    (0, 105, 120),
    (80, 80, 80),
]
FONTS = "Menlo, 'DejaVu Sans Mono', Consolas, 'Liberation Mono', 'Courier New', monospace"

# str.format templates (rich fills the {fields}); no @font-face, no url() but local #ids.
SVG_FORMAT = """\
<svg viewBox="0 0 {{width}} {{height}}" xmlns="http://www.w3.org/2000/svg" role="img" \
aria-labelledby="{{unique_id}}-title">
<title id="{{unique_id}}-title">{title}</title>
<style>
.{{unique_id}}-matrix {{{{
    font-family: {fonts};
    font-size: {{char_height}}px;
    line-height: {{line_height}}px;
    font-variant-east-asian: full-width;
}}}}
{{styles}}
</style>
<defs>
<clipPath id="{{unique_id}}-clip-terminal">
  <rect x="0" y="0" width="{{terminal_width}}" height="{{terminal_height}}" />
</clipPath>
{{lines}}
</defs>
<rect x="0" y="0" width="100%" height="100%" fill="{background}" />
<g transform="translate({{terminal_x}}, {{terminal_y}})" clip-path="url(#{{unique_id}}-clip-terminal)">
{{backgrounds}}
<g class="{{unique_id}}-matrix">
{{matrix}}
</g>
</g>
</svg>
"""

HTML_FORMAT = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{
    color: {{foreground}};
    background-color: {{background}};
}}}}
pre {{{{
    font-family: {fonts};
}}}}
</style>
</head>
<body>
<pre><code style="font-family:inherit">{{code}}</code></pre>
</body>
</html>
"""


def _template(form: str, title: str, background: str) -> str:
    """Fill our own fields into a template, leaving rich's {fields} for rich. The title's control characters
    are escaped visibly, as the table's text is (table.draw): raw, they are no XML, and act on a terminal."""
    from ..text.safe import escape_controls

    safe = html.escape(escape_controls(title)).replace("{", "{{").replace("}", "}}")
    return form.format(title=safe, fonts=FONTS, background=background)


def picture(view: View, kind: str, width: int = 100) -> str:
    """The view's table as SVG (``kind="svg"``) or HTML, in colour."""
    from rich.console import Console
    from rich.terminal_theme import TerminalTheme

    from .table import draw

    theme = TerminalTheme(BACKGROUND, FOREGROUND, PALETTE, PALETTE)
    con = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        highlight=False,
        emoji=False,
        force_terminal=True,
        color_system="truecolor",
    )
    draw(view, io.StringIO(), con, muted=MUTED)
    background = "#{:02x}{:02x}{:02x}".format(*BACKGROUND)
    if kind == "svg":
        return str(con.export_svg(theme=theme, code_format=_template(SVG_FORMAT, view.title, background)))
    return str(
        con.export_html(
            theme=theme, inline_styles=True, code_format=_template(HTML_FORMAT, view.title, background)
        )
    )


def write_svg(view: View, out: IO[str]) -> None:
    out.write(picture(view, "svg"))


def write_html(view: View, out: IO[str]) -> None:
    out.write(picture(view, "html"))
