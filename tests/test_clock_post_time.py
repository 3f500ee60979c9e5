"""No post time given (no ``--at``, no ``scheduled_at``): TIME001/TIME002 are judged against
the clock, which is when the check ran, not when the post goes out. Those findings are
warnings that say so and hint at ``scheduled_at:``; ``--at`` and ``scheduled_at`` keep the
policy's severities (goshogawara: error, 第6条).

The clock cannot be set from outside, so the clock cases use a policy that extends
goshogawara with no open weekday: every moment is on a closed day, whatever the time.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import run_cli as run

BODY = "【お知らせ】年末年始のごみ収集日程表を、市役所1階の総合案内で配布しています。（環境対策課）\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "never-open.yaml").write_text(
        "extends: goshogawara\nid: never-open\nname: 休業中の市\nposting_hours:\n  days: []\n", encoding="utf-8"
    )
    (tmp_path / "draft.txt").write_text(BODY, encoding="utf-8")
    return tmp_path


def time_findings(r: subprocess.CompletedProcess) -> list[dict]:
    return [f for f in json.loads(r.stdout)["findings"] if f["code"].startswith("TIME00") and f["code"] != "TIME003"]


def test_clock_finding_is_a_warning_that_says_so_and_hints_scheduled_at(folder):
    r = run(folder, "check", "draft.txt", "--policy", "never-open.yaml", "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr  # a warning does not fail --fail-on error
    (f,) = time_findings(r)
    assert f["code"] == "TIME002" and f["severity"] == "warning"
    assert "現在時刻で判定" in f["message"]
    assert "scheduled_at:" in f["hint"] and "emergency" not in f["hint"]


def test_clock_finding_in_the_terminal_report_says_so(folder):
    r = run(folder, "check", "draft.txt", "--policy", "never-open.yaml", "--format", "concise")
    assert "警告" in r.stdout or "warning" in r.stdout
    assert "現在時刻" in r.stdout


def test_at_keeps_the_policy_error(folder):
    # 2026-11-23 is 勤労感謝の日: goshogawara's 第6条 excludes holidays; TIME002 is an error.
    r = run(folder, "check", "draft.txt", "--city", "goshogawara", "--at", "2026-11-23T10:00", "--format", "json")
    assert r.returncode == 1
    (f,) = time_findings(r)
    assert f["severity"] == "error" and "現在時刻" not in f["message"]


def test_scheduled_at_keeps_the_policy_error(folder):
    (folder / "draft.txt").write_text("---\ncity: goshogawara\nscheduled_at: 2026-12-02T19:30\n---\n" + BODY, encoding="utf-8")
    r = run(folder, "check", "draft.txt", "--format", "json")
    assert r.returncode == 1
    (f,) = time_findings(r)
    assert f["code"] == "TIME001" and f["severity"] == "error"
    assert "現在時刻" not in f["message"] and "emergency: true" in f["hint"]


def test_clock_inside_the_hours_gives_no_time_finding(folder):
    # A policy open every day, all day: the clock is always inside.
    (folder / "always-open.yaml").write_text(
        "extends: goshogawara\nid: always-open\nname: 常時運用の市\nposting_hours:\n"
        "  days: [mon, tue, wed, thu, fri, sat, sun]\n  start: '00:00'\n  end: '23:59'\n"
        "  closed:\n    national_holidays: false\n    year_end: null\n",
        encoding="utf-8",
    )
    r = run(folder, "check", "draft.txt", "--policy", "always-open.yaml", "--format", "json")
    assert time_findings(r) == []


@pytest.mark.parametrize(
    "at, expected",
    [
        ("2026-12-02T19:30", "2026-12-03T08:30"),  # Wednesday evening -> Thursday morning
        ("2026-12-04T18:00", "2026-12-07T08:30"),  # Friday evening -> Monday
        ("2026-12-02T07:10", "2026-12-02T08:30"),  # before opening -> the same morning
        ("2026-12-02T10:05", "2026-12-02T10:05"),  # inside -> itself
        ("2026-11-23T10:00", "2026-11-24T08:30"),  # 勤労感謝の日 -> the next day
        ("2026-12-28T18:00", "2027-01-04T08:30"),  # the year-end closure, 12/29 to 1/3
    ],
)
def test_next_allowed_posting_time(at, expected):
    from datetime import datetime

    from snslint.rules.context import JST
    from snslint.settings.policy import load_bundled
    from snslint.rules.timing import next_allowed

    hours = load_bundled("kisarazu").posting_hours
    got = next_allowed(datetime.fromisoformat(at).replace(tzinfo=JST), hours)
    assert got is not None and got.strftime("%Y-%m-%dT%H:%M") == expected
