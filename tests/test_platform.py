"""FORM family on real-looking city drafts, against the five bundled policies."""

from __future__ import annotations

import pytest

from snslint.findings import Severity
from snslint.rules.form.hashtags import hashtags
from snslint.rules.form.placeholders import placeholders
from support import findings

CITIES = ["kisarazu", "kagoshima", "zushi", "goshogawara", "mine"]


def _only(code, text, city="kisarazu", **kw):
    return [f for f in findings(text, city, select=code, **kw) if f.code == code]


# --------------------------------------------------------------------------- FORM001

NOTICE = "【お知らせ】令和8年12月5日（土）10時から、市民会館大ホールで防災講演会を開催します。"


def test_x_post_of_300_weighted_characters_reports_the_overage() -> None:
    body = "あ" * 150  # 300 weighted
    got = _only("FORM001", f"---\nplatform: x\n---\n{body}\n", "kisarazu")
    assert len(got) == 1
    f = got[0]
    assert "300" in f.message_ja and "280" in f.message_ja and "20" in f.message_ja
    assert f.extra["over"] == 20
    assert f.text == "あ" * 10  # the part past 280: 10 characters of weight 2


def test_x_counts_urls_as_23() -> None:
    url = "https://www.city.kisarazu.lg.jp/soshiki/somu/bosai/page0001234567890123456789.html"
    body = "い" * 125 + url  # 250 + 23 = 273: fits, though it is 203 characters
    assert not _only("FORM001", f"---\nplatform: x\n---\n{body}", "kisarazu")


def test_platform_option_overrides_front_matter() -> None:
    text = "---\nplatform: instagram\n---\n" + NOTICE * 4
    assert not _only("FORM001", text, "zushi")
    assert _only("FORM001", text, "zushi", platform="x")


def test_platform_from_the_account() -> None:
    text = "---\naccount: \"@kisarazu_city\"\n---\n" + NOTICE * 4
    assert [f.extra["platform"] for f in _only("FORM001", text, "kisarazu")] == ["x"]


def test_no_platform_no_length_finding() -> None:
    assert not _only("FORM001", NOTICE * 10, "mine")


@pytest.mark.parametrize("platform, limit", [("threads", 500), ("instagram", 2200), ("line", 5000)])
def test_character_limits(platform, limit) -> None:
    over = f"---\nplatform: {platform}\n---\n" + "市" * (limit + 3)
    exact = f"---\nplatform: {platform}\n---\n" + "市" * limit + "\n"
    got = _only("FORM001", over, "goshogawara")
    assert len(got) == 1 and got[0].extra["over"] == 3 and f"{limit}" in got[0].message_ja
    assert not _only("FORM001", exact, "goshogawara")


def test_youtube_title_is_the_first_line() -> None:
    long_title = "【美祢市】" + "秋吉台の山焼きの様子" * 10  # 105 characters
    got = _only("FORM001", f"---\nplatform: youtube\n---\n{long_title}\n説明文です。", "mine")
    assert len(got) == 1 and "タイトル" in got[0].message_ja and got[0].extra["over"] == 5
    ok = "【美祢市】秋吉台の山焼き2026\n" + "山焼きの様子をお届けします。" * 300  # description 4,200
    assert not _only("FORM001", f"---\nplatform: youtube\n---\n{ok}", "mine")


# --------------------------------------------------------------------------- FORM002


def test_hashtags_outside_urls_only() -> None:
    text = "花火大会 #逗子 #花火\nhttps://www.city.zushi.lg.jp/event/index.html#access\n&#12354; 番号#12"
    assert [m.group(2) for m in hashtags(text)] == ["逗子", "花火"]


def test_instagram_hard_limit_is_policy_severity_and_soft_is_warning() -> None:
    tags = " ".join(f"#タグ{i}a" for i in range(31))
    got = _only("FORM002", f"---\nplatform: instagram\n---\n紅葉が見頃です。\n{tags}", "kagoshima")
    assert len(got) == 1 and got[0].extra == {"count": 31, "limit": 30}
    x = _only("FORM002", "---\nplatform: x\n---\n開催！ #五所川原 #立佞武多 #青森 #祭り", "goshogawara")
    assert [f.severity for f in x] == [Severity.WARNING]
    assert not _only("FORM002", "---\nplatform: x\n---\n開催！ #五所川原 #立佞武多 #青森", "goshogawara")


def test_fullwidth_hash_is_info_except_on_x() -> None:
    text = "---\nplatform: facebook\n---\n山焼きを行います。＃美祢市 ＃秋吉台"
    got = _only("FORM002", text, "mine")
    assert [(f.severity, f.text) for f in got] == [(Severity.INFO, "＃美祢市"), (Severity.INFO, "＃秋吉台")]
    assert not _only("FORM002", text.replace("facebook", "x"), "mine")


# --------------------------------------------------------------------------- FORM003

ALT_MISSING = "---\nplatform: instagram\nimages:\n  - path: photos/kaigan.jpg\n---\n逗子海岸のビーチクリーンの様子です。\n"


def test_zushi_missing_alt_is_an_error_citing_3_4_4() -> None:
    (f,) = _only("FORM003", ALT_MISSING, "zushi")
    assert f.severity is Severity.ERROR and f.clause.ref == "3-4(4)"
    assert f.text == "photos/kaigan.jpg" and f.line == 4


@pytest.mark.parametrize("city", ["kisarazu", "kagoshima", "goshogawara", "mine"])
def test_missing_alt_is_a_warning_elsewhere(city) -> None:
    got = _only("FORM003", ALT_MISSING, city)
    assert [f.severity for f in got] == [Severity.WARNING]


def test_weak_alt_is_a_warning_even_in_zushi() -> None:
    text = (
        "---\nimages:\n  - path: a/kaigan.jpg\n    alt: kaigan\n  - path: b.jpg\n    alt: 写真\n"
        "  - path: c.jpg\n    alt: 清掃後の砂浜とごみ袋の山\n---\n清掃活動の報告です。"
    )
    got = _only("FORM003", text, "zushi")
    assert [(f.severity, f.text) for f in got] == [(Severity.WARNING, "a/kaigan.jpg"), (Severity.WARNING, "b.jpg")]


# --------------------------------------------------------------------------- FORM004

REPLY = "---\ntype: reply\n---\nご意見ありがとうございます。担当課に申し伝えます。"


@pytest.mark.parametrize("city", ["kisarazu", "zushi", "goshogawara", "mine"])
def test_reply_where_the_city_does_not_reply(city) -> None:
    assert _only("FORM004", REPLY, city)


def test_kagoshima_replies_are_per_account_and_off_by_default() -> None:
    assert not findings(REPLY, "kagoshima", ignore="CAT,PII,URL,TIME")


def test_goshogawara_allows_replies_to_government_bodies() -> None:
    gov = REPLY.replace("type: reply", "type: reply\nreply_to_government: true")
    assert not _only("FORM004", gov, "goshogawara")
    assert _only("FORM004", gov, "kisarazu")  # no such exception in kisarazu 8


def test_account_replies_setting_overrides() -> None:
    from_x = REPLY.replace("type: reply", 'type: reply\naccount: "@kisarazu_city"')
    assert _only("FORM004", from_x, "kisarazu")  # that account has replies: false


def test_posts_and_shares_are_not_replies() -> None:
    for kind in ("post", "share", "correction"):
        assert not _only("FORM004", REPLY.replace("reply", kind, 1), "mine")


# --------------------------------------------------------------------------- FORM005


def test_dm_is_an_error_in_goshogawara_only() -> None:
    dm = "---\ntype: dm\n---\nお問い合わせの件、担当者からお電話いたします。"
    (f,) = _only("FORM005", dm, "goshogawara")
    assert f.severity is Severity.ERROR and f.clause.ref == "第7条2"
    for city in ("kisarazu", "kagoshima", "zushi", "mine"):
        assert not [f for f in findings(dm, city) if f.code == "FORM005"]
    assert not _only("FORM005", dm.replace("dm", "reply"), "goshogawara")


# --------------------------------------------------------------------------- FORM006


def test_approval_is_off_unless_selected() -> None:
    text = "---\nplatform: x\n---\n本日の市長の動静です。"
    for city in CITIES:
        assert not [f for f in findings(text, city) if f.code == "FORM006"]
    assert _only("FORM006", text, "goshogawara")
    assert not _only("FORM006", text.replace("platform: x", "platform: x\napproved_by: 総務課長"), "goshogawara")
    assert _only("FORM006", text.replace("platform: x", "platform: x\napproved_by: ' '"), "goshogawara")


# --------------------------------------------------------------------------- FORM007


def test_correction_must_say_it_corrects() -> None:
    silent = "---\ntype: correction\n---\n市民講座の会場は市役所5階の第1会議室です。"
    (f,) = _only("FORM007", silent, "zushi")
    assert f.severity is Severity.ERROR and f.clause.ref == "3-5(1)"
    for said in ("【訂正】", "先ほどの投稿に誤りがありました。", "お詫びいたします。", "正しくは第1会議室です。"):
        assert not _only("FORM007", silent + said, "zushi")
    assert not _only("FORM007", silent.replace("correction", "post"), "zushi")


# --------------------------------------------------------------------------- FORM008


def test_a_full_width_link_hides_its_fragment_and_template_marks() -> None:
    # Links are the ones every rule sees (snslint.text.links.find_links), full-width ones too:
    # ＃ａｃｃｅｓｓ is the page's anchor, not a hashtag, and ＸＸＸ is part of the path.
    post = "詳しくは ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｚｕｓｈｉ．ｌｇ．ｊｐ／ｅｖｅｎｔ／＃ａｃｃｅｓｓ をご覧ください #逗子海岸花火大会"
    assert [m.group(0) for m in hashtags(post)] == ["#逗子海岸花火大会"]
    assert list(placeholders("申込はｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｋｉｓａｒａｚｕ．ｌｇ．ｊｐ／ＸＸＸ／ から")) == []
    assert list(placeholders("申込は ｗｗｗ．ｃｉｔｙ．ｋｉｓａｒａｚｕ．ｌｇ．ｊｐ から。〇月〇日まで")) == [(31, 33, "unit"), (33, 35, "unit")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("本日○時○分ごろ、ミサイルが発射された模様です。", ["○時", "○分"]),
        ("〇〇課からのお知らせ：〇〇月〇〇日に説明会を開きます。", ["〇〇", "〇〇", "〇〇"]),
        ("令和8年●月●日（●）に実施します。", ["●月", "●日", "（●）"]),
        ("××地区の皆さまへ", ["××"]),
        ("受付はXX時からです。", ["XX"]),
        ("TODO: 写真を差し替える\n開館時間のお知らせ", ["TODO"]),
        ("集合場所：【要確認】", ["【要確認】"]),
        ("新図書館（仮）の愛称を募集します。", ["（仮）"]),
    ],
)
def test_placeholders_found(text, found) -> None:
    assert [text[s:e] for s, e, _ in placeholders(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "市制施行一〇〇周年を迎えます。二〇二六年十一月三日に記念式典を開きます。",
        "二○○○年に開館した図書館です。",
        "○×クイズ大会を開催します。",
        "● 日時：12月6日（日）\n● 場所：市民会館\n●日時の変更はありません",
        "3×3バスケットボール大会",
        "XXLサイズもあります。型番XX-100、https://example.jp/XX/index.html",
        "仮設トイレを設置します。（仮称）市民交流センターの起工式です。",
        "●●●●●●●●●●\n重要なお知らせ\n●●●●●●●●●●",
        "○月曜日はヨガ教室です。",
    ],
)
def test_not_placeholders(text) -> None:
    assert list(placeholders(text)) == []


def test_placeholder_severity_follows_policy_and_tentative_is_a_warning() -> None:
    text = "【緊急】本日○時○分ごろ停電が発生しました。"
    got = _only("FORM008", text, "kagoshima")
    assert [f.severity for f in got] == [Severity.ERROR, Severity.ERROR] and got[0].clause.ref == "5(4)"
    (soft,) = _only("FORM008", "新図書館（仮）の愛称を募集します。", "kagoshima")
    assert soft.severity is Severity.WARNING


# --------------------------------------------------------------------------- FORM009


def test_poster_unidentified_in_zushi() -> None:
    (f,) = _only("FORM009", "明日は燃えるごみの収集日です。\n朝8時30分までに出してください。", "zushi")
    assert f.severity is Severity.INFO and f.clause.ref == "3-1(3)イ" and f.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "明日は燃えるごみの収集日です。（環境都市課）",
        "健診のお知らせ\n問い合わせ：保健センター",
        "防災担当からのお知らせです。",
        "---\ntype: reply\n---\nありがとうございます。",
    ],
)
def test_poster_identified(text) -> None:
    assert not _only("FORM009", text, "zushi")


def test_meeting_rooms_and_relations_are_not_departments() -> None:
    assert _only("FORM009", "市役所5階会議室で、地域の関係団体との意見交換会を開きます。課題を共有します。", "zushi")


# --------------------------------------------------------------------------- FORM010


def test_machine_dependent_characters_with_replacements() -> None:
    got = _only("FORM010", "申込：①電話 ②窓口　ｲﾍﾞﾝﾄ会場は㈱逗子建設、㍻31年度、重さ5㌔まで", "zushi")
    assert [(f.text, f.extra["replacement"]) for f in got] == [
        ("①", "1"), ("②", "2"), ("ｲﾍﾞﾝﾄ", "イベント"), ("㈱", "(株)"), ("㍻", "平成"), ("㌔", "キロ"),
    ]
    assert all(f.severity is Severity.INFO for f in got)
    assert not _only("FORM010", "申込：(1)電話 (2)窓口　イベント会場は株式会社逗子建設、平成31年度", "zushi")

