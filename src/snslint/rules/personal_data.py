"""PII family: personal data and secrets (PII001-PII008), masked in every report.

Skeleton: the classes are registered so that the city policies can load; the checks are
filled in next.
"""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.registry import register
from snslint.rule import Rule, RuleContext


class _PiiRule(Rule):
    sensitive = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


@register
class PhoneNumber(_PiiRule):
    """PII001 phone-number."""

    code = "PII001"
    name = "phone-number"
    default_severity = Severity.WARNING
    summary = "公式連絡先でない電話番号"
    summary_en = "A phone number that is not one of the city's official contacts"


@register
class EmailAddress(_PiiRule):
    """PII002 email-address."""

    code = "PII002"
    name = "email-address"
    default_severity = Severity.WARNING
    summary = "公式ドメイン外のメールアドレス"
    summary_en = "An e-mail address outside the official mail domains"


@register
class MyNumber(_PiiRule):
    """PII003 my-number."""

    code = "PII003"
    name = "my-number"
    default_severity = Severity.ERROR
    suppressible = False
    summary = "個人番号（マイナンバー）"
    summary_en = "A 12-digit Individual Number (My Number) with a valid check digit"


@register
class CreditCard(_PiiRule):
    """PII004 credit-card."""

    code = "PII004"
    name = "credit-card"
    default_severity = Severity.ERROR
    summary = "クレジットカード番号"
    summary_en = "A payment card number that passes the Luhn check"


@register
class StreetAddress(_PiiRule):
    """PII005 street-address."""

    code = "PII005"
    name = "street-address"
    default_severity = Severity.WARNING
    summary = "個人宅と思われる番地までの住所"
    summary_en = "A street-level address of what looks like a private residence"


@register
class PersonName(_PiiRule):
    """PII006 person-name."""

    code = "PII006"
    name = "person-name"
    default_severity = Severity.WARNING
    summary = "私人の氏名"
    summary_en = "A private person's name"


@register
class BirthDate(_PiiRule):
    """PII007 birth-date."""

    code = "PII007"
    name = "birth-date"
    default_severity = Severity.WARNING
    summary = "個人の生年月日"
    summary_en = "A date of birth tied to a person"


@register
class Credential(_PiiRule):
    """PII008 credential."""

    code = "PII008"
    name = "credential"
    default_severity = Severity.ERROR
    suppressible = False
    summary = "パスワード・ID・アクセストークン"
    summary_en = "A password, login ID or access token"
