"""Reads and work are bounded: settings files that are not regular files, files that never end,
one very long line of links, many links beside one full-width character.

Each probe runs as a subprocess with a generous timeout (a hang fails it, a slow machine does
not); the time budgets themselves live in ``benchmarks/probes.py``, not here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from snslint.safe_read import NotRegularFile, TooLarge, read_regular_file

DRAFT = "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n図書館でおはなし会を開きます。担当：生涯学習課\n"


def run(tmp_path: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "snslint", *args], cwd=tmp_path, capture_output=True, text=True, timeout=timeout
    )


def one_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "エラー:" in ln and "Error:" in ln]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_read_regular_file_applies_the_limit_while_reading(tmp_path: Path) -> None:
    (tmp_path / "small").write_bytes(b"x" * 10)
    assert read_regular_file(tmp_path / "small", 10) == b"x" * 10
    with pytest.raises(TooLarge):
        read_regular_file(tmp_path / "small", 9)
    with pytest.raises(NotRegularFile):
        read_regular_file("/dev/zero", 1000)  # a device: refused before any byte is read
    with pytest.raises(NotRegularFile):
        read_regular_file(tmp_path, 1000)
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", 1000)


@pytest.mark.parametrize("option", ["--policy", "--config"])
def test_dev_zero_as_policy_or_config_is_refused(tmp_path: Path, option: str) -> None:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    one_error(run(tmp_path, "check", "d.txt", option, "/dev/zero", timeout=60), "/dev/zero", "not a regular file")


@pytest.mark.parametrize("option", ["--policy", "--config"])
def test_a_fifo_as_policy_or_config_does_not_block(tmp_path: Path, option: str) -> None:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    os.mkfifo(tmp_path / "settings.fifo")
    one_error(run(tmp_path, "check", "d.txt", option, "settings.fifo", timeout=60), "settings.fifo", "not a regular file")


def test_a_fifo_with_a_writer_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    fifo = tmp_path / "p.fifo"
    os.mkfifo(fifo)
    stop = threading.Event()

    def writer() -> None:  # writes forever while the reader is there
        try:
            fd = os.open(fifo, os.O_WRONLY)
            while not stop.is_set():
                os.write(fd, b"city: zushi\n" * 1000)
        except OSError:
            pass

    threading.Thread(target=writer, daemon=True).start()
    try:
        one_error(run(tmp_path, "check", "d.txt", "--policy", "p.fifo", timeout=60), "not a regular file")
    finally:
        stop.set()
        try:  # unblock the writer's open if it never got a reader
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass


def test_an_oversized_policy_is_refused_with_the_limit(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "big.yaml").write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    one_error(run(tmp_path, "check", "d.txt", "--policy", "big.yaml"), "1,000,000")


def test_one_long_line_of_short_urls_prints_a_bounded_report(tmp_path: Path) -> None:
    # The probe (benchmarks/probes.py: 4,800 URLs, 100 KB on one line; rich printed
    # the whole line under every finding, 723 MB), smaller: rich takes ~1 ms a printed line.
    line = " ".join(f"https://bit.ly/a{i}" for i in range(1000))
    (tmp_path / "long.txt").write_text(
        "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n" + line + "\n", encoding="utf-8"
    )
    proc = run(tmp_path, "check", "long.txt", "--format", "rich", "--no-cache", "--select", "URL001", timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    findings = proc.stdout.count("URL001")
    assert findings >= 1000
    assert len(proc.stdout) < 1000 * 1200, len(proc.stdout)  # a few hundred characters a finding
    assert "…" in proc.stdout


def test_many_urls_and_one_full_width_character_finish(tmp_path: Path) -> None:
    # Links were compared pairwise: 990 KB took 12 s. Now well under the timeout.
    body = "\n".join(f"https://www.city.zushi.lg.jp/page{i}.html" for i in range(8000)) + "\nＡ\n"
    (tmp_path / "many.txt").write_text("---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n" + body, encoding="utf-8")
    proc = run(tmp_path, "check", "many.txt", "--format", "concise", "--no-cache", "--select", "URL", timeout=120)
    assert proc.returncode in (0, 1), proc.stderr


def test_full_width_links_are_found_beside_ordinary_ones_without_overlap() -> None:
    import random

    from snslint.text.links import extract_urls, find_links

    rng = random.Random(14)
    parts = ["https://www.city.zushi.lg.jp/a", "ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｚｕｓｈｉ．ｌｇ．ｊｐ／ｂ", "図書館", " ", "\n",
             "bit.ly/x", "ｂｉｔ．ｌｙ／ｙ", "。", "Ａ"]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 30)))
        links = find_links(text)
        ordinary = extract_urls(text)
        assert [l.start for l in links] == sorted(l.start for l in links)
        assert all(a.end <= b.start for a, b in zip(links, links[1:]))  # no overlaps
        assert {(l.start, l.end) for l in ordinary} <= {(l.start, l.end) for l in links}
        for link in links:
            if link not in ordinary:  # a full-width one overlaps no ordinary link
                assert not any(link.start < o.end and o.start < link.end for o in ordinary)
