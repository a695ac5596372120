"""The self-assessment twice: a printable page (boxes to tick, lines to write on), and a form filled in in
the browser that saves an answers file ``crosswalk assess report`` reads (YAML: respondent, date, and
each statement's item code with its rating code, as ``assess take`` writes it). Saving needs JavaScript
and no server; without JavaScript the form says so, and the printable page still works."""

from __future__ import annotations

import json

from ..assess.assessment import SelfAssessment, Statement
from .html import esc, link, page, paragraphs
from .paths import Doc, Site

PRINT, FORM = "assess/index.html", "assess/form.html"


def _groups(survey: SelfAssessment) -> list[tuple[str, str, list[Statement]]]:
    """(heading, introduction, statements) in survey order."""
    heads = {g.item: g for g in survey.groups}
    out: list[tuple[str, str, list[Statement]]] = []
    for s in survey.statements:
        g = heads.get(s.group)
        key = g.heading if g else ""
        if not out or out[-1][0] != key:
            out.append((key, g.introduction if g else "", []))
        out[-1][2].append(s)
    return out


def _intro(survey: SelfAssessment) -> str:
    return (
        f"<h1>{esc(survey.title)}</h1>{paragraphs(survey.introduction)}"
        f"<h2>Instructions</h2>{paragraphs(survey.instructions)}"
    )


def _questions(survey: SelfAssessment, lines: bool) -> str:
    if not survey.questions:
        return ""
    rule = "<div class=lines></div>" if lines else ""
    qs = "".join(f"<li>{esc(q)}{rule}</li>" for q in survey.questions)
    return f"<h2>Discussion</h2>{paragraphs(survey.discussion)}<ol>{qs}</ol>"


def print_page(site: Site, survey: SelfAssessment) -> None:
    here = PRINT
    heads = "".join(f"<th scope=col>{esc(r.display)}</th>" for r in survey.ratings)
    body = [_intro(survey)]
    body.append(f"<p>{link(here, FORM, 'Fill it in here instead')}, and save your answers as a file.</p>")
    for heading, intro, statements in _groups(survey):
        if heading:
            body.append(f"<h2>{esc(heading)}</h2>{paragraphs(intro)}")
        rows = "".join(
            f"<tr><th scope=row>{s.number}. {esc(survey.prompt)} {esc(s.text)}</th>"
            + "".join(
                f"<td><span class=box aria-hidden=true>☐</span><span class=sr>{esc(r.label)}</span></td>"
                for r in survey.ratings
            )
            + "</tr>"
            for s in statements
        )
        caption = esc(heading or survey.title)
        body.append(
            f"<table class=survey><caption>{caption}</caption><thead><tr><th scope=col>Statement</th>{heads}"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    body.append(_questions(survey, True))
    body.append(f"<p class=source>Source: {esc(survey.source)}</p>")
    crumbs = [("index.html", "Home")]
    site.files[here] = page(here, survey.title, "".join(body), crumbs=crumbs, canonical=site.canonical(here))
    site.docs.append(Doc(here, survey.title, "self-assessment", survey.introduction))


def form_page(site: Site, survey: SelfAssessment) -> None:
    here = FORM
    body = [_intro(survey)]
    body.append(
        "<noscript><p class=warning>Saving the answers file needs JavaScript, which is off: "
        f"{link(here, PRINT, 'print the survey')} instead.</p></noscript>"
    )
    body.append(
        "<form id=assess-form><p><label for=respondent>Your name or role (optional)</label> "
        "<input id=respondent name=respondent autocomplete=off></p>"
        "<p><label for=date>Date (optional)</label> <input id=date name=date type=date></p>"
    )
    for heading, intro, statements in _groups(survey):
        if heading:
            body.append(f"<h2>{esc(heading)}</h2>{paragraphs(intro)}")
        for s in statements:
            choices = "".join(
                f'<label><input type=radio name="s{s.number}" value="{esc(r.code)}" '
                f'data-item="{esc(s.item)}"> {esc(r.display)}</label>'
                for r in survey.ratings
            )
            body.append(
                f"<fieldset><legend>{s.number}. {esc(survey.prompt)} {esc(s.text)}</legend>"
                f"{choices}</fieldset>"
            )
    meta = {
        "title": survey.title,
        "ratings": [r.code for r in survey.ratings],
        "order": [s.item for s in survey.statements],
    }
    body.append(
        "<p><button type=submit id=save>Save answers file</button> "
        "<span id=saved role=status aria-live=polite></span></p></form>"
        f"<script type=application/json id=survey-meta>{_json(meta)}</script>"
        "<p>Then give the file to <code>crosswalk assess report FILE...</code>, one file per person.</p>"
    )
    body.append(_questions(survey, False))
    crumbs = [("index.html", "Home"), (PRINT, "Self-assessment")]
    site.files[here] = page(
        here,
        f"{survey.title}: fill in",
        "".join(body),
        crumbs=crumbs,
        scripts=["assess.js"],
        canonical=site.canonical(here),
    )


def _json(value: object) -> str:
    """JSON safe inside a script element: no ``<``, ``>`` or ``&`` appears raw."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def no_survey(site: Site) -> None:
    """The page the navigation points at when the data has no self-assessment."""
    body = (
        "<h1>Self-assessment</h1><p>This data has no self-assessment survey "
        "(a <code>self_assessment.yaml</code> beside its frameworks).</p>"
    )
    site.files[PRINT] = page(PRINT, "Self-assessment", body, crumbs=[("index.html", "Home")])
