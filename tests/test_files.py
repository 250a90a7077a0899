"""Reading and writing the files a person names: only regular files, bounded
reads, atomic writes through symlinks, one clear line for every OSError."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from walkback_desktop import files
from walkback_desktop.files import UserFileError, read_user_file, write_atomic


def test_a_regular_file_is_read_up_to_the_limit(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, 100) == b"x" * 100
    with pytest.raises(UserFileError, match="too large") as info:
        read_user_file(path, 99)
    assert info.value.code == "too_large"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(UserFileError, match="not a regular file"):
        read_user_file(fifo, 1000)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused():
    with pytest.raises(UserFileError, match="not a regular file"):
        read_user_file("/dev/zero", 1000)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(UserFileError, match="is a folder"):
        read_user_file(tmp_path, 1000)


def test_a_name_too_long_and_a_missing_file_are_one_line(tmp_path):
    with pytest.raises(UserFileError) as info:
        read_user_file(tmp_path / ("x" * 300 + ".json"), 1000)
    assert "the name is too long" in str(info.value)
    with pytest.raises(UserFileError, match="no such file"):
        read_user_file(tmp_path / "nope.json", 1000)


def test_permission_denied_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "secret.json"
    path.write_text("{}")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(UserFileError, match="cannot read \\(permission denied\\)"):
        read_user_file(path, 1000)


def test_writing_replaces_atomically_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    write_atomic(path, "new\r\nline")
    assert path.read_bytes() == b"new\r\nline"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_text("old")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(UserFileError, match="the disk is full"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_device_is_never_replaced(tmp_path):
    with pytest.raises(UserFileError, match="not a regular file"):
        write_atomic("/dev/full", "data")
    assert Path("/dev/full").is_char_device()
    link = tmp_path / "full.csv"
    link.symlink_to("/dev/full")
    with pytest.raises(UserFileError, match="not a regular file"):
        write_atomic(link, "data")
    assert link.is_symlink()


def test_a_folder_is_never_replaced(tmp_path):
    folder = tmp_path / "out.csv"
    folder.mkdir()
    with pytest.raises(UserFileError, match="is a folder"):
        write_atomic(folder, "data")
    assert folder.is_dir()
