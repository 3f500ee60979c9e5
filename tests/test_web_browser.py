"""The page and the HTML report in a real browser: headless Debian Chromium via selenium.

One browser session and one server for the whole module (the server runs in this process
with the engine loaded, as ``snslint serve`` does). Screenshots of the page (laptop and
tablet widths) and of the report go to a temporary folder.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import chromium
import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.web.serve import start
from snslint.web.service import DraftChecker

ROOT = Path(__file__).resolve().parents[1]

HOLIDAY_EVENING = "2026-11-23T18:30"  # 勤労感謝の日, after hours
OPEN_MORNING = "2026-11-24T10:00"  # 火曜日

DRAFT = f"""---
city: kagoshima
platform: x
scheduled_at: {HOLIDAY_EVENING}
---
【市民ふれあい祭りのお知らせ】
11月29日（日）に中央公園で市民ふれあい祭りを開きます。
出店の申込は実行委員の携帯 090-1234-5678 までお願いします。
詳細 https://bit.ly/3kFurea
"""


class FixOfferingChecker(DraftChecker):
    """The engine, plus a fix on TIME findings (the next open morning as ``scheduled_at``),
    in the shape a rule attaches fixes (``extra["fixes"]``): the page's fix button is
    tested against that contract until the rules offer fixes themselves."""

    def check(self, req):
        result, policy = super().check(req)
        fixed = []
        for f in result.findings:
            if f.code.startswith("TIME") and f.end > f.start:
                edit = {"start": f.start, "end": f.end, "replacement": OPEN_MORNING}
                f = replace(f, extra={**f.extra, "fixes": [{"description": "翌開庁日の10:00", "edits": [edit]}]})
            fixed.append(f)
        result.findings = fixed
        return result, policy


@pytest.fixture(scope="module")
def browser():
    driver = chromium.start()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def checker() -> DraftChecker:
    c = DraftChecker.load()
    c.warm_up()
    return c


@pytest.fixture(scope="module")
def server(checker):
    running = start(checker)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def fix_server(checker):
    running = start(FixOfferingChecker(policies=checker.policies))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _open(browser, url: str) -> None:
    browser.get(url)
    _wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
    chromium.console_problems(browser)  # start each test with an empty console log


def _wait(browser, condition, timeout: float = 15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(condition)


def _set_text(browser, text: str, *, announce: bool = True) -> None:
    """Replace the draft as a paste does (an ``input`` event follows unless told not to)."""
    browser.execute_script(
        "const t = document.getElementById('text'); t.value = arguments[0];"
        "if (arguments[1]) t.dispatchEvent(new Event('input', {bubbles: true}));",
        text,
        announce,
    )


def _findings(browser) -> list[dict]:
    """Every finding shown: code, severity, clause, and whether its span is highlighted."""
    return browser.execute_script(
        """
        return Array.from(document.querySelectorAll('#result-body li.finding')).map(li => ({
          code: li.dataset.code, severity: li.dataset.severity,
          clause: (li.querySelector('.clause cite') || {}).textContent || '',
          quote: (li.querySelector('.clause-text') || {}).textContent || '',
          marks: Array.from(document.querySelectorAll('#result-body mark[data-f]'))
                   .filter(m => m.dataset.f.split(' ').includes(li.id))
                   .map(m => getComputedStyle(m).backgroundColor),
        }));
        """
    )


def _screenshot(browser, path: Path) -> None:
    """The whole page: the window is made as tall as the document, then restored."""
    width, height = browser.get_window_size()["width"], browser.get_window_size()["height"]
    full = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(max(full, height), 3000))
    try:
        browser.save_screenshot(str(path))
    finally:
        browser.set_window_size(width, height)


def _codes_shown(browser) -> list[str]:
    return [f["code"] for f in _findings(browser)]


def test_pasted_draft_shows_three_findings_highlighted_with_clauses_and_the_number_masked(browser, server, shots):
    _open(browser, server.url)
    box = browser.find_element("id", "text")
    box.send_keys(DRAFT)  # typed: the debounced check runs on its own
    _wait(browser, lambda d: _codes_shown(d) == ["TIME002", "PII001", "URL001"])
    found = _findings(browser)
    for f in found:
        assert f["clause"].startswith("鹿児島市ソーシャルメディア運用ガイドライン"), f
        assert f["quote"].startswith("「"), f
        assert f["marks"] and all(bg not in ("rgba(0, 0, 0, 0)", "transparent") for bg in f["marks"]), f
    assert {f["severity"] for f in found} == {"warning", "error"}
    shown = browser.find_element("css selector", "#result-body pre.draft-text").text
    assert "090-****-5678" in shown and "090-1234-5678" not in browser.find_element("id", "result-body").text
    facts = browser.find_element("css selector", "#result-body .facts").text
    assert "勤労感謝の日" in facts and "閉庁日" in facts
    assert "X の重み付き文字数" in facts
    assert browser.find_element("id", "status").text == "エラー 1、警告 2、情報 0"
    assert chromium.console_problems(browser) == []
    _screenshot(browser, shots / "page.png")


def test_fixing_the_time_removes_that_finding(browser, server):
    _open(browser, server.url)
    _set_text(browser, DRAFT)
    _wait(browser, lambda d: "TIME002" in _codes_shown(d))
    _set_text(browser, DRAFT.replace(HOLIDAY_EVENING, OPEN_MORNING))
    _wait(browser, lambda d: _codes_shown(d) == ["PII001", "URL001"])
    assert "投稿時間内です" in browser.find_element("css selector", "#result-body .fact.time").text
    # The form's post time wins over the draft's: back to a holiday evening.
    browser.execute_script(
        "const at = document.getElementById('at'); at.value = arguments[0];"
        "at.dispatchEvent(new Event('change', {bubbles: true}));",
        HOLIDAY_EVENING,
    )
    _wait(browser, lambda d: "TIME002" in _codes_shown(d))


def test_a_draft_holding_script_shows_as_text_and_runs_nothing(browser, server):
    from selenium.common.exceptions import NoAlertPresentException

    _open(browser, server.url)
    hostile = DRAFT + '<script>alert(1)</script>\n<img src=x onerror="document.title=\'pwned\'">\n'
    _set_text(browser, hostile)
    _wait(browser, lambda d: "<script>alert(1)</script>" in d.find_element("css selector", "#result-body pre").text)
    assert "<img src=x onerror=" in browser.find_element("css selector", "#result-body pre").text
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - the access itself is the check
    assert browser.title == "SNS投稿チェック"
    assert browser.execute_script("return document.querySelectorAll('#result-body script, #result-body img').length") == 0
    assert chromium.console_problems(browser) == []


def test_keyboard_check_and_english_switch(browser, server):
    from selenium.webdriver.common.keys import Keys

    _open(browser, server.url)
    _set_text(browser, DRAFT, announce=False)  # no input event: only the keyboard starts the check
    box = browser.find_element("id", "text")
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    _wait(browser, lambda d: len(_codes_shown(d)) == 3)
    switch = browser.find_element("id", "lang")
    switch.send_keys(Keys.ENTER)  # a real <button>: reachable and usable from the keyboard
    _wait(browser, lambda d: "Labour Thanksgiving Day" in d.find_element("id", "result-body").text)
    assert browser.find_element("id", "result-heading").text == "Results"
    assert browser.find_element("css selector", "html").get_attribute("lang") == "en"
    assert "A mobile phone number (090-****-5678)" in browser.find_element("id", "result-body").text
    assert browser.find_element("id", "check").text == "Check"
    switch.click()
    _wait(browser, lambda d: d.find_element("id", "result-heading").text == "検査結果")


def test_a_draft_over_the_size_limit_gets_a_clear_message(browser, server, checker):
    _open(browser, server.url)
    browser.execute_script("document.getElementById('text').value = 'あ'.repeat(arguments[0]);", checker.max_bytes // 3 + 1)
    browser.find_element("id", "check").click()
    alert = _wait(browser, lambda d: d.find_element("css selector", "#result-body [role=alert]"))
    assert "下書きが大きすぎます" in alert.text and "1,000,000" in alert.text


def test_fix_button_applies_the_fix_and_the_finding_goes(browser, fix_server):
    _open(browser, fix_server.url)
    _set_text(browser, DRAFT)
    _wait(browser, lambda d: "TIME002" in _codes_shown(d))
    button = browser.find_element("css selector", "li.finding[data-code=TIME002] button.fix")
    assert "翌開庁日の10:00" in button.text
    button.click()
    _wait(browser, lambda d: _codes_shown(d) == ["PII001", "URL001"])
    assert f"scheduled_at: {OPEN_MORNING}" in browser.find_element("id", "text").get_attribute("value")
    assert browser.find_elements("css selector", "li.finding[data-code=PII001] button.fix") == []


def test_page_fits_a_tablet(browser, server, shots):
    try:
        browser.set_window_size(820, 1180)
        _open(browser, server.url)
        _set_text(browser, DRAFT)
        _wait(browser, lambda d: len(_codes_shown(d)) == 3)
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        _screenshot(browser, shots / "page-tablet.png")
    finally:
        browser.set_window_size(1280, 900)


def test_html_report_of_the_examples_opens_cleanly_and_shows_every_json_finding(browser, shots, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    report = tmp_path / "report.html"
    runner.invoke(app, ["check", "examples/drafts", "--format", "html", "--output", str(report), "--no-cache"])
    doc = json.loads(runner.invoke(app, ["check", "examples/drafts", "--format", "json", "--no-cache"]).output)
    _open(browser, report.as_uri())
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('li.finding')).filter(li => li.offsetParent !== null)"
        ".map(li => [li.dataset.path, +li.dataset.line, +li.dataset.column, li.dataset.code,"
        " li.querySelector('.message').textContent]);"
    )
    want = sorted([f["path"], f["line"], f["column"], f["code"], f["message"]] for f in doc["findings"])
    assert len(want) >= 10 and sorted(shown) == want
    assert "090-1234-5678" not in browser.page_source
    _screenshot(browser, shots / "report.png")
    # Filters: no errors, then one rule only.
    browser.find_element("css selector", ".sev-filter[value=error]").click()
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('li.finding')).filter(li => !li.hidden).map(li => li.dataset.severity);"
    )
    assert visible and "error" not in visible
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "rule-filter")).select_by_value("PII001")
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('li.finding')).filter(li => !li.hidden).map(li => li.dataset.code);"
    )
    assert visible and set(visible) == {"PII001"}
    assert chromium.console_problems(browser) == []
