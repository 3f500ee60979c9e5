"""The page's HTTP side (Starlette's TestClient, no socket) and ``snslint serve``'s start-up."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import urllib.request

import pytest
from starlette.testclient import TestClient

from snslint.web.app import BODY_OVERHEAD, create_app
from snslint.web.service import CheckRequest, DraftChecker

DRAFT = """---
platform: x
scheduled_at: 2026-11-23T18:30
---
【市民ふれあい祭りのお知らせ】
出店の申込は実行委員の携帯 090-1234-5678 までお願いします。
詳細 https://bit.ly/3kFurea
"""


@pytest.fixture(scope="module")
def checker() -> DraftChecker:
    c = DraftChecker.load(city="kagoshima", max_bytes=20_000)
    c.warm_up()
    return c


@pytest.fixture(scope="module")
def client(checker) -> TestClient:
    return TestClient(create_app(checker, allowed_hosts=["testserver"]))


def _check(client: TestClient, **fields):
    return client.post("/api/check", json={"text": DRAFT, **fields})


def test_page_is_japanese_first_offers_every_city_and_forbids_inline_script(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="ja"' in page.text and "SNS投稿チェック" in page.text
    for city in ("kisarazu", "kagoshima", "zushi", "goshogawara", "mine"):
        assert f'<option value="{city}"' in page.text
    assert '<option value="kagoshima" selected>' in page.text  # --city
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert '<html lang="en"' in client.get("/?lang=en").text


def test_check_answers_the_three_findings_masked_and_escaped(client) -> None:
    got = _check(client, text=DRAFT.replace("詳細", "<script>alert(1)</script>詳細"))
    assert got.status_code == 200
    data = got.json()
    assert data["counts"] == {"error": 1, "warning": 2, "info": 0}
    html = data["html"]
    assert [c for c in ("TIME002", "PII001", "URL001") if f'data-code="{c}"' in html] == ["TIME002", "PII001", "URL001"]
    assert "090-1234-5678" not in got.text and "090-****-5678" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    # Kagoshima's checklist of clauses only a person can judge follows the findings.
    assert html.count('<input type="checkbox" data-ref=') == 8


def test_form_fields_override_the_draft(client) -> None:
    # An open weekday morning from the form replaces the holiday evening in front matter.
    assert _check(client, at="2026-11-24T10:00").json()["counts"]["error"] == 1  # URL001 stays
    assert 'data-code="TIME002"' not in _check(client, at="2026-11-24T10:00").json()["html"]
    # Emergency turns the closed-day finding into info; other cities' clauses are used.
    assert 'data-code="TIME002" data-severity="info"' in _check(client, emergency=True).json()["html"]
    assert _check(client, city="kisarazu").json()["counts"]["error"] == 1  # kisarazu: TIME002 error, URL001 warning
    images = _check(client, images=[{"path": "poster.png", "alt": ""}], platform="instagram").json()["html"]
    assert "FORM" in images or "alt" in images.lower()


def test_bad_input_is_a_one_line_message_not_an_error_page(client) -> None:
    broken = _check(client, text="---\nplatform: [\n---\n本文\n").json()
    assert broken["error"] and "フロントマター" in broken["error"] and 'role="alert"' in broken["html"]
    unknown = _check(client, city="../../../etc/passwd").json()
    assert "etc/passwd" in unknown["error"] and unknown["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert _check(client, at="2026-99-01T10:00").json()["error"].startswith("投稿日時")
    english = _check(client, at="yesterday", lang="en").json()
    assert "cannot read the post time" in english["error"]


def test_body_size_type_and_json_are_checked(client, checker) -> None:
    big = client.post("/api/check", json={"text": "a" * (checker.max_bytes + BODY_OVERHEAD)})
    assert big.status_code == 413 and "大きすぎます" in big.json()["error"]["ja"] and "too large" in big.json()["error"]["en"]
    # Within the request limit but over the draft's: the same message, from the checker.
    near = _check(client, text="あ" * (checker.max_bytes // 3 + 10)).json()
    assert "大きすぎます" in near["error"]
    assert client.post("/api/check", data={"text": "x"}).status_code == 415
    bad = client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 400
    assert client.post("/api/check", json={"text": 3}).status_code == 400
    assert client.get("/api/check").status_code == 405


def test_a_foreign_host_header_is_refused(checker) -> None:
    other = TestClient(create_app(checker), base_url="http://attacker.example")
    assert other.get("/").status_code == 400
    for ok in ("http://127.0.0.1:8765", "http://localhost:8765"):
        assert TestClient(create_app(checker), base_url=ok).get("/").status_code == 200
    # The IPv6 loopback as a browser sends it. Given as the Host header rather than a base URL:
    # starlette 1.2's test client (the declared floor) cannot parse "[::1]:8765" in a URL.
    local = TestClient(create_app(checker), base_url="http://127.0.0.1:8765")
    assert local.get("/", headers={"host": "[::1]:8765"}).status_code == 200
    assert local.get("/", headers={"host": "attacker.example:8765"}).status_code == 400


def test_no_file_is_written_and_nothing_of_the_draft_is_logged(client, tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    _check(client, text=DRAFT + "秘密の下書き本文です。")
    assert list(tmp_path.iterdir()) == []
    assert "秘密の下書き" not in caplog.text


def test_checker_keeps_the_engine_loaded(checker) -> None:
    first = checker.check(CheckRequest(text=DRAFT))
    again = checker.check(CheckRequest(text=DRAFT))
    assert [f.code for f in first[0].findings] == [f.code for f in again[0].findings]
    assert first[1] is again[1]  # the same policy object: nothing re-read per request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_warns_when_not_on_loopback_and_reports_a_busy_port() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "snslint", "serve", "--host", "0.0.0.0", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = proc.stderr.readline()
        second = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert first.startswith("警告: 0.0.0.0 で待ち受けます") and "Warning" in first
    assert "http://0.0.0.0:" in second
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        got = subprocess.run(
            [sys.executable, "-m", "snslint", "serve", "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    assert got.returncode == 2 and "Traceback" not in got.stderr
    assert got.stderr.count("\n") == 1 and "待ち受けできません" in got.stderr


def test_browser_tests_skip_locally_but_fail_under_ci(monkeypatch) -> None:
    import chromium

    monkeypatch.setattr(chromium, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium chromium-driver"):
        chromium.start()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        chromium.start()


def test_personal_data_outside_the_findings_is_masked_too(client) -> None:
    # A number in a front-matter comment, and with --select-like narrowing nothing reports it:
    # the page still shows the text through the one masking pass.
    text = "---\n# 担当: 広報 090-8765-4321\nplatform: x\nscheduled_at: 2026-11-24T10:00\n---\n図書館の休館日のお知らせです。\n"
    html = _check(client, text=text).json()["html"]
    assert "090-8765-4321" not in html and "8765" not in html


def test_open_starts_the_browser_on_the_page_once_it_answers(tmp_path) -> None:
    opened = tmp_path / "opened.txt"
    fake_browser = tmp_path / "browser.sh"
    fake_browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    fake_browser.chmod(0o755)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BROWSER": str(fake_browser)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "snslint", "serve", "--port", "0", "--open", "--lang", "en"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()
        url = line.split("page: ", 1)[1].split()[0]
        import time

        deadline = time.monotonic() + 20
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with urllib.request.urlopen(url, timeout=10) as page:
            html = page.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert opened.read_text(encoding="utf-8").strip() == url
    assert url.startswith("http://127.0.0.1:") and '<html lang="en"' in html
