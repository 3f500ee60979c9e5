"""URL extraction (:mod:`snslint.text.links`): twitter-text's conformance suite and Japanese drafts.

The conformance cases are twitter-text's ``conformance/extract.yml`` (twitter/twitter-text
@30e2430d, Apache-2.0), converted to JSON (``tests/data/vectors``, copied from the shared test vectors). Their indices are
UTF-16 code units; every case here is in the BMP, where they equal Python's character
offsets. Current result: 108 of 108 cases pass (no deliberate difference in the suite; the
differences for Japanese text are tested below).
"""

from __future__ import annotations

import json
from functools import lru_cache
import time
from pathlib import Path

import pytest

from snslint.text.links import ascii_host, extract_urls, find_links, host_in, normalize_host, registrable_domain

VECTORS = Path(__file__).resolve().parent / "data" / "vectors"
SUITE = VECTORS / "twitter_text_extract_urls.json"

# Cases where snslint deliberately differs from twitter-text: description -> reason.
# (None today; an entry here turns the case into a strict xfail.)
DELIBERATE: dict[str, str] = {}


def _suite_cases():
    cases = json.loads(SUITE.read_text(encoding="utf-8"))["cases"]
    out = []
    for i, case in enumerate(cases):
        marks = []
        if case["description"] in DELIBERATE:
            marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=DELIBERATE[case["description"]]))
        out.append(pytest.param(case, id=f"{case['section']}-{i}", marks=marks))
    return out


@pytest.mark.parametrize("case", _suite_cases())
def test_twitter_text_conformance(case) -> None:
    got = extract_urls(case["text"])
    assert [link.text for link in got] == case["expected_urls"], case["description"]
    if "expected_with_indices" in case:
        assert [{"url": lk.text, "indices": [lk.start, lk.end]} for lk in got] == case["expected_with_indices"]
    for link in got:
        assert case["text"][link.start:link.end] == link.text


def test_conformance_pass_rate_is_at_least_98_percent() -> None:
    cases = json.loads(SUITE.read_text(encoding="utf-8"))["cases"]
    sections = {"urls", "urls_with_indices", "tco_urls_with_params"}
    picked = [c for c in cases if c["section"] in sections]
    passed = 0
    for case in picked:
        got = extract_urls(case["text"])
        ok = [lk.text for lk in got] == case["expected_urls"]
        if "expected_with_indices" in case:
            ok = ok and [{"url": lk.text, "indices": [lk.start, lk.end]} for lk in got] == case["expected_with_indices"]
        passed += ok
    assert len(picked) == 106
    assert passed / len(picked) >= 0.98, f"{passed}/{len(picked)}"


def _texts(text: str) -> list[str]:
    return [lk.text for lk in find_links(text)]


# --------------------------------------------------------------------------- Japanese drafts


@pytest.mark.parametrize(
    "text, expected",
    [
        # followed by Japanese with and without a space
        ("詳細は https://www.city.kisarazu.lg.jp/kosodate/index.html をご覧ください。", ["https://www.city.kisarazu.lg.jp/kosodate/index.html"]),
        ("詳細はhttps://www.city.kisarazu.lg.jp/kosodate/index.htmlをご覧ください。", ["https://www.city.kisarazu.lg.jp/kosodate/index.html"]),
        # inside full-width brackets
        ("市のホームページ（https://www.city.mine.lg.jp/）をご確認ください。", ["https://www.city.mine.lg.jp/"]),
        ("「https://www.city.mine.lg.jp/soshiki/kikaku」で検索", ["https://www.city.mine.lg.jp/soshiki/kikaku"]),
        ("『www.city.zushi.lg.jp』", ["www.city.zushi.lg.jp"]),
        # full-width colon after the URL, and before it
        ("申込フォーム：https://www.city.zushi.lg.jp/form/123：締切は金曜日", ["https://www.city.zushi.lg.jp/form/123"]),
        # sentence-final 。 right after the host (twitter-text would run on through 。)
        ("https://www.city.goshogawara.lg.jp。詳細はgoshogawara-kankou.jpへ", ["https://www.city.goshogawara.lg.jp", "goshogawara-kankou.jp"]),
        # several URLs on one line, separated by 、 and ・
        ("https://a.example.jp/1、https://b.example.jp/2・c.example.com", ["https://a.example.jp/1", "https://b.example.jp/2", "c.example.com"]),
        # scheme-less, between Japanese words
        ("申込みはexample.com/applyから", ["example.com/apply"]),
        # a Japanese path ends the URL where X ends it
        ("https://ja.wikipedia.org/wiki/木更津市 を参照", ["https://ja.wikipedia.org/wiki/"]),
        # quotes and a reference mark end a host
        ("“https://example.com”※要予約", ["https://example.com"]),
    ],
)
def test_japanese_context(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_url_span_is_exactly_the_written_url() -> None:
    text = "【お知らせ】\n市民講座の申込みは（https://www.city.kagoshima.lg.jp/kouza/）まで。"
    (link,) = find_links(text)
    assert text[link.start:link.end] == link.text == "https://www.city.kagoshima.lg.jp/kouza/"
    assert link.scheme == "https" and link.hostname == "www.city.kagoshima.lg.jp" and link.path == "/kouza/"


def test_full_width_url_is_found_with_original_span() -> None:
    text = "詳しくは ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｋｉｓａｒａｚｕ．ｌｇ．ｊｐ／ｉｎｄｅｘ．ｈｔｍｌ をご覧ください"
    (link,) = find_links(text)
    assert link.fullwidth
    assert link.text == "ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｋｉｓａｒａｚｕ．ｌｇ．ｊｐ／ｉｎｄｅｘ．ｈｔｍｌ"
    assert text[link.start:link.end] == link.text
    assert link.hostname == "www.city.kisarazu.lg.jp"
    assert link.scheme == "https"
    assert link.path_only == "/index.html"
    # X itself does not link it
    assert extract_urls(text) == []


def test_half_width_url_next_to_full_width_text_is_not_duplicated() -> None:
    text = "ＵＲＬ：https://www.city.mine.lg.jp/（市ホームページ）"
    links = find_links(text)
    assert [(lk.text, lk.fullwidth) for lk in links] == [("https://www.city.mine.lg.jp/", False)]


def test_a_post_without_full_width_forms_is_extracted_once(monkeypatch) -> None:
    """。 is in nearly every post and never in a URL: it does not send the draft through a
    second extraction over its NFKC view; a full-width ． does."""
    from snslint.text import links

    calls: list[str] = []
    real = links.extract_urls
    monkeypatch.setattr(links, "extract_urls", lambda text: calls.append(text) or real(text))
    text = "ごみの出し方が変わります。詳しくは https://www.city.mine.lg.jp/gomi/ をご覧ください。"
    assert [lk.text for lk in links.find_links(text)] == ["https://www.city.mine.lg.jp/gomi/"]
    assert calls == [text]
    links.find_links(text.replace("ください。", "ください。ｗｗｗ．ｃｉｔｙ．ｍｉｎｅ．ｌｇ．ｊｐ"))
    assert len(calls) == 3


def test_ideographic_full_stops_never_change_the_links(monkeypatch) -> None:
    """Leaving 。 and ｡ out of the full-width trigger finds the same links as keeping them, on
    3,000 random drafts of URL pieces, full-width forms, 。, ｡ and characters whose NFKC form
    holds a dot or a letter (⒈, ℡)."""
    import random
    import re

    from snslint.text import links

    pieces = URLISH_PIECES + ["。", "｡", "⒈", "℡", "ｃｏｍ", "．", "ｊｐ", "／", "ｗｗｗ．", "。ｊｐ", "｡com"]
    rng = random.Random(3002)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 10))) for _ in range(3000)]
    now = [links.find_links(t) for t in texts]
    monkeypatch.setattr(links, "_FULLWIDTH", re.compile("[\uff01-\uff5e\u3002\uff61]"))
    assert [links.find_links(t) for t in texts] == now
    assert sum(1 for found in now if any(lk.fullwidth for lk in found)) > 50


# --------------------------------------------------------------------------- never URLs


@pytest.mark.parametrize(
    "text",
    [
        "お問い合わせは kouhou@city.kisarazu.lg.jp まで",
        "お問い合わせ：kikaku.kouhou@city.zushi.lg.jp",
        "メール：kouhou＠city.mine.lg.jp",
        "taro.yamada.jp@example.com",
        "アプリを ver.2.0 に更新しました（Ver.10.4.1）",
        "会場まで1.5km、徒歩約20分。気温は3.5度。",
        "令和8.4.1から受付開始（R8.4.1）、2026.12.01締切",
        "No.5 と Fig.3、第1.2版",
        "資料.pdf と 名簿.xlsx と archive.tar.bz2",
        "#kisarazu.com のハッシュタグと @city.com へのメンション",
        "$TVI.CA",
    ],
)
def test_not_urls(text: str) -> None:
    assert _texts(text) == []


def test_idn_and_punycode_hosts() -> None:
    links = find_links("http://xn--r8jz45g.jp/ と http://例え.jp/ と foo.みんな")
    assert [lk.text for lk in links] == ["http://xn--r8jz45g.jp/", "http://例え.jp/", "foo.みんな"]
    assert links[0].hostname == links[1].hostname == "例え.jp"
    assert ascii_host("例え.jp") == "xn--r8jz45g.jp"
    assert find_links("http://xn--はじめよう.com/") == []


def test_host_helpers() -> None:
    assert normalize_host("ＷＷＷ．Ｃｉｔｙ．Ｚｕｓｈｉ．ｌｇ．ｊｐ.") == "www.city.zushi.lg.jp"
    assert host_in("www.city.zushi.lg.jp", ["city.zushi.lg.jp"]) == "city.zushi.lg.jp"
    assert host_in("evilcity.zushi.lg.jp", ["city.zushi.lg.jp"]) is None
    assert host_in("city.zushi.lg.jp.example.net", ["city.zushi.lg.jp"]) is None
    assert registrable_domain("www.city.kagoshima.lg.jp") == "kagoshima.lg.jp"
    assert registrable_domain("a.b.example.co.jp") == "example.co.jp"


def test_long_japanese_text_is_fast() -> None:
    find_links("warm.up")
    body = "市からのお知らせです。ごみの分別にご協力ください" * 400 + " https://www.city.mine.lg.jp/ " + "あ" * 20000
    start = time.perf_counter()
    links = find_links(body)
    assert time.perf_counter() - start < 0.5
    assert [lk.text for lk in links] == ["https://www.city.mine.lg.jp/"]


@lru_cache(maxsize=1)
def _full_pattern():
    """The URL pattern as one regex with the whole TLD trie (what links._match_url emulates)."""
    import re

    from snslint.text.links import url_pattern_source

    return re.compile(url_pattern_source(), re.IGNORECASE)


URLISH_PIECES = [
    "https://", "http://", "HTTPS://", "hxxp://", "www.", "city.kisarazu.lg.jp", "bit.ly/3xY",
    "example.com", ".jp", ".", "..", "/path?q=1", "#tag", "@user", "＠", "＃", "$", "_", "-",
    "詳しくは", "こちら", "。", "、", "（", "）", " ", "\n", "ver.2.0", "1.5km", "令和8.4.1",
    "日本語.jp", "例え.テスト", "a" * 70, "あ" * 70, "ｈｔｔｐｓ：／／", "ｗｗｗ．", "x_y", "-z",
    "mail@example.jp", "t.co/abc", "tar.bz2", "A", "z", "9", ".COM", ".Jp", ".ｊｐ", ".ſite", ".\u212aim",
    ".みんな", ".コム", ".ελ", ".ϵλ", ".xn--p1ai", ".XN--P1AI/x", ":8080", "/a(b)c", "?x=1&y=2", ".co.jp",
    ".comcast", ".com-", ".com+", ".com@", ".ｃｏｍ", "a_b.", "_x.", ".info.", ".network", ".n",
    "https://www.city.zushi.lg.jp/", "http://bit.ly/x", "https://t.co/abc", "https://a_b.example.jp",
    "HTTP://EXAMPLE.COM:80/A?b=c", "https://例え.テスト/パス", "https://xn--r8jz45g.jp",
]


def test_the_url_match_without_the_tld_trie_equals_the_full_pattern() -> None:
    """links._match_url (head pattern, a small TLD trie per first character, tail pattern)
    gives the full pattern's match, group by group, at every start of 2,000 random texts."""
    import random

    from snslint.text.links import _match_url

    full = _full_pattern()
    rng = random.Random(1122)
    groups = ("url", "scheme", "host", "port", "path", "query")
    for _ in range(2000):
        text = "".join(rng.choice(URLISH_PIECES) for _ in range(rng.randrange(1, 10)))
        for start in range(len(text)):
            want = full.match(text, start)
            got = _match_url(text, start)
            if want is None:
                assert got is None, (text, start)
                continue
            assert got is not None, (text, start)
            assert [got.span(g) for g in groups] == [want.span(g) for g in groups], (text, start)
            assert [got.group(g) for g in groups] == [want.group(g) for g in groups], (text, start)


HOSTISH_PIECES = [
    "www", "city", "kisarazu", "lg", "jp", "co", "com", "comcast", "info", "network", "n", "a",
    "EXAMPLE", "Com", "JP", "xn--p1ai", "XN--P1AI", "xn--", "みんな", "コム", "例え", "テスト",
    ".", ".", ".", "..", "-", "_", "@", "+", "9", "2026", "é", "Ä", "ſ", "\u212a", "\u0130",
    "ӿ", "ελ", " ", "あ", "．", "ｃｏｍ",
]


def test_ascii_domains_without_the_tld_trie_equal_the_full_pattern() -> None:
    """links._ascii_domains (a run of label characters, then one TLD look-up per run) gives
    the spans of ``finditer`` of twitter-text's validAsciiDomain with the whole TLD trie, on
    3,000 random hosts built from label pieces, dots, TLDs and their case variants."""
    import random
    import re

    from snslint.text.links import _ascii_domains, ascii_domain_pattern_source

    full = re.compile(ascii_domain_pattern_source(), re.IGNORECASE)
    rng = random.Random(20261130)
    found = 0
    for _ in range(3000):
        pieces = [rng.choice(HOSTISH_PIECES) for _ in range(rng.randrange(1, 12))]
        host = "".join(piece + ("." if rng.random() < 0.5 else "") for piece in pieces)
        want = [m.span() for m in full.finditer(host)]
        assert _ascii_domains(host) == want, host
        found += bool(want)
    assert found > 500  # the pieces do make domains, not only misses


def test_a_url_without_a_scheme_links_its_ascii_domains() -> None:
    """What the domains look like to a user: the TLD ends the host, the last domain takes
    the path, a label with an accent counts, Japanese does not."""
    texts = {
        "詳しくは www.city.kisarazu.lg.jp/kurashi/ をご覧ください": ["www.city.kisarazu.lg.jp/kurashi/"],
        "市HP（City.Zushi.LG.JP）へ": ["City.Zushi.LG.JP"],
        "café.example.com で": ["café.example.com"],
        "例え.テスト.jp は": [],
        "version 2.0 と 1.5km": [],
    }
    for text, want in texts.items():
        assert [lk.text for lk in extract_urls(text)] == want, text


def test_the_tails_ascii_sets_are_its_classes() -> None:
    """links._tail reads the tail's character classes as sets of ASCII characters: each set
    holds exactly the ASCII characters its class matches (IGNORECASE)."""
    import re

    from snslint.text import links

    pairs = [
        (links._PATH_CHAR_ASCII, links._PATH_CHAR),
        (links._PATH_END_ASCII, links._PATH_END),
        (links._QUERY_CHAR_ASCII, links._QUERY_CHAR),
        (links._QUERY_END_ASCII, links._QUERY_END),
    ]
    for ascii_set, cls in pairs:
        compiled = re.compile(cls, re.IGNORECASE)
        assert {chr(c) for c in range(128) if compiled.fullmatch(chr(c))} == ascii_set, cls


def test_no_character_from_u3000_up_continues_a_tail() -> None:
    """Where a run of path or query characters stops at a character from U+3000 up, the tail
    has ended: no such character matches a class of the tail (IGNORECASE), nor is it ``(``."""
    import re

    from snslint.text import links

    every = re.compile(
        f"{links._PATH_CHAR}|{links._PATH_END}|{links._QUERY_CHAR}|{links._QUERY_END}|[(?:/0-9]", re.IGNORECASE
    )
    high = "".join(map(chr, range(links._TAIL_NEVER_FROM, 0x110000)))
    assert every.search(high) is None


TAILISH_PIECES = [
    "/", "/", "?", ":", ":8080", "a", "Z", "k", "0", "9", "-", "_", "=", "#", "+", ".", ",", "!",
    "*", "'", ";", "$", "%", "[", "]", "~", "&", "|", "@", "(", ")", "(x)", "(a(b)c)", "\u2013",
    "é", "Ӿ", "ж", "\u212a", "ſ", "\u0130", "ı", "\u00a0", " ", "\n", "\t", "あ", "。", "）", "ｈ",
    "\U0001f600", "index.html", "kurashi/gomi", "?q=1&r=2", "?a.b,", "/path.", "/x,y", '"', "<", "`",
]


def test_the_tail_without_compiling_equals_the_tail_pattern() -> None:
    """links._tail gives the compiled tail's end and groups at every position of 3,000
    random tails, or None (the caller then uses the pattern); it decides most of them."""
    import random
    import re

    from snslint.text.links import _tail, tail_pattern_source

    full = re.compile(tail_pattern_source(), re.IGNORECASE)
    rng = random.Random(30112026)
    decided = undecided = 0
    for _ in range(3000):
        text = "".join(rng.choice(TAILISH_PIECES) for _ in range(rng.randrange(1, 14)))
        for at in range(len(text) + 1):
            got = _tail(text, at)
            if got is None:
                undecided += 1
                continue
            decided += 1
            m = full.match(text, at)
            want = (m.end(), *(m.span(g) if m.group(g) is not None else None for g in ("port", "path", "query")))
            assert got == want, (text, at)
    assert decided > 4 * undecided > 0


def _matches_trying_every_start(url_re, text: str) -> list[tuple[int, int]]:
    """The reference for links._matches: every start before each dot, in order."""
    from snslint.text.links import _HOST_RUN, _WINDOW, MAX_HOST_RUN

    out = []
    pos, n = 0, len(text)
    while pos < n:
        dot = text.find(".", pos)
        if dot < 0:
            break
        run_start = dot
        while run_start > pos and text[run_start - 1] in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-":
            run_start -= 1
        run = _HOST_RUN.match(text, dot)
        if run is not None and run.end() - run_start > MAX_HOST_RUN:
            pos = run.end()
            continue
        found = None
        for p in range(max(pos, dot - _WINDOW), dot):
            found = url_re.match(text, p)
            if found:
                break
        if found is None:
            pos = dot + 1
            continue
        out.append(found.span())
        pos = found.end()
    return out


def test_pruned_url_starts_find_exactly_what_every_start_finds() -> None:
    """links._starts skips starts that cannot begin a URL; on 3,000 random drafts built from
    URL-ish pieces, the matches are the same as trying every start."""
    import random

    from snslint.text.links import _matches

    url_re = _full_pattern()
    pieces = URLISH_PIECES
    rng = random.Random(20261122)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        got = [m.span("url") for m in _matches(text)]
        assert got == _matches_trying_every_start(url_re, text), text


def _whole_list():
    """The whole Public Suffix List as the publicsuffixlist package parses it (the reference)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(accept_unknown=False, accept_encoded_idn=False)


def test_tlds_read_from_the_list_file_equal_the_parsed_list() -> None:
    """links._tlds reads the PSL file itself (faster than building the list object); it must
    give the top label of every rule the publicsuffixlist package parses (its rule set)."""
    from snslint.text.links import _rules_by_tld, _tlds

    parsed = frozenset(rule.lstrip("!*.").rsplit(".", 1)[-1] for rule in _whole_list()._publicsuffix)
    assert _tlds() == parsed
    assert _tlds() == frozenset(_rules_by_tld())  # found without grouping, the same top labels
    assert {"jp", "com", "みんな", "рф"} <= _tlds()  # the list writes IDN TLDs in Unicode


def test_an_ascii_character_matches_the_tld_first_characters_re_would_match() -> None:
    """links._tld_firsts answers ASCII without ``re``: the same first characters as matching
    each one case-insensitively with ``re`` (the full URL pattern's semantics)."""
    import re

    from snslint.text.links import _tld_firsts, _tld_groups

    for ch in map(chr, range(128)):
        expected = tuple(f for f in _tld_groups() if re.match(re.escape(f), ch, re.IGNORECASE))
        assert _tld_firsts(ch) == expected, repr(ch)
    assert _tld_firsts("J") == ("j",) and _tld_firsts("-") == ()
    assert "k" in _tld_firsts("\u212a")  # the Kelvin sign, through re


def test_one_tlds_slice_of_the_list_answers_as_the_whole_list() -> None:
    """links._psl_for(tld) parses only the rules under one TLD: for every rule of the list
    (exceptions, wildcards, IDN, private section), a host under it and one a label deeper get
    the same public suffix and registrable domain as from the whole list."""
    from snslint.text.links import _rules_by_tld, public_suffix, registrable_domain

    whole = _whole_list()
    hosts = ["city.kisarazu.lg.jp", "example.co.jp", "bit.ly", "www.pref.aomori.lg.jp", "unknown.notatld"]
    rules = [rule for group in _rules_by_tld().values() for rule in group]
    for rule in rules:
        name = rule.lstrip("!").replace("*", "w")
        hosts += [name, f"x.{name}", f"y.x.{name}"]
    assert {rule.lower() for rule in rules} == set(whole._publicsuffix)  # every rule the package parsed
    for host in hosts:
        assert public_suffix(host) == whole.publicsuffix(host), host
        assert registrable_domain(host) == (whole.privatesuffix(host) or host), host
