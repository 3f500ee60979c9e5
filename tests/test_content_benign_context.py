"""Benign-context tests of the CAT rules: warnings that quote a crime pitch, election
administration and turnout appeals naming nobody, donation thank-yous, consultation notices
that promise confidentiality. Each must stay clean in all five cities, while the violation
the benign post resembles is still caught.

Drafts are written for these tests in the style of city posts (none from the development
corpus or the evaluation sets).
"""

from __future__ import annotations

import pytest

from support import findings

CITIES = ["kisarazu", "kagoshima", "zushi", "goshogawara", "mine"]


def cat(text: str, city: str, select: str = "CAT"):
    return [f for f in findings(text, city, select=select) if f.code.startswith("CAT")]


BENIGN = [
    # (a) crime warnings quoting a 闇バイト pitch, then rejecting it
    "「スマホで指示を受けるだけ」「即日現金」という投稿は闇バイトです。絶対に応じないでください。",
    "「荷物を受け取るだけで日給5万円」といった書き込みは犯罪の入り口です。応募しないでください。",
    "SNSで「簡単なお仕事、高収入」と誘う募集は闇バイトです。一度関わると抜け出せません。",
    # (b) election administration, turnout appeals naming no candidate, donation thanks
    "候補者の政策を比べて、投票に行きましょう。あなたの一票がまちの未来をつくります。",
    "選挙運動用ポスターの作成費用は、一定の条件のもとで公費負担となります。立候補予定者向け説明会を開きます。",
    "【選挙公報】市議会議員選挙の選挙公報を各世帯に配布しました。市ホームページでもご覧になれます。",
    "たくさんのご支援ありがとうございます！ふるさと納税の寄附額が過去最高になりました。",
    # (c) consultation notices promising confidentiality
    "消費生活相談を受け付けています。相談内容の秘密は守りますので、安心してご相談ください。",
    "こころの健康相談（予約制・秘密厳守）を毎月第2水曜日に保健センターで行います。",
    "DV・ストーカー相談窓口。秘密は厳守します。匿名でのご相談もできます。",
]

CAUGHT = [
    ("CAT007", "即日高収入！荷物を受け取るだけの簡単なお仕事です。応募はDMで。"),
    ("CAT001", "山田候補に清き一票をお願いします。ご支援よろしくお願いします。"),
    ("CAT009", "ここだけの話、新しい図書館の場所はまだ秘密です。"),
]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("text", BENIGN)
def test_benign_context_stays_clean(city: str, text: str) -> None:
    got = cat(text, city)
    assert not got, [(f.code, f.text, f.extra.get("tests")) for f in got]


@pytest.mark.parametrize("code, text", CAUGHT)
def test_the_violation_the_benign_post_resembles_is_still_caught(code: str, text: str) -> None:
    got = cat(text, "zushi", select=code)
    assert any(f.code == code for f in got), f"{code} missed {text!r}"


# ------------------------------------------------------------------ recall without slurs

RECALL = [
    ("CAT004", "あの国の実習生はみんな信用できない。"),
    ("CAT004", "障害者は迷惑だから入れるな。"),
    ("CAT004", "ブラジル人が越してきてから物騒になった。出ていけ。"),
    ("CAT004", "東北の人はのんびりしすぎだから雇いたくない。"),
    ("CAT011", "必死すぎて草。顔真っ赤だよ？"),
    ("CAT011", "お前の意見なんか誰も聞いてないから。"),
    ("CAT011", "反論ある？ないなら黙ってて。"),
    ("CAT011", "はいはい、年寄りは寝てろ。"),
]

RECALL_BENIGN = [
    "障害者差別解消法の講演会を開きます。",
    "外国人住民向け相談窓口の時間を延長します。",
    "技能実習生と地域住民の交流会を開きます。",
    "迷惑駐車はやめてください。外国人観光客向けの駐車場案内板も設置しました。",
    "障害のある方の就労支援セミナーを開催します。",
    "8月15日正午に黙とうをお願いします。",
    "河川敷の草刈りを行います。ご協力ください。",
    "春の草花を観察するイベントです。",
    "ブーメランの投げ方を学ぶ子ども教室を開きます。",
    "夜はしっかり寝てください。",
]


@pytest.mark.parametrize("code, text", RECALL)
def test_discrimination_and_taunts_without_slurs_are_caught(code: str, text: str) -> None:
    got = cat(text, "zushi", select=code)
    assert any(f.code == code for f in got), f"{code} missed {text!r}"


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("text", RECALL_BENIGN)
def test_look_alike_city_posts_stay_clean(city: str, text: str) -> None:
    got = cat(text, city)
    assert not got, [(f.code, f.text, f.extra.get("tests")) for f in got]
