"""PII007: a date of birth tied to a person."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.analysis import NormalizedView
from snslint.text.masking import mask_date
from snslint.text.pii.birth_date import (
    BIRTH_LABEL_RE,
    born_re,
    eligibility_after_re,
    eligibility_line_re,
    person_hint_re,
)
from snslint.text.pii.common import line_bounds


@register
class BirthDate(_PiiRule):
    """PII007 birth-date: a date of birth tied to a person.

    A full date (with a year) after 生年月日/誕生日 labels, or before 生まれ/生 in a line that
    names a person. Age-group conditions (「昭和〇年4月1日以前に生まれた方」, 「〜生まれの方」,
    ranges, 対象) are not a person's birth date and are never reported. Warning.
    """

    code = "PII007"
    name = "birth-date"
    default_severity = Severity.WARNING
    summary = "個人の生年月日"
    summary_en = "A date of birth tied to a person"
    what_it_does = (
        "「生年月日：」「誕生日は」に続く年月日や、"
        "人名・「さん」などと同じ行の「〇年〇月〇日生まれ」を、個人の生年月日として見つけます。"
        "予防接種や式典の対象を示す「昭和〇年生まれの方」「〜生まれ〜〜生まれ」などの年齢条件は個人の情報ではないので対象外です。"
        "報告では 昭和**年*月*日 のように伏せます。"
    )
    what_it_does_en = (
        "Finds a person's date of birth: a full date after 生年月日/誕生日, or 'born on' a date in "
        "a line naming a person. Eligibility conditions such as 'people born in 1955 or earlier' "
        "are not reported. Reports mask the digits."
    )
    why_it_matters = (
        "生年月日は氏名と合わせると本人を特定でき、なりすましにも使われる個人情報で、"
        "本人の同意なく公開できません（五所川原市 第9条(9)、鹿児島市 6(5) など）。"
    )
    why_it_matters_en = (
        "A date of birth together with a name identifies the person and helps impersonation; it may "
        "not be published without consent (Goshogawara 第9条(9), Kagoshima 6(5) ...)."
    )
    failing = (
        Example(
            "今月の赤ちゃん紹介：木村ひなたちゃん（令和7年10月3日生まれ）",
            finds="令和*年**月*日",
            message=(
                "個人の生年月日（令和*年**月*日）と思われる記載があります。"
                "本人の同意なく公開できません。"
            ),
            message_en=(
                "What looks like a person's date of birth (令和*年**月*日): it may not be published "
                "without consent."
            ),
        ),
        Example("【申請者】生年月日：昭和58年6月21日"),
    )
    instead = Example("今月の赤ちゃん紹介：ひなたちゃん（10月生まれ）。保護者の方の了解を得て掲載しています。\n", city="kisarazu")
    passing = (
        Example("帯状疱疹ワクチンの定期接種の対象は、昭和35年4月2日～昭和36年4月1日生まれの方です。"),
        Example("二十歳のつどい（対象者：平成17年4月2日生まれ～平成18年4月1日生まれ）を開催します。"),
        Example("申請には生年月日が確認できる書類をお持ちください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        text = norm.text
        seen: set[int] = set()
        for m in BIRTH_LABEL_RE.finditer(text):
            s, e = m.span("date")
            if eligibility_after_re().match(text[e : e + 8]) or self._range_end(text, s):
                continue
            seen.add(s)
            yield self._finding(ctx, norm, s, e)
        for m in born_re().finditer(text) if "生" in text else ():  # every match ends in 生(まれ)
            s, e = m.span("date")
            if s in seen:
                continue
            if eligibility_after_re().match(text[e : e + 10]) or self._range_end(text, s):
                continue
            ls, le = line_bounds(text, s, e)
            line = text[ls:le]
            if eligibility_line_re().search(line) or not person_hint_re().search(line):
                continue
            yield self._finding(ctx, norm, s, e)

    @staticmethod
    def _range_end(text: str, s: int) -> bool:
        """The date closes a range (``A～B生まれ``)."""
        return bool(re.search(r"(?:~|～|〜|から|より|-|ー|―)\s*$", text[max(0, s - 4) : s]))

    @staticmethod
    def _finding(ctx: RuleContext, norm: NormalizedView, s: int, e: int) -> Finding:
        start, end = norm.span(s, e)
        masked = mask_date(ctx.body[start:end])
        return ctx.finding(
            start,
            end,
            f"個人の生年月日（{masked}）と思われる記載があります。本人の同意なく公開できません。",
            f"What looks like a person's date of birth ({masked}): it may not be published without consent.",
            hint="必要なら「〇月生まれ」「〇歳」などにとどめてください。",
            hint_en="If needed, give only the month or the age.",
            text=masked,
        )
