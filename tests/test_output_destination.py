"""``--output`` never destroys a file: not a draft, the config, a policy, nor a symlink; a device
or FIFO is written into, not replaced (snslint.output.destination)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.output import destination

DRAFT = "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n詳しくは https://bit.ly/3kXw9Qz をご覧ください。\n"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")

    def run(*args: str):
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run


def refused(r, *words: str) -> None:
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.output.splitlines() if "エラー:" in ln and "Error:" in ln]
    assert len(lines) == 1 and "Traceback" not in r.output, r.output
    for w in words:
        assert w in lines[0], lines[0]


@pytest.mark.parametrize("target", ["a.txt", "./a.txt", "sub/../a.txt"])
def test_the_draft_itself_is_refused(cli, tmp_path: Path, target: str) -> None:
    (tmp_path / "sub").mkdir()
    refused(cli("check", "a.txt", "--no-cache", "-o", target), "下書き", "a draft being checked")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DRAFT


def test_a_draft_found_in_a_folder_is_refused(cli, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "b.md").write_text(DRAFT, encoding="utf-8")
    refused(cli("check", "drafts", "--no-cache", "-o", "drafts/b.md"), "drafts/b.md")
    assert (tmp_path / "drafts" / "b.md").read_text(encoding="utf-8") == DRAFT


def test_a_hard_link_to_the_draft_is_refused(cli, tmp_path: Path) -> None:
    os.link(tmp_path / "a.txt", tmp_path / "same.txt")
    refused(cli("check", "a.txt", "--no-cache", "-o", "same.txt"))
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DRAFT


def test_the_config_in_use_is_refused(cli, tmp_path: Path) -> None:
    config = 'city = "zushi"\n'
    (tmp_path / "snslint.toml").write_text(config, encoding="utf-8")
    refused(cli("check", "a.txt", "--no-cache", "-o", "snslint.toml"), "設定", "config or policy in use")
    assert (tmp_path / "snslint.toml").read_text(encoding="utf-8") == config


def test_the_policy_in_use_is_refused(cli, tmp_path: Path) -> None:
    policy = "extends: zushi\nid: my-zushi\n"
    (tmp_path / "p.yaml").write_text(policy, encoding="utf-8")
    r = cli("check", "a.txt", "--no-cache", "--policy", "p.yaml", "-o", "p.yaml")
    refused(r, "p.yaml")
    assert (tmp_path / "p.yaml").read_text(encoding="utf-8") == policy


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_refused_and_left_as_it_is(cli, tmp_path: Path, dangling: bool) -> None:
    (tmp_path / "elsewhere.txt").write_text("keep me\n", encoding="utf-8")
    os.symlink("missing.txt" if dangling else "elsewhere.txt", tmp_path / "link.txt")
    refused(cli("check", "a.txt", "--no-cache", "-o", "link.txt"), "link.txt", "symbolic link")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "keep me\n"
    assert not (tmp_path / "missing.txt").exists()


def test_a_folder_is_refused(cli, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    refused(cli("check", "a.txt", "--no-cache", "-o", "out"), "out")


def test_a_fifo_is_written_into_not_replaced(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = cli("check", "a.txt", "--no-cache", "--format", "concise", "-o", str(fifo))
    reader.join(timeout=30)
    assert r.exit_code in (0, 1), r.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"URL001" in got[0]


def test_a_character_device_is_written_into_never_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/null as root was replaced by a regular file; here a replacement would fail the test
    # before it could touch the device.
    def no_replace(*_args):
        raise AssertionError("a device must not be replaced")

    monkeypatch.setattr(destination.os, "replace", no_replace)
    monkeypatch.setattr(destination, "write_atomic", no_replace)
    before = os.stat("/dev/null")
    destination.write_report("/dev/null", "report\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (before.st_dev, before.st_ino) == (after.st_dev, after.st_ino)


def test_an_ordinary_file_is_replaced_atomically(cli, tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("old report\n", encoding="utf-8")
    r = cli("check", "a.txt", "--no-cache", "--format", "concise", "-o", "report.txt")
    assert r.exit_code in (0, 1), r.output
    assert "URL001" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".snslint-*.tmp"))
