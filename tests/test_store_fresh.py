"""A lookup never answers from a store built from other bytes than the files now there: not after an
edit that kept the file's size and time (``touch -r``, ``cp -p``, ``rsync -a``), not from a copy put in
the directory's place, not from another folder's ``data`` named by the same relative path, not after a
symbolic link to the directory or to a file is pointed elsewhere."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import Invoke
from .storekit import store_of, title

OLD, NEW = "title: Instruction\n", "title: Instructiox\n"  # the same size


def edit_keeping_time(path: Path, old: str, new: str) -> None:
    """Edit a file and put its size and modification time back, as ``touch -r`` after an edit does."""
    st = path.stat()
    text = path.read_text("utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    path.write_text(text.replace(old, new, 1), "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def name_1b(invoke: Invoke, data_dir: str) -> str:
    result = invoke("standard", "1b", "--json", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["standard"]["name"])


def twin(source: Path, target: Path) -> Path:
    """A copy whose files have the source's sizes and times, and one same-size edit."""
    shutil.copytree(source, target, copy_function=shutil.copy2)
    edit_keeping_time(target / "standards.yaml", OLD, NEW)
    return target


def test_a_same_size_edit_with_the_old_time_is_seen(invoke: Invoke, data_copy: Path) -> None:
    assert name_1b(invoke, str(data_copy)) == "Instruction"
    edit_keeping_time(data_copy / "standards.yaml", OLD, NEW)
    assert name_1b(invoke, str(data_copy)) == "Instructiox"


def test_a_damaging_edit_with_the_old_time_is_reported(invoke: Invoke, data_copy: Path) -> None:
    assert name_1b(invoke, str(data_copy)) == "Instruction"
    edit_keeping_time(data_copy / "standards.yaml", "    label: I-A\n", "    lobel: I-A\n")
    validate = invoke("validate", "--data-dir", str(data_copy))
    lookup = invoke("standard", "1b", "--json", "--data-dir", str(data_copy))
    assert validate.exit_code == lookup.exit_code == 1
    assert lookup.stdout == "" and "'lobel'" in lookup.stderr


def test_a_copy_put_in_the_directory_s_place_is_read(invoke: Invoke, data_copy: Path) -> None:
    assert name_1b(invoke, str(data_copy)) == "Instruction"
    moved = data_copy.rename(data_copy.with_name("moved"))
    twin(moved, data_copy)
    assert name_1b(invoke, str(data_copy)) == "Instructiox"


def test_a_relative_data_dir_names_each_folder_s_own_data(
    invoke: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    data_copy.rename(first / "data")
    twin(first / "data", tmp_path / "second" / "data")
    monkeypatch.chdir(first)
    assert name_1b(invoke, "data") == "Instruction"
    monkeypatch.chdir(tmp_path / "second")
    assert name_1b(invoke, "data") == "Instructiox"
    monkeypatch.chdir(first)
    assert name_1b(invoke, "data") == "Instruction"


def test_a_retargeted_link_to_the_directory_is_followed(
    invoke: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    other = twin(data_copy, tmp_path / "other")
    link = tmp_path / "current"
    link.symlink_to(data_copy)
    assert name_1b(invoke, str(link)) == "Instruction"
    link.unlink()
    link.symlink_to(other)
    assert name_1b(invoke, str(link)) == "Instructiox"


def test_a_retargeted_link_to_a_file_is_followed(invoke: Invoke, data_copy: Path, tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    one, two = versions / "one", versions / "two"
    shutil.copy2(data_copy / "standards.yaml", one)
    shutil.copy2(one, two)
    edit_keeping_time(two, OLD, NEW)
    standards = data_copy / "standards.yaml"
    standards.unlink()
    standards.symlink_to(one)
    assert name_1b(invoke, str(data_copy)) == "Instruction"
    standards.unlink()
    standards.symlink_to(two)
    assert name_1b(invoke, str(data_copy)) == "Instructiox"


def test_a_file_changed_within_a_clock_tick_of_the_build_is_compared_by_its_bytes(data_copy: Path) -> None:
    """A change within the same tick of the file system's clock as the listing leaves every status field
    as it was. Such a change is faked here by writing the edited file's listing into the store's record:
    while the file is recorded as racy (changed too recently to vouch for), its bytes are compared and the
    edit is seen; recorded as settled, the forged listing would be believed."""
    from crosswalk_cli.store.cache import record_path
    from crosswalk_cli.store.key import listings
    from crosswalk_cli.store.record import read, write

    def forged(racy: tuple[str, ...]) -> str:
        standards = data_copy / "standards.yaml"
        standards.write_text(standards.read_text("utf-8").replace(NEW, OLD), "utf-8")
        assert title(data_copy) == "Instruction"
        kept = read(record_path(store_of(data_copy)))
        assert kept is not None and "1/standards.yaml" in kept.racy  # the copy was just made (yours: 1)
        standards.write_text(standards.read_text("utf-8").replace(OLD, NEW), "utf-8")
        kept.source, kept.racy = listings(tuple(one[0] for one in kept.source)), racy
        write(record_path(store_of(data_copy)), kept)
        return title(data_copy)

    assert forged(("1/standards.yaml",)) == "Instructiox"
    assert forged(()) == "Instruction"  # what the racy mark prevents
