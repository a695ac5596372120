"""Damage, swap and outdate the compiled store at random, and see whether a lookup ever answers from it.

    python tests/fuzz/fuzz_store.py --n 300 [--seed 1] [--show 5]

Each trial makes a scratch world: the packaged data without seals, a second version of it whose
standards.yaml differs by a same-size edit and whose files carry the first one's times (what ``cp -p``,
``rsync -a`` and builds with fixed times give), a data directory, a symbolic link to one version, two
folders that each hold a ``data`` of their own, and a cache. A random series of actions follows, each
followed by lookups of the data through one of its names (the directory, the link, ``data`` from either
folder). The actions: edit a file and put its time back (``touch -r``), to other text or to something
the checks refuse; move the directory away and copy a version in its place; point the link, or a
symbolic link standing for standards.yaml, at the other version; flip bits in, zero, overwrite or cut
the stores' pages; swap two stores (with or without their records); damage a record; put a folder at a
store's name; leave temporary files as a killed build would; copy a store under a new inode.

Each lookup is judged against a fresh build of the files then there (the same command, run the same way,
with an empty cache): it must print exactly that, or fail with one stderr line (no traceback) and exit 1
or 2. At the end of each trial every store is removed and one more lookup rebuilds: no temporary file
left by a "killed build" may survive it. Lookups run in this process (``entry.run``), so whichever
crosswalk this Python imports is the one tried: run it with another checkout's Python to compare.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

QUERIES = (
    ("standard", "1b", "--json"),
    ("standard", "1a", "--json"),
    ("competency", "VVC.3.a", "--json"),
    ("search", "instruction", "--json"),
    ("standards", "--json"),
)
NAME = "    title: Instruction\n"
EDITS = ("    title: Instructiox\n", "    title: Constructio\n", "    title: InstructioN\n")
BREAK = ("    label: I-A\n", "    lable: I-A\n")  # a misspelt field: the file no longer loads
Outcome = tuple[int | str, str, str]


class World:
    """One trial's scratch folders; every path a lookup may name is inside ``root``."""

    def __init__(self, root: Path, source: Path) -> None:
        self.root = root
        self.cache = root / "cache"
        self.versions = [root / "v0", root / "v1"]
        shutil.copytree(source, self.versions[0])
        for path in self.versions[0].glob("*.yaml"):
            path.write_text(re.sub(r"(?m)^seal: .*\n", "", path.read_text("utf-8")), "utf-8")
        shutil.copytree(self.versions[0], self.versions[1], copy_function=shutil.copy2)
        edit_keeping_time(self.versions[1] / "standards.yaml", NAME, EDITS[0])
        self.files = root / "files"  # targets of a symbolic link standing for standards.yaml
        self.files.mkdir()
        for n, version in enumerate(self.versions):
            shutil.copy2(version / "standards.yaml", self.files / f"s{n}.yaml")
        self.data = root / "data"
        shutil.copytree(self.versions[0], self.data, copy_function=shutil.copy2)
        (root / "link").symlink_to(self.versions[0])
        for n, folder in enumerate(("a", "b")):
            shutil.copytree(self.versions[n], root / folder / "data", copy_function=shutil.copy2)
        self.moves = 0

    def names(self) -> list[tuple[Path, str]]:
        """(working folder, --data-dir as typed) for each way of naming data."""
        r = self.root
        return [(r, str(self.data)), (r, "link"), (r / "a", "data"), (r / "b", "data"), (r, "data")]

    def stores(self, suffix: str = ".sqlite") -> list[Path]:
        folder = self.cache / "crosswalk"
        return sorted(folder.glob(f"store-*{suffix}")) if folder.is_dir() else []

    def one(self, rng: random.Random, suffix: str = ".sqlite") -> Path | None:
        """A store (or record) that is a regular file, at random; None if there is none."""
        files = [p for p in self.stores(suffix) if p.is_file()]
        return rng.choice(files) if files else None


def edit_keeping_time(path: Path, old: str, new: str) -> bool:
    st = path.stat()
    text = path.read_text("utf-8")
    if old not in text:
        return False
    path.write_text(text.replace(old, new, 1), "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return True


def run_cli(argv: list[str], cwd: Path, cache: Path) -> Outcome:
    from crosswalk_cli.entry import run

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: int | str = run(argv)
            except BaseException:  # in a process of its own: a traceback
                traceback.print_exc(file=err)
                code = "traceback"
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


# --- actions -----------------------------------------------------------------------------------------


def _pick_dir(w: World, rng: random.Random) -> Path:
    return rng.choice([w.data, w.root / "a" / "data", w.root / "b" / "data", *w.versions])


def edit(w: World, rng: random.Random) -> str:
    path = _pick_dir(w, rng) / "standards.yaml"
    if path.is_symlink():
        return "edit (skipped: a link)"
    text = path.read_text("utf-8")
    now = next((e for e in (NAME, *EDITS) if e in text), NAME)
    if rng.random() < 0.25:
        done = edit_keeping_time(path, *BREAK) or edit_keeping_time(path, BREAK[1], BREAK[0])
        return f"touch -r edit: break/mend {path.parent.name}" if done else "edit (nothing to break)"
    edit_keeping_time(path, now, rng.choice([e for e in (NAME, *EDITS) if e != now]))
    return f"touch -r edit of {path.parent.name}"


def move_copy(w: World, rng: random.Random) -> str:
    w.moves += 1
    w.data.rename(w.root / f"moved{w.moves}")
    shutil.copytree(rng.choice(w.versions), w.data, copy_function=shutil.copy2)
    return "moved away, a copy in place"


def retarget_link(w: World, rng: random.Random) -> str:
    link = w.root / "link"
    link.unlink()
    link.symlink_to(rng.choice(w.versions))
    return "directory link retargeted"


def link_file(w: World, rng: random.Random) -> str:
    path = w.data / "standards.yaml"
    path.unlink()
    path.symlink_to(w.files / f"s{rng.randrange(2)}.yaml")
    return "standards.yaml linked"


def damage(w: World, rng: random.Random) -> str:
    path = w.one(rng)
    if path is None:
        return "damage (no store)"
    size = path.stat().st_size
    how = rng.choice(["flip", "zero", "random", "cut"])
    with path.open("r+b") as f:
        if how == "cut" or size < 8192:
            f.truncate(rng.randrange(size + 1))
            return "store cut"
        for _ in range(rng.randint(1, 4)):
            page = rng.randrange(size // 4096)
            if how == "flip":
                at = page * 4096 + rng.randrange(4096)
                f.seek(at)
                byte = f.read(1)[0]
                f.seek(at)
                f.write(bytes([byte ^ (1 << rng.randrange(8))]))
            else:
                f.seek(page * 4096)
                f.write(bytes(4096) if how == "zero" else rng.randbytes(4096))
    return f"store pages: {how}"


def swap(w: World, rng: random.Random) -> str:
    stores = [p for p in w.stores() if p.is_file()]
    if len(stores) < 2:
        return "swap (one store)"
    a, b = rng.sample(stores, 2)
    pairs = [(a, b)] + ([(a.with_suffix(".key"), b.with_suffix(".key"))] if rng.random() < 0.5 else [])
    for x, y in pairs:
        if x.exists() and y.exists():
            tmp = x.with_name("swapping")
            x.rename(tmp)
            y.rename(x)
            tmp.rename(y)
    return f"stores swapped{' with records' if len(pairs) > 1 else ''}"


def damage_record(w: World, rng: random.Random) -> str:
    path = w.one(rng, ".key")
    if path is None:
        return "record (none)"
    raw = bytearray(path.read_bytes())
    if raw and rng.random() < 0.7:
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    else:
        raw = raw[: rng.randrange(len(raw) + 1)]
    path.write_bytes(bytes(raw))
    return "record damaged"


def folder_at_store(w: World, rng: random.Random) -> str:
    path = w.one(rng)
    if path is None:
        return "folder (no store)"
    path.unlink()
    path.mkdir()
    return "a folder at a store's name"


def leftovers(w: World, rng: random.Random) -> str:
    folder = w.cache / "crosswalk"
    folder.mkdir(parents=True, exist_ok=True)
    name = f".store-{rng.randrange(16**8):08x}.sqlite.{rng.randrange(10**6)}.tmp"
    old = (os.stat(folder).st_mtime_ns - 3600 * 10**9,) * 2
    for path in (folder / name, folder / f"{name}-journal"):
        path.write_bytes(rng.randbytes(rng.randrange(1, 9000)))
        os.utime(path, ns=old)
    return "a killed build's temporary files"


def recopy(w: World, rng: random.Random) -> str:
    path = w.one(rng)
    if path is None:
        return "recopy (no store)"
    shutil.copy2(path, path.with_name("copying"))
    os.replace(path.with_name("copying"), path)
    return "store copied under a new inode"


ACTIONS: list[Callable[[World, random.Random], str]] = [
    edit, edit, move_copy, retarget_link, link_file, damage, damage, swap, damage_record, folder_at_store,
    leftovers, recopy,
]  # fmt: skip


# --- judging -------------------------------------------------------------------------------------------


def judge(got: Outcome, fresh: Outcome) -> str:
    code, out, err = got
    if "Traceback" in err or code == "traceback":
        return "traceback"
    if got == fresh:
        return "ok"
    if code in (1, 2) and out == "" and err.count("\n") == 1 and err.startswith("crosswalk: "):
        return "ok (one line)"
    if code == 0 and fresh[0] == 0:
        return "stale or altered answer"
    if code == 0:
        return "answered where a fresh build fails"
    return "wrong failure"


def _state(w: World, cwd: Path, typed: str) -> tuple[object, ...]:
    real = Path(os.path.realpath(cwd / typed))
    files = sorted((p.name, p.read_bytes()) for p in real.glob("*.yaml") if p.is_file())
    return (str(cwd), typed, tuple(files))


def trial(
    rng: random.Random, root: Path, source: Path, fresh_cache: dict[object, Outcome]
) -> list[tuple[str, str]]:
    w = World(root, source)
    found: list[tuple[str, str]] = []
    history: list[str] = []
    for _ in range(rng.randint(2, 6)):
        history.append(rng.choice(ACTIONS)(w, rng))
        for _ in range(rng.randint(1, 2)):
            cwd, typed = rng.choice(w.names())
            argv = [*rng.choice(QUERIES), "--data-dir", typed]
            key = (_state(w, cwd, typed), tuple(argv))
            if key not in fresh_cache:
                with tempfile.TemporaryDirectory(dir=root) as empty:
                    fresh_cache[key] = run_cli(argv, cwd, Path(empty))
            verdict = judge(run_cli(argv, cwd, w.cache), fresh_cache[key])
            found.append((verdict, f"{' -> '.join(history)} | {' '.join(argv)} (from {cwd.name})"))
    for path in w.stores():  # a rebuild now must clear the killed builds' files
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    run_cli(["standard", "1b", "--json", "--data-dir", str(w.versions[0])], root, w.cache)
    left = [p.name for p in (w.cache / "crosswalk").glob(".store-*")] if w.stores() else []
    if any(name.endswith((".tmp", ".tmp-journal")) for name in left):
        found.append(("temporary files left after a rebuild", " -> ".join(history)))
    return found


def run(n: int, seed: int, source: Path, scratch: Path) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    fresh_cache: dict[object, Outcome] = {}
    results: list[tuple[str, str]] = []
    saved = os.environ.get("XDG_CACHE_HOME")
    try:
        for t in range(n):
            root = scratch / f"t{t}"
            root.mkdir()
            results += trial(rng, root, source, fresh_cache)
            shutil.rmtree(root, ignore_errors=True)
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="trials (each a few actions and lookups)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=5, help="examples of each failure to print")
    args = parser.parse_args(argv)
    from crosswalk_cli.datadir import default_data_dir

    with tempfile.TemporaryDirectory() as scratch:
        results = run(args.n, args.seed, default_data_dir(), Path(scratch))
    counts = Counter(verdict for verdict, _ in results)
    print(f"{len(results)} lookups in {args.n} trials (seed {args.seed}):")
    for verdict, count in counts.most_common():
        print(f"  {count:6}  {verdict}")
    for verdict in counts:
        if not verdict.startswith("ok"):
            for _, story in [r for r in results if r[0] == verdict][: args.show]:
                print(f"{verdict}: {story}")
    return 1 if any(not v.startswith("ok") for v in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
