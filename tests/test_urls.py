"""The URL family (URL001-URL005) through the engine, with the bundled city policies.

Each case is a short draft written for the test; ``got`` is ``[(code, text)]`` of the
findings of ``--select URL``, in report order.
"""

from __future__ import annotations

import pytest

from snslint.findings import Severity
from snslint.settings.policy import load_bundled
from support import findings

CITIES = ("kisarazu", "kagoshima", "zushi", "goshogawara", "mine")


def got(text: str, city: str, select: str = "URL") -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in findings(text, city, select=select)]


def by_code(text: str, city: str, code: str):
    return [f for f in findings(text, city, select=code) if f.code == code]


# --------------------------------------------------------------------------- whole family


@pytest.mark.parametrize(
    "city, text, expected",
    [
        (
            "kagoshima",
            "【桜島の降灰情報】\n詳しくは https://bit.ly/3kAgoSh をご覧ください。",
            [("URL001", "https://bit.ly/3kAgoSh")],
        ),
        (
            "zushi",
            "海水浴場の開設について（https://www.city.zushi.lg.jp/kanko/kaisuiyokujo.html）。"
            "駐車場は http://www.city.zushi.lg.jp/parking/ へ。",
            [("URL002", "http://www.city.zushi.lg.jp/parking/")],
        ),
        (
            "goshogawara",
            "立佞武多の運行情報：https://tachineputa-example.jp/unko と県の案内 https://www.pref.aomori.lg.jp/",
            [("URL003", "https://tachineputa-example.jp/unko")],
        ),
        (
            "zushi",
            "定額減税の給付手続きはこちら→ https://city-zushi-lg.jp/kyufu 期限は3月末です。",
            [("URL004", "https://city-zushi-lg.jp/kyufu")],
        ),
        (
            "mine",
            "申請ツールを配布します https://www.city.mine.lg.jp/files/tool/setup.exe",
            [("URL005", "https://www.city.mine.lg.jp/files/tool/setup.exe")],
        ),
        (
            "kagoshima",
            "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ｋａｇｏ１ から申し込めます",
            [("URL001", "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ｋａｇｏ１")],
        ),
        (
            "zushi",
            "アプリ https://example.com/bousai.apk と https://www.city.zushi.lg.jp/ をご覧ください",
            [("URL003", "https://example.com/bousai.apk"), ("URL005", "https://example.com/bousai.apk")],
        ),
        (
            "kisarazu",
            "市役所からのお知らせです。電話 0438-23-7111、メール kouhou@city.kisarazu.lg.jp。ver.2.0 に対応、1.5km先。",
            [],
        ),
    ],
)
def test_family_codes_and_texts(city: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert got(text, city) == expected


def test_finding_span_covers_the_url_as_written() -> None:
    text = "---\ncity: kagoshima\n---\n詳しくは「https://bit.ly/3kAgoSh」で。\n"
    (f,) = findings(text, "kagoshima", select="URL001")
    assert f.text == "https://bit.ly/3kAgoSh"
    assert text[f.start:f.end] == f.text
    assert f.line == 4


# --------------------------------------------------------------------------- URL001


def test_shortener_is_error_citing_kagoshima_5_7() -> None:
    (f,) = by_code("詳しくは t.co/AbCdE をご覧ください", "kagoshima", "URL001")
    assert f.severity is Severity.ERROR
    assert f.clause is not None and f.clause.ref == "5(7)"
    assert f.text == "t.co/AbCdE"
    assert "5(7)" in f.message_ja


@pytest.mark.parametrize("city", ["kisarazu", "zushi", "goshogawara", "mine"])
def test_shortener_elsewhere_is_warning_with_honest_message(city: str) -> None:
    (f,) = by_code("申込みは https://tinyurl.com/kouza2026 から", city, "URL001")
    assert f.severity is Severity.WARNING
    assert f.clause is None
    assert "禁止していません" in f.message_ja


@pytest.mark.parametrize(
    "text",
    [
        "詳しくは https://www.city.kagoshima.lg.jp/kankyo/gomi.html",
        "鹿児島県 https://www.pref.kagoshima.jp/",
        "ワンワンの日 https://example.com/bit.ly",  # shortener name in a path, not the host
        "https://notbit.ly.example.com/",  # not under bit.ly
        "0rz.tw は以前の短縮サービス",  # in the inactive list only
    ],
)
def test_shortener_not_caught(text: str) -> None:
    assert by_code(text, "kagoshima", "URL001") == []


def test_shortener_subdomain_is_caught() -> None:
    assert [f.text for f in by_code("https://www.bit.ly/abc", "kagoshima", "URL001")] == ["https://www.bit.ly/abc"]


def test_shortener_allow_setting(tmp_path) -> None:
    from snslint.input.draft import parse_draft
    from snslint.lint.engine import CheckOptions, check_draft
    from snslint.settings.policy import load_policy_file
    from support import FIXED_NOW

    path = tmp_path / "kagoshima-line.yaml"
    path.write_text(
        "id: kagoshima-line\nextends: kagoshima\nrules:\n  URL001:\n    settings:\n      allow: [lin.ee]\n",
        encoding="utf-8",
    )
    policy = load_policy_file(path)
    draft = parse_draft("d.txt", "友だち追加 https://lin.ee/AbCdEfG と https://bit.ly/3kAgoSh".encode())
    res = check_draft(draft, policy, CheckOptions(select=frozenset({"URL001"})), now=FIXED_NOW)
    assert [f.text for f in res.findings] == ["https://bit.ly/3kAgoSh"]
    # without the setting, lin.ee (LINE's shortener) is in the list
    assert [f.text for f in by_code("友だち追加 https://lin.ee/AbCdEfG", "kagoshima", "URL001")] == ["https://lin.ee/AbCdEfG"]


# --------------------------------------------------------------------------- URL002


@pytest.mark.parametrize(
    "city, text",
    [
        ("zushi", "http://www.city.zushi.lg.jp/shisei/"),
        ("kagoshima", "http://city.kagoshima.lg.jp"),
        ("mine", "県の案内 http://www.pref.yamaguchi.lg.jp/site/"),
        ("kisarazu", "国の案内 http://www.soumu.go.jp/menu_news/"),
    ],
)
def test_insecure_link_caught(city: str, text: str) -> None:
    (f,) = by_code(text, city, "URL002")
    assert f.text.startswith("http://")
    assert f.severity.value == "warning"  # issue 3: a warning in every city, no clause


@pytest.mark.parametrize(
    "city, text",
    [
        ("zushi", "https://www.city.zushi.lg.jp/shisei/"),
        ("zushi", "http://zushi-kankou.example.jp/"),  # not known to serve https: left alone
        ("mine", "https://www.soumu.go.jp/"),
        ("kisarazu", "www.city.kisarazu.lg.jp/shisei/"),  # no scheme written: nothing to correct
        ("kisarazu", "http://city.kisarazu.lg.jp.example.net/"),  # a lookalike, not the city's site
    ],
)
def test_insecure_link_not_caught(city: str, text: str) -> None:
    assert by_code(text, city, "URL002") == []


# --------------------------------------------------------------------------- URL003


@pytest.mark.parametrize("city", CITIES)
def test_official_domain_never_external(city: str) -> None:
    policy = load_bundled(city)
    for domain in policy.official_domains:
        text = f"詳しくは https://{domain}/ と https://www.{domain}/soshiki/index.html と {domain}/kurashi をご覧ください。"
        assert by_code(text, city, "URL003") == [], domain
        assert by_code(text, city, "URL004") == [], domain


@pytest.mark.parametrize("city", CITIES)
def test_trusted_domains_and_public_bodies_never_external(city: str) -> None:
    policy = load_bundled(city)
    hosts = list(policy.trusted_domains) + ["www.mhlw.go.jp", "www.pref.hokkaido.lg.jp"]
    text = " ".join(f"https://{h}/" for h in hosts)
    assert by_code(text, city, "URL003") == []


def test_city_accounts_are_not_external_but_others_on_the_platform_are() -> None:
    text = (
        "市公式X https://x.com/mine_citykouhou/status/1860000000000000000 と "
        "https://twitter.com/mine_citykouhou 、インスタ https://www.instagram.com/minecity_official/ 、"
        "観光協会 https://x.com/other_kankou"
    )
    assert [f.text for f in by_code(text, "mine", "URL003")] == ["https://x.com/other_kankou"]


def test_external_link_severity_and_clause_per_city() -> None:
    text = "協賛企業のページ https://sponsor-example.co.jp/campaign"
    (k,) = by_code(text, "kagoshima", "URL003")
    assert k.severity is Severity.WARNING and k.clause.ref == "5(8)"
    (m,) = by_code(text, "mine", "URL003")
    assert m.severity is Severity.INFO
    (z,) = by_code(text, "zushi", "URL003")
    assert z.clause.ref == "3-4(6)"
    # kisarazu's document has no caution clause: its policy turns the rule off (``--select``
    # would still run it, at the rule's default severity, info)
    assert [f for f in findings(text, "kisarazu") if f.code.startswith("URL")] == []
    (ki,) = by_code(text, "kisarazu", "URL003")
    assert ki.severity is Severity.INFO and ki.clause is None and "定めはありません" in ki.message_ja


def test_external_link_leaves_shorteners_and_lookalikes_to_their_rules() -> None:
    text = "https://bit.ly/3kAgoSh と https://city-kagoshima-lg.jp/ と https://kagoshima-event.example.jp/"
    # report order is by offset
    assert got(text, "kagoshima") == [
        ("URL001", "https://bit.ly/3kAgoSh"),
        ("URL004", "https://city-kagoshima-lg.jp/"),
        ("URL003", "https://kagoshima-event.example.jp/"),
    ]


# --------------------------------------------------------------------------- URL004


@pytest.mark.parametrize(
    "city, url, how",
    [
        ("kagoshima", "https://city.kagoshima.lg.jp.example.net/login", "embedded"),
        ("kagoshima", "https://www.city-kagoshima-lg.jp/", "joined"),
        ("kagoshima", "https://www.citykagoshima.com/", "joined"),
        ("kagoshima", "https://kag0shima.jp/kyufu", "substituted"),
        ("kagoshima", "https://www.kagoshlma.com/", "substituted"),
        ("kagoshima", "https://www.kagosima.com/", "typo"),
        ("kisarazu", "https://www.kisarazv.jp/", "typo"),
        ("goshogawara", "https://city-goshogawra.jp/", "typo"),
        ("zushi", "https://сity.zushi.lg.jp/", "homograph"),  # Cyrillic с
        ("mine", "https://www.city.mіne.lg.jp/", "homograph"),  # Cyrillic і
        ("mine", "https://m1ne.jp/", "substituted"),
    ],
)
def test_lookalike_caught(city: str, url: str, how: str) -> None:
    (f,) = by_code(f"申請はこちら {url} から", city, "URL004")
    assert f.text == url
    assert f.extra["how"] == how


@pytest.mark.parametrize(
    "city, url",
    [
        ("kagoshima", "https://www.city.kagoshima.lg.jp/"),
        ("kagoshima", "https://kosodate.city.kagoshima.lg.jp/"),
        ("kagoshima", "https://www.pref.kagoshima.jp/"),  # trusted
        ("kagoshima", "https://www.pref.kagoshima.lg.jp/"),
        ("kagoshima", "https://www.kagoshima-kankou.com/"),  # tourism site: external, not a lookalike
        ("kagoshima", "https://www.city.kirishima.lg.jp/"),  # another city (lg.jp)
        ("kisarazu", "https://www.city.kimitsu.lg.jp/"),
        ("mine", "https://line.me/R/ti/p/@example"),  # "line" is one letter from "mine"
        ("mine", "https://www.minecraft.net/"),
        ("mine", "https://www.mine-kankou.jp/"),
        ("zushi", "https://www.zushi-kaigan.jp/"),
        ("zushi", "https://sushi.example.com/"),
        ("goshogawara", "https://www.goshogawara-kankou.jp/"),
        ("kagoshima", "https://www.kagoshima-u.ac.jp/"),  # the university: a name, not a typo
        ("kagoshima", "https://www.kagoshima-ct.ac.jp/"),
        ("kisarazu", "https://www.kisarazu-kosen.example.jp/"),
    ],
)
def test_lookalike_not_caught(city: str, url: str) -> None:
    assert by_code(f"詳しくは {url} へ", city, "URL004") == []


def test_lookalike_is_error_where_the_policy_says_so() -> None:
    (f,) = by_code("https://city.zushi.lg.jp.example.net/", "zushi", "URL004")
    assert f.severity is Severity.ERROR and f.clause is not None


# --------------------------------------------------------------------------- URL005


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/files/setup.exe",
        "https://example.com/app/bousai.APK",
        "example.net/dl/tool.msi",
        "https://example.org/macro/form.xlsm",
        "https://example.org/archive/data.zip#top",
        "https://example.org/s/run.bat?dl=1",
    ],
)
def test_executable_link_caught(url: str) -> None:
    (f,) = by_code(f"ダウンロード：{url}", "zushi", "URL005")
    assert f.text == url
    assert f.severity is Severity.WARNING
    assert f.clause is not None and f.clause.ref == "3-1(2)ア(エ)"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.city.zushi.lg.jp/files/shinsei.pdf",
        "https://www.city.zushi.lg.jp/soshiki/index.html",
        "https://example.com/download.php?file=setup.exe",  # the query is not read
        "https://web.archive.org/web/2020/example.com",  # .com is not a program here
        "https://example.com/js/",
    ],
)
def test_executable_link_not_caught(url: str) -> None:
    assert by_code(f"ダウンロード：{url}", "zushi", "URL005") == []


def test_archive_on_the_city_site_is_info_but_a_program_is_not() -> None:
    text = "様式一式 https://www.city.zushi.lg.jp/files/youshiki.zip 、ツール https://www.city.zushi.lg.jp/files/tool.exe"
    sev = {f.text: f.severity for f in by_code(text, "zushi", "URL005")}
    assert sev == {
        "https://www.city.zushi.lg.jp/files/youshiki.zip": Severity.INFO,
        "https://www.city.zushi.lg.jp/files/tool.exe": Severity.WARNING,
    }
