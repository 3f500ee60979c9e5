"""``--format sarif`` validates against the OASIS SARIF 2.1.0 schema (vendored in tests/data,
see its SOURCE.md) and carries what code scanning needs: every rule, and results with 1-based
line/column regions (columns in characters), levels, messages, masked personal data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from snslint.text.check_digits import my_number_check_digit
from snslint.cli import app
from snslint.rules.registry import registry
from snslint.output.formats.sarif import artifact_uri

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
MY_NUMBER = "12345678901" + str(my_number_check_digit("12345678901"))

DRAFT = """---
city: kagoshima
platform: x
scheduled_at: 2026-12-02T10:00
snslint:
  ignore:
    - code: PII001
      reason: 担当職員の業務用携帯（公開済み）のため
---
【鹿児島市】年末年始のごみ収集日程のお知らせです。
詳しくは https://bit.ly/3abcDEF をご覧ください。
お問い合わせ 担当 090-1234-5678（市民課）
申請者の個人番号は {n} です。
""".format(n=MY_NUMBER)


@pytest.fixture
def sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "下書き").mkdir()
    (tmp_path / "下書き" / "年末 告知.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "下書き" / "broken.txt").write_bytes(b"\x00\xff\x00binary")

    def run(*extra: str):
        r = CliRunner().invoke(app, ["check", "下書き", "--format", "sarif", *extra], catch_exceptions=False)
        return r.exit_code, json.loads(r.stdout)

    return run


def test_output_validates_against_the_official_schema(sarif):
    code, log = sarif("--show-suppressed")
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert code == 2  # the unreadable file


def test_schema_catches_a_broken_log():
    # The validator is live: a log without "version" and with a bad level is refused.
    bad = {"runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}
    assert len(list(VALIDATOR.iter_errors(bad))) >= 2


def test_driver_lists_every_rule(sarif):
    _, log = sarif()
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(registry())
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    url001 = next(r for r in rules if r["id"] == "URL001")
    assert url001["name"] == "url-shortener" and url001["defaultConfiguration"]["level"] == "warning"
    assert url001["fullDescription"]["text"].startswith("短縮URL（bit.ly、tinyurl.com、t.co など）へのリンクを見つけます。")
    md = url001["help"]["markdown"]
    heads = ["## 何をするか / What it does", "## なぜ問題か / Why it matters", "## 例 / Example", "## 代わりに / Use instead"]
    at = [md.index(h) for h in heads]
    assert at == sorted(at)
    assert "5(7)" in md[at[1] : at[2]] and "https://bit.ly/3abcDEF" in md[at[2] : at[3]]
    assert "https://www.city.kagoshima.lg.jp/" in md[at[3] :] and "`snslint explain URL001`" in md
    assert "■ 代わりに / Use instead" in url001["help"]["text"]
    # a personal-data rule's help shows its example's finding masked, never the example draft
    pii003 = next(r for r in rules if r["id"] == "PII003")
    for text in (pii003["help"]["markdown"], pii003["help"]["text"]):
        assert "**** **** 0257" in text and "9832" not in text and "snslint explain PII003" in text


def test_results_regions_levels_and_masking(sarif):
    _, log = sarif("--show-suppressed")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {}
    for res in run["results"]:
        by_rule.setdefault(res["ruleId"], []).append(res)
    url = by_rule["URL001"][0]
    assert url["level"] == "error" and "5(7)" in url["message"]["text"]
    loc = url["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == artifact_uri("下書き/年末 告知.txt")
    assert loc["artifactLocation"]["uri"].startswith("%E4%B8%8B%E6%9B%B8%E3%81%8D/") and " " not in loc["artifactLocation"]["uri"]
    assert loc["region"] == {
        "startLine": 11, "startColumn": 6, "endLine": 11, "endColumn": 28,
        "charOffset": loc["region"]["charOffset"], "charLength": 22,
        "snippet": {"text": "https://bit.ly/3abcDEF"},
    }
    assert run["tool"]["driver"]["rules"][url["ruleIndex"]]["id"] == "URL001"
    pii3 = by_rule["PII003"][0]
    assert "snippet" not in pii3["locations"][0]["physicalLocation"]["region"]
    dumped = json.dumps(log, ensure_ascii=False)
    assert MY_NUMBER not in dumped and "090-1234-5678" not in dumped
    # The suppressed phone number is a result with its justification (only with --show-suppressed).
    (phone,) = by_rule["PII001"]
    assert phone["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "担当職員の業務用携帯（公開済み）のため"}]
    # The unreadable file is a tool execution notification, and the run did not succeed.
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.txt")


def test_suppressed_results_only_with_the_flag(sarif):
    _, log = sarif()
    assert not [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert not [r for r in log["runs"][0]["results"] if r["ruleId"] == "PII001"]


def test_artifact_uri_forms(tmp_path):
    assert artifact_uri("a b/c%.txt") == "a%20b/c%25.txt"
    assert artifact_uri("-") == "-"
    absolute = artifact_uri(str(tmp_path / "x.txt"))
    assert absolute.startswith("file:///") and absolute.endswith("/x.txt")
