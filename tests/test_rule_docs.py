"""Every rule is documented in ruff's sections, and its examples prove the advice.

The sections (:mod:`snslint.rules.docs`): 何をするか / What it does, なぜ問題か / Why it matters,
例 / Example (the rule's first failing example), 代わりに / Use instead. Each prose section is
written in Japanese and in English; the documented example must give a finding of the rule,
with the span and message the example states; the ``instead`` draft, the same post written
the way the city should write it, must give none, so that "what to write instead" cannot rot.
"""

from __future__ import annotations

import re

import pytest

from snslint.rules.docs import SECTIONS, as_json, markdown, sections, text_lines
from snslint.rules.registry import registry
from support import reported

RULES = registry()
CODES = sorted(RULES)

_KANA = re.compile(r"[\u3040-\u30ff]")
_ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _ours(example, code: str):
    got = reported(example.draft, example.city, at=example.at, select=code, platform=example.platform)
    return [f for f in got if f.code == code]


@pytest.mark.parametrize("code", CODES)
def test_prose_sections_are_written_in_both_languages(code: str) -> None:
    rule = RULES[code]
    for field in ("what_it_does", "why_it_matters"):
        ja, en = getattr(rule, field), getattr(rule, f"{field}_en")
        assert len(ja) >= 30 and _KANA.search(ja), f"{code}.{field} needs Japanese prose"
        assert len(_ENGLISH_WORD.findall(en)) >= 8, f"{code}.{field}_en needs English prose"
        assert not en.startswith("(en)") and not ja.startswith("(ja)"), f"{code}.{field}: no language tags"
    assert rule.what_it_does != rule.why_it_matters, code


@pytest.mark.parametrize("code", CODES)
def test_documented_example_gives_the_stated_finding(code: str) -> None:
    rule = RULES[code]
    example = rule.example
    assert example is not None and example is rule.failing[0]
    got = _ours(example, code)
    assert got, f"{code}: its documented example gives no finding"
    first = got[0]
    assert example.finds is not None, f"{code}: state what the example's finding reports (finds=)"
    assert first.text == example.finds, f"{code}: the finding reports {first.text!r}"
    if not rule.sensitive and example.finds:
        # the span itself, in the draft as written (a sensitive rule's text is masked)
        assert example.draft[first.start : first.end] == example.finds
    if rule.family == "CAT":
        # a CAT message carries fitted scores; it names the category by its label
        from snslint.text.lexicon import load_spec

        spec = load_spec(code)
        assert f"{spec.label}にあたる表現です" in first.message_ja, first.message_ja
        assert spec.label_en in first.message_en, first.message_en
        assert example.message is None and example.message_en is None
    else:
        assert (first.message_ja, first.message_en) == (example.message, example.message_en)


@pytest.mark.parametrize("code", CODES)
def test_instead_example_gives_no_finding(code: str) -> None:
    rule = RULES[code]
    instead = rule.instead
    assert instead is not None, f"{code} needs an `instead` example"
    assert instead.draft.strip() != rule.example.draft.strip()
    got = _ours(instead, code)
    assert not got, f"{code}: its `instead` draft still gives {[(f.text, f.message_ja) for f in got]}"


def test_sections_come_in_ruffs_order_everywhere() -> None:
    rule = RULES["URL001"]
    assert [s.heading.key for s in sections(rule)] == ["what_it_does", "why_it_matters", "example", "instead"]
    headings = [h.both for h in SECTIONS]
    assert headings == ["何をするか / What it does", "なぜ問題か / Why it matters", "例 / Example", "代わりに / Use instead"]
    text = "\n".join(text_lines(rule))
    md = markdown(rule)
    for rendered in (text, md):
        positions = [rendered.index(h) for h in headings]
        assert positions == sorted(positions)
    assert "https://bit.ly/3abcDEF" in text.split(headings[2])[1].split(headings[3])[0]
    assert [s["key"] for s in as_json(rule)["sections"]] == ["what_it_does", "why_it_matters", "example", "instead"]
