"""The view shared by the page and the HTML report: highlighted runs, masking, verdicts, fixes,
and ``--format html`` (without a browser; tests/test_web_browser.py opens it in Chromium)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from support import result
from markupsafe import escape
from typer.testing import CliRunner

from snslint.cli import app
from snslint.findings import Severity
from snslint.output.formats.html import csp_hash
from snslint.settings.policy import load_bundled
from snslint.output.draftview.view import build_view, environment, fixes_of, labels, segments

ROOT = Path(__file__).resolve().parents[1]

HOLIDAY_DRAFT = """---
city: kagoshima
platform: x
scheduled_at: 2026-11-23T18:30
---
【市民ふれあい祭りのお知らせ】
11月29日（日）に中央公園で市民ふれあい祭りを開きます。
出店の申込は実行委員の携帯 090-1234-5678 までお願いします。
詳細 https://bit.ly/3kFurea
"""


def _render(text: str, city: str = "kagoshima", lang: str = "ja") -> str:
    res = result(text, city)
    view = build_view(res, load_bundled(city), lang)
    return environment().get_template("result.html").render(view=view, lab=labels(lang))


def test_segments_never_cut_a_masked_value_and_mark_every_finding() -> None:
    text = "電話 090-1234-5678 まで"
    # One finding covers the number, another starts inside it (a cut there would split it).
    spans = [("f0", 3, 16, Severity.WARNING), ("f1", 8, 19, Severity.ERROR)]
    runs = segments(text, spans, [(3, 16, "090-****-5678")])
    shown = "".join(r.text for r in runs)
    assert shown == "電話 090-****-5678 まで"
    masked = next(r for r in runs if "****" in r.text)
    assert masked.text == "090-****-5678" and set(masked.findings) == {"f0", "f1"}
    assert masked.severity == "error"  # the most serious finding over it
    assert masked.anchors == ("f0", "f1")


def test_zero_length_findings_become_points_and_the_x_overflow_is_marked() -> None:
    runs = segments("abcdef", [("f0", 2, 2, Severity.ERROR)], [], over_at=4)
    assert [r.text for r in runs] == ["ab", "cd", "ef"]
    assert runs[1].points == (("f0", "error"),)
    assert [r.over for r in runs] == [False, False, True]
    assert segments("", [("f0", 0, 0, Severity.INFO)], [])[0].points == (("f0", "info"),)


def test_fragment_masks_the_number_escapes_markup_and_quotes_the_clause() -> None:
    html = _render(HOLIDAY_DRAFT.replace("詳細", "<script>alert(1)</script>詳細"))
    assert "090-1234-5678" not in html and "090-****-5678" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    codes = re.findall(r'data-code="(\w+)"', html)
    assert codes == ["TIME002", "PII001", "URL001"]
    assert "鹿児島市ソーシャルメディア運用ガイドライン 5(7)" in html  # URL001's clause, quoted
    assert "勤労感謝の日" in html  # the post-time verdict names the holiday


def test_time_verdict_open_weekday_and_holiday_evening() -> None:
    policy = load_bundled("goshogawara")
    bad = build_view(result(HOLIDAY_DRAFT.replace("kagoshima", "goshogawara"), "goshogawara"), policy, "en").time
    assert bad is not None and not bad.ok and bad.outside and bad.holiday == "Labour Thanksgiving Day (a national holiday)"
    good_text = HOLIDAY_DRAFT.replace("2026-11-23T18:30", "2026-11-24T10:00")
    good = build_view(result(good_text, "goshogawara"), policy, "ja").time
    assert good is not None and good.ok and good.closed == () and good.holiday is None


def test_x_meter_counts_weighted_length_and_the_part_over_the_limit() -> None:
    long_text = "---\nplatform: x\n---\n" + "市民会館で防災講演会を開催します。" * 10
    res = result(long_text, "kisarazu")
    view = build_view(res, load_bundled("kisarazu"), "ja")
    assert view.meter is not None and view.meter.length == 340 and view.meter.over == 60
    assert any(r.over for r in view.segments) and not view.segments[0].over
    assert build_view(result(HOLIDAY_DRAFT), load_bundled("kagoshima"), "ja").meter.over == 0


def test_fixes_are_read_from_the_finding_and_never_offered_for_personal_data() -> None:
    res = result(HOLIDAY_DRAFT)
    time_finding = res.findings[0]
    offered = replace(
        time_finding,
        extra={"fixes": [{"description": "平日の10時に", "edits": [{"start": 46, "end": 62, "content": "2026-11-24T10:00"}]}]},
    )
    (fix,) = fixes_of(offered, "ja")
    assert fix.description == "平日の10時に" and fix.edits == ({"start": 46, "end": 62, "replacement": "2026-11-24T10:00"},)
    malformed = replace(time_finding, extra={"fixes": [{"edits": [{"start": -1, "end": 2, "replacement": "x"}]}, "junk"]})
    assert fixes_of(malformed, "ja") == ()
    phone = next(f for f in res.findings if f.code == "PII001")
    assert fixes_of(replace(phone, extra={"fixes": [{"start": 0, "end": 1, "replacement": "x"}]}), "ja") == ()


class _Collect(HTMLParser):
    """Every ``li.finding``'s data attributes, and the inline style and script texts."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[tuple[str, int, int, str]] = []
        self.inline: dict[str, str] = {}
        self._in: str | None = None
        self.csp = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "finding" in (a.get("class") or "").split():
            self.findings.append((a["data-path"], int(a["data-line"]), int(a["data-column"]), a["data-code"]))
        if tag in ("style", "script"):
            self._in = tag
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]

    def handle_data(self, data):
        if self._in:
            self.inline[self._in] = self.inline.get(self._in, "") + data

    def handle_endtag(self, tag):
        self._in = None


def test_html_report_lists_every_json_finding_masked_with_a_strict_policy(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    out = tmp_path / "report.html"
    got = runner.invoke(app, ["check", "examples/drafts", "--format", "html", "--output", str(out), "--no-cache"])
    assert got.exit_code == 1, got.output  # the examples hold errors
    doc = json.loads(runner.invoke(app, ["check", "examples/drafts", "--format", "json", "--no-cache"]).output)
    html = out.read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(html)
    want = sorted((f["path"], f["line"], f["column"], f["code"]) for f in doc["findings"])
    assert len(want) >= 10 and sorted(parsed.findings) == want
    assert "090-1234-5678" not in html and "090-****-5678" in html
    # The human checklist: every question JSON lists for a city is under that city's drafts.
    for item in doc["checklist"]:
        assert f'data-ref="{item["ref"]}"' in html and str(escape(item["question"])) in html
    # Only the inline style and script run, by their hashes; nothing is fetched.
    assert f"style-src '{csp_hash(parsed.inline['style'])}'" in parsed.csp
    assert f"script-src '{csp_hash(parsed.inline['script'])}'" in parsed.csp
    assert "default-src 'none'" in parsed.csp
    assert not re.search(r"""(src|href)=["']https?:""", html)


def test_html_report_shows_an_unreadable_file_and_english(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("---\ncity: zushi\nbroken: [\n---\n本文\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n図書館の休館日のお知らせです。\n", encoding="utf-8")
    got = CliRunner().invoke(app, ["check", ".", "--format", "html", "--lang", "en", "--no-cache"])
    assert got.exit_code == 2
    assert "not checked" in got.output and "Findings per file" in got.output and 'lang="en"' in got.output


def test_readme_shows_the_page_and_how_to_start_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "snslint serve --city zushi --open" in readme and "pip install 'snslint[web]'" in readme
    (image,) = re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", readme)
    data = (ROOT / image).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 200_000


def test_html_report_lists_suppressed_findings_with_reasons_only_when_asked(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "---\ncity: kagoshima\nscheduled_at: 2026-12-02T10:00\nsnslint:\n  ignore:\n    - code: URL001\n"
        "      reason: 国の申込サイトが発行した短縮URL（課長承認済み）\n---\n申込はこちら https://bit.ly/3kFurea\n",
        encoding="utf-8",
    )
    shown = CliRunner().invoke(app, ["check", "a.txt", "--format", "html", "--show-suppressed", "--no-cache"]).output
    assert "抑止された指摘" in shown and "国の申込サイトが発行した短縮URL（課長承認済み）" in shown
    assert 'data-code="URL001"' in shown and 'class="finding sev-error" id="d0-f0" data-code="URL001"' not in shown
    plain = CliRunner().invoke(app, ["check", "a.txt", "--format", "html", "--no-cache"]).output
    assert "抑止された指摘" not in plain and '<table class="suppressed">' not in plain
