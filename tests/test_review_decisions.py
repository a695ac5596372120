"""A review a person can finish (issue 21): one item fits an 80x24 screen, a wrong reply costs one line,
every decision is confirmed in one line, going back shows the decision, any target can be added by id
with any relation of the crosswalk, a rationale and "no match" are kept, a second reviewer is listed
beside the first, a hand edit does not block resuming, a missing folder is made."""

from __future__ import annotations

import re
from pathlib import Path

from .test_review import REVIEWER, candidates, cli, links_of, run, saved

SCREEN = (80, 24)


def screens(stdout: str) -> list[list[str]]:
    """The lines of each item shown, from its 'N of 16' line to its first prompt."""
    out: list[list[str]] = []
    for line in stdout.splitlines():
        if re.match(r"\d+ of 16  ", line):
            out.append([])
        if out and out[-1] is not None and not (out[-1] and out[-1][-1].startswith(">")):
            out[-1].append(line)
    return out


def test_one_item_fits_an_80_by_24_screen(tmp_path: Path) -> None:
    code, stdout, _ = run(tmp_path / "r.yaml", "1\nb\n" + "s\n" * 15, "--top", "5")
    assert code == 0
    shown = screens(stdout)
    print("lines per item at 80x24:", sorted({len(s) for s in shown}))
    assert len(shown) == 18  # 1, 2, back to 1, then 2 to 16
    # the item (with the confirmation line above it and its blank line) and the prompt fit 24 lines
    assert max(len(s) for s in shown) + 2 <= SCREEN[1]
    assert all(len(line) <= SCREEN[0] for line in stdout.splitlines() if not line.startswith(("Use it", "/")))


def test_a_wrong_reply_is_one_line_and_a_decision_is_confirmed_in_one(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    code, stdout, _ = run(out, "zz\n+nothing\n1=nonsense\n1\nq\n")
    assert code == 0
    answers = [line for line in stdout.splitlines() if line.startswith("> ")]
    first = candidates("1.1")[0][0]
    assert answers == [
        ">   Type 1-3, +ID, n, r, t, s, b or q (? explains each).",
        ">   MA has no item 'nothing'.",
        ">   No relation 'nonsense' here: primary, additional.",
        f">   Saved BPS:1.1: primary {first}.",
        "> ",
    ]
    assert len(re.findall(r"^1 of 16  BPS:1\.1", stdout, re.M)) == 1  # not shown again


def test_back_shows_the_decision_and_any_target_is_added_by_id(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    c11 = [c for c, _ in candidates("1.1")]
    outside = next(t for t in ("2d", "2c", "1a") if t not in c11)
    code, stdout, _ = run(out, f"2=additional +MA:{outside}=primary\nb\nq\n")
    assert code == 0
    assert f">   Saved BPS:1.1: additional {c11[1]}, primary +{outside}." in stdout
    assert f"  Decided: additional {c11[1]}, primary +{outside} ({REVIEWER})" in stdout
    x = saved(out)
    assert links_of(x) == [("1.1", c11[1], "additional"), ("1.1", outside, "primary")]
    made = [dict(e.provenance)["method"] for e in x.entries]
    assert made[0].startswith("crosswalk suggest") and made[1] == "reviewer"
    assert "score" not in dict(x.entries[1].provenance)
    # 'a ID' adds too, and a later decision replaces the earlier one
    code, stdout, _ = run(out, f"b\na {outside.upper()}\nq\n")
    assert links_of(saved(out)) == [("1.1", outside, "primary")]


def test_rationale_and_no_match_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    keys = "r Both ask for: feedback.\n1\nr\nNothing in MA is about this.\nn\nb\nr Said again\nq\n"
    code, stdout, _ = run(out, keys)
    assert code == 0
    assert ">   Rationale noted for BPS:1.1: it is saved with its decision." in stdout
    assert ">   Saved BPS:1.2: no match: no target fits, with its rationale." in stdout
    assert "  Decided: no match: no target fits" in stdout
    assert ">   Saved the rationale of BPS:1.2's decision." in stdout
    x = saved(out)
    assert [(e.source, e.no_match, dict(e.provenance).get("rationale")) for e in x.entries] == [
        ("1.1", False, "Both ask for: feedback."),
        ("1.2", True, "Said again"),
    ]
    # a rationale with a control character is refused in one line, nothing saved
    code, stdout, _ = run(out, "b\nr bad\x1b[2Jtext\nq\n")
    assert "No rationale kept: '\\x1b' at position" in stdout
    assert dict(saved(out).entries[1].provenance)["rationale"] == "Said again"


def test_a_second_reviewer_is_listed_and_overwrites_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    run(out, "1\nq\n")
    code, _, _ = run(out, "n\nq\n", reviewer="B. Second")
    assert code == 0
    x = saved(out)
    assert x.header.publisher == REVIEWER and x.reviewers == (REVIEWER, "B. Second")
    assert [dict(e.provenance)["reviewed_by"] for e in x.entries] == [REVIEWER, "B. Second"]


def test_a_hand_edit_that_keeps_the_format_does_not_block_resuming(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    run(out, "1\nq\n")
    text = out.read_text(encoding="utf-8")
    hand = "- source: '1.2'\n  target: 2d\n  relation: additional\n  note: agreed in committee\n"
    made = "  provenance: {method: committee, reviewed_by: C. Chair}\n"
    text = text.replace("license: not stated", "license: CC BY 4.0")
    # a link added by hand says how it was made: without that it would read as published, and is refused
    out.write_text(text.replace("reviewed:\n- '1.1'\n", hand + "reviewed:\n- '1.1'\n- '1.2'\n"), "utf-8")
    code, stdout, stderr = run(out, "n\nq\n")
    assert code == 1 and stdout == ""
    assert "link 2 ('1.2'): the crosswalk's status is 'draft', so no source publishes its links" in stderr
    text = text.replace("reviewed:\n- '1.1'\n", hand + made + "reviewed:\n- '1.1'\n- '1.2'\n")
    out.write_text(text, encoding="utf-8")
    code, stdout, stderr = run(out, "n\nq\n")
    assert (code, stderr) == (0, "")
    assert "2 of 16 items decided" in " ".join(stdout.split())
    x = saved(out)
    assert x.header.license == "CC BY 4.0"
    assert [(e.source, e.note, e.no_match) for e in x.entries] == [
        ("1.1", None, False), ("1.2", "agreed in committee", False), ("1.3", None, True),
    ]  # fmt: skip
    assert ("1.2", "2d", "additional") in links_of(x)


def test_a_missing_folder_is_made_and_said(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "r.yaml"
    code, stdout, stderr = run(out, "1\nq\n")
    assert (code, stderr) == (0, "")
    assert " ".join(stdout.split()).startswith(f"Made the folder {out.parent} for r.yaml. ")
    assert saved(out).reviewed == ("1.1",)
    # a folder that cannot be made (a file stands in its place) is one line
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, stdout, stderr = run(tmp_path / "file" / "sub" / "r.yaml", "1\n")
    assert code == 1 and stdout == ""
    [line] = stderr.splitlines()
    assert line.startswith("crosswalk: error: ") and "cannot make this folder" in line


def test_t_shows_the_full_texts(tmp_path: Path) -> None:
    code, stdout, _ = run(tmp_path / "r.yaml", "t\nq\n")
    assert code == 0
    _, full, _ = cli(["item", f"MA:{candidates('1.1')[0][0]}", "--json"])
    import json

    text = json.loads(full)["text"]
    assert text.split()[-1] in stdout.split("> ", 1)[1]  # its last word, cut on the item's screen


OLD = """\
crosswalk:
  id: BPS-MA
  title: BPS to MA, drafted by crosswalk suggest and reviewed
  publisher: A. Reviewer
  license: not stated
  from: BPS
  to: MA
  relations: [primary, additional]
  status: reviewed
  reviewed_by: A. Reviewer
links:
- source: '1.1'
  primary: 4b
  provenance: {method: crosswalk suggest 0.1.0, score: '0.475', reviewed_by: A. Reviewer,
    reviewed_on: '2026-01-02'}
reviewed: ['1.1', '1.2']
"""


def test_a_file_of_the_older_form_is_resumed(tmp_path: Path) -> None:
    """A review file written before decisions were timed (reviewed_on, one reviewed_by in the header, a
    rejection listed only in reviewed) resumes: its reviewer becomes the first of the list."""
    out = tmp_path / "old.yaml"
    out.write_text(OLD, encoding="utf-8")
    code, stdout, stderr = run(out, "b\nq\n", reviewer="B. Second")
    assert (code, stderr) == (0, "")
    assert "  Decided: none of the suggestions (no link)" in stdout  # 1.2, back from 1.3
    code, _, _ = run(out, "n\nq\n", reviewer="B. Second")
    x = saved(out)
    assert x.reviewers == (REVIEWER, "B. Second") and "reviewed_by" not in x.header.extra
    assert dict(x.entries[0].provenance)["reviewed_on"] == "2026-01-02"  # kept as written
    assert x.reviewed == ("1.1", "1.2", "1.3") and x.entries[-1].no_match


def test_an_approved_file_changed_by_a_decision_is_no_longer_approved(tmp_path: Path) -> None:
    out = tmp_path / "old.yaml"
    out.write_text(
        OLD.replace("status: reviewed\n", "status: approved\n  approved_by: The Committee\n"),
        encoding="utf-8",
    )
    assert saved(out).header.extra["approved_by"] == "The Committee"
    code, _, _ = run(out, "n\nq\n")
    assert code == 0
    extra = saved(out).header.extra
    assert extra["status"] == "draft" and "approved_by" not in extra  # 3 of 16 decided


def test_a_second_file_of_the_same_crosswalk_in_the_data_directory_is_refused(tmp_path: Path) -> None:
    """Two review files of one crosswalk in a data directory would make every command there fail; the
    second review is refused before it asks or writes anything, and says which file to resume."""
    data = tmp_path / "data"
    data.mkdir()
    code, _, stderr = run(data / "first.yaml", "1\nq\n", "--data-dir", str(data))
    assert (code, stderr) == (0, "")
    code, stdout, stderr = run(data / "second.yaml", "1\nq\n", "--data-dir", str(data))
    assert code == 2 and stdout == "" and not (data / "second.yaml").exists()
    assert "already holds crosswalk BPS-MA in first.yaml: resume it with --out" in stderr
    code, stdout, _ = run(data / "first.yaml", "q\n", "--data-dir", str(data))  # the same file resumes
    assert code == 0 and "Resuming" in stdout


def test_a_rationale_no_decision_follows_is_said_to_be_lost(tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    code, stdout, _ = run(out, "r because\ns\nr again\nq\n")
    assert code == 0
    assert " ".join(stdout.split()).count("The rationale was not saved: no decision followed it.") == 2
    assert "because" not in out.read_text(encoding="utf-8")
