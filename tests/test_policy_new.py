"""A city added in minutes: ``snslint policy new``, a person's edits, ``snslint policy
validate`` against the city's own (short) document, then ``snslint check`` with the result."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.settings.policy import clause_coverage, load_bundled, load_policy_file

# A short document of a fictional city, written for this test.
ASAGIRI_SOURCE = """朝霧市公式SNS運用方針

第1条　この方針は、市が開設する公式SNSの運用に関し必要な事項を定める。

第2条　投稿は、閉庁日を除く月曜日から金曜日までの午前9時から午後5時までに
行う。ただし、災害時その他緊急の場合は、この限りでない。

第3条　投稿に当たっては、次に掲げる情報を発信してはならない。
（1）政治活動又は宗教活動に関する情報
（2）個人情報を含む情報
（3）広告又は宣伝を目的とする情報

第4条　写真を投稿する場合は、写っている人の同意を得なければならない。

第5条　投稿する前に、所属長の承認を得なければならない。
"""

# What the person writes for each rule after reading the document: a citation, a clause-less
# caution, or off. Every rule of the starter file is one line, so each edit is one line.
CITE = {
    "第2条": ("第2条", "投稿は、閉庁日を除く月曜日から金曜日までの午前9時から午後5時までに行う。"),
    "第3条(1)": ("第3条(1)", "政治活動又は宗教活動に関する情報"),
    "第3条(2)": ("第3条(2)", "個人情報を含む情報"),
    "第3条(3)": ("第3条(3)", "広告又は宣伝を目的とする情報"),
}
RULE_EDITS = {
    "TIME001": ("error", "第2条"),
    "TIME002": ("error", "第2条"),
    "CAT001": ("error", "第3条(1)"),
    "CAT002": ("error", "第3条(1)"),
    "CAT003": ("warning", "第3条(3)"),
    "PII001": ("warning", "第3条(2)"),
    "PII002": ("warning", "第3条(2)"),
    "PII003": ("error", "第3条(2)"),
    "PII004": ("error", "第3条(2)"),
    "PII005": ("warning", "第3条(2)"),
    "PII006": ("warning", "第3条(2)"),
    "PII007": ("warning", "第3条(2)"),
    "PII008": ("error", "第3条(2)"),
    "URL001": ("warning", None),
    "FORM001": ("warning", None),
    "FORM008": ("warning", None),  # a caution without a clause: the document has none
}

ASAGIRI_CLAUSES = """clauses:
  - ref: "第2条"
    text: "投稿は、閉庁日を除く月曜日から金曜日までの午前9時から午後5時までに行う。ただし、災害時その他緊急の場合は、この限りでない。"
    coverage: automatic
  - ref: "第3条(1)"
    text: "政治活動又は宗教活動に関する情報"
    coverage: partial
    left: "語彙にない言い回しや画像による政治活動・宗教活動"
  - ref: "第3条(2)"
    text: "個人情報を含む情報"
    coverage: partial
    left: "画像に写っている個人情報"
  - ref: "第3条(3)"
    text: "広告又は宣伝を目的とする情報"
    coverage: partial
    left: "語彙にない宣伝"
  - ref: "第4条"
    text: "写真を投稿する場合は、写っている人の同意を得なければならない。"
    coverage: human
    question: "写真に写っている人の同意を得ていますか"
  - ref: "第5条"
    text: "投稿する前に、所属長の承認を得なければならない。"
    coverage: human
    question: "所属長の承認を得ていますか"
"""

DRAFT = """---
platform: x
scheduled_at: 2026-12-02T08:45
---
【朝霧市】冬の朝霧湖ウォーキング大会の参加者を募集します。
来年の市長選挙では現職の山田候補に清き一票をお願いします！
"""


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


def _edit(text: str) -> str:
    """What a person does to the starter file, line by line, after reading their document."""
    text = text.replace('name: "〇〇市"', "name: 朝霧市").replace('name_en: "〇〇 City"', "name_en: Asagiri City")
    text = text.replace('  title: "〇〇市SNS運用方針"', "  title: 朝霧市公式SNS運用方針")
    text = text.replace("official_domains: []", "official_domains: [city.asagiri.lg.jp]")
    text = text.replace('  start: "08:30"', '  start: "09:00"').replace('  end: "17:15"', '  end: "17:00"')
    text = re.sub(r"(?m)^  clause: \{ref: .*$", '  clause: {ref: "第2条", text: "%s"}' % CITE["第2条"][1], text)
    text = re.sub(
        r"(?m)^  exception: \{ref: .*$",
        '  exception: {ref: "第2条ただし書", text: "ただし、災害時その他緊急の場合は、この限りでない。"}',
        text,
    )

    def rule_line(m: re.Match) -> str:
        code = m.group(1)
        if code not in RULE_EDITS:
            return f"  {code}: off"
        severity, ref = RULE_EDITS[code]
        if ref is None:  # clause: null drops the clause that extends would bring in
            return f"  {code}: {{severity: {severity}, clause: null}}"
        r, t = CITE[ref]
        return f'  {code}: {{severity: {severity}, clause: {{ref: "{r}", text: "{t}"}}}}'

    text = re.sub(r"(?m)^  ([A-Z]+\d{3}): .*$", rule_line, text)
    return text[: text.index("\nclauses:") + 1] + ASAGIRI_CLAUSES


def test_a_new_city_from_starter_to_checked_draft(cli, tmp_path: Path) -> None:
    # 1. policy new: a file to start from, extending goshogawara, every key commented
    r = cli("policy", "new", "asagiri", "--from", "goshogawara")
    assert r.exit_code == 0, r.output
    starter = (tmp_path / "asagiri.yaml").read_text(encoding="utf-8")
    assert "extends: goshogawara" in starter and "id: asagiri" in starter
    keys = re.findall(r"(?m)^ *([a-z_]+):", starter)
    for key in ("official_domains", "official_contacts", "accounts", "posting_hours", "rules", "clauses", "source"):
        assert key in keys
        assert re.search(rf"(?m)^ *# {key}: ", starter), f"{key} has no comment"
    assert load_policy_file(tmp_path / "asagiri.yaml").extends == "goshogawara"
    # every rule and every clause of the bundled city is there to edit
    assert len(re.findall(r"(?m)^  [A-Z]+\d{3}: ", starter)) >= 35
    assert starter.count("\n  - ref: ") == len(load_bundled("goshogawara").clauses)

    # 2. validated against the city's own document before editing: the placeholders and
    #    every quote from goshogawara's document are listed, one line each with its line
    (tmp_path / "asagiri.txt").write_text(ASAGIRI_SOURCE, encoding="utf-8")
    r = cli("policy", "validate", "asagiri.yaml", "--source", "asagiri.txt")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert any(re.fullmatch(r"asagiri\.yaml:\d+: エラー: 「name」がひな形のまま（〇〇市）です。.*", ln) for ln in lines)
    title_line = starter.splitlines().index('  title: "〇〇市SNS運用方針"') + 1
    assert f"asagiri.yaml:{title_line}: エラー: 文書の題名「〇〇市SNS運用方針」が出典の文書にありません。" in lines
    cat001_line = next(i for i, ln in enumerate(starter.splitlines(), 1) if ln.startswith("  CAT001:"))
    assert any(ln.startswith(f"asagiri.yaml:{cat001_line}: エラー: ルール CAT001 の条項 第9条(4) の文言") for ln in lines)
    assert lines[-1].startswith("asagiri.yaml: エラー ") and "件" in lines[-1]

    # 3. a person's edits, then the file validates against the document
    (tmp_path / "asagiri.yaml").write_text(_edit(starter), encoding="utf-8")
    r = cli("policy", "validate", "asagiri.yaml", "--source", "asagiri.txt")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == "asagiri.yaml: エラー 0 件、警告 0 件"
    policy = load_policy_file(tmp_path / "asagiri.yaml")
    table = clause_coverage(policy)
    assert table.counts() == {"automatic": 1, "partial": 3, "human": 2}

    # 4. a draft checked with it: the city's own clauses are cited, its checklist follows
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    r = cli("check", "draft.md", "--policy", "asagiri.yaml", "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    found = {f["code"]: f for f in doc["findings"]}
    assert found["TIME001"]["severity"] == "error"  # 08:45 is before the city's 09:00
    assert found["TIME001"]["clause"]["ref"] == "第2条"
    assert found["CAT001"]["clause"] == {
        "ref": "第3条(1)", "text": "政治活動又は宗教活動に関する情報", "document": "朝霧市公式SNS運用方針", "users_list": False,
    }
    assert [(c["ref"], c["question"]) for c in doc["checklist"]] == [
        ("第4条", "写真に写っている人の同意を得ていますか"),
        ("第5条", "所属長の承認を得ていますか"),
    ]
    rich = cli("check", "draft.md", "--policy", "asagiri.yaml", "--format", "rich").output
    assert "根拠: 朝霧市公式SNS運用方針 第3条(1)「政治活動又は宗教活動に関する情報」" in rich
    assert "[ ] 第4条 写真に写っている人の同意を得ていますか" in rich
    # the coverage command reads the file too
    out = cli("policy", "coverage", "asagiri.yaml").output
    assert out.rstrip().endswith("条項 6: 自動 1（17%）、一部 3（50%）、人 2（33%）")


def test_validate_lists_every_problem_with_its_line(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(ASAGIRI_SOURCE, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "id: asagiri\n"                                   # 1
        "name: 朝霧市\n"                                   # 2
        "source: {title: 朝霧市公式SNS運用方針}\n"           # 3
        "rules:\n"                                        # 4
        "  CAT001:\n"                                     # 5
        "    severity: error\n"                           # 6
        "    clause: {ref: 第3条(1), text: 政治活動に関する情報}\n"   # 7: not the document's words
        "  CAT003:\n"                                     # 8
        "    severity: warning\n"                         # 9
        "    clause: {ref: 第9条, text: 広告}\n"           # 10: not in clauses
        "  CAT099: warning\n"                             # 11: no such rule
        "clauses:\n"                                      # 12
        "  - ref: 第3条(1)\n"                              # 13
        "    text: 政治活動又は宗教活動に関する情報\n"       # 14
        "    coverage: partial\n"                          # 15
        "    left: 画像\n"                                 # 16
        "  - ref: 第5条\n"                                 # 17
        "    text: 所属長の承認を得なければならない。\n"     # 18
        "    coverage: automatic\n",                       # 19: no rule checks it
        encoding="utf-8",
    )
    r = cli("policy", "validate", "bad.yaml", "--source", "doc.txt")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[:-1] == [
        "bad.yaml:7: エラー: ルール CAT001 の条項 第3条(1) の文言「政治活動に関する情報」が出典の文書にありません。",
        "bad.yaml:10: エラー: ルール CAT003 の条項「第9条」が clauses: にありません。",
        "bad.yaml:11: エラー: 未知のルールコード「CAT099」です（`snslint rules` で一覧を表示）。",
        "bad.yaml:19: 警告: 条項 第5条 は automatic ですが、有効なルールがないため人の確認（human）として扱います。",
    ]
    assert len(lines) == 5
    assert lines[-1] == "bad.yaml: エラー 3 件、警告 1 件"


def test_validate_reports_every_schema_error(cli, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "id: Asagiri\n"                       # 1: upper case
        "name: 朝霧市\n"
        "source: {title: 朝霧市公式SNS運用方針}\n"
        "posting_hours:\n"
        "  end: 17:15\n"                      # 5: unquoted time (YAML reads 1035)
        "colour: blue\n",                     # 6: unknown key
        encoding="utf-8",
    )
    r = cli("policy", "validate", "s.yaml")
    assert r.exit_code == 1
    body = r.output.splitlines()[:-1]
    assert [ln.split(":")[1] for ln in body] == ["1", "5", "6"]
    assert "未知のキー「colour」" in body[2]
    assert "引用は確かめていません" in r.output.splitlines()[-1]


def test_validate_broken_yaml_is_one_line_with_its_line(cli, tmp_path: Path) -> None:
    (tmp_path / "y.yaml").write_text("id: a\nname: [朝霧市\nsource: x\n", encoding="utf-8")
    r = cli("policy", "validate", "y.yaml")
    assert r.exit_code == 1
    assert re.match(r"y\.yaml:\d+: エラー: ポリシーのYAMLが読めません", r.output)


def test_validate_missing_file_and_bad_source_exit_2(cli, tmp_path: Path) -> None:
    r = cli("policy", "validate", "nowhere.yaml")
    assert r.exit_code == 2 and "ポリシーファイルが見つかりません" in r.output
    (tmp_path / "p.yaml").write_text("extends: mine\nid: mine-x\n", encoding="utf-8")
    (tmp_path / "sjis.txt").write_bytes("美祢市公式ＳＮＳ運用方針".encode("cp932"))
    r = cli("policy", "validate", "p.yaml", "--source", "sjis.txt")
    assert r.exit_code == 2 and "UTF-8" in r.output


def test_new_never_overwrites_unasked(cli, tmp_path: Path) -> None:
    (tmp_path / "kita.yaml").write_text("# my edits\n", encoding="utf-8")
    r = cli("policy", "new", "kita", "--from", "mine")
    assert r.exit_code == 2 and "--force" in r.output
    assert (tmp_path / "kita.yaml").read_text(encoding="utf-8") == "# my edits\n"
    assert cli("policy", "new", "kita", "--from", "mine", "--force").exit_code == 0
    assert "extends: mine" in (tmp_path / "kita.yaml").read_text(encoding="utf-8")


def test_new_refuses_bad_id_and_unknown_city(cli) -> None:
    assert cli("policy", "new", "Asagiri City", "--from", "mine").exit_code == 2
    r = cli("policy", "new", "asagiri", "--from", "osaka")
    assert r.exit_code == 2 and "osaka" in r.output


@pytest.mark.parametrize("city", ["goshogawara", "kagoshima", "kisarazu", "mine", "zushi"])
def test_starter_of_each_city_is_the_city_again(cli, tmp_path: Path, city: str) -> None:
    # The starter, read back, is the bundled policy with the new identity and no domains or
    # contacts: no value is lost or garbled by writing it out.
    assert cli("policy", "new", "copy", "--from", city).exit_code == 0
    copy = load_policy_file(tmp_path / "copy.yaml")
    original = load_bundled(city)
    enabled = lambda p: {c: r for c, r in p.rules.items() if r.enabled}  # noqa: E731
    assert enabled(copy) == enabled(original)
    assert all(copy.rules[c].severity == "off" for c in copy.rules if c not in enabled(original))
    assert copy.clauses == original.clauses
    assert copy.posting_hours == original.posting_hours
    assert copy.official_domains == [] and copy.accounts == []
