"""Fuzzing: arbitrary drafts through the whole engine, every rule, every bundled policy.

Hypothesis generates draft files: Japanese prose, emoji, control characters, huge numbers,
URL-like fragments, phone-like digit runs, 〇〇 placeholders, ＃ hashtags, mail addresses,
line endings of every kind, and front matter (valid keys with odd values, or raw YAML-ish
text). For each one:

* reading it either gives a draft or raises :class:`InputError` (never anything else);
* checking it against a bundled policy (drawn) with every registered rule selected never
  raises;
* every finding's span lies inside the text, ``text[start:end]`` is the finding's ``text``
  unless the rule is ``sensitive`` (then the shown text is masked: it differs from the raw
  value when that has more than 4 characters), and ``line``/``column`` (and their ``end_``
  twins) agree with :meth:`Draft.position`;
* the concise, JSON and rich reporters render the result without raising.

Examples: 2,000 by default (the ``ci`` profile, well under a minute). More for a nightly
run: ``SNSLINT_FUZZ_EXAMPLES=50000 pytest tests/test_fuzz.py``. Surrogate code points are
never generated (they cannot be written to a file in any Unicode encoding); the escaped form
``\\ud800`` is, as text.
"""

from __future__ import annotations

import io
import os

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from snslint.output import formats as reporters
from snslint.input.draft import parse_draft
from snslint.lint.engine import CheckOptions, FileResult, check_draft
from snslint.errors import InputError
from snslint.findings import Severity
from snslint.settings.policy import bundled_ids, load_bundled
from snslint.rules.registry import registry
from snslint.output.report import Report
from snslint.lint.redaction import redact
from support import FIXED_NOW

FUZZ_EXAMPLES = int(os.environ.get("SNSLINT_FUZZ_EXAMPLES", "2000"))
"""Examples per fuzz test (CI default 2,000; raise it for a nightly run)."""

settings.register_profile(
    "snslint-fuzz",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # the first example pays for Sudachi and the lexicons
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
FUZZ = settings.get_profile("snslint-fuzz")

CITIES = bundled_ids()
ALL_RULES = CheckOptions(select=frozenset(registry()))

FRAGMENTS = [
    # Japanese prose and city words
    "本日は晴天なり。", "市役所からのお知らせです", "木更津市", "鹿児島市役所", "逗子海岸", "五所川原", "美祢市",
    "投票してください", "清き一票を", "個人的には", "今だけ全品50%オフ", "拡散希望", "部外秘", "情弱乙",
    "ご協力をお願いします。", "ｶﾀｶﾅ", "髙橋", "①②③", "㈱", "〒292-8501", "令和8年12月2日（水）",
    # placeholders and hashtags
    "〇〇", "○○", "××", "〇〇様", "＃防災", "#木更津", "＃", "#", "##", "#123", "＃ハッシュタグ",
    # URLs and domains
    "https://bit.ly/3abcd", "http://t.co/x", "www.city.kisarazu.lg.jp", "https://", "http://a",
    "https://example.com/" + "a" * 300, "city.zushi.lg.jp/path?q=1#f", "xn--eckwd4c7c.jp", "ftp://x.y",
    "[link](https://bit.ly/x)", "https://ｂｉｔ．ｌｙ/x", "@kisarazu_city", "@",
    # phones, numbers, personal data
    "090-1234-5678", "0438-23-7111", "03 1234 5678", "+81-90-1234-5678", "(0438)23-7111", "１２３４",
    "4111111111111111", "4111 1111 1111 1111", "123456789012", "1234-5678-9012", "99999999999999999999999999",
    "1e308", "-0", "０９０－１２３４－５６７８", "taro.yamada@gmail.com", "a@b", "@@@", "山田太郎",
    # emoji and odd characters
    "😀", "👨‍👩‍👧‍👦", "🇯🇵", "☎", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\u0085", "\x1b[31m",
    "[bold]x[/bold]", "\\ud800", "\ue000", "\U0010ffff", "̈", "ｱﾞ", "\t", "\x0b", "\x0c", "\x7f",
    # line breaks and front-matter look-alikes
    "\n", "\r\n", "\r", "\n\n\n", "---", "\n---\n", "...",
]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # no lone surrogates
    max_size=40,
)
PIECE = st.one_of(st.sampled_from(FRAGMENTS), TEXT, st.integers(-(10**30), 10**30).map(str))
BODY = st.lists(PIECE, max_size=25).map("".join)

FM_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True), TEXT,
    st.sampled_from(["zushi", "kisarazu", "x", "twitter", "Instagram", "mixi", "2026-12-08T14:00", "2026-13-45",
                     "0001-01-01", "now", "post", "correction", "@kisarazu_city", "[1, 2", "{a: 1}", "*a"]),
    st.lists(st.dictionaries(st.sampled_from(["path", "alt", "code", "reason", "x"]), TEXT, max_size=3), max_size=3),
)
FM_KEY = st.sampled_from(
    ["city", "platform", "account", "scheduled_at", "type", "emergency", "images", "approved_by",
     "reply_to_government", "snslint", "color", "1"]
)


@st.composite
def front_matter(draw) -> str:
    """Front matter: YAML from random key/values, or raw text between the --- lines."""
    if draw(st.booleans()):
        data = draw(st.dictionaries(FM_KEY, FM_VALUE, max_size=5))
        if draw(st.booleans()) and "city" not in data:
            data["city"] = draw(st.sampled_from(CITIES))
        text = yaml.safe_dump(data, allow_unicode=True)
    else:
        text = draw(BODY)
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return f"---{eol}{text}{eol}---{eol}"


DRAFT = st.tuples(st.one_of(st.just(""), st.just(""), front_matter()), BODY).map("".join)
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp932"])


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding == "cp932" else "strict")


def check_invariants(result: FileResult) -> None:
    """The properties every finding of every result must have (see the module docstring)."""
    draft = result.draft
    assert draft is not None
    text = draft.text
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), (f.code, f.start, f.end, len(text))
        raw = text[f.start : f.end]
        if f.sensitive:
            if len(raw) > 4:
                assert f.text != raw, f"{f.code} shows personal data unmasked"
        else:  # as written, with personal data masked (snslint.redaction)
            assert f.text == redact(raw, f.start, result.redactions), (f.code, f.text, raw)
        assert draft.position(f.start) == (f.line, f.column), f.code
        assert draft.position(f.end) == (f.end_line, f.end_column), f.code
        assert isinstance(f.severity, Severity) and f.message_ja and f.message_en
    assert result.findings == sorted(result.findings, key=lambda f: f.sort_key())


def render_all(result: FileResult) -> None:
    """Every reporter renders the result (rich markup in drafts must not break rich)."""
    report = Report(results=[result], lang="ja", fail_on=Severity.ERROR, policy_label="fuzz")
    for fmt in ("concise", "json", "rich"):
        reporters.get(fmt)(report, io.StringIO())


@FUZZ
@given(draft=DRAFT, encoding=ENCODING, city=st.sampled_from(CITIES), data=st.data())
def test_engine_never_raises_and_findings_are_consistent(draft: str, encoding: str, city: str, data) -> None:
    try:
        parsed = parse_draft("fuzz.md", _encode(draft, encoding))
    except InputError as exc:
        assert exc.path == "fuzz.md" and exc.ja and exc.en
        event("input error")
        return
    result = check_draft(parsed, load_bundled(city), ALL_RULES, now=FIXED_NOW)
    assert result.error is None
    check_invariants(result)
    event("checked, with findings" if result.findings else "checked, clean")
    if data.draw(st.integers(0, 9)) == 0:  # rendering is slower than checking: 1 in 10
        render_all(result)


def test_the_fuzz_profile_runs_at_least_2000_examples() -> None:
    assert FUZZ.max_examples >= 2000 or "SNSLINT_FUZZ_EXAMPLES" in os.environ
    assert FUZZ.deadline is None
    assert len(CITIES) >= 5 and ALL_RULES.select == frozenset(registry())
