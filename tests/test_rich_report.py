"""The rich report as PR staff read it at an 80-column terminal: every line fits (wrapped
with a hanging indent, never by the terminal), the clause is printed once, at most one line of
carets with 「…」 for the rest, a missing thing marked at a point, no empty 根拠 line, and
``--no-show-source``. Click's own messages and help read Japanese first.

Each case runs ``python -m snslint`` with ``COLUMNS`` set, as a terminal of that width would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from snslint.output.formats.terminal import wrap_cells

ROOT = Path(__file__).resolve().parents[1]


def run(folder: Path, *args: str, columns: int = 80) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "snslint", *args], cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8"
    )


def blocks(report: str) -> list[list[str]]:
    """The report's findings, each as its lines (from the ``line:col`` head to the blank)."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in report.splitlines():
        head = line.startswith("  ") and line[2:3].isdigit() and ":" in line.split()[0]
        if head:
            current = [line]
            out.append(current)
        elif current is not None and line.strip():
            current.append(line)
        else:
            current = None
    return out


@pytest.mark.parametrize("columns", [80, 100])
def test_bundled_examples_fit_the_terminal_with_hanging_indents(columns):
    r = run(ROOT, "check", "examples/drafts", "--format", "rich", "--exit-zero", columns=columns)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) > 50
    too_wide = [ln for ln in lines if cell_len(ln) > columns]
    assert too_wide == []  # nothing is left for the terminal to wrap without its indent
    # Continuation lines of a 根拠 line hang under its text (10 cells: "    根拠: ").
    for i, line in enumerate(lines[:-1]):
        if line.startswith("    根拠: ") and cell_len(line) > columns - 4:
            nxt = lines[i + 1]
            assert nxt.startswith(" " * 10) and not nxt.startswith(" " * 11), (line, nxt)


def test_clause_once_and_no_empty_clause_line(tmp_path):
    (tmp_path / "d.txt").write_text(
        "---\ncity: goshogawara\nplatform: facebook\nscheduled_at: 2026-12-02T10:00\n---\n"
        "来年の市長選挙では現職の佐藤候補に清き一票をお願いします！（総務課）\n",
        encoding="utf-8",
    )
    r = run(tmp_path, "check", "d.txt", "--format", "rich")
    (cat,) = [b for b in blocks(r.stdout) if "CAT001" in b[0]]
    text = "".join(ln.strip() for ln in cat)  # wrapped lines joined
    assert text.count("第9条(4)") == 1, text  # on the 根拠 line, not repeated in the message
    assert text.count("政治活動、宗教活動、意見広告又は個人の宣伝に関するもの") == 1, text
    assert "根拠: 五所川原市公式SNSページ運用方針 第9条(4)「" in text
    (tmp_path / "z.txt").write_text(
        "---\ncity: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T10:00\n---\n"
        "年末年始のごみ収集日程は https://bit.ly/3abcDEF をご覧ください。（環境都市課）\n",
        encoding="utf-8",
    )
    r = run(tmp_path, "check", "z.txt", "--format", "rich")
    (url,) = [b for b in blocks(r.stdout) if "URL001" in b[0]]
    assert not any("根拠" in ln for ln in url)  # zushi's document names no clause for it


def test_one_caret_line_with_ellipsis_and_a_point_for_what_is_missing(tmp_path):
    body = "【お知らせ】" + "年末年始の窓口の開設時間と、ごみの収集日程について、市民の皆さまにご案内します。" * 5 + "\n"
    (tmp_path / "d.txt").write_text(
        "---\ncity: zushi\nplatform: x\nscheduled_at: 2026-12-02T10:00\n---\n" + body, encoding="utf-8"
    )
    r = run(tmp_path, "check", "d.txt", "--format", "rich")
    found = {b[0].split()[2]: b for b in blocks(r.stdout)}
    over = found["FORM001"]
    carets = [ln for ln in over if "^" in ln]
    assert len(carets) == 1 and carets[0].rstrip().endswith("…")
    assert all(cell_len(ln) <= 80 for ln in over)
    src = [ln for ln in over if "│" in ln and "^" not in ln]
    assert len(src) == 1 and "…" in src[0]
    missing = found["FORM009"]
    (mark,) = [ln for ln in missing if "^" in ln]
    assert mark.count("^") == 1  # at the end of the post, where the sender goes


def test_no_show_source(tmp_path):
    (tmp_path / "d.txt").write_text(
        "---\ncity: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T10:00\n---\n担当の携帯 090-1234-5678 まで。\n",
        encoding="utf-8",
    )
    shown = run(tmp_path, "check", "d.txt", "--format", "rich")
    hidden = run(tmp_path, "check", "d.txt", "--format", "rich", "--no-show-source")
    assert "│" in shown.stdout and "^" in shown.stdout
    assert "│" not in hidden.stdout and "^" not in hidden.stdout
    assert "PII001" in hidden.stdout and "090-1234-5678" not in hidden.stdout + shown.stdout


@pytest.mark.parametrize(
    "args, ja",
    [
        (["check"], "検査する下書きのファイルかフォルダを指定してください"),
        (["check", "d.txt", "--bogus"], "オプション --bogus はありません"),
        (["chek"], "もしかして check?"),
        (["check", "d.txt", "--format", "xml"], "の値が正しくありません"),
    ],
)
def test_click_errors_are_one_line_japanese_first(tmp_path, args, ja):
    r = run(tmp_path, *args)
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith("エラー: ") and ja in line and " / Error: " in line
    assert r.stdout == ""


def test_help_is_japanese_first(tmp_path):
    r = run(tmp_path, "check", "--help")
    assert r.returncode == 0
    first = r.stdout.splitlines()[0]
    assert first.startswith("使い方 / Usage: ") and "check [OPTIONS]" in first
    assert "オプション / Options:" in r.stdout and "このヘルプを表示 / Show this message and exit." in r.stdout
    assert "<str>" not in r.stdout and "--city CITY" in r.stdout


@pytest.mark.parametrize(
    "text, width, expected",
    [
        # "17:15" moves whole; 。 never starts a line (it takes す with it)
        ("投稿時間（平日 08:30〜17:15）外です。", 12, ["投稿時間（平", "日 08:30〜", "17:15）外で", "す。"]),
        ("詳しくは https://www.city.zushi.lg.jp をご覧ください", 20, ["詳しくは", "https://www.city.zus", "hi.lg.jp をご覧くだ", "さい"]),
        ("閉庁日です。時刻も", 10, ["閉庁日で", "す。時刻も"]),
    ],
)
def test_wrap_cells(text, width, expected):
    got = wrap_cells(text, width)
    assert all(cell_len(x) <= width + 2 for x in got)
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    assert got == expected
