"""Front-matter suppressions: a reason silences, no reason or PII003 does not; unused ones are
reported (SNS001); --show-suppressed lists what was silenced and why."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from snslint.text.check_digits import my_number_check_digit
from snslint.cli import app

MY_NUMBER = "98765432101" + str(my_number_check_digit("98765432101"))


def draft(entries: str, body: str, city: str = "kagoshima") -> str:
    return f"---\ncity: {city}\nscheduled_at: 2026-12-02T10:00\nsnslint:\n  ignore:\n{entries}---\n{body}"


SHORT = "【鹿児島市】申込みフォームはこちら https://bit.ly/3abcDEF です。（市民協働課）\n"
WITH_REASON = "    - code: URL001\n      reason: 国の申込みサイトが発行した短縮URLで、課長承認済み（2026-11-30）\n"


@pytest.fixture
def check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(text: str, *extra: str):
        (tmp_path / "d.txt").write_text(text, encoding="utf-8")
        r = CliRunner().invoke(app, ["check", "d.txt", "--format", "json", *extra], catch_exceptions=False)
        return r.exit_code, json.loads(r.stdout)

    return run


def codes(doc) -> list[str]:
    return [f["code"] for f in doc["findings"]]


def test_without_suppression_the_error_fails(check):
    code, doc = check("---\ncity: kagoshima\nscheduled_at: 2026-12-02T10:00\n---\n" + SHORT)
    assert code == 1 and codes(doc) == ["URL001"]


def test_reason_silences_and_show_suppressed_lists_it(check):
    code, doc = check(draft(WITH_REASON, SHORT))
    assert code == 0 and codes(doc) == []
    assert "suppressed" not in doc
    code, doc = check(draft(WITH_REASON, SHORT), "--show-suppressed")
    assert [(s["code"], s["reason"]) for s in doc["suppressed"]] == [
        ("URL001", "国の申込みサイトが発行した短縮URLで、課長承認済み（2026-11-30）")
    ]


@pytest.mark.parametrize("token", ["URL", "url-shortener"])
def test_prefix_and_name_work_too(check, token):
    code, doc = check(draft(WITH_REASON.replace("URL001", token), SHORT))
    assert code == 0 and codes(doc) == []


@pytest.mark.parametrize("reason_line", ["", "      reason: \"  \"\n"])
def test_no_reason_is_refused_and_the_finding_stands_with_a_note(check, reason_line):
    code, doc = check(draft("    - code: URL001\n" + reason_line, SHORT))
    assert code == 1
    url = next(f for f in doc["findings"] if f["code"] == "URL001")
    assert url["severity"] == "error" and "理由がないため無効" in url["message"]
    sns = next(f for f in doc["findings"] if f["code"] == "SNS002")
    assert sns["severity"] == "warning" and sns["line"] == 6 and sns["text"] == "URL001"


def test_my_number_can_never_be_suppressed(check):
    body = f"申請者の個人番号は {MY_NUMBER} です。（市民課）\n"
    code, doc = check(draft("    - code: PII003\n      reason: 本人の同意を得ているため\n", body), "--show-suppressed")
    assert code == 1
    assert "PII003" in codes(doc) and "SNS002" in codes(doc)
    assert doc["suppressed"] == []
    assert MY_NUMBER not in json.dumps(doc, ensure_ascii=False)


def test_prefix_silences_the_suppressible_ones_but_not_my_number(check):
    body = f"担当 090-1234-5678。申請者の個人番号は {MY_NUMBER} です。（市民課）\n"
    code, doc = check(draft("    - code: PII\n      reason: 担当職員の業務用携帯（公開済み）\n", body), "--show-suppressed")
    assert code == 1
    assert "PII003" in codes(doc) and "PII001" not in codes(doc)
    assert [s["code"] for s in doc["suppressed"]] == ["PII001"]


def test_unused_suppression_is_info(check):
    clean = "【鹿児島市】年末年始のごみ収集日程は市ホームページをご覧ください。（環境局）\n"
    code, doc = check(draft(WITH_REASON, clean))
    assert code == 0
    (sns,) = doc["findings"]
    assert sns["code"] == "SNS001" and sns["severity"] == "info" and sns["line"] == 6
    code, doc = check(draft(WITH_REASON, clean), "--ignore", "SNS001")
    assert codes(doc) == []


def test_unknown_code_is_refused(check):
    code, doc = check(draft("    - code: URL999\n      reason: 念のため\n", SHORT))
    assert code == 1 and sorted(codes(doc)) == ["SNS002", "URL001"]


def test_select_runs_only_what_is_selected_meta_included(check):
    code, doc = check(draft("    - code: URL001\n", SHORT), "--select", "URL001")
    assert codes(doc) == ["URL001"]  # SNS002 not selected
    code, doc = check(draft("    - code: URL001\n", SHORT), "--select", "URL001,SNS")
    assert sorted(codes(doc)) == ["SNS002", "URL001"]
    assert len([c for c in codes(doc) if c == "SNS002"]) == 1  # engine and filters do not both report it


def test_concise_show_suppressed_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(draft(WITH_REASON, SHORT), encoding="utf-8")
    r = CliRunner().invoke(app, ["check", "d.txt", "-f", "concise", "--show-suppressed"])
    assert r.exit_code == 0
    assert "抑止された指摘 (1):" in r.stdout
    assert "d.txt:9:19: URL001 url-shortener — 理由: 国の申込みサイト" in r.stdout


def test_result_without_its_draft_still_honours_suppressions(tmp_path):
    # A cache or worker may hand back a FileResult without the Draft: the stage reads it again.
    from dataclasses import replace as dc_replace

    from snslint.lint.engine import CheckOptions, check_path
    from snslint.settings.chooser import PolicySource
    from snslint.lint.suppression import Filters, apply

    path = tmp_path / "d.txt"
    path.write_text(draft(WITH_REASON, SHORT), encoding="utf-8")
    full = check_path(str(path), PolicySource(), CheckOptions())
    assert [f.code for f in full.findings] == ["URL001"]
    kept, silenced = apply(dc_replace(full, draft=None), Filters())
    assert kept == [] and [f.code for f, _ in silenced] == ["URL001"]
