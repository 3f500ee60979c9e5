"""snslint.atomic_write: one writer for --output, --fix and the cache."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import snslint.atomic_write as atomic


def test_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    atomic.write_atomic(target, "新しい報告\n".encode())
    assert target.read_text(encoding="utf-8") == "新しい報告\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_mode_is_given_to_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("下書き\n", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic.write_atomic(target, b"fixed\n", mode=0o640)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_a_failed_rename_keeps_the_old_content_and_removes_the_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("元の下書き\n", encoding="utf-8")

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"half")
    assert target.read_text(encoding="utf-8") == "元の下書き\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


@pytest.mark.parametrize("durable", [True, False])
def test_fsync_only_when_durable(tmp_path: Path, monkeypatch, durable: bool) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    atomic.write_atomic(tmp_path / "x", b"x", durable=durable)
    assert bool(synced) is durable
