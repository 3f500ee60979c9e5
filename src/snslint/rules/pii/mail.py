"""PII002: an e-mail address outside the official mail domains."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.masking import mask_email
from snslint.text.pii.mail import (
    email_re,
    GOVERNMENT_DOMAIN_RE,
    is_role_mailbox,
    personal_mail_domains,
    under_domains,
)


@register
class EmailAddress(_PiiRule):
    """PII002 email-address: an address outside the official mail domains.

    Official: ``official_contacts.mail_domains`` and ``official_domains``, subdomains included:
    never reported. A free-mail, mobile-carrier or consumer-ISP address
    (``rules/personal_mail_domains.txt``) is likely a private person's: warning that says so.
    Another government address (``*.lg.jp``, ``*.go.jp``, ``city.*.jp`` ...) or a shared
    role mailbox of an organisation (``info@``, ``kouhou@``, RFC 2142): info. Any other
    address: warning.
    """

    code = "PII002"
    name = "email-address"
    default_severity = Severity.WARNING
    summary = "公式ドメイン外のメールアドレス（フリーメールは個人のものの可能性）"
    summary_en = "An e-mail address outside the official mail domains (free mail is likely a person's)"
    what_it_does = (
        "市の公式メールドメイン（official_contacts.mail_domains と official_domains、"
        "サブドメインを含む）以外のメールアドレスを見つけます。Gmail・Yahoo!メール・iCloud "
        "や携帯各社のアドレスは個人のものである可能性が高いため、その旨を添えて警告します。"
        "他の官公庁（lg.jp、go.jp）や団体の共用アドレス（info@ など）は情報として示します。報告では "
        "y***@gmail.com のように伏せます。"
    )
    what_it_does_en = (
        "Finds e-mail addresses outside the city's mail domains. Free-mail and mobile-carrier "
        "addresses are likely a private person's: a warning says so. Other government addresses and "
        "organisations' shared mailboxes are info. Reports mask the address."
    )
    why_it_matters = (
        "個人のメールアドレスを本人の同意なく公開することは、"
        "各市の運用方針が禁じる個人情報の掲載にあたります（五所川原市 第9条(9)、鹿児島市 6(5) "
        "など）。公開されたアドレスには迷惑メールが届くようになり、取り消すこともできません。"
        "市への応募や連絡は、市の公式アドレスで受け付けます。"
    )
    why_it_matters_en = (
        "Publishing a person's address without consent breaks every city's personal-data clause "
        "(Goshogawara 第9条(9), Kagoshima 6(5) ...); a published address draws spam and cannot be "
        "taken back. Take entries and questions at the city's official address."
    )
    failing = (
        Example(
            "写真コンテストの応募は、実行委員の個人アドレス hanako.kisa1987@gmail.com までお送りください。",
            finds="h***@gmail.com",
            message=(
                "フリーメール・携帯電話のメールアドレス（h***@gmail.com）です。"
                "個人のアドレスである可能性が高く、本人の同意なく公開できません。"
            ),
            message_en=(
                "A free-mail or mobile-carrier address (h***@gmail.com): likely a private person's; "
                "it may not be published without consent."
            ),
        ),
        Example("ボランティア募集の詳細は担当 t.yamaguchi@kisarazu-kankou-kyokai.jp へ。"),
    )
    instead = Example("写真コンテストの応募は、市民活動支援課（shimin@city.kisarazu.lg.jp）までお送りください。\n", city="kisarazu")
    passing = (
        Example("お問い合わせは市民協働課（kyodo@city.zushi.lg.jp）までお寄せください。", city="zushi"),
        Example("防災メールの登録は、空メールを送るだけで完了します。詳しくは市ホームページをご覧ください。"),
        Example("「ご意見箱」へのメールは、お名前とメールアドレスを添えてお送りください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        official = list(ctx.policy.official_contacts.mail_domains) + list(ctx.policy.official_domains)
        for m in email_re().finditer(norm.text) if "@" in norm.text else ():  # no @, no address
            domain = m.group("domain").lower()
            if under_domains(domain, official):
                continue
            start, end = norm.span(m.start(), m.end())
            masked = mask_email(ctx.body[start:end])
            if under_domains(domain, personal_mail_domains()):
                yield ctx.finding(
                    start,
                    end,
                    f"フリーメール・携帯電話のメールアドレス（{masked}）です。個人のアドレスである可能性が高く、"
                    "本人の同意なく公開できません。",
                    f"A free-mail or mobile-carrier address ({masked}): likely a private person's; it may not be "
                    "published without consent.",
                    hint="市の公式アドレス（担当課のアドレス）に置き換えてください。",
                    hint_en="Give the department's official address instead.",
                    severity=Severity.WARNING,
                    text=masked,
                    kind="personal-domain",
                )
            elif GOVERNMENT_DOMAIN_RE.search(domain) or is_role_mailbox(m.group("local")):
                yield ctx.finding(
                    start,
                    end,
                    f"市の公式ドメイン外のメールアドレス（{masked}）です。公開されている団体・官公庁の窓口か確認してください。",
                    f"An address outside the city's domains ({masked}): check that it is a published office's.",
                    severity=Severity.INFO,
                    text=masked,
                    kind="organisation",
                )
            else:
                yield ctx.finding(
                    start,
                    end,
                    f"市の公式ドメイン外のメールアドレス（{masked}）です。個人のアドレスなら本人の同意なく公開できません。",
                    f"An address outside the city's mail domains ({masked}): a person's may not be published without consent.",
                    hint="団体の窓口アドレスか、市の担当課のアドレスにしてください。",
                    hint_en="Use an organisation's shared address or the department's official one.",
                    severity=Severity.WARNING,
                    text=masked,
                    kind="other",
                )
