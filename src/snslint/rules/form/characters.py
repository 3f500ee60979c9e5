"""FORM010: machine-dependent characters (①, ㈱, half-width kana) that read or render badly."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext
from snslint.rules.registry import register


@cache
def _machine_dependent() -> re.Pattern[str]:
    """The characters FORM010 reports, compiled on the rule's first check (a run whose
    policies leave FORM010 off never compiles it)."""
    return re.compile(
        # The union of the classes below, first, so the engine skips every other position at once.
        r"(?=[\uff61-\uff9f\u2460-\u24ff\u2776-\u2793\u2160-\u217f\u3220-\u3243\u3280-\u32b0\u3300-\u33ff\u2116\u2121\u2122])"
        r"(?:[\uff61-\uff9f]+"  # half-width katakana and punctuation
        r"|[\u2460-\u24ff\u2776-\u2793]"  # circled / parenthesized numbers ①⑴⒈
        r"|[\u2160-\u217f]"  # Roman numerals Ⅰ Ⅱ ⅰ
        r"|[\u3220-\u3243\u3280-\u32b0]"  # ㈱ ㈲ ㊤ ㊥
        r"|[\u3300-\u33ff]"  # ㌔ ㍻ ㎏ ㏄ (CJK compatibility squares)
        r"|[\u2116\u2121\u2122])"  # № ℡ ™
    )


@register
class MachineDependentCharacter(Rule):
    """FORM010 machine-dependent-character: characters that read or render badly.

    Not in the catalog's FORM001-009: added for accessibility (zushi 3-4(4)). Half-width
    katakana (ｶﾀｶﾅ) and environment-dependent characters (機種依存文字: ①, ⑴, Ⅳ, ㈱, ㍻, ㌔,
    ㎏, №, ℡) that screen readers read oddly or some devices render as boxes; the hint gives
    the plain replacement (their NFKC form: ① -> 1, ㈱ -> (株), ㍻ -> 平成, ｶﾀｶﾅ -> カタカナ).
    Info, whatever the policy says.
    """

    code = "FORM010"
    name = "machine-dependent-character"
    default_severity = Severity.INFO
    summary = "半角カナや機種依存文字が使われています"
    summary_en = "Half-width katakana or environment-dependent characters"
    what_it_does = (
        "半角カタカナや、①・㈱・㍻・㌔などの機種依存文字を見つけ、"
        "置き換え後の文字を示します（snslint check --fix で置き換えられます）。"
    )
    what_it_does_en = (
        "Finds half-width katakana and environment-dependent characters (①, ㈱, ㍻, ㌔), with the "
        "plain replacement (snslint check --fix applies it)."
    )
    why_it_matters = (
        "画面読み上げソフトで正しく読まれなかったり、端末によって表示が崩れたりします。"
        "逗子市ガイドライン 3-4(4) は、誰もが支障なく利用できるよう、"
        "アクセシビリティに配慮した発信を求めています。"
    )
    why_it_matters_en = (
        "Screen readers read them badly and some devices render them poorly; Zushi 3-4(4) asks for "
        "posts everyone can use, following the city's accessibility guideline."
    )
    failing = (
        Example(
            "申込方法：①電話 ②窓口\nｲﾍﾞﾝﾄ会場は㈱逗子建設の駐車場です。", city="zushi",
            finds="①",
            message=(
                "「①」は読み上げソフトや端末によって正しく読まれない・表示されないことがあります。"
            ),
            message_en="'①' may be read or shown wrongly by screen readers or some devices.",
        ),
    )
    instead = Example("申込方法は、電話または窓口です。\nイベント会場は株式会社逗子建設の駐車場です。（市民協働課）\n", city="zushi")
    passing = (
        Example("申込方法：(1)電話 (2)窓口\nイベント会場は株式会社逗子建設の駐車場です。", city="zushi"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for m in _machine_dependent().finditer(ctx.body):
            found = m.group(0)
            plain = unicodedata.normalize("NFKC", found)
            if plain == found:
                continue
            yield ctx.finding(
                m.start(),
                m.end(),
                f"「{found}」は読み上げソフトや端末によって正しく読まれない・表示されないことがあります。",
                f"'{found}' may be read or shown wrongly by screen readers or some devices.",
                hint=f"「{plain}」と書いてください。",
                hint_en=f"Write '{plain}'.",
                severity=Severity.INFO,
                replacement=plain,
                fix={
                    "start": ctx.draft.body_offset + m.start(),
                    "end": ctx.draft.body_offset + m.end(),
                    "replacement": plain,
                    "description": f"「{found}」を「{plain}」にする / replace '{found}' with '{plain}'",
                },
            )
