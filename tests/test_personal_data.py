"""PII001-PII008 on real-looking city drafts: what must be caught, what must stay quiet.

Drafts are written for these tests (never copied from the dev corpus). Everything a city
publishes every day (office numbers, venue addresses, officials' and lecturers' names,
eligibility dates, corporate numbers, postal codes, event dates) must give no warning or
error; a private person's mobile, address, name, My Number, card or password must.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from snslint.text.check_digits import (
    card_brand,
    corporate_number_check_digit,
    is_corporate_number,
    is_my_number,
    luhn_valid,
    my_number_check_digit,
)
from snslint.findings import Severity
from snslint.text.pii.credentials import TOKEN_HINT, TOKEN_PATTERNS
from snslint.text.pii.phone import find_phone_numbers, national_number, phone_kind
from support import findings

CITIES = ["kisarazu", "kagoshima", "zushi", "goshogawara", "mine"]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pii(text: str, city: str = "kisarazu", code: str = "PII") -> list:
    """PII findings of ``text`` under ``city`` with only ``code`` selected."""
    return [f for f in findings(text, city, select=code) if f.code.startswith("PII")]


def loud(text: str, city: str = "kisarazu") -> list:
    """PII findings at warning or error."""
    return [f for f in pii(text, city) if f.severity is not Severity.INFO]


# ----------------------------------------------------------------- check digits


def test_my_number_check_digit_worked_example() -> None:
    # 62149832025 -> 7 (python-stdnum's doctest 6214 9832 0257 ends in 7)
    assert my_number_check_digit("62149832025") == 7
    assert is_my_number("621498320257")
    assert not is_my_number("621498320258")
    assert not is_my_number("６２１４９８３２０２５７")  # callers normalize first
    with pytest.raises(ValueError):
        my_number_check_digit("1234")


def test_corporate_number_check_digit_worked_example() -> None:
    # 国税庁 7000012050002: base 000012050002 -> 7
    assert corporate_number_check_digit("000012050002") == 7
    assert is_corporate_number("7000012050002")
    assert not is_corporate_number("1234567890123")


def test_luhn_and_brands() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert card_brand("4111111111111111") == "Visa"
    assert card_brand("5555555555554444") == "Mastercard"
    assert card_brand("371449635398431") == "American Express"
    assert card_brand("3530111333300000") == "JCB"
    assert card_brand("30569309025904") == "Diners Club"
    assert card_brand("6011000400000000") == "Discover"
    assert card_brand("1220000000000003") is None


# ----------------------------------------------------------------- PII001 phone


@pytest.mark.parametrize(
    "written, national, kind",
    [
        ("090-1234-5678", "09012345678", "mobile"),
        ("+81 (0)90-1234-5678", "09012345678", "mobile"),
        ("+81 3 5253 5111", "0352535111", "fixed"),
        ("(0438)23-7111", "0438237111", "fixed"),
        ("0120-123-456", "0120123456", "freedial"),
        ("0800-987-6543", "08009876543", "freedial"),
        ("050-1009-1234", "05010091234", "ip"),
    ],
)
def test_phone_kinds(written: str, national: str, kind: str) -> None:
    assert national_number(written) == national
    assert phone_kind(national) == kind
    assert [k for *_, k in find_phone_numbers(f"電話 {written} まで")] == [kind]


def test_private_mobile_is_a_warning_masked() -> None:
    text = "子ども食堂のボランティア募集！\n申込は代表の携帯 090-4417-2386 へ（平日夜）"
    got = pii(text, code="PII001")
    assert [(f.severity, f.text) for f in got] == [(Severity.WARNING, "090-****-2386")]
    f = got[0]
    assert text[f.start : f.end] == "090-4417-2386"  # the span still covers the raw value
    assert "4417" not in f.message_ja and "4417" not in f.message_en


def test_full_width_and_international_mobile_are_caught() -> None:
    assert [f.text for f in pii("連絡先：０８０－２２３３－７８９１", code="PII001")] == ["０８０－****－７８９１"]
    assert len(pii("Contact: +81 90 8765 4321 (English OK)", code="PII001")) == 1


def test_official_numbers_never_flagged_digits_compared() -> None:
    text = "問い合わせ：逗子市役所 経営企画部企画課\nTEL ０４６（８７３）１１１１ FAX 046-872-4520\n+81-46-873-4520"
    assert pii(text, "zushi", "PII001") == []


def test_labelled_office_and_facility_numbers_are_not_flagged() -> None:
    text = (
        "【税務課からのお知らせ】固定資産税の納期限は4月30日です。\n"
        "担当：税務課 資産税係 TEL 0438-23-7059\n"
        "夜間・休日は市民総合相談窓口（0120-114-556）をご利用ください。"
    )
    for city in CITIES:
        assert pii(text, city, "PII001") == [], city


def test_a_fixed_line_without_an_office_label_is_info() -> None:
    (f,) = pii("落とし物を拾われた方は 0438-23-7059 にお電話いただけると助かります。", code="PII001")
    assert f.severity is Severity.INFO and f.text == "0438-**-7059"


def test_a_mobile_next_to_an_office_label_is_still_a_warning() -> None:
    (f,) = pii("問い合わせ：観光振興課 担当者携帯 090-1234-5678", code="PII001")
    assert f.severity is Severity.WARNING


def test_numbers_that_are_not_phones() -> None:
    text = (
        "令和8年度の予算額は1,203,456千円です。〒292-0834 木更津市潮見\n"
        "受付時間 08:30-17:15、申請期間 2026-04-01～2026-04-30\n"
        "詳細：https://www.city.kisarazu.lg.jp/page/0438231111.html"
    )
    assert pii(text, code="PII001") == []


# ----------------------------------------------------------------- PII002 e-mail


def test_free_mail_is_a_warning_that_says_so() -> None:
    (f,) = pii("作品の応募は k.sato.kisarazu@yahoo.co.jp まで", code="PII002")
    assert f.severity is Severity.WARNING and f.text == "k***@yahoo.co.jp"
    assert "フリーメール" in f.message_ja and "sato" not in f.message_ja


def test_official_subdomain_and_other_government_addresses() -> None:
    assert pii("問い合わせ：kikaku@sub.city.zushi.lg.jp", "zushi", "PII002") == []
    got = pii("県の担当 kankyo@pref.chiba.lg.jp／国 info@env.go.jp", code="PII002")
    assert [f.severity for f in got] == [Severity.INFO, Severity.INFO]


def test_address_outside_official_domains_is_a_warning() -> None:
    (f,) = pii("詳しくは taro.suzuki@kazusa-kogyo.co.jp へ", code="PII002")
    assert f.severity is Severity.WARNING and f.text == "t***@kazusa-kogyo.co.jp"


def test_full_width_at_sign_is_read() -> None:
    (f,) = pii("連絡はｈａｎａｋｏ＠ｇｍａｉｌ．ｃｏｍへ", code="PII002")
    assert f.severity is Severity.WARNING and "ａｋｏ" not in f.text


# ----------------------------------------------------------------- PII003 My Number


@pytest.mark.parametrize("written", ["6214 9832 0257", "621498320257", "６２１４－９８３２－０２５７", "6214-9832-0257"])
def test_my_number_forms_are_errors(written: str) -> None:
    (f,) = pii(f"個人番号：{written}（控え）", code="PII003")
    assert f.severity is Severity.ERROR and f.suppressible is False
    assert f.text.endswith(("0257", "０２５７")) and "9832" not in f.text and "９８３２" not in f.text


def test_my_number_cannot_be_suppressed_by_front_matter() -> None:
    text = "---\nsnslint:\n  ignore:\n    - {code: PII003, reason: 記入例}\n---\n記入例 6214 9832 0257\n"
    assert [f.code for f in pii(text, code="PII003")] == ["PII003"]


def test_digits_inside_longer_runs_and_corporate_numbers_never_match() -> None:
    text = (
        "発注者：株式会社房総テック 法人番号 5-8356-7825-6246 / 7000012050002\n"
        "口座 1234-6214-9832-0257、管理番号 96214983202570、JAN 4906214983202"
    )
    assert pii(text, code="PII003") == []


# ----------------------------------------------------------------- PII004 card


def test_card_number_is_an_error_with_last_four() -> None:
    # kagoshima's policy makes PII004 an error (6(5)); kisarazu's keeps it a warning
    (f,) = pii("お支払いカード：5555 5555 5555 4444 で決済済み", "kagoshima", "PII004")
    assert f.severity is Severity.ERROR and f.text == "**** **** **** 4444"


def test_luhn_invalid_or_odd_grouping_is_not_a_card() -> None:
    assert pii("整理番号 4111 1111 1111 1112", code="PII004") == []
    assert pii("口座 41-111111-1111-111", code="PII004") == []


# ----------------------------------------------------------------- PII005 address


def test_private_home_address_is_a_warning_masked_after_the_town() -> None:
    text = "落とし物を預かっています。鈴木花子さん宅（木更津市請西2丁目18番5号）へご連絡を。"
    (f,) = pii(text, code="PII005")
    assert f.severity is Severity.WARNING
    assert f.text.startswith("木更津市請西") and "18" not in f.text and "丁目" in f.text
    assert text[f.start : f.end].endswith("5号")


def test_venue_address_is_info_only() -> None:
    text = "■とき 5月17日（日）10時〜\n■会場 逗子市役所5階会議室（逗子市逗子5-2-16）\n■講師 石井大輔氏（逗子市観光協会会長）"
    got = pii(text, "zushi", "PII005")
    assert got and all(f.severity is Severity.INFO for f in got)


def test_neighbourhood_without_house_number_is_not_flagged() -> None:
    assert pii("富津市青木1丁目付近で道路冠水が発生しています。通行にご注意ください。", code="PII005") == []


# ----------------------------------------------------------------- PII006 names


def test_private_names_are_warnings_with_given_name_masked() -> None:
    (f,) = pii("先日、市役所前で財布を拾ってくださった中村美咲さん、ありがとうございました。", code="PII006")
    assert f.severity is Severity.WARNING and f.text == "中村 **"


def test_officials_and_lecturers_are_public() -> None:
    text = (
        "市長 渡辺芳邦が表敬訪問を受けました。\n"
        "■講師 小川真理子氏（千葉大学教授）\n"
        "ゲスト：歌手の森山良子さん\n"
        "木更津市観光大使 浜田一郎さんが来庁しました。"
    )
    assert pii(text, code="PII006") == []


def test_mascots_and_everyone_are_not_names() -> None:
    assert pii("きさポンとたねちゃんが、みなさんをお待ちしています！皆様のご来場を。", code="PII006") == []


# ----------------------------------------------------------------- PII007 birth date


def test_birth_date_tied_to_a_person() -> None:
    (f,) = pii("おめでとう！ 市内最高齢の田中ハルさん（大正13年2月5日生まれ）が101歳に。", code="PII007")
    assert f.severity is Severity.WARNING and f.text == "大正**年*月*日"


def test_age_group_conditions_are_not_birth_dates() -> None:
    text = (
        "【高齢者肺炎球菌ワクチン】対象：昭和36年4月2日〜昭和37年4月1日生まれの方\n"
        "昭和30年4月1日以前に生まれた方は対象外です。\n"
        "平成18年4月2日生まれから平成19年4月1日生まれまでの方に案内状を送ります。"
    )
    assert pii(text, code="PII007") == []


# ----------------------------------------------------------------- PII008 credentials


@pytest.mark.parametrize(
    "text, shown",
    [
        ("会場Wi-Fi パスワード：Kisa#2026", "****"),
        ("PW: hanabi0801 で入れます", "****"),
        ("https://example.jp/login?user=kisa&pass=Natsu2026", "****"),
        ("key AKIAIOSFODNN7EXAMPLE", "AKIA****"),
        ("token xoxb-2048-1234567890-abcdefGHIJ", "xoxb-****"),
        ("AIzaSyD-1234567890abcdefghijklmnopqrstu", "AIza****"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY----- ****"),
    ],
)
def test_credentials_are_errors_fully_masked(text: str, shown: str) -> None:
    (f,) = pii(text, code="PII008")
    assert f.severity is Severity.ERROR and f.text == shown and f.suppressible is False


TOKEN_EXAMPLES = {
    "AWS access key": ["AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A"],
    "GitHub token": ["ghp_8fK2mQ7xLr4Tz9Wc1Vb6Np3Hs5Jd0Ya2Ee7Qw", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"],
    "Slack token": ["xoxb-2048-1234567890-abcdefGHIJ"],
    "Slack webhook": ["https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
    "Google API key": ["AIzaSyD-1234567890abcdefghijklmnopqrstu"],
    "Stripe secret key": ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_4eC39HqLyjWDarjtT1zdp7dc"],
    "private key": ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----"],
}


@pytest.mark.parametrize("kind", sorted({kind for kind, _, _ in TOKEN_PATTERNS}))
def test_token_hint_finds_every_token_shape(kind: str) -> None:
    """PII008 runs the token patterns only where TOKEN_HINT finds a literal: every shape's
    example must match its pattern and the hint (a new shape needs an example here)."""
    patterns = [p for k, p, _ in TOKEN_PATTERNS if k == kind]
    for example in TOKEN_EXAMPLES[kind]:
        text = f"連携用キー {example} です"
        assert any(p.search(text) for p in patterns), example
        assert TOKEN_HINT.search(text), example
        (f,) = pii(text, code="PII008")
        assert example not in f.message("ja") + f.message("en") + f.text


def test_security_advice_is_not_a_credential() -> None:
    text = (
        "【ご注意】市職員がパスワードや暗証番号を電話で聞くことはありません。\n"
        "パスワードを他人に教えないでください。パスワードは12文字以上が安全です。\n"
        "パスワード：********（各自に通知済み）\nLINEのID：@kisarazu_city"
    )
    assert pii(text, code="PII008") == []


# ----------------------------------------------------------------- whole drafts


CITY_POSTS = [
    (
        "kisarazu",
        "【木更津市】潮干狩りシーズン到来！\n会場：江川海岸（木更津市久津間1451番地）\n"
        "問い合わせ：観光振興課 TEL 0438-23-8459\n講師 三上悠斗さん（木更津漁業協同組合 組合長）\n"
        "市長 渡辺芳邦もあいさつします。#木更津",
    ),
    (
        "kagoshima",
        "【鹿児島市】マイナンバーカードの休日交付窓口を開設します。\nとき 6月8日（日）9時〜16時\n"
        "ところ 市役所本館1階（鹿児島市山下町11番1号）\nお問い合わせ 市民課 099-216-1111\n"
        "受託事業者：株式会社さくら情報（法人番号 8000020130001）",
    ),
    (
        "zushi",
        "逗子海岸花火大会のお知らせ\n日時：8月3日（日）19:30〜\n"
        "問い合わせ：逗子市役所 TEL 046-873-1111 / kanko@city.zushi.lg.jp\n〒249-8686 逗子市逗子5-2-16",
    ),
    (
        "goshogawara",
        "立佞武多の館 企画展\n会場：立佞武多の館（五所川原市大町506番地10）\n"
        "対象：平成20年4月2日〜平成21年4月1日生まれの方は入館無料\n電話 0173-38-3232",
    ),
    (
        "mine",
        "秋芳洞の夜間特別公開\n場所：秋芳洞（美祢市秋芳町秋吉3506番地2）\n"
        "出演：尺八奏者 河野誠司さん\n美祢市観光協会（0837-62-0115）",
    ),
]


@pytest.mark.parametrize("city, text", CITY_POSTS, ids=[c for c, _ in CITY_POSTS])
def test_everyday_city_posts_give_no_warning_or_error(city: str, text: str) -> None:
    assert [(f.code, f.text) for f in loud(text, city)] == []


def test_private_persons_data_is_caught_in_every_city() -> None:
    text = (
        "迷子の犬を保護しました。飼い主の小林健太さん（君津市外箕輪3-8-14）、\n"
        "携帯 080-6541-9273 までご連絡ください。"
    )
    for city in CITIES:
        got = {f.code: f for f in loud(text, city)}
        assert {"PII001", "PII005", "PII006"} <= set(got), city
        assert all("6541" not in f.text and "3-8-14" not in f.text for f in got.values())


def test_no_raw_value_in_any_field() -> None:
    text = "氏名：高橋 健一 携帯090-3321-7788 個人番号6214 9832 0257 カード4111111111111111 pw=Zq8wTr55 mail ken.t@gmail.com"
    secrets = ["3321", "9832", "41111111", "Zq8wTr55", "ken.t", "健一"]
    got = pii(text)
    assert {f.code for f in got} >= {"PII001", "PII002", "PII003", "PII004", "PII006", "PII008"}
    for f in got:
        for field in (f.text, f.message_ja, f.message_en, f.hint, f.hint_en):
            assert not any(s in field for s in secrets), (f.code, field)


# ----------------------------------------------------------------- dev corpus


def test_benign_municipal_pages_give_no_pii_warning_or_error() -> None:
    path = SHARED / "dev-corpus" / "benign_municipal_pages.dev.jsonl"
    if not path.exists():
        pytest.skip(f"dev corpus not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    noisy = {city: sum(1 for r in rows if loud(r["text"], city)) for city in CITIES}
    assert noisy == {city: 0 for city in CITIES}
