"""``snslint policy show`` and ``snslint policy coverage``: one city's policy for a person,
and how much of its document snslint checks."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.settings.policy import clause_coverage, load_bundled

CITIES = ("goshogawara", "kagoshima", "kisarazu", "mine", "zushi")


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


# --------------------------------------------------------------------------- show


def test_show_goshogawara_in_japanese(cli) -> None:
    r = cli("policy", "show", "goshogawara")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "五所川原市（goshogawara）" in out
    assert "出典: 五所川原市公式SNSページ運用方針（令和8年4月2日）" in out
    assert "投稿時間: 月・火・水・木・金 08:30〜17:15" in out
    assert "閉庁日: 国民の祝日・振替休日、年末年始 12-29〜01-03" in out
    assert "例外: 第6条ただし書" in out
    assert "もぐもぐ五所川原" in out and "返信しない" in out
    assert "公式ドメイン: city.goshogawara.lg.jp" in out
    # each rule with severity and clause; an off rule says so
    assert re.search(r"CAT001 +political-activity +エラー +第9条\(4\)「政治活動", out)
    assert re.search(r"FORM006 +approval-missing +無効 +第8条\(1\)", out)
    assert re.search(r"URL001 +url-shortener +警告 +根拠条項なし", out)
    assert "条項の網羅: 自動 2、一部 20、人 4" in out


def test_show_in_english(cli) -> None:
    r = cli("policy", "show", "zushi", "--lang", "en")
    assert r.exit_code == 0
    assert "Posting hours: Mon, Tue, Wed, Thu, Fri 08:30-17:00" in r.output
    assert "Official contacts: phone 046-873-1111, 046-873-4520, 046-872-4520 / mail @city.zushi.lg.jp" in r.output
    assert "(none listed in the document)" in r.output
    assert re.search(r"TIME001 +outside-posting-hours +error +運用ポリシー（ひな形）フェイスブック6", r.output)
    assert "投稿時間" not in r.output


def test_show_json(cli) -> None:
    r = cli("policy", "show", "mine", "--format", "json")
    doc = json.loads(r.output)
    assert doc["id"] == "mine" and doc["posting_hours"]["start"] == "08:30:00"
    assert [a["handle"] for a in doc["accounts"]] == ["@Mine_Citykouhou", "minecity_official"]
    rules = {x["code"]: x for x in doc["rules"]}
    assert rules["CAT001"]["severity"] == "error" and rules["CAT001"]["clause"]["ref"] == "第4 4(4)イ"
    assert rules["FORM006"]["severity"] == "off"
    assert rules["SNS001"]["severity"] == "info"  # suppression checks run for every city
    assert doc["coverage"] == clause_coverage(load_bundled("mine")).counts()
    assert "clauses" not in doc


def test_show_a_policy_file(cli, tmp_path) -> None:
    (tmp_path / "mycity.yaml").write_text("extends: kisarazu\nid: kisarazu-line\nrules:\n  URL003: off\n", encoding="utf-8")
    r = cli("policy", "show", "mycity.yaml")
    assert r.exit_code == 0
    assert "木更津市（kisarazu-line）" in r.output and "土台: kisarazu" in r.output
    assert re.search(r"URL003 +external-link +無効", r.output)


def test_show_unknown_city_is_one_line_exit_2(cli) -> None:
    r = cli("policy", "show", "nagoya")
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0
    assert "市「nagoya」のポリシーは同梱されていません" in r.output and "unknown city" in r.output


# --------------------------------------------------------------------------- coverage


def test_coverage_zushi_prints_table_and_shares(cli) -> None:
    r = cli("policy", "coverage", "zushi")
    assert r.exit_code == 0
    out = r.output
    assert out.startswith("逗子市（zushi） 逗子市ソーシャルメディア利活用ガイドライン")
    assert re.search(r"3-1\(2\)ア\(カ\) +一部 +CAT001 CAT002\n +「政治活動又は宗教活動を目的とした内容」", out)
    assert re.search(r"3-2\(1\)ウ +人\n", out)
    assert "確認事項: 所属長の許可を得ていますか" in out
    assert out.rstrip().endswith("条項 26: 自動 2（8%）、一部 21（81%）、人 3（12%）")


def test_coverage_json_matches_the_model(cli) -> None:
    for city in CITIES:
        doc = json.loads(cli("policy", "coverage", city, "--format", "json").output)
        table = clause_coverage(load_bundled(city))
        assert doc["counts"] == table.counts()
        assert len(doc["clauses"]) == len(table.rows)
        assert abs(sum(doc["shares"].values()) - 1) < 1e-9
        human = [c for c in doc["clauses"] if c["coverage"] == "human"]
        assert human and all(c["question"] and not c["rules"] for c in human)
        assert doc["unlisted"] == []


def test_coverage_markdown_is_a_table_an_auditor_can_paste(cli) -> None:
    r = cli("policy", "coverage", "goshogawara", "--format", "markdown")
    lines = r.output.splitlines()
    assert lines[0] == "## 五所川原市 五所川原市公式SNSページ運用方針（令和8年4月2日）"
    assert lines[2] == "| 条項 | 文言 | 網羅 | ルール | 人が確認すること |"
    rows = [ln for ln in lines if ln.startswith("| 第")]
    assert len(rows) == 26
    assert all(ln.count(" | ") == 4 for ln in rows)  # no stray pipe from the wording
    assert "| 第8条(1) | 情報発信を行う場合は、原則として管理者の了承を得ること。 | 人 |  | 管理者の了承を得ていますか |" in lines
    assert lines[-1] == "条項 26: 自動 2（8%）、一部 20（77%）、人 4（15%）"


def test_coverage_markdown_in_english(cli) -> None:
    out = cli("policy", "coverage", "mine", "--format", "markdown", "--lang", "en").output
    assert "| Clause | Wording | Coverage | Rules | Left to people |" in out
    assert "| 第4 2(5) |" in out and "| automatic | TIME001, TIME002 |" in out
    assert out.rstrip().endswith("18 clauses: automatic 1 (6%), partial 15 (83%), human 2 (11%)")


def test_policies_still_lists_the_five(cli) -> None:
    r = cli("policies")
    assert r.exit_code == 0
    assert [ln.split()[0] for ln in r.output.splitlines()] == list(CITIES)
