"""The human checklist in reports: the questions for the clauses only a person can judge.

Rich shows them after each draft's findings; concise and the CI formats once per run (per
city); JSON and SARIF carry them as a separate list; ``--no-checklist`` leaves them out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.settings.policy import checklist, load_bundled

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "drafts"
CITIES = ("goshogawara", "kagoshima", "kisarazu", "mine", "zushi")

ZUSHI_BEACH = """---
city: zushi
platform: facebook
scheduled_at: 2026-12-09T10:00
images:
  - path: beach.jpg
    alt: 逗子海岸の清掃活動に参加した市民の皆さん
---
12月5日（土）の逗子海岸清掃には約120人の方にご参加いただきました。ありがとうございました。
（環境都市課）
"""

ZUSHI_LIBRARY = """---
city: zushi
platform: facebook
scheduled_at: 2026-12-09T11:00
---
市立図書館は12月28日（月）から1月4日（月）まで年末年始の休館となります。
（図書館）
"""

MINE_NIGHT = """---
city: mine
platform: x
scheduled_at: 2026-12-09T21:00
---
秋吉台の冬の星空観察会の参加者を募集します。
"""


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


def _write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def test_rich_shows_the_city_checklist_after_each_draft(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # each question on one line (80 columns wrap them)
    a = _write(tmp_path, "a.md", ZUSHI_BEACH)
    b = _write(tmp_path, "b.md", MINE_NIGHT)
    out = cli("check", a, b, "--format", "rich", "--exit-zero").output
    zushi_q = [f"[ ] {it.ref} {it.question}" for it in checklist(load_bundled("zushi"))]
    mine_q = [f"[ ] {it.ref} {it.question}" for it in checklist(load_bundled("mine"))]
    part_a, part_b = out.split("b.md", 1)
    # a.md is clean: its header, "指摘なし", then zushi's questions and none of mine's
    assert "a.md  [zushi]" in part_a and "指摘なし" in part_a
    assert all(q in part_a for q in zushi_q) and not any(q in part_a for q in mine_q)
    assert "[ ] 3-1(1)イ 写真や映像に写っている人（所属団体・企業）の了解を得ていますか" in part_a
    # b.md: the TIME finding first, then mine's questions, then the summary
    assert part_b.index("TIME001") < part_b.index("確認事項（人が判断する条項）") < part_b.index("2 ファイルを検査")
    assert all(q in part_b for q in mine_q) and not any(q in part_b for q in zushi_q)
    assert "[ ] 第4 5 市の公式見解として政策や意見を発信する重要な投稿なら、所属長の決裁を受けましたか" in part_b


def test_rich_per_draft_repeats_for_two_drafts_of_one_city(cli, tmp_path) -> None:
    a = _write(tmp_path, "a.md", ZUSHI_BEACH)
    b = _write(tmp_path, "b.md", ZUSHI_LIBRARY)
    out = cli("check", a, b, "--format", "rich").output
    assert out.count("確認事項（人が判断する条項）") == 2


def test_concise_prints_each_city_once_per_run(cli, tmp_path) -> None:
    a = _write(tmp_path, "a.md", ZUSHI_BEACH)
    b = _write(tmp_path, "b.md", ZUSHI_LIBRARY)
    c = _write(tmp_path, "c.md", MINE_NIGHT)
    out = cli("check", a, b, c, "--format", "concise", "--exit-zero").output
    lines = out.splitlines()
    assert out.count("確認事項 zushi（人が判断する条項）:") == 1
    assert out.count("確認事項 mine（人が判断する条項）:") == 1
    assert lines[-1].startswith("3 ファイル中")  # the summary stays last
    first_finding = next(i for i, ln in enumerate(lines) if ln.startswith("c.md:"))
    assert first_finding < lines.index("確認事項 zushi（人が判断する条項）:")
    assert "  [ ] 3-2(1)ウ 所属長の許可を得ていますか（あらかじめ許可された範囲の情報を除く）" in lines


def test_no_checklist_removes_it_everywhere(cli, tmp_path) -> None:
    a = _write(tmp_path, "a.md", ZUSHI_BEACH)
    for fmt in ("rich", "concise", "github"):
        out = cli("check", a, "--format", fmt, "--no-checklist").output
        assert "確認事項" not in out and "[ ]" not in out, fmt
    doc = json.loads(cli("check", a, "--format", "json", "--no-checklist").output)
    assert doc["checklist"] == []
    # a clean draft without the checklist is again silent in rich
    rich = cli("check", a, "--format", "rich", "--no-checklist").output
    assert "a.md" not in rich and "問題は見つかりませんでした" in rich


def test_json_carries_the_checklist_as_a_separate_list(cli) -> None:
    r = cli("check", str(EXAMPLES), "--format", "json", "--exit-zero")
    doc = json.loads(r.output)
    by_city: dict[str, list[dict]] = {}
    for item in doc["checklist"]:
        assert set(item) == {"policy", "ref", "question", "coverage", "document"}
        by_city.setdefault(item["policy"], []).append(item)
    assert sorted(by_city) == sorted(CITIES)  # every bundled example city, each once
    for city, items in by_city.items():
        expected = checklist(load_bundled(city))
        assert [(i["ref"], i["question"]) for i in items] == [(e.ref, e.question) for e in expected]
        assert all(i["coverage"] in ("human", "partial") for i in items)
    # the findings list is unchanged: no checklist item is a finding
    assert all("code" in f for f in doc["findings"])


def test_examples_show_each_city_checklist_in_rich(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # each question on one line (80 columns wrap them)
    out = cli("check", str(EXAMPLES), "--format", "rich", "--exit-zero").output
    for city in CITIES:
        for item in checklist(load_bundled(city)):
            assert f"[ ] {item.ref} {item.question}" in out, (city, item.ref)


def test_english_report_uses_the_english_questions(cli, tmp_path) -> None:
    a = _write(tmp_path, "a.md", MINE_NIGHT)
    out = cli("check", a, "--format", "concise", "--lang", "en", "--exit-zero").output
    assert "Checklist mine (clauses a person must judge):" in out
    assert "  [ ] 第4 4(2) Have the people in the photos agreed (and are copyright and trademarks cleared)?" in out
    assert "写真に写っている人の同意" not in out


def test_github_and_sarif_once_per_run(cli, tmp_path) -> None:
    a = _write(tmp_path, "a.md", ZUSHI_BEACH)
    b = _write(tmp_path, "b.md", ZUSHI_LIBRARY)
    gh = cli("check", a, b, "--format", "github").output.splitlines()
    notes = [ln for ln in gh if ln.startswith("::notice title=snslint 確認事項 zushi::")]
    assert len(notes) == 1
    assert "[ ] 3-4(6) 市以外のページへのリンクや引用は" in notes[0] and "%0A[ ] " in notes[0]
    sarif = json.loads(cli("check", a, b, "--format", "sarif").output)
    items = sarif["runs"][0]["properties"]["checklist"]
    assert [i["ref"] for i in items] == [it.ref for it in checklist(load_bundled("zushi"))]


def test_unreadable_file_gets_no_checklist(cli, tmp_path) -> None:
    out = cli("check", "missing.md", "--city", "zushi", "--format", "concise").output
    assert "確認事項" not in out
