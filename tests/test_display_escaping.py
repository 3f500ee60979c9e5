"""Odd file names and control characters reach no report raw (snslint.display).

A name that is not UTF-8, or holds a newline, ESC or a bidi override, is shown escaped in every
format, JSON and SARIF stay valid UTF-8, and the other files are still checked; ESC sequences,
C1 controls and bidi overrides in a draft or a front-matter value are shown escaped in the rich
and concise output, and messages never carry them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from snslint.display import escape_control
from snslint.errors import InputError

DRAFT = "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n詳しくは https://bit.ly/3kXw9Qz をご覧ください。\n"
NAMES = [b"\xff\xfe.txt", b"a\nb.txt", b"\x1b[31mred.txt", "e\u202etxt.md".encode(), b"tab\there.md", b"ok.txt"]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters that must not reach output raw (tab and newline are the format's own)."""


def test_escape_control_shows_each_character_visibly() -> None:
    assert escape_control("a\nb") == "a\\nb"
    assert escape_control("\x1b[31m赤\x1b[0m") == "\\x1b[31m赤\\x1b[0m"
    assert escape_control("\x9b2J \u202eabc \u2066x\u2069 \u2028") == "\\x9b2J \\u202eabc \\u2066x\\u2069 \\u2028"
    assert escape_control("\udcff\udcfe.txt") == "\\xff\\xfe.txt"  # bytes of a name that is not UTF-8
    assert escape_control("a\tb") == "a\\tb" and escape_control("a\tb", tabs=False) == "a\tb"
    plain = "令和8年12月2日（水）市民会館で防災講演会 https://www.city.zushi.lg.jp/"
    assert escape_control(plain) is plain
    once = escape_control("x\x1b\n\u202e")
    assert escape_control(once) == once


def test_error_lines_stay_one_line() -> None:
    err = InputError("読めません\x1b[2J", "cannot read\nforged:1:1: CAT001", path="a\nb.txt", line=3)
    line = err.one_line()
    assert "\n" not in line and "\x1b" not in line and line.startswith("a\\nb.txt:3: ")


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in NAMES:
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(DRAFT.encode("utf-8"))
    with open(os.path.join(os.fsencode(folder), b"\x1b]0;x\x07bin\xff.txt"), "wb") as fh:
        fh.write(b"\x00\x01\x02binary")  # cannot be read: an input error with an odd name
    return folder


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "snslint", "check", *args], cwd=tmp_path, capture_output=True, timeout=300
    )


@pytest.mark.parametrize("fmt", ["rich", "concise", "json", "sarif", "github"])
@pytest.mark.parametrize("cache", [True, False])
def test_odd_file_names_in_every_format(tmp_path: Path, odd_names: Path, fmt: str, cache: bool) -> None:
    args = ["drafts", "--format", fmt] + ([] if cache else ["--no-cache", "-o", "report.out"])
    proc = run(tmp_path, *args)
    out = (tmp_path / "report.out").read_bytes() if not cache else proc.stdout
    assert proc.returncode == 2, proc.stderr.decode("utf-8", "replace")  # the binary file: exit 2
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
    text = out.decode("utf-8")  # strict: the report is valid UTF-8
    assert not RAW_CONTROL.search(text), [m.group() for m in RAW_CONTROL.finditer(text)]
    if fmt in ("json", "sarif"):
        doc = json.loads(text)
        if fmt == "json":
            paths = [f["path"] for f in doc["files"]]
            assert len(paths) == len(NAMES) + 1
            assert "drafts/\\xff\\xfe.txt" in paths and "drafts/a\\nb.txt" in paths and "drafts/ok.txt" in paths
            checked = {f["path"] for f in doc["findings"] if f["code"] == "URL001"}
            assert len(checked) == len(NAMES)  # every readable draft was checked
    if fmt == "concise":
        lines = text.splitlines()
        # No name forges a line: every finding line starts with the folder.
        assert all(ln.startswith("drafts/") for ln in lines if ": URL001 " in ln or ": FORM009 " in ln)
        assert sum(": URL001 " in ln for ln in lines) == len(NAMES)
        assert any(ln.startswith("drafts/a\\nb.txt:5:") for ln in lines)
        assert any(ln.startswith("drafts/\\x1b]0;x\\x07bin\\xff.txt") for ln in lines)


CONTROL_DRAFT = (  # YAML refuses a raw ESC in front matter, but its "\\e" escape makes one
    '---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\naccount: "\\e[31m@zushi\u202e"\n'
    'approved_by: "\\e]0;x\\a課長\u2066"\n---\n'
    "詳しくは \x1b]0;pwned\x07\x1b[2J https://bit.ly/3kXw9Qz \x9b31m \u202eをご覧ください。\n"
)


@pytest.mark.parametrize("fmt", ["rich", "concise", "github", "json", "sarif"])
def test_control_characters_in_a_draft_are_escaped(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "ctl.txt").write_text(CONTROL_DRAFT, encoding="utf-8")
    proc = run(tmp_path, "ctl.txt", "--format", fmt, "--no-cache")
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    text = (proc.stdout + proc.stderr).decode("utf-8")
    assert "URL001" in text
    if fmt == "json":  # machine formats keep a finding's text as written (JSON escapes C0)
        doc = json.loads(proc.stdout)
        text = "\n".join(f["message"] + (f["hint"] or "") + f["path"] for f in doc["findings"])
    elif fmt == "sarif":
        doc = json.loads(proc.stdout)
        text = "\n".join(r["message"]["text"] for r in doc["runs"][0]["results"])
    assert not RAW_CONTROL.search(text), [m.group() for m in RAW_CONTROL.finditer(text)]
    if fmt == "rich":
        assert "\\x1b]0;pwned\\x07\\x1b[2J https://bit.ly/3kXw9Qz \\x9b31m \\u202e" in text


def test_rich_caret_stays_under_the_span_after_escapes(tmp_path: Path) -> None:
    (tmp_path / "ctl.txt").write_text(CONTROL_DRAFT, encoding="utf-8")
    proc = run(tmp_path, "ctl.txt", "--format", "rich", "--no-cache", "--select", "URL001")
    lines = proc.stdout.decode("utf-8").splitlines()
    i = next(i for i, ln in enumerate(lines) if "https://bit.ly" in ln)
    src, under = lines[i], lines[i + 1]
    from rich.cells import cell_len

    col = cell_len(src[: src.index("https://bit.ly")])
    assert cell_len(under[: under.index("^")]) == col
