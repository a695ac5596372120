"""What it costs to know that a store is fresh: the listing alone, or the digests too.

    python bench/freshness.py                 # the packaged data and 1000x data (built once, ~40 s)
    python bench/freshness.py --scales 1 100  # other sizes

For each size, in this process (medians of --runs): the listing a lookup takes every time (one ``stat``
per YAML file, plus resolving the directory's real path), the SHA-256 of every source file (read when
the listing differs from the record, or a file is younger than the clock slack), and the SHA-256 of the
store (read when the store's own status differs from its record, or it is younger than the slack:
for a few seconds after each build). Then whole processes (``standard 1b --json``): a lookup whose
record vouches for everything, one after ``touch``-ing a source file (its digests are compared and the
record brought up to date, once), and one while the store is unconfirmed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def process_ms(command: list[str], env: dict[str, str], runs: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(data: Path, cache: Path, runs: int) -> dict[str, float]:
    from crosswalk_cli.store import cache as store_cache
    from crosswalk_cli.store import key, record

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_CACHE_HOME"] = str(cache)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    lookup = [sys.executable, "-m", "crosswalk_cli", "standard", "1b", "--json", "--data-dir", str(data)]
    subprocess.run(lookup, env=env, stdout=subprocess.DEVNULL, check=True)  # builds the store
    from crosswalk_cli.datadir import sources

    path = store_cache.store_path(sources(data))  # as `--data-dir data` reads it: beside the packaged data
    real = os.path.realpath(data)
    found = key.listing(real)

    def store_digest() -> str:
        fd = os.open(path, os.O_RDONLY)
        try:
            return record.digest_fd(fd)
        finally:
            os.close(fd)

    figures = {
        "YAML MB": sum(e[5] for e in found[3]) / 1e6,
        "store MB": path.stat().st_size / 1e6,
        "listing (stat only) ms": median_ms(lambda: key.listing(os.path.realpath(data)), runs * 10),
        "source digests ms": median_ms(lambda: key.digests(found[3], real), runs),
        "store digest ms": median_ms(store_digest, runs),
    }
    time.sleep(key.SLACK_NS / 1e9 + 0.5)
    subprocess.run(lookup, env=env, stdout=subprocess.DEVNULL, check=True)  # confirms the store
    figures["lookup, record vouches ms"] = process_ms(lookup, env, runs, lambda: None)
    standards = data / "standards.yaml"

    def touch() -> None:
        time.sleep(key.SLACK_NS / 1e9 + 0.1)  # so that the touched file is not racy by then
        os.utime(standards)

    figures["lookup after touch ms"] = process_ms(lookup, env, max(3, runs // 5), touch)

    def unconfirm() -> None:
        kept = record.read(store_cache.record_path(path))
        assert kept is not None
        kept.confirmed = False
        record.write(store_cache.record_path(path), kept)

    figures["lookup, store unconfirmed ms"] = process_ms(lookup, env, max(3, runs // 5), unconfirm)
    return figures


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from crosswalk_cli.datadir import default_data_dir

    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            data = Path(tmp) / f"x{scale}"
            scale_data = [sys.executable, str(HERE / "scale_data.py"), str(default_data_dir()), str(data)]
            subprocess.run([*scale_data, str(scale)], check=True)
            rows[scale] = measure(data, Path(tmp) / f"cache{scale}", args.runs)
    names = list(next(iter(rows.values())))
    print("| | " + " | ".join(f"{s}x" for s in rows) + " |")
    print("| --- |" + " ---: |" * len(rows))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{rows[s][name]:.2f}" for s in rows) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
