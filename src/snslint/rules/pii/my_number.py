"""PII003: a 12-digit Individual Number (My Number) with a valid check digit."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.masking import mask_last4
from snslint.text.pii.my_number import find_my_numbers


@register
class MyNumber(_PiiRule):
    """PII003 my-number: a 12-digit 個人番号 with a valid check digit.

    The check digit is verified per 平成26年総務省令第85号 第5条
    (:func:`snslint.text.check_digits.is_my_number`). 13-digit corporate numbers (法人番号) are
    public and never match; nor do digits inside longer runs. Error, not suppressible: one
    leaked My Number is a reportable incident under the My Number Act (番号法).
    """

    code = "PII003"
    name = "my-number"
    default_severity = Severity.ERROR
    suppressible = False
    summary = "個人番号（マイナンバー）"
    summary_en = "A 12-digit Individual Number (My Number) with a valid check digit"
    what_it_does = (
        "検査用数字（平成26年総務省令第85号 第5条）が正しい12桁の数字（全角・半角、"
        "4桁ごとの空白やハイフン区切りを含む）を個人番号として見つけます。"
        "13桁の法人番号は公開情報なので対象外です。報告では ****-****-0257 "
        "のように下4桁のみ表示します。"
    )
    what_it_does_en = (
        "Finds 12-digit numbers with a valid My Number check digit (MIC ordinance No. 85 of 2014, "
        "art. 5), full- or half-width, grouped 4-4-4 or not. 13-digit corporate numbers are public "
        "and never match. Reports show only the last four digits."
    )
    why_it_matters = (
        "個人番号の漏えいは番号法上の報告対象となる事故で、一度公開された番号は取り消せません。"
        "そのため、フロントマターの抑止（snslint.ignore）でも抑止できないエラーです。"
        "申請書の記入例にも、番号そのものは載せないでください。"
    )
    why_it_matters_en = (
        "A leaked My Number is a reportable incident under the My Number Act and cannot be taken "
        "back, so this error cannot be suppressed. Even a form's sample entry should not show a "
        "number."
    )
    failing = (
        Example(
            "申請書の記入例：個人番号 6214 9832 0257 をご記入ください。",
            finds="**** **** 0257",
            message=(
                "個人番号（マイナンバー）と思われる12桁の番号（**** **** 0257）があります。"
                "個人番号は絶対に公開できません。"
            ),
            message_en=(
                "A 12-digit number with a valid My Number check digit (**** **** 0257): a My Number "
                "must never be published."
            ),
        ),
        Example("マイナンバー：６１４１０６５２６０００"),
    )
    instead = Example("申請書の個人番号欄には、マイナンバーカードまたは通知カードに記載の12桁の番号をご記入ください。\n", city="kisarazu")
    passing = (
        Example("マイナンバーカードの出張申請窓口を、3月10日に中央公民館で開設します。"),
        Example("入札参加資格者：株式会社かずさ建設（法人番号 7000012050002）"),
        Example("受付番号 6214 9832 0258 の方は2番窓口へお進みください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        for s, e in find_my_numbers(norm.text):
            start, end = norm.span(s, e)
            masked = mask_last4(ctx.body[start:end])
            yield ctx.finding(
                start,
                end,
                f"個人番号（マイナンバー）と思われる12桁の番号（{masked}）があります。個人番号は絶対に公開できません。",
                f"A 12-digit number with a valid My Number check digit ({masked}): a My Number must never be published.",
                hint="番号を削除してください。記入例では数字を使わず「（12桁の番号）」と書いてください。",
                hint_en="Remove it; in examples write '(12-digit number)' rather than digits.",
                text=masked,
            )
