"""The lexicon format and matcher: every bundled entry's own examples, and the matcher's rules.

A lexicon change that breaks one of its own examples fails here (each entry is checked on its
own, with its file's exceptions, so an example shows what that entry does).
"""

from __future__ import annotations

import pytest

from snslint.text.analysis import tokenize
from snslint.text.lexicon import (
    EntrySpec,
    Lexicon,
    LexiconError,
    compile_entry,
    compile_phrase,
    lexicon_files,
    lexicon_for,
    load_spec,
    parse_extra_terms,
)

CODES = [f"CAT{i:03d}" for i in range(1, 12)]


def _entry_cases(kind: str):
    for code in CODES:
        spec = load_spec(code)
        for i, entry in enumerate(spec.entries):
            for j, text in enumerate(getattr(entry.examples, kind)):
                yield pytest.param(code, i, text, id=f"{code}-{i}-{entry.term[0]}-{kind}-{j}")


def _single(code: str, index: int) -> Lexicon:
    spec = load_spec(code)
    entry = compile_entry(spec.entries[index])
    return Lexicon(code, spec.label, spec.label_en, [entry], [compile_phrase(t) for t in spec.unless], spec.unless_window)


def test_every_category_has_a_lexicon_file() -> None:
    assert sorted(lexicon_files()) == CODES
    for code in CODES:
        spec = load_spec(code)
        assert spec.entries, code
        positive = [e for e in spec.entries if (e.score if e.score is not None else (e.prior or 1)) > 0]
        assert all(e.hint for e in positive), f"{code}: every test that adds to the score needs a hint"


@pytest.mark.parametrize("code, index, text", list(_entry_cases("match")))
def test_entry_matches_its_examples(code: str, index: int, text: str) -> None:
    got = _single(code, index).find(tokenize(text))
    assert got, f"{code} entry {index} missed its own example {text!r}"


@pytest.mark.parametrize("code, index, text", list(_entry_cases("no_match")))
def test_entry_ignores_its_counter_examples(code: str, index: int, text: str) -> None:
    got = _single(code, index).find(tokenize(text))
    assert not got, f"{code} entry {index} matched {[text[m.start:m.end] for m in got]} in {text!r}"


def _lex(**entry) -> Lexicon:
    entry.setdefault("examples", {"match": ["x"]})
    return Lexicon("CAT999", "テスト", "test", [compile_entry(EntrySpec.model_validate(entry))])


def _spans(lex: Lexicon, text: str) -> list[str]:
    return [text[m.start : m.end] for m in lex.find(tokenize(text))]


def test_matches_on_token_boundaries_only() -> None:
    lex = _lex(term="京都")
    assert _spans(lex, "東京都で開催します。") == []
    assert _spans(lex, "京都で開催します。") == ["京都"]


def test_verb_terms_match_every_inflection_via_normalized_forms() -> None:
    lex = _lex(term="投票してください")
    assert _spans(lex, "この人に投票して下さい。") == ["投票して下さい"]
    assert _spans(lex, "この人に投票してください。") == ["投票してください"]
    lemma = _lex(term="投票する")
    assert _spans(lemma, "みんなで投票しよう") == ["投票しよう"]


def test_surface_form_keeps_the_imperative() -> None:
    lex = _lex(term="消えろ", form="surface")
    assert _spans(lex, "全員消えろ") == ["消えろ"]
    assert _spans(lex, "雨雲が消える見込みです") == []
    # the same term as a lemma would also match the benign plain form
    assert _spans(_lex(term="消えろ"), "雨雲が消える見込みです") == ["消える"]


def test_context_groups_all_required_within_the_sentence() -> None:
    lex = _lex(term="候補", context=[["投票"], ["<appeal>"]])
    assert _spans(lex, "〇〇候補に投票しよう！") == ["候補"]
    assert _spans(lex, "〇〇候補が出馬しました。投票しよう！") == []  # appeal in another sentence
    assert _spans(lex, "〇〇候補に投票した人が多い。") == []  # no appeal


def test_numeric_window_counts_morphemes() -> None:
    lex = _lex(term="反対", context=["<imperative>"], window=2)
    assert _spans(lex, "増税に反対しよう") == ["反対"]
    assert _spans(lex, "反対側の歩道を渡ってください") == []


def test_unless_cancels_within_sentence_but_not_from_inside_the_match() -> None:
    lex = _lex(term="違法ダウンロード", unless=["違法", "注意"])
    assert _spans(lex, "違法ダウンロードの方法") == ["違法ダウンロード"]
    assert _spans(lex, "違法ダウンロードに注意しましょう") == []
    assert _spans(lex, "違法ダウンロードの方法。注意喚起は別です。") == ["違法ダウンロード"]


def test_post_wide_exception() -> None:
    lex = _lex(term="らしい", after_pos=["動詞"], unless=["デマ"], unless_window="post")
    assert _spans(lex, "断水するらしい。") == ["らしい"]
    assert _spans(lex, "断水するらしいという話が出ています。\nこれはデマです。") == []


def test_after_pos_separates_hearsay_from_suffix() -> None:
    lex = _lex(term="らしい", after_pos=["動詞", "助動詞"])
    assert _spans(lex, "中止になるらしい") == ["らしい"]
    assert _spans(lex, "春らしい陽気") == []


def test_overlaps_keep_the_strongest_entry() -> None:
    entries = [
        compile_entry(EntrySpec.model_validate({"term": "拡散希望", "strength": "weak", "examples": {"match": ["x"]}})),
        compile_entry(EntrySpec.model_validate({"term": "拡散希望", "strength": "strong", "context": ["らしい"], "window": "post", "examples": {"match": ["x"]}})),
    ]
    lex = Lexicon("CAT999", "t", "t", entries)
    found = lex.find(tokenize("停電するらしい。拡散希望"))
    assert [(m.entry.strength) for m in found] == ["strong"]
    found = lex.find(tokenize("拡散希望"))
    assert [(m.entry.strength) for m in found] == ["weak"]


def test_extra_terms_are_validated_and_compiled() -> None:
    extra = [{"term": ["ガチャ課金"], "hint": "使わない", "examples": {"match": ["ガチャ課金で当てよう"]}}]
    lex = lexicon_for("CAT003", extra)
    assert any(e.term == "ガチャ課金" and e.source == "policy" for e in lex.entries)
    assert lexicon_for("CAT003", extra) is lex  # compiled once
    with pytest.raises(LexiconError, match="examples"):
        parse_extra_terms([{"term": "ガチャ課金"}])
    with pytest.raises(LexiconError, match="regex|extra|Extra"):
        parse_extra_terms([{"term": "x", "regex": ".*", "examples": {"match": ["x"]}}])


def test_policy_exception_cancels_the_whole_category() -> None:
    lex = lexicon_for("CAT003", unless=["求人情報"])
    ms = tokenize("市内企業の求人情報です。今なら入社祝い金、期間限定の特別価格でご購入いただけます。")
    assert lex.find(ms) == []
    assert lexicon_for("CAT003").find(ms)


def test_one_group_scan_gives_every_lexicon_the_same_matches_as_its_own_scan() -> None:
    from snslint.text.lexicon import lexicon_group

    lexicons = tuple(lexicon_for(code) for code in CODES) + (lexicon_for("CAT003", unless=["求人情報"]),)
    group = lexicon_group(lexicons)
    assert lexicon_group(lexicons) is group  # built once
    texts = [
        "〇〇候補に清き一票を！日曜礼拝にお越しください、入信を歓迎します。",
        "今だけ全品50%オフ！購入はこちら\nあの議員は本当に無能だ。明日は断水するらしい。拡散希望！",
        "【庁内限り】個人的には反対です。文句を言っている暇があったら自分で調べてください。情弱乙。",
        "市内企業の求人情報です。今なら期間限定の特別価格でご購入いただけます。",
    ]
    for text in texts:
        ms = tokenize(text)
        shared = group.scan(ms)
        for lex in lexicons:
            assert lex.find(ms, shared) == lex.find(ms), (lex.code, text)


def test_a_scan_that_does_not_cover_the_lexicon_is_refused() -> None:
    ms = tokenize("〇〇候補に清き一票を！")
    with pytest.raises(ValueError, match="does not cover"):
        lexicon_for("CAT001").find(ms, lexicon_for("CAT002").scan(ms))


def test_quoted_phrase_and_its_rejection_share_one_sentence() -> None:
    # 「拡散希望」 inside a quotation the sentence then calls a hoax: the sentence-window
    # exception sees デマ although the quotation holds its own full stops.
    entry = compile_entry(EntrySpec(id="spread", term=["拡散希望"], unless=["デマ"], note="n", hint="h", examples={"match": ["拡散希望"]}))
    lex = Lexicon("CAT008", "流言", "rumor", [entry], [], "sentence")
    quoted = "「明日は市内全域で停電します。拡散希望。」という投稿はデマです。"
    assert lex.find(tokenize(quoted)) == []
    plain = "明日は市内全域で停電します。拡散希望。ほかの話題はデマです。"
    assert lex.find(tokenize(plain))
