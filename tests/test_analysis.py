"""Sudachi analysis: offsets, normalized forms, token boundaries, chunking, the NFKC view."""

from __future__ import annotations

import pytest

from snslint.text.analysis import Analysis, NormalizedView, iter_chunks, tokenize


def test_morphemes_keep_character_offsets() -> None:
    body = "木更津市役所で投票して下さい。"
    for m in tokenize(body):
        assert body[m.begin : m.end] == m.surface


def test_normalized_and_dictionary_forms() -> None:
    ms = {m.surface: m for m in tokenize("投票して下さい")}
    assert ms["下さい"].normalized == "下さる"
    assert ms["し"].dictionary == "する"


def test_token_boundaries_keep_tokyo_out_of_kyoto() -> None:
    surfaces = [m.surface for m in tokenize("東京都の観光案内")]
    assert "東京都" in surfaces and "京都" not in surfaces


def test_sentence_index_advances_at_full_stops_and_line_breaks() -> None:
    body = "一文目です。二文目\n三文目"
    ms = tokenize(body)
    sentence_at = {m.begin: m.sentence for m in ms}
    assert sentence_at[0] == 0
    assert sentence_at[body.index("二")] == 1
    assert sentence_at[body.index("三")] == 2


def test_chunks_rejoin_exactly_and_respect_the_limit() -> None:
    text = ("お知らせです。" * 300 + "\n") * 5
    pieces = list(iter_chunks(text, 1000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_a_long_body_tokenizes_with_exact_offsets() -> None:
    body = "市民の皆さまへ。" * 20000  # 160,000 characters, far above Sudachi's per-call limit
    ms = tokenize(body)
    assert ms[-1].end == len(body)
    assert all(body[m.begin : m.end] == m.surface for m in ms[::997])


def test_nfkc_view_maps_back_to_original_offsets() -> None:
    original = "電話：０４６－８７３－１１１１（代表）"
    view = NormalizedView.of(original)
    start = view.text.index("046")
    end = start + len("046-873-1111")
    assert view.text[start:end] == "046-873-1111"
    a, b = view.span(start, end)
    assert original[a:b] == "０４６－８７３－１１１１"


def test_nfkc_view_of_expanding_characters() -> None:
    original = "㈱山田商店の㍻元年"
    view = NormalizedView.of(original)
    start = view.text.index("山田")
    assert original[slice(*view.span(start, start + 2))] == "山田"


def test_no_character_has_an_empty_nfkc_form() -> None:
    """NormalizedView.of relies on it: an unchanged length means no offset moved."""
    import unicodedata

    empty = [
        hex(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and unicodedata.normalize("NFKC", chr(c)) == ""
    ]
    assert empty == []


def _nfkc_per_character(original: str) -> tuple[str, tuple[int, ...]]:
    """The definition NormalizedView.of implements: each character normalized on its own."""
    import unicodedata

    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        norm = unicodedata.normalize("NFKC", ch)
        parts.append(norm)
        origin.extend([i] * len(norm))
    origin.append(len(original))
    return "".join(parts), tuple(origin)


@pytest.mark.parametrize(
    "original",
    [
        "",
        "ascii only http://example.jp",
        "本日（土）は晴れ！　気温２５℃…海岸清掃は①９時〜②１３時。",
        "ｶﾞｲﾄﾞﾌﾞｯｸ ㈱ｻﾝﾌﾟﾙ ㎡ ﬁ …… ‥ ℃℃",
        "が\u3099 か\u3099 e\u0301 ﾊﾟ",
        "㍻元年、㈱と㈲、ⅡとⅫ、…で終わる…",
    ],
)
def test_nfkc_view_equals_the_per_character_definition(original: str) -> None:
    view = NormalizedView.of(original)
    text, origin = _nfkc_per_character(original)
    assert view.text == text
    assert tuple(view.origin) == origin


def test_analysis_sentence_bounds() -> None:
    a = Analysis("一文目。二文目！\n三")
    assert [a.body[s:e] for s, e in a.sentence_bounds] == ["一文目。", "二文目！", "\n", "三"]


def test_phrase_keys_equal_the_joined_morphemes_of_every_lexicon_phrase() -> None:
    # compile_phrase reads only the two keys; they must be what tokenize gives, joined,
    # for every phrase the bundled lexicons hold (and a long one cut into chunks).
    import snslint.text.lexicon as lexicon
    from snslint.text.analysis import phrase_keys

    phrases = {"ご来場をお待ちしております。" * 120}
    for code in lexicon.lexicon_files():
        spec = lexicon.load_spec(code)
        phrases.update(spec.unless)
        for entry in spec.entries:
            phrases.update(entry.term)
            phrases.update(entry.unless)
            for group in entry.context:
                phrases.update(group)
    phrases -= set(lexicon.SPECIAL_TOKENS)
    assert len(phrases) > 500
    for text in phrases:
        ms = tokenize(text.strip(), "C")
        assert phrase_keys(text.strip()) == ("".join(m.normalized for m in ms), "".join(m.surface for m in ms)), text
    norm, surface = phrase_keys("ﾃﾞｼﾞﾀﾙ行政を推進します")
    assert surface == "ﾃﾞｼﾞﾀﾙ行政を推進します" and norm.startswith("デジタル行政")


def test_full_stop_inside_quotation_brackets_does_not_end_the_sentence() -> None:
    body = "「明日は断水します。拡散希望。」という投稿はデマです。給水は通常どおりです。"
    a = Analysis(body)
    assert [a.body[s:e] for s, e in a.sentence_bounds] == [
        "「明日は断水します。拡散希望。」という投稿はデマです。",
        "給水は通常どおりです。",
    ]
    sentence_at = {m.begin: m.sentence for m in a.morphemes}
    assert sentence_at[body.index("明日")] == sentence_at[body.index("デマ")] == 0
    assert sentence_at[body.index("給水")] == 1


def test_unclosed_quotation_bracket_ends_at_the_line_break() -> None:
    body = "『講演会のお知らせ。\n会場は市民会館です。次回は未定です。"
    a = Analysis(body)
    assert [a.body[s:e] for s, e in a.sentence_bounds] == ["『講演会のお知らせ。\n", "会場は市民会館です。", "次回は未定です。"]
    sentence_at = {m.begin: m.sentence for m in a.morphemes}
    assert sentence_at[body.index("会場")] == 1 and sentence_at[body.index("次回")] == 2


@pytest.mark.parametrize(
    "text",
    [
        "【お知らせ】１２月８日（火）は市役所本庁舎の窓口を休みます。\n詳しくは https://www.city.example.lg.jp/ へ。",
        "ｶﾀｶﾅ　全角スペース\t\tタブ 😀👨‍👩‍👧 ①②③ ㈱ ｱｲｳ  ２０２６年",
        "𠮷野家の𩸽定食。\r\n改行\r。e\u0301 と A\u200dB。\ufeff",
        "あ" * 2500 + "。" + "い" * 10,
    ],
)
def test_offsets_are_sudachis_own(text: str) -> None:
    """tokenize() sums surface lengths instead of asking Sudachi for each begin and end:
    the same offsets, and every surface is the body at its offsets."""
    from snslint.text.analysis import _SUDACHI, iter_chunks

    ours = tokenize(text)
    theirs = [(off + m.begin(), off + m.end()) for off, piece in iter_chunks(text) for m in _SUDACHI.tokenizer("C").tokenize(piece)]
    assert [(m.begin, m.end) for m in ours] == theirs
    assert all(text[m.begin : m.end] == m.surface for m in ours)


WORD_CACHE_TEXTS = (
    # The same dictionary words in other widths and cases (their forms are the entry's own),
    # and unknown words that Sudachi gives one shared id (ｱｲｳｴｵ, QWERTY, ﾀﾞｲｶﾞｲ), each with its
    # own normalized form.
    "XYZZY と Xyzzy と ＸＹＺＺＹ。ﾃｽﾄ とテスト。ｱｲｳｴｵ と QWERTY と ﾀﾞｲｶﾞｲ。",
    "１２３４ と 5678。𠮷野家の😀🎉（^_^）行きました。行って、行く。ぽむぽむぷりん",
    "【お知らせ】１２月８日（火）は市役所本庁舎の窓口を休みます。ＡＢＣＤＥとabcde。",
)


@pytest.mark.parametrize("mode", ["C", "A"])
def test_words_seen_before_keep_their_own_forms(mode: str) -> None:
    """tokenize() keeps each dictionary word's normalized form, dictionary form and part of
    speech by word id (:data:`snslint.text.analysis._WORDS`): read again from the cache, every
    morpheme still has exactly what Sudachi gives it, unknown words included."""
    from snslint.text import analysis

    tok = analysis._SUDACHI.tokenizer(mode)
    expected = [
        [(m.surface(), m.normalized_form(), m.dictionary_form(), tuple(m.part_of_speech())) for m in tok.tokenize(text)]
        for text in WORD_CACHE_TEXTS
    ]
    oov = [m for text in WORD_CACHE_TEXTS for m in tok.tokenize(text) if m.is_oov()]
    assert len({m.word_id() for m in oov}) < len({m.surface() for m in oov})  # shared ids
    for _ in range(2):  # the second time, the words come from the cache
        got = [[(m.surface, m.normalized, m.dictionary, m.pos) for m in tokenize(text, mode)] for text in WORD_CACHE_TEXTS]
        assert got == expected
    assert not any(m.word_id() in analysis._WORDS for m in oov)


def test_the_word_cache_stops_growing_at_its_bound(monkeypatch) -> None:
    from snslint.text import analysis

    monkeypatch.setattr(analysis, "_WORDS", {})
    monkeypatch.setattr(analysis, "WORD_CACHE_MAX", 3)
    ms = tokenize("市役所の窓口で住民票の写しを申請できます。")
    assert len(analysis._WORDS) == 3 and len(ms) > 3
    assert [m.normalized for m in ms] == [m.normalized for m in tokenize("市役所の窓口で住民票の写しを申請できます。")]
