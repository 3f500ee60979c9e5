"""X's weighted length against twitter-text's own conformance suite, and on Japanese posts.

The suite is ``tests/data/vectors/twitter_text_weighted_length.json``: twitter-text
conformance/validate.yml @30e2430d (Apache-2.0), 44 cases: v2 (no emoji discount), v3 and the
directional-marker cases (default = v3).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from snslint.text.weighted_length import CONFIG_V2, CONFIG_V3, measure, weighted_length

VECTORS = Path(__file__).resolve().parent / "data" / "vectors" / "twitter_text_weighted_length.json"


def _cases():
    for i, case in enumerate(json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]):
        yield pytest.param(case, id=f"{i:02d}-{case['config'][:2]}-{case['description'][:40]}")


@pytest.mark.parametrize("case", list(_cases()))
def test_twitter_text_conformance(case) -> None:
    config = CONFIG_V2 if case["config"].startswith("v2") else CONFIG_V3
    got = measure(case["text"], config)
    assert got.length == case["expected"]["weightedLength"]
    assert got.valid == case["expected"]["valid"]


def test_suite_has_the_v3_cases() -> None:
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    assert sum(c["config"].startswith("v3") for c in cases) == 22


def test_japanese_counts_two_per_character() -> None:
    text = "本日、木更津市役所で防災訓練を行います。"
    assert weighted_length(text) == 2 * len(text)


def test_url_counts_23_whatever_its_length() -> None:
    url = "https://www.city.kisarazu.lg.jp/soshiki/kikaku/kouhou/page000123.html"
    got = measure(f"詳しくは {url}")
    assert got.length == 2 * 4 + 1 + 23
    start = len("詳しくは ")
    assert got.urls == ((start, start + len(url)),)


def test_url_without_scheme_counts_23() -> None:
    assert weighted_length("city.zushi.lg.jp") == 23


def test_emoji_sequence_counts_two() -> None:
    assert weighted_length("🌸") == 2
    assert weighted_length("👨‍👩‍👧") == 2  # one ZWJ family
    assert weighted_length("🇯🇵") == 2


def test_halfwidth_and_fullwidth_digits_differ() -> None:
    assert weighted_length("2026") == 4
    assert weighted_length("２０２６") == 8


def test_overflow_offset_points_past_the_last_character_that_fits() -> None:
    text = "あ" * 140 + "いう"
    got = measure(text)
    assert (got.length, got.over, got.valid_end) == (284, 4, 140)
    assert not got.valid


def test_exactly_280_is_valid() -> None:
    got = measure("お" * 140)
    assert got.length == 280 and got.valid and got.over == 0 and got.valid_end == 140


def test_custom_limit_for_long_posts() -> None:
    got = measure("あ" * 1000, limit=25_000)
    assert got.valid and got.over == 0


def test_offsets_survive_nfc_normalization() -> None:
    # "が" written as か + combining dakuten (U+3099) is one character after NFC.
    text = "か\u3099" * 141
    got = measure(text)
    assert got.length == 282
    assert got.valid_end == 280  # 140 composed characters fit = 280 code points as written


def test_emoji_sequences_newer_than_2019_weigh_two() -> None:
    """A ZWJ family of Emoji 15.1 (🧑‍🧑‍🧒) is one emoji, weight 2, like any other sequence."""
    assert measure("🧑\u200d🧑\u200d🧒").length == 2
    assert measure("🇯🇵").length == 2 and measure("1️⃣").length == 2


def test_emoji_precheck_covers_every_emoji_in_the_package_data() -> None:
    """The fast path skips the emoji scan only where no emoji can be: every sequence in the
    installed ``emoji`` package either contains an :func:`emoji_possible` character or is a
    keycap (``#``, ``*``, a digit, then U+FE0F / U+20E3, which are in the class too)."""
    import emoji

    from snslint.text.weighted_length import emoji_possible

    missed = [e for e in emoji.EMOJI_DATA if not emoji_possible().search(e)]
    assert missed == []


def test_text_without_emoji_characters_measures_the_same_without_the_scan() -> None:
    """Japanese prose with ※, 〜, ・ and → (none of them emoji) weighs 2 per character as ever;
    ★ (U+2605) and © take the scan path and still weigh what X gives them."""
    text = "※申込みは11月30日まで・受付9:00〜17:00 → 詳しくは市HPへ"
    assert measure(text).length == sum(1 if ord(c) < 0x1100 else 2 for c in text)
    assert measure("★🎉").length == 4  # ★ is 2 (not an emoji in the data), 🎉 is 2


def _walk(text: str, config, limit: int) -> tuple[int, int | None, int]:
    """Reference: twitter-text's parseTweet loop, one code point at a time: (length, NFC
    offset where it overflows or None, the total in 1/scale units)."""
    import unicodedata

    from snslint.text.weighted_length import emoji_possible, _extractors, _running_totals

    nfc = unicodedata.normalize("NFC", text)
    find_urls, find_emojis = _extractors()
    urls = dict(find_urls(nfc))
    emojis = dict(find_emojis(nfc)) if config.emoji_parsing and emoji_possible().search(nfc) else {}
    total, valid_end, i = 0, None, 0
    while i < len(nfc):
        if i in urls:
            end, total = urls[i], total + config.transformed_url_length * config.scale
        elif i in emojis:
            end, total = emojis[i], total + config.default_weight
        else:
            end, total = i + 1, total + config.weight(nfc[i])
        if valid_end is None and total > limit * config.scale:
            valid_end = i
        i = end
    totals = _running_totals(nfc, urls, emojis, config)
    assert (totals[-1] if totals else 0) == total
    return total // config.scale, valid_end, total


@pytest.mark.parametrize("config_name", ["CONFIG_V3", "CONFIG_V2"])
def test_running_totals_equal_the_per_character_walk(config_name: str) -> None:
    """measure() takes running totals from a translate and accumulate instead of walking
    characters; on 2,000 random posts (URLs, emoji, kana, Latin, punctuation, some far over
    the limit) its length and overflow point equal the per-character walk's."""
    import random
    import unicodedata

    from snslint.text import weighted_length as wl
    config = getattr(wl, config_name)
    pieces = ["市役所", "のお知らせ", "。", "abc ", "https://www.city.zushi.lg.jp/a?b=1 ", "bit.ly/x", "👍", "👨‍👩‍👧",
              "🇯🇵", "1️⃣", "é", "e\u0301", "\u2014", "\u2026", "ｶﾀｶﾅ", "\n", "#逗子", "\ufeff", "x" * 50, "あ" * 60]
    rng = random.Random(config_name)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        limit = rng.choice([10, 140, 280])
        got = wl.measure(text, config, limit)
        length, valid_end, _ = _walk(text, config, limit)
        assert got.length == length, text
        nfc = unicodedata.normalize("NFC", text)
        expected_end = len(text) if valid_end is None else wl.nfc_prefix_end(text, valid_end) if len(nfc) != len(text) else valid_end
        assert got.valid_end == expected_end, text
