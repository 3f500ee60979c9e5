"""PII004: a payment card number."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.masking import mask_last4
from snslint.text.pii.card import find_card_numbers


@register
class CreditCard(_PiiRule):
    """PII004 credit-card: a payment card number (known issuer prefix, valid Luhn check).

    Prefixes and lengths of Visa, Mastercard, American Express, JCB, Diners Club and
    Discover (:func:`snslint.text.check_digits.card_brand`); Luhn per ISO/IEC 7812-1.
    """

    code = "PII004"
    name = "credit-card"
    default_severity = Severity.ERROR
    summary = "クレジットカード番号"
    summary_en = "A payment card number that passes the Luhn check"
    what_it_does = (
        "主要ブランド（Visa、Mastercard、American Express、JCB、Diners、Discover）の番号体系に合い、"
        "Luhn検査（ISO/IEC 7812-1）を満たす13〜19桁の番号をクレジットカード番号として見つけます。"
        "報告では ****-****-****-1234 のように下4桁のみ表示します。"
    )
    what_it_does_en = (
        "Finds 13-19 digit numbers with a known card brand prefix (Visa, Mastercard, American "
        "Express, JCB, Diners, Discover) that pass the Luhn check (ISO/IEC 7812-1). Reports show "
        "only the last four digits."
    )
    why_it_matters = (
        "カード番号の公開は不正利用に直結するためエラーです。決済のテスト用の番号でも、"
        "市の投稿では本物の番号と見分けがつかず、載せる理由もありません。"
    )
    why_it_matters_en = (
        "A published card number invites fraud: error. Even a payment test number cannot be told "
        "apart from a real one in a city post, and there is no reason to post it."
    )
    failing = (
        Example(
            "ふるさと納税の決済テスト用：4111 1111 1111 1111 を入力してください",
            finds="**** **** **** 1111",
            message=(
                "クレジットカード番号（Visa、**** **** **** 1111）と思われる番号があります。"
                "公開できません。"
            ),
            message_en=(
                "What looks like a Visa card number (**** **** **** 1111): it must not be "
                "published."
            ),
        ),
        Example("寄附金の引き落としカード 3530-1113-3330-0000 の登録を確認しました。"),
    )
    instead = Example("ふるさと納税の決済は、ポータルサイトの画面の案内に沿って進めてください。市の職員がカード番号をお聞きすることはありません。\n", city="kisarazu")
    passing = (
        Example("ふるさと納税はクレジットカード決済にも対応しています。"),
        Example("入札参加資格者：株式会社かずさ建設（法人番号 4011001098993）"),
        Example("問い合わせ番号 4111 1111 1111 1112 をお手元にご用意ください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        for s, e, brand in find_card_numbers(norm.text):
            start, end = norm.span(s, e)
            masked = mask_last4(ctx.body[start:end])
            yield ctx.finding(
                start,
                end,
                f"クレジットカード番号（{brand}、{masked}）と思われる番号があります。公開できません。",
                f"What looks like a {brand} card number ({masked}): it must not be published.",
                hint="番号を削除してください。",
                hint_en="Remove it.",
                text=masked,
                brand=brand,
            )
