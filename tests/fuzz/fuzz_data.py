"""Mutate the data files at random and see whether `validate` lets a changed answer through.

    python tests/fuzz/fuzz_data.py --n 5000 [--seed 9] [--data-dir DIR] [--show 5]

Each mutation edits one of the three YAML files (or, now and then, one's seal) in a scratch copy of the
data directory. It is then judged twice, the way `crosswalk validate` judges data:

- YAML alone: the files with their `seal:` lines removed (a data directory of the user's own);
- sealed: the files as shipped, each with its seal (a digest of everything the file says).

A mutation that passes is compared with the original by two fingerprints: its *links* (every id, every
alignment's competency, primary, additional standards, printed label and errata, every indicator's
themes and theme flags, the order of all of them) and its *texts* (everything else: names, statements,
notes). "Passed, changed links" is the failure that matters; a mutation that changes nothing (a
comment, a blank, quoting) may pass. The test suite runs a few hundred of these (tests/test_fuzz_data.py);
this script runs a longer campaign and prints its figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

FILES = ("standards.yaml", "competencies.yaml", "alignments.yaml")
SEAL = re.compile(r"^seal: .*$", re.MULTILINE)
ID = re.compile(r"(?<![\w.])(?:[A-Z]{2,4}\.\d\.[a-z]|[1-4][a-f]|[A-Z]{2})(?![\w.])")
THEME = re.compile(r"\b(EI|RT|CI|CM|LC|CA)\b")
FLOW_LIST = re.compile(r"\[([^\[\]\n]*)\]")

# --- Fingerprints ------------------------------------------------------------------------------


def links(data: Any) -> Any:
    """Every id and link, in order: what a lookup's answer is made of, apart from free text: each
    framework's items (code, place, label, tags and their flags, how many parts) and each crosswalk's
    entries (source, targets and relations, printed label, errata)."""
    frameworks = tuple(
        (
            f.id,
            tuple(lv.name for lv in f.levels),
            tuple(t.code for t in f.tags),
            tuple(
                (i.code, i.parent, i.depth, i.label, i.tags, i.tags_recovered, i.tags_incomplete,
                 i.recovered_by,
                 len(i.parts))
                for i in f.items
            ),
        )
        for f in data.frameworks
    )  # fmt: skip
    crosswalks = tuple(
        (
            x.id,
            x.source,
            x.target,
            tuple(r.name for r in x.relations),
            tuple(
                (e.seq, e.source, tuple((k.target, k.relation) for k in e.links), e.printed_label,
                 tuple((r.kind, r.printed, r.resolved) for r in e.errata))
                for e in x.entries
            ),
        )
        for x in data.crosswalks
    )  # fmt: skip
    return frameworks, crosswalks


def everything(data: Any) -> Any:
    """All the data holds, texts included (where each file was read from is left out)."""
    from crosswalk_cli.model import plain

    return plain(data.frameworks), plain(data.crosswalks)


# --- Mutations -----------------------------------------------------------------------------------


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every list item block: a '- ' line and the lines indented under it."""
    found = []
    for n, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if not stripped.startswith("- "):
            continue
        indent = len(line) - len(stripped)
        end = n + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent
        ):
            end += 1
        found.append((n, end))
    return found


def _keyed(lines: list[str], key: str | None = None) -> list[int]:
    pattern = re.compile(rf"^\s*(- )?{re.escape(key) if key else r'[a-z_]+'}: \S")
    return [n for n, line in enumerate(lines) if pattern.match(line) and not line.lstrip().startswith("#")]


Mutation = Callable[[random.Random, list[str], list[str]], list[str] | None]


def delete_line(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    n = rng.randrange(len(lines))
    return lines[:n] + lines[n + 1 :]


def delete_entry(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    start, end = rng.choice(_blocks(lines))
    return lines[:start] + lines[end:]


def duplicate_entry(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    start, end = rng.choice(_blocks(lines))
    return lines[:end] + lines[start:end] + lines[end:]


def swap_entries(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    blocks = _blocks(lines)
    n = rng.randrange(len(blocks) - 1)
    (a, b), (c, d) = blocks[n], blocks[n + 1]
    if b != c:
        return None  # not siblings
    return lines[:a] + lines[c:d] + lines[a:b] + lines[d:]


def swap_values(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    key = rng.choice(["primary", "source", "code", "tags", "additional", "label", "resolved", "title"])
    found = _keyed(lines, key)
    if len(found) < 2:
        return None
    a, b = rng.sample(found, 2)
    out = list(lines)
    head_a, _, value_a = lines[a].partition(f"{key}: ")
    head_b, _, value_b = lines[b].partition(f"{key}: ")
    out[a], out[b] = head_a + f"{key}: " + value_b, head_b + f"{key}: " + value_a
    return out


def change_id(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    """Replace one id with another real id of the same shape: the mutation a typo would make."""
    spots = [
        (n, m) for n, line in enumerate(lines) if not line.lstrip().startswith("#") for m in ID.finditer(line)
    ]
    n, m = rng.choice(spots)
    same = [v for v in vocab if len(v) == len(m.group()) and v[:1].isdigit() == m.group()[:1].isdigit()]
    new = rng.choice(same)
    return [*lines[:n], lines[n][: m.start()] + new + lines[n][m.end() :], *lines[n + 1 :]]


def change_letter(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [
        (n, m) for n, line in enumerate(lines) if not line.lstrip().startswith("#") for m in ID.finditer(line)
    ]
    n, m = rng.choice(spots)
    letter = rng.choice("abcdefghijz")
    new = m.group()[:-1] + letter
    return [*lines[:n], lines[n][: m.start()] + new + lines[n][m.end() :], *lines[n + 1 :]]


def change_theme(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [(n, m) for n in _keyed(lines, "tags") for m in THEME.finditer(lines[n])]
    if not spots:
        return None
    n, m = rng.choice(spots)
    new = rng.choice([t for t in ("EI", "RT", "CI", "CM", "LC", "CA") if t != m.group()])
    return [*lines[:n], lines[n][: m.start()] + new + lines[n][m.end() :], *lines[n + 1 :]]


def drop_list_item(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [(n, m) for n, line in enumerate(lines) for m in FLOW_LIST.finditer(line) if m.group(1).strip()]
    if not spots:
        return None
    n, m = rng.choice(spots)
    items = [i.strip() for i in m.group(1).split(",")]
    items.pop(rng.randrange(len(items)))
    return [
        *lines[:n],
        lines[n][: m.start()] + "[" + ", ".join(items) + "]" + lines[n][m.end() :],
        *lines[n + 1 :],
    ]


def add_list_item(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [(n, m) for n, line in enumerate(lines) for m in FLOW_LIST.finditer(line)]
    if not spots:
        return None
    n, m = rng.choice(spots)
    items = [i.strip() for i in m.group(1).split(",") if i.strip()]
    sample = items[0] if items else "1a"
    same = [v for v in vocab if len(v) == len(sample) and v not in items] or vocab
    items.insert(rng.randrange(len(items) + 1), rng.choice(same))
    return [
        *lines[:n],
        lines[n][: m.start()] + "[" + ", ".join(items) + "]" + lines[n][m.end() :],
        *lines[n + 1 :],
    ]


def truncate(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    return lines[: rng.randrange(1, len(lines))]


def flip_flag(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [n for n, line in enumerate(lines) if line.rstrip().endswith((": true", ": false"))]
    if not spots:
        return None
    n = rng.choice(spots)
    line = lines[n]
    flipped = (
        line.replace(": true", ": false")
        if line.rstrip().endswith("true")
        else line.replace(": false", ": true")
    )
    return [*lines[:n], flipped, *lines[n + 1 :]]


def change_number(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    spots = [(n, m) for n, line in enumerate(lines) for m in re.finditer(r": (\d+)$", line)]
    if not spots:
        return None
    n, m = rng.choice(spots)
    new = str(int(m.group(1)) + rng.choice([-2, -1, 1, 2]))
    return [*lines[:n], lines[n][: m.start(1)] + new, *lines[n + 1 :]]


def edit_text(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    """Change one letter inside a text value: a free-text change, not a link."""
    spots = [
        n for n in _keyed(lines, None) if re.search(r"(text|name|heading|note|title): [A-Za-z]", lines[n])
    ]
    n = rng.choice(spots)
    line = lines[n]
    col = rng.randrange(line.index(": ") + 3, len(line))
    if not line[col].isalpha():
        return None
    return [*lines[:n], line[:col] + ("x" if line[col] != "x" else "y") + line[col + 1 :], *lines[n + 1 :]]


def neutral(rng: random.Random, lines: list[str], vocab: list[str]) -> list[str] | None:
    """A comment, a blank line or trailing spaces: changes no answer."""
    n = rng.randrange(len(lines) + 1)
    extra = rng.choice(["# a comment", "", "   "])
    return [*lines[:n], extra, *lines[n:]]


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        delete_line, delete_entry, duplicate_entry, swap_entries, swap_values, change_id, change_letter,
        change_theme, drop_list_item, add_list_item, truncate, flip_flag, change_number, edit_text, neutral,
    )
}  # fmt: skip


def mutate_seal(rng: random.Random, text: str) -> str:
    """Change one character of the file's seal, as a hand edit would."""
    m = SEAL.search(text)
    assert m is not None
    spots = [i for i in range(m.start() + len("seal: "), m.end()) if text[i].isalnum()]
    i = rng.choice(spots)
    return text[:i] + ("1" if text[i] != "1" else "2") + text[i + 1 :]


# --- The campaign ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    kind: str
    file: str
    yaml_alone: str  # rejected / passed-same / passed-text / passed-links / crash
    sealed: str
    detail: str = ""


def _judge(base_links: Any, base_all: Any, cw: Any) -> str:
    if links(cw) != base_links:
        return "passed-links"
    if everything(cw) != base_all:
        return "passed-text"
    return "passed-same"


def run(
    n: int,
    seed: int,
    data_dir: Path,
    *,
    kinds: list[str] | None = None,
    files: tuple[str, ...] | None = None,
    seal_edits: float = 0.04,
    scratch: Path | None = None,
) -> list[Outcome]:
    """Try ``n`` mutations (of ``kinds``, on ``files``, and that share of seal edits) in ``scratch``."""
    from crosswalk_cli import loader

    base = _load(loader, data_dir)
    base_links, base_all = links(base), everything(base)
    originals = {p.name: p.read_text(encoding="utf-8") for p in sorted(data_dir.glob("*.yaml"))}
    files = files or tuple(name for name in originals if name != "self_assessment.yaml")  # every data file
    sealed = [name for name in files if SEAL.search(originals[name])]
    vocab = sorted({m.group() for text in originals.values() for m in ID.finditer(text)})
    rng = random.Random(seed)
    kinds = kinds or list(MUTATIONS)
    outcomes: list[Outcome] = []
    root = Path(tempfile.mkdtemp(prefix="crosswalk-fuzz-", dir=scratch))
    try:
        for number in range(n):
            work = root / str(number)
            work.mkdir()
            texts = dict(originals)
            if sealed and rng.random() < seal_edits:
                name = rng.choice(sealed)
                texts[name] = mutate_seal(rng, texts[name])
                outcome = _outcome(loader, work, "edit_seal", name, texts, base_links, base_all)
            elif mutated := _mutation(rng, kinds, files, originals, vocab):
                kind, name, texts[name] = mutated
                outcome = _outcome(loader, work, kind, name, texts, base_links, base_all)
            else:
                shutil.rmtree(work)
                continue
            outcomes.append(outcome)
            shutil.rmtree(work)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return outcomes


def _mutation(
    rng: random.Random, kinds: list[str], files: tuple[str, ...], originals: dict[str, str], vocab: list[str]
) -> tuple[str, str, str] | None:
    """(kind, file, new text) of one mutation that changes the file, or None if none was found."""
    kind = rng.choice(kinds)
    name = rng.choice(files)
    lines = originals[name].split("\n")
    for _ in range(20):
        try:
            mutated = MUTATIONS[kind](rng, lines, vocab)
        except IndexError:  # nothing of that kind to mutate in this file (no ids of that shape, say)
            return None
        if mutated is not None and mutated != lines:
            return kind, name, "\n".join(mutated)
    return None


def _load(loader: Any, path: Path) -> Any:
    """Everything the data directory holds, read alone (not beside the packaged data)."""
    from crosswalk_cli.datadir import Sources

    return loader.load_all(Sources(path, packaged=False))


def _verdict(loader: Any, work: Path, texts: dict[str, str], base_links: Any, base_all: Any) -> str:
    for name, text in texts.items():
        (work / name).write_text(text, encoding="utf-8")
    try:
        cw = _load(loader, work)
    except loader.DataError:
        return "rejected"
    except Exception as exc:  # a crash is a finding, not the end of the campaign
        return f"crash ({type(exc).__name__}: {exc})"
    return _judge(base_links, base_all, cw)


def _outcome(
    loader: Any, work: Path, kind: str, name: str, texts: dict[str, str], base_links: Any, base_all: Any
) -> Outcome:
    """Judge the mutated files as shipped (sealed) and without their seals (YAML alone)."""
    sealed = _verdict(loader, work, texts, base_links, base_all)
    unsealed = {n: SEAL.sub("", t) for n, t in texts.items()}
    alone = "-" if kind == "edit_seal" else _verdict(loader, work, unsealed, base_links, base_all)
    crash = next((v for v in (sealed, alone) if v.startswith("crash")), "")
    alone_verdict = alone[:5] if crash == alone else alone
    return Outcome(kind, name, alone_verdict, sealed[:5] if crash == sealed else sealed, crash)


_SEVERITY = ["rejected", "passed-same", "passed-text", "passed-links"]


def summary(outcomes: list[Outcome]) -> str:
    kinds = sorted({o.kind for o in outcomes})
    cols = ["rejected", "passed-same", "passed-text", "passed-links", "crash"]
    out = []
    for label, attr in (
        ("YAML alone (seals removed)", "yaml_alone"),
        ("sealed, as shipped", "sealed"),
    ):
        rows = [o for o in outcomes if getattr(o, attr) != "-"]
        out.append(f"{label}: {len(rows)} mutations")
        extra = sorted({getattr(o, attr) for o in rows} - set(cols))
        header = ["mutation", *cols, *extra]
        out.append("  " + " ".join(f"{h:>15}" for h in header))
        for kind in kinds:
            counts = Counter(getattr(o, attr) for o in rows if o.kind == kind)
            if counts:
                out.append(
                    "  " + " ".join(f"{x:>15}" for x in [kind, *(str(counts[c]) for c in cols + extra)])
                )
        total = Counter(getattr(o, attr) for o in rows)
        out.append("  " + " ".join(f"{x:>15}" for x in ["total", *(str(total[c]) for c in cols + extra)]))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="mutations to try")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--data-dir", type=Path, default=None, help="the data to mutate [packaged data]")
    parser.add_argument("--show", type=int, default=5, help="examples of each finding to print")
    args = parser.parse_args(argv)
    from crosswalk_cli.datadir import default_data_dir

    data_dir = args.data_dir or default_data_dir()
    outcomes = run(args.n, args.seed, data_dir)
    print(f"data: {data_dir}; seed {args.seed}; {len(outcomes)} mutations tried")
    print(summary(outcomes))
    bad = [o for o in outcomes if o.sealed not in ("rejected", "passed-same") or o.yaml_alone == "crash"]
    for o in bad[: args.show]:
        print(f"  {o.kind} on {o.file}: YAML alone {o.yaml_alone}, sealed {o.sealed} {o.detail}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
