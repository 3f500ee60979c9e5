"""Fixes where a change is certain, as ruff offers them: FORM010 machine-dependent characters
(their NFKC form), FORM002 a full-width ＃ in a hashtag, TIME001/TIME002 ``scheduled_at`` set to
the next allowed posting time. Each fix is in ``--format json`` (``fix``) and SARIF (``fixes``);
``snslint check --fix`` applies them to the draft, atomically, never to personal data and
never without a finding.

Each case runs ``python -m snslint`` in a temporary folder, as a user would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli as run

DRAFT = (
    "---\ncity: zushi\nplatform: instagram\nscheduled_at: 2026-12-02T19:30\n---\n"
    "申込方法：①電話 ②窓口\nｲﾍﾞﾝﾄ会場は㈱逗子建設の駐車場です。当日の連絡は担当 090-1234-5678 まで。＃逗子海岸\n（環境都市課）\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_fixes_in_json_and_sarif(folder):
    doc = json.loads(run(folder, "check", "d.txt", "--format", "json", "--no-cache").stdout)
    fixes = {(f["code"], f["fix"]["replacement"]) for f in doc["findings"] if f["fix"]}
    assert fixes == {
        ("TIME001", "2026-12-03T08:30"),
        ("FORM010", "1"),
        ("FORM010", "2"),
        ("FORM010", "イベント"),
        ("FORM010", "(株)"),
        ("FORM002", "#"),
    }
    (pii,) = [f for f in doc["findings"] if f["code"] == "PII001"]
    assert pii["fix"] is None
    text = DRAFT
    for f in doc["findings"]:
        if f["fix"] and f["code"] != "TIME001":
            assert text[f["fix"]["start"] : f["fix"]["end"]] == f["text"] or f["code"] == "FORM002"
    sarif = json.loads(run(folder, "check", "d.txt", "--format", "sarif", "--no-cache").stdout)
    results = sarif["runs"][0]["results"]
    with_fix = [r for r in results if "fixes" in r]
    assert len(with_fix) == 6
    rep = with_fix[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert set(rep) == {"deletedRegion", "insertedContent"} and "charOffset" in rep["deletedRegion"]
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)  # fixes as SARIF 2.1.0 §3.55 has them


def test_check_fix_applies_them_and_reports_what_is_left(folder):
    before = (folder / "d.txt").read_text(encoding="utf-8")
    r = run(folder, "check", "d.txt", "--fix", "--format", "concise", "--no-cache")
    after = (folder / "d.txt").read_text(encoding="utf-8")
    assert "6 件を修正しました" in r.stderr
    assert "scheduled_at: 2026-12-03T08:30" in after
    assert "申込方法：1電話 2窓口\nイベント会場は(株)逗子建設" in after and "#逗子海岸" in after
    assert "090-1234-5678" in after  # personal data is never changed by a fix
    assert after.replace("090-1234-5678", "") != before.replace("090-1234-5678", "")
    codes = [ln.split()[1] for ln in r.stdout.splitlines() if ln.startswith("d.txt:")]
    assert codes == ["PII001"]  # what is left
    assert not list(folder.glob(".snslint-*.tmp"))  # no temporary file left behind


def test_without_fix_nothing_is_written(folder):
    run(folder, "check", "d.txt", "--format", "json", "--no-cache")
    assert (folder / "d.txt").read_text(encoding="utf-8") == DRAFT


def test_no_finding_no_change(folder):
    # An ignored rule finds nothing, so its fix is not applied.
    r = run(folder, "check", "d.txt", "--fix", "--ignore", "FORM010", "--format", "concise", "--no-cache")
    after = (folder / "d.txt").read_text(encoding="utf-8")
    assert "①電話" in after and "ｲﾍﾞﾝﾄ" in after  # left as written
    assert "#逗子海岸" in after and "2026-12-03T08:30" in after
    assert "2 件を修正しました" in r.stderr


def test_a_draft_without_scheduled_at_gets_one(tmp_path):
    # A policy that is never open: the clock is always outside, and a scheduled_at is added.
    (tmp_path / "p.yaml").write_text(
        "extends: zushi\nid: weekday-only\nname: 平日の市\nposting_hours:\n  days: [mon, tue, wed, thu, fri]\n"
        "  start: '00:00'\n  end: '00:00'\n",
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text("本日の窓口は混み合っています。（市民課）\n", encoding="utf-8")
    r = run(tmp_path, "check", "d.txt", "--policy", "p.yaml", "--fix", "--format", "concise", "--no-cache")
    after = (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert after.startswith("---\nscheduled_at: ") and after.endswith("---\n本日の窓口は混み合っています。（市民課）\n"), after
    assert "件を修正しました" in r.stderr


def test_crlf_and_bom_are_kept(tmp_path):
    data = "\ufeff" + DRAFT.replace("\n", "\r\n")
    (tmp_path / "d.txt").write_bytes(data.encode("utf-8"))
    run(tmp_path, "check", "d.txt", "--fix", "--format", "concise", "--no-cache")
    raw = (tmp_path / "d.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert "#逗子海岸".encode() in raw


def test_stdin_is_never_fixed(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "snslint", "check", "-", "--fix", "--format", "concise", "--no-cache"],
        cwd=tmp_path,
        input=DRAFT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert "修正しました" not in r.stderr and "FORM010" in r.stdout
