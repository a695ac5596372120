from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswalk_cli.datadir import default_data_dir
from crosswalk_cli.loader import load_all

from .entryrun import Result
from .entryrun import run as run_entry
from .maple import Maple, maple

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CROSSWALK_TEXT = SEEDS / "000_b9ae63979e673c63.txt"
JFF_TEXT = SEEDS / "001_8fe585132086fe69.txt"
YOURS = " (your own files join them with --data-dir DIR)"  # said after what the packaged data has


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test builds its stores in a cache of its own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def cw() -> Maple:
    """The packaged MAPLE crosswalk and its two frameworks, in their own words (tests/maple.py)."""
    return maple(load_all())


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not JFF_TEXT.exists() or not CROSSWALK_TEXT.exists():
        pytest.skip(f"source texts not found in {SEEDS}")
    return SEEDS


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def unsealed_copy(target: Path) -> Path:
    """A copy of the packaged data without the files' seals, as a user's own data directory would be,
    so that a test can edit it and still have it load (tests/test_seal.py tests the seals)."""
    shutil.copytree(default_data_dir(), target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^seal: .*\n", "", text), encoding="utf-8")
    return target


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data directory, unsealed."""
    return unsealed_copy(tmp_path / "data")


Invoke = Callable[..., "Result"]


@pytest.fixture()
def invoke(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.delenv("CROSSWALK_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        """A command line as the installed command runs it (entry.run: the quick path, else typer)."""
        return run_entry(args, env)

    return run
