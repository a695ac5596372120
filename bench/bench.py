"""Measure crosswalk as a user feels it: whole processes, interleaved, medians, against a floor.

    python bench/bench.py            # 31 runs per case, growth at 1x/10x/100x, writes bench/RESULTS.md
    python bench/bench.py --quick    # 15 runs, fewer growth runs (what CI runs; report only)
    python bench/bench.py --baseline OLD/bin   # the cases by an older install too, in the same rounds

The floor is a minimal two-command typer app run by the same Python, so the ratios say what
crosswalk adds to the cost of any typer CLI on the same machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR_APP = """\
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    print("hello")


@app.command()
def other() -> None:
    print("other")


app()
"""
# name, arguments, target ratio to the floor (None: reported, no target). The lookups read by quick.py
# skip typer; `errata` is read by typer, as every line the quick path leaves is.
CASES: list[tuple[str, list[str], float | None]] = [
    ("standard 1b --json", ["standard", "1b", "--json"], 1.15),
    ("competency VVC.3.a --json", ["competency", "VVC.3.a", "--json"], 1.15),
    ("theme EI --json", ["theme", "EI", "--json"], 1.15),
    ("search data --json", ["search", "data", "--json"], 1.15),
    ("standard 1b (table)", ["standard", "1b"], 1.5),
    ("--help", ["--help"], 1.5),
    ("errata --json (read by typer)", ["errata", "--json"], None),
    ("suggest BPS:3.2 --to MA --json", ["suggest", "BPS:3.2", "--to", "MA", "--json"], 1.5),
]
SCALES = (1, 10, 100, 1000)
MANY = 21  # ids in one call, against as many calls of one id (docs/multi-id.md)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime


def interleaved(
    commands: dict[str, list[str]],
    runs: int,
    warmup: int,
    env: dict[str, str],
    cpu: dict[str, float] | None = None,
) -> dict[str, float]:
    """Median wall seconds per command (and into ``cpu`` the median CPU seconds); every round runs
    each command once, in a rotating order."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    names = list(commands)
    for round_no in range(warmup + runs):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            measured = run_once(commands[name], env)
            if round_no >= warmup:
                times[name].append(measured)
    if cpu is not None:
        cpu.update({name: statistics.median(c for _, c in values) for name, values in times.items()})
    return {name: statistics.median(w for w, _ in values) for name, values in times.items()}


def many_ids(crosswalk: str, runs: int, env: dict[str, str]) -> dict[str, float]:
    """``standard`` with MANY ids in one call, against MANY calls of one id each (run one after another,
    timed together) and one call of one id: medians of wall seconds, interleaved."""
    listed = subprocess.run(
        [crosswalk, "standards", "--json"], capture_output=True, text=True, check=True, env=env
    )
    ids = [i["id"] for s in json.loads(listed.stdout)["standards"] for i in s["indicators"]][:MANY]
    one = [crosswalk, "standard", ids[0], "--json"]
    together = [crosswalk, "standard", *ids, "--json"]
    times: dict[str, list[float]] = {"one id": [], "all in one call": [], "one call each": []}
    for round_no in range(runs + 1):
        measured = {
            "one id": run_once(one, env)[0],
            "all in one call": run_once(together, env)[0],
            "one call each": sum(run_once([*one[:2], i, "--json"], env)[0] for i in ids),
        }
        if round_no:  # the first round warms up
            for name, wall in measured.items():
                times[name].append(wall)
    return {name: statistics.median(values) for name, values in times.items()} | {"ids": len(ids)}


def many_table(many: dict[str, float]) -> str:
    n = int(many["ids"])
    together, each, one = many["all in one call"], many["one call each"], many["one id"]
    return (
        f"`crosswalk standard ID ... --json` with {n} ids in one call, against {n} calls of one id each "
        "(run one after another and timed together), medians of wall-clock time:\n\n"
        "| | wall |\n| --- | ---: |\n"
        f"| one call, one id | {one * 1000:.1f} ms |\n"
        f"| one call, {n} ids | {together * 1000:.1f} ms |\n"
        f"| {n} calls, one id each | {each * 1000:.1f} ms |\n\n"
        f"{n} ids in one call take {together / each:.2f} of the time of {n} calls ({each / together:.1f}x "
        f"faster); each id after the first adds {(together - one) / (n - 1) * 1000:.1f} ms."
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores"


def versions(python: str) -> str:
    code = (
        "import importlib.metadata as m, platform; "
        "print('Python ' + platform.python_version(), *[f'{p} {m.version(p)}' for p in "
        "('typer', 'rich', 'PyYAML', 'crosswalk-cli')], sep=', ')"
    )
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


# --- growth ---------------------------------------------------------------------------------------


def scaled_data(source: Path, target: Path, scale: int, python: str) -> None:
    subprocess.run([python, str(HERE / "scale_data.py"), str(source), str(target), str(scale)], check=True)


def growth(
    bin_dir: Path, python: str, runs: int, env: dict[str, str], scales: tuple[int, ...]
) -> tuple[list[dict[str, float]], float]:
    """Per scale: the first lookup (it checks the YAML and builds the store), then lookups after it, every
    scale's and the floor's in the same rounds (interleaved); and the floor's median of those rounds."""
    source = Path(
        subprocess.run(
            [python, "-c", "from crosswalk_cli.datadir import default_data_dir; print(default_data_dir())"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR_APP)
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "floor": ([python, str(floor), "hello"], env)
        }
        for scale in scales:
            data = Path(tmp) / f"x{scale}"
            scaled_data(source, data, scale, python)
            size = sum(f.stat().st_size for f in data.glob("*.yaml"))
            cache = Path(tmp) / f"cache{scale}"
            run_env = {**env, "XDG_CACHE_HOME": str(cache)}
            lookup = [str(bin_dir / "crosswalk"), "standard", "1b", "--json", "--data-dir", str(data)]
            build, _ = run_once(lookup, run_env)
            commands[str(scale)] = (lookup, run_env)
            rows.append({"scale": scale, "bytes": size, "build": build})
        times: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for round_no in range(runs + 1):  # the first round warms up
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                wall, _ = run_once(*commands[name])
                if round_no:
                    times[name].append(wall)
    for row in rows:
        row["lookup"] = statistics.median(times[str(int(row["scale"]))])
    return rows, statistics.median(times["floor"])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="15 runs per case and fewer growth runs")
    parser.add_argument("--runs", type=int, help="runs per case (at least 15)")
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent,
                        help="directory holding crosswalk and python [default: this Python's]")  # fmt: skip
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--baseline", type=Path, metavar="BIN",
                        help="time the cases by BIN/crosswalk too (an older install)")  # fmt: skip
    args = parser.parse_args()
    runs = max(15, args.runs or (15 if args.quick else 31))
    python = str(args.bin / "python")
    crosswalk = str(args.bin / "crosswalk")
    env = {k: v for k, v in os.environ.items() if k not in ("CROSSWALK_DATA_DIR", "PYTHONDONTWRITEBYTECODE")}
    env["COLUMNS"] = "80"

    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR_APP)
        commands = {"floor (two-command typer app)": [python, str(floor), "hello"]}
        commands.update({name: [crosswalk, *argv] for name, argv, _ in CASES})
        if args.baseline:  # the same cases by another install, in the same rounds: before and after
            before = str(args.baseline / "crosswalk")
            commands.update({f"before: {name}": [before, *argv] for name, argv, _ in CASES})
        for command in commands.values():  # compile bytecode once, outside the timing
            run_once(command, env)
        cpu: dict[str, float] = {}
        medians = interleaved(commands, runs, 3, env, cpu)

    floor_median = medians["floor (two-command typer app)"]
    floor_cpu = cpu["floor (two-command typer app)"]
    targets = {name: target for name, _, target in CASES}
    lines = [
        "| case | median (wall) | ratio to floor | target | median CPU | CPU ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, median in medians.items():
        ratio = median / floor_median
        target = targets.get(name)
        verdict = "" if target is None else f"≤ {target} {'met' if ratio <= target else 'missed'}"
        lines.append(
            f"| `{name}` | {median * 1000:.1f} ms | {ratio:.2f} | {verdict} | {cpu[name] * 1000:.1f} ms "
            f"| {cpu[name] / floor_cpu:.2f} |"
        )
    startup = "\n".join(lines)
    print(startup)

    many = many_table(many_ids(crosswalk, 5 if args.quick else 15, env))
    print(many)

    scales = (1, 10) if args.quick else SCALES
    rows, growth_floor = growth(args.bin, python, 15 if args.quick else 21, env, scales)
    glines = [
        "| data | YAML bytes | first lookup (checks, builds the store) | lookup after | ratio to floor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        glines.append(
            f"| {int(r['scale'])}x | {int(r['bytes']):,} | {r['build'] * 1000:.0f} ms "
            f"| {r['lookup'] * 1000:.1f} ms | {r['lookup'] / growth_floor:.2f} |"
        )
    grow = "\n".join(glines)
    print(grow)
    big = rows[-1]
    verdict = (
        f"{int(big['scale'])}x data: a lookup takes {big['lookup'] / rows[0]['lookup']:.2f}x the 1x time "
        f"({big['lookup'] / growth_floor:.2f}x the floor); the first run, which checks the YAML and builds "
        f"the store, took {big['build']:.1f} s."
    )
    print(verdict)

    if not args.no_write:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        (HERE / "RESULTS.md").write_text(
            f"# Benchmark results\n\n"
            f"Measured {stamp} on {machine()}; {versions(python)}.\n"
            f"Whole processes, interleaved, {runs} runs per case after 3 warm-up rounds; medians of "
            "wall-clock time (the targets) and of CPU time (user + system, steadier on a shared machine). "
            f"Written by `python bench/bench.py{' --quick' if args.quick else ''}"
            f"{' --baseline BIN' if args.baseline else ''}`"
            f"{'; `before:` rows are the install in BIN, timed in the same rounds' if args.baseline else ''}"
            ".\n\n"
            f"## Start-up and lookups\n\n{startup}\n\n"
            f"## Many ids in one call\n\n{many}\n\n"
            "## Growth\n\nSynthetic data directories with renamed copies of every standard, "
            "domain and alignment (`bench/scale_data.py`); the lookup is "
            "`crosswalk standard 1b --json --data-dir DIR`, every scale's and the floor's in the same rounds."
            f"\n\n{grow}\n\n{verdict}\n",
            encoding="utf-8",
        )
        print(f"wrote {HERE / 'RESULTS.md'}")
    print(json.dumps({"floor_ms": round(floor_median * 1000, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
