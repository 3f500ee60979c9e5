"""PII001: a phone number that is not one of the city's contacts."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.analysis import NormalizedView
from snslint.text.masking import mask_phone
from snslint.text.pii.phone import find_phone_numbers, labelled_as_organisation, national_number


def _official_phones(ctx: RuleContext) -> set[str]:
    out: set[str] = set()
    for raw in ctx.policy.official_contacts.phones:
        nat = national_number(NormalizedView.of(raw).text)
        if nat:
            out.add(nat)
    return out


@register
class PhoneNumber(_PiiRule):
    """PII001 phone-number: a Japanese phone number that is not one of the city's contacts.

    Mobile numbers (060/070/080/090) most likely belong to a person: warning. Fixed lines,
    IP phones (050) and others not in ``official_contacts.phones``: info, to be checked. Free
    dial (0120/0800) and navi dial (0570) are businesses': info. Official numbers (compared
    digit by digit, ``+81`` read as ``0``) are never reported. Number kinds by leading digits
    per 電気通信番号規則 (令和元年総務省令第4号).
    """

    code = "PII001"
    name = "phone-number"
    default_severity = Severity.WARNING
    summary = "公式連絡先でない電話番号（携帯電話番号は個人のものの可能性）"
    summary_en = "A phone number that is not one of the city's official contacts (mobiles are likely a person's)"
    what_it_does = (
        "市の公式連絡先（ポリシーの official_contacts.phones）にない電話番号を見つけます。"
        "携帯電話番号（060/070/080/090）は個人の番号である可能性が高いため警告、"
        "固定電話・IP電話（050）などは「確認してください」の情報として示します。"
        "フリーダイヤル（0120/0800）やナビダイヤル（0570）は事業者の番号なので情報どまりです。"
        "番号は報告の中でも 090-****-5678 のように伏せて表示します。"
    )
    what_it_does_en = (
        "Finds phone numbers that are not in the policy's official contacts. A mobile number is "
        "likely a private person's: warning. Other numbers are info, to be checked; free dial is a "
        "business's. Reports show the number masked."
    )
    why_it_matters = (
        "個人の電話番号を本人の同意なく公開することは、"
        "各市の運用方針が禁じる個人情報の掲載にあたります（五所川原市 第9条(9)、鹿児島市 6(5)、"
        "木更津市 10(9) など）。一度公開された番号は取り消せず、"
        "いたずら電話や詐欺に使われるおそれがあります。"
    )
    why_it_matters_en = (
        "Publishing a person's number without consent breaks every city's personal-data clause "
        "(Goshogawara 第9条(9), Kagoshima 6(5), Kisarazu 10(9) ...). Once published it cannot be "
        "taken back, and it can draw nuisance calls or fraud."
    )
    failing = (
        Example(
            "【落とし物のお知らせ】\n駅前広場で財布を拾われた方がいます。持ち主の方は 090-3187-4429 までご連絡ください。",
            finds="090-****-4429",
            message=(
                "携帯電話番号（090-****-4429）が含まれています。個人の番号であれば、"
                "本人の同意なく公開できません。"
            ),
            message_en=(
                "A mobile phone number (090-****-4429): if it is a private person's, it may not be "
                "published without consent."
            ),
        ),
        Example("夏祭りの当日連絡先：実行委員 ０８０－５５１２－９０３６"),
    )
    instead = Example("【落とし物のお知らせ】\n駅前広場で拾われた財布を、市役所1階の総合案内でお預かりしています。お心当たりの方はお越しください。（市民課）\n", city="kisarazu")
    passing = (
        Example("【お問い合わせ】逗子市役所 市民協働課 TEL 046-873-1111（代表）", city="zushi"),
        Example("〒249-8686 逗子市逗子5-2-16 逗子市役所 FAX ０４６－８７２－４５２０", city="zushi"),
        Example("令和8年1月12日（月・祝）10時から、成人式を開催します。受付は9時30分からです。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        official = _official_phones(ctx)
        for s, e, national, kind in find_phone_numbers(norm.text):
            if national in official:
                continue
            start, end = norm.span(s, e)
            if kind != "mobile" and labelled_as_organisation(ctx.body, start):
                continue  # an office's or facility's published number: nothing to ask
            masked = mask_phone(ctx.body[start:end])
            if kind == "mobile":
                yield ctx.finding(
                    start,
                    end,
                    f"携帯電話番号（{masked}）が含まれています。個人の番号であれば、本人の同意なく公開できません。",
                    f"A mobile phone number ({masked}): if it is a private person's, it may not be published without consent.",
                    hint="市の担当課の代表番号など、公式の連絡先に置き換えてください。",
                    hint_en="Give the department's official number instead.",
                    severity=Severity.WARNING,
                    text=masked,
                    kind=kind,
                )
            else:
                label = {
                    "freedial": ("フリーダイヤル", "free-dial"),
                    "navi": ("ナビダイヤル", "navi-dial"),
                    "ip": ("IP電話の番号", "IP phone number"),
                }.get(kind, ("電話番号", "phone number"))
                yield ctx.finding(
                    start,
                    end,
                    f"市の公式連絡先にない{label[0]}（{masked}）です。公開してよい番号か確認してください。",
                    f"A {label[1]} ({masked}) that is not one of the city's official contacts: check that it may be published.",
                    hint="施設や団体の公開されている番号なら問題ありません。個人の番号なら削除してください。",
                    hint_en="A facility's or organisation's published number is fine; remove a private person's.",
                    severity=Severity.INFO,
                    text=masked,
                    kind=kind,
                )
