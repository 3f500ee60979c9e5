"""PII family: personal data and secrets (PII001-PII008), masked in every report.

Every city forbids publishing personal data without consent (kisarazu 9, 10(9); kagoshima
6(5); zushi 3-1(2)ア(イ); goshogawara 9(9); mine 第4 4(2)) and keeps passwords and IDs
secret (kisarazu 7; kagoshima 3(3)ウ; zushi 3-4(5); goshogawara 第8条(5); mine 3(3)).

The rules here look for values: numbers with check digits, phone numbers, e-mail addresses,
street addresses, names, dates of birth and credentials. They must stay quiet on what a city
publishes every day (its own offices' numbers, venue addresses, officials' and lecturers'
names, eligibility dates such as 「昭和〇年生まれの方」), so context decides the severity and
doubtful cases are info, never errors.

All findings are ``sensitive``: ``Finding.text`` and the messages carry only the masked form
from :mod:`snslint.text.masking`; the span covers the raw value so an editor can highlight it.
Pattern rules run on the NFKC view of the body (:attr:`Analysis.normalized`), so full-width
digits, letters, ``＠`` and ``－`` are read like their ASCII forms; spans are mapped back to
the body's offsets (characters).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from snslint.text.analysis import Morpheme, NormalizedView
from snslint.text.check_digits import card_brand, is_corporate_number, is_my_number, luhn_valid
from snslint.findings import Finding, Severity
from snslint.text.masking import (
    mask_address,
    mask_date,
    mask_email,
    mask_last4,
    mask_name,
    mask_phone,
    mask_secret,
)
from snslint.rules.registry import register
from snslint.resources import data_file
from snslint.rules.api import Example, Rule, RuleContext

HYPHENS = "\\-‐‑‒–—―−ー"
"""Hyphen-like characters people type between digit groups (after NFKC; ー is the long
vowel mark, often typed for a hyphen in Japanese input)."""

_SEP = f"[ {HYPHENS}]"


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(line_start, line_end)`` offsets of the line(s) holding ``[start, end)``."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def _prev_line_start(text: str, line_start: int) -> int:
    """Start offset of the line before the line starting at ``line_start`` (or 0)."""
    if line_start <= 0:
        return 0
    return text.rfind("\n", 0, line_start - 1) + 1


def _digits_only(value: str) -> str:
    """The ASCII digits of ``value`` (NFKC digits assumed)."""
    return "".join(ch for ch in value if ch.isascii() and ch.isdigit())


class _PiiRule(Rule):
    """Common flags of the family: every finding is sensitive (masked)."""

    sensitive = True


# --------------------------------------------------------------------------- PII001 phone


PHONE_RE = re.compile(
    rf"""
    (?=[+(0])  # what every branch starts with: the engine skips other positions at once
    (?<![0-9A-Za-z+/.=_{HYPHENS}])
    (?:
        \+81{_SEP}?(?:\(0\){_SEP}?|0)?[1-9][0-9]{{0,3}}{_SEP}?[0-9]{{1,4}}{_SEP}?[0-9]{{3,4}}
      | \(0[0-9]{{1,4}}\)\ ?[0-9]{{1,4}}{_SEP}[0-9]{{3,4}}
      | 0[0-9]{{1,4}}\([0-9]{{1,4}}\)[0-9]{{3,4}}
      | 0[0-9]{{1,5}}(?:{_SEP}[0-9]{{1,8}}){{1,2}}
      | 0[0-9]{{9,10}}
    )
    (?![0-9A-Za-z]|[{HYPHENS}][0-9])
    """,
    re.VERBOSE,
)
"""Candidate Japanese phone numbers in NFKC text: ``0X-XXXX-XXXX`` (any grouping into two
or three groups: a wrongly grouped number is still a number; the digit count decides),
``(0XX)XXX-XXXX``, ``0XX(XXX)XXXX``, 10-11 digits in a row, ``+81`` forms (``+81 (0)90 ...``).
Not inside a longer number, word, URL path or query."""


def national_number(written: str) -> str | None:
    """The national form (``0`` + digits) of a phone number as written, or None.

    ``+81 (0)90-1234-5678`` -> ``09012345678``; ``046-873-1111`` -> ``0468731111``.
    Full-width digits must be NFKC-normalized first.
    """
    digits = _digits_only(written)
    if written.lstrip().startswith("+"):
        if not digits.startswith("81"):
            return None
        digits = digits[2:]
        if digits.startswith("0"):  # +81 (0)90 ...
            digits = digits[1:]
        digits = "0" + digits
    return digits if digits.startswith("0") else None


def phone_kind(national: str) -> str | None:
    """Kind of a Japanese number in national form, by its leading digits and length, or None.

    Kinds: ``mobile`` (060/070/080/090, 11 digits), ``ip`` (050, 11), ``pager`` (020, 11),
    ``freedial`` (0120, 10; 0800, 11), ``navi`` (0570, 10), ``premium`` (0990, 10),
    ``fixed`` (geographic: 0 + area code + subscriber number, 10 digits), ``other``
    (non-geographic 0X0 numbers of 10 digits). Source: 電気通信番号規則 (令和元年総務省令第4号)
    別表 (番号の種類ごとの先頭の数字と桁数).
    """
    n = len(national)
    if not national.startswith("0") or national.startswith("00"):
        return None
    if n == 11:
        if national.startswith("0800"):  # free access, before the 080 mobiles
            return "freedial"
        if national[:3] in ("060", "070", "080", "090"):
            return "mobile"
        if national.startswith("050"):
            return "ip"
        if national.startswith("020"):
            return "pager"
        return None
    if n == 10:
        if national.startswith("0120"):
            return "freedial"
        if national.startswith("0570"):
            return "navi"
        if national.startswith("0990"):
            return "premium"
        if national[2] == "0":
            return "other"
        return "fixed"
    return None


def find_phone_numbers(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, national, kind)`` of every Japanese phone number in NFKC ``text``."""
    for m in PHONE_RE.finditer(text):
        national = national_number(m.group())
        if national is None:
            continue
        kind = phone_kind(national)
        if kind is not None:
            yield m.start(), m.end(), national, kind


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
    explanation = (
        "（日本語）市の公式連絡先（ポリシーの official_contacts.phones）にない電話番号を見つけます。"
        "携帯電話番号（060/070/080/090）は個人の番号である可能性が高いため警告、固定電話・IP電話"
        "（050）などは「確認してください」の情報として示します。フリーダイヤル（0120/0800）やナビダイヤル"
        "（0570）は事業者の番号なので情報どまりです。個人の電話番号を本人の同意なく公開することは、"
        "各市の運用方針が禁じる個人情報の掲載にあたります。番号は報告の中でも 090-****-5678 のように"
        "伏せて表示します。\n"
        "(en) Finds phone numbers that are not in the policy's official contacts. A mobile number is "
        "likely a private person's: warning. Other numbers are info, to be checked; free dial is a "
        "business's. Publishing a person's number without consent breaks every city's personal-data "
        "clause. Reports show the number masked."
    )
    failing = (
        Example("【落とし物のお知らせ】\n駅前広場で財布を拾われた方がいます。持ち主の方は 090-3187-4429 までご連絡ください。"),
        Example("夏祭りの当日連絡先：実行委員 ０８０－５５１２－９０３６"),
    )
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
            if kind != "mobile" and _labelled_as_organisation(ctx.body, start):
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


ORGANISATION_LABEL = re.compile(
    r"(課|係|室|局|部|センター|市役所|役場|役所|支所|出張所|館|事務所|事務局|協会|組合|委員会|窓口"
    r"|問い?合わ?せ|担当|代表|ＴＥＬ|TEL|Tel|電話番号)"
)
"""Words that name an office, facility or contact desk (Japanese municipal usage)."""


def _labelled_as_organisation(body: str, start: int) -> bool:
    """True when the text before a fixed-line number, on its line or the line before, names
    an office, facility or contact desk (「土木課 0173-…」, 「問い合わせ：…センター」).

    Such numbers are what a city publishes every day; asking about each one is noise. Mobile
    numbers are never exempted this way.
    """
    line_start, _ = _line_bounds(body, start, start)
    return bool(ORGANISATION_LABEL.search(body, _prev_line_start(body, line_start), start))


# --------------------------------------------------------------------------- PII002 e-mail


EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63}))"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9]))"
    r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)
"""An e-mail address (RFC 5321 dot-atom local part, a dotted domain; punycode TLDs allowed)."""

GOVERNMENT_DOMAIN_RE = re.compile(
    r"(?:^|\.)(?:lg\.jp|go\.jp|(?:city|town|vill|pref)\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)?\.jp)$"
)
"""Government mail domains: LGWAN/地方公共団体 (``*.lg.jp``), 国の機関 (``*.go.jp``), and the
地域型JPドメイン labels JPRS reserves for local governments (``city.``, ``town.``,
``vill.``, ``pref.`` under a 都道府県 label, e.g. ``city.tatebayashi.gunma.jp``)."""

ROLE_MAILBOXES = frozenset(
    """info information contact contacts support office admin webmaster postmaster hostmaster
    abuse noc security sales marketing press media pr noreply no-reply inquiry inquiries
    kouhou koho kohou otoiawase toiawase jimukyoku jimu soumu entry regist register touroku
    bye unsubscribe subscribe magazine mailmag news event events uketsuke desk center
    secretariat help""".split()
)
"""Local-part words of shared (role) mailboxes, not persons: RFC 2142 names plus common
romanized Japanese ones (広報 kouhou, 問合せ toiawase, 事務局 jimukyoku, 登録 touroku ...)."""


@lru_cache(maxsize=1)
def personal_mail_domains() -> frozenset[str]:
    """Free-mail, carrier and consumer-ISP domains (``rules/personal_mail_domains.txt``)."""
    lines = data_file("rules", "personal_mail_domains.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _under(domain: str, parents: Iterator[str] | list[str] | frozenset[str]) -> bool:
    """True when ``domain`` is one of ``parents`` or a subdomain of one."""
    domain = domain.lower().rstrip(".")
    for p in parents:
        p = p.lower().strip().lstrip("@").rstrip(".")
        if p and (domain == p or domain.endswith("." + p)):
            return True
    return False


def _is_role_mailbox(local: str) -> bool:
    return any(part in ROLE_MAILBOXES for part in re.split(r"[._+\-0-9]+", local.lower()) if part)


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
    explanation = (
        "（日本語）市の公式メールドメイン（official_contacts.mail_domains と official_domains、"
        "サブドメインを含む）以外のメールアドレスを見つけます。Gmail・Yahoo!メール・iCloud や携帯各社の"
        "アドレスは個人のものである可能性が高いため、その旨を添えて警告します。他の官公庁（lg.jp、go.jp）"
        "や団体の共用アドレス（info@ など）は情報として示します。報告では y***@gmail.com のように伏せます。\n"
        "(en) Finds e-mail addresses outside the city's mail domains. Free-mail and mobile-carrier "
        "addresses are likely a private person's: a warning says so. Other government addresses and "
        "organisations' shared mailboxes are info. Reports mask the address."
    )
    failing = (
        Example("写真コンテストの応募は、実行委員の個人アドレス hanako.kisa1987@gmail.com までお送りください。"),
        Example("ボランティア募集の詳細は担当 t.yamaguchi@kisarazu-kankou-kyokai.jp へ。"),
    )
    passing = (
        Example("お問い合わせは市民協働課（kyodo@city.zushi.lg.jp）までお寄せください。", city="zushi"),
        Example("防災メールの登録は、空メールを送るだけで完了します。詳しくは市ホームページをご覧ください。"),
        Example("「ご意見箱」へのメールは、お名前とメールアドレスを添えてお送りください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        official = list(ctx.policy.official_contacts.mail_domains) + list(ctx.policy.official_domains)
        for m in EMAIL_RE.finditer(norm.text) if "@" in norm.text else ():  # no @, no address
            domain = m.group("domain").lower()
            if _under(domain, official):
                continue
            start, end = norm.span(m.start(), m.end())
            masked = mask_email(ctx.body[start:end])
            if _under(domain, personal_mail_domains()):
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
            elif GOVERNMENT_DOMAIN_RE.search(domain) or _is_role_mailbox(m.group("local")):
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


# --------------------------------------------------------------------------- PII003 My Number


MY_NUMBER_RE = re.compile(rf"(?=[0-9])(?<![0-9])([0-9]{{4}})({_SEP}?)([0-9]{{4}})\2([0-9]{{4}})(?![0-9])")
"""Twelve digits as 4-4-4 with one kind of separator (space or hyphen) or none."""

_LONGER_BEFORE = re.compile(rf"[0-9][ {HYPHENS}]$")
_LONGER_AFTER = re.compile(rf"^[ {HYPHENS}][0-9]")


def find_my_numbers(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of 12-digit My Numbers with a valid check digit in NFKC ``text``.

    Digits inside longer runs never match: a run of more than 12 digits, or one that goes on
    with a separator and more digits (a card ``4-4-4-4``, a corporate number ``1-4-4-4``).
    """
    for m in MY_NUMBER_RE.finditer(text):
        if _LONGER_BEFORE.search(text, 0, m.start()) or _LONGER_AFTER.match(text[m.end() : m.end() + 2]):
            continue
        if is_my_number(m.group(1) + m.group(3) + m.group(4)):
            yield m.start(), m.end()


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
    explanation = (
        "（日本語）検査用数字（平成26年総務省令第85号 第5条）が正しい12桁の数字（全角・半角、4桁ごとの"
        "空白やハイフン区切りを含む）を個人番号として見つけます。個人番号の漏えいは番号法上の報告対象"
        "となる事故であり、前付けの注記（ignore）でも抑止できないエラーです。13桁の法人番号は公開情報"
        "なので対象外です。報告では ****-****-0257 のように下4桁のみ表示します。\n"
        "(en) Finds 12-digit numbers with a valid My Number check digit (MIC ordinance No. 85 of 2014, "
        "art. 5), full- or half-width, grouped 4-4-4 or not. A leaked My Number is a reportable incident; "
        "this error cannot be suppressed. 13-digit corporate numbers are public and never match."
    )
    failing = (
        Example("申請書の記入例：個人番号 6214 9832 0257 をご記入ください。"),
        Example("マイナンバー：６１４１０６５２６０００"),
    )
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


# --------------------------------------------------------------------------- PII004 card


CARD_RE = re.compile(r"(?=[0-9])(?<![0-9])(?:[0-9]{13,19}|[0-9]{4}(?P<sep>[ \-])[0-9]{4,6}(?:(?P=sep)[0-9]{1,5}){1,3})(?![0-9])")
"""Thirteen to nineteen digits together, or in groups (4, then 4-6, then 1-5 digits) with one
kind of separator (checked further in code)."""

CARD_GROUPINGS = frozenset({(4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3), (4, 4, 4, 1), (4, 4, 4, 2), (4, 4, 4, 3), (4, 4, 5), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2)})
"""Digit groupings cards are printed in (when separators are used)."""


def find_card_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, brand)`` of payment card numbers in NFKC ``text``.

    13-19 digits, written together or in the usual groups with one kind of separator, a known
    issuer prefix (:func:`~snslint.text.check_digits.card_brand`) and a valid Luhn check. A
    13-digit number that is a valid corporate number (法人番号) is not a card.
    """
    for m in CARD_RE.finditer(text):
        raw = m.group()
        sep = m.group("sep")
        if sep and re.search(rf"(?:^|[^0-9])[0-9]{{1,3}}{re.escape(sep)}$", text[max(0, m.start() - 5) : m.start()]):
            continue  # a short group before: part of a longer number (a longer group would have matched)
        if sep and re.match(rf"{re.escape(sep)}[0-9]", text[m.end() : m.end() + 2]):
            continue  # the groups go on after
        if sep:
            groups = tuple(len(g) for g in re.split(r"[ \-]", raw))
            if groups not in CARD_GROUPINGS:
                continue
        digits = _digits_only(raw)
        if not 13 <= len(digits) <= 19:
            continue
        if len(digits) == 13 and is_corporate_number(digits):
            continue
        brand = card_brand(digits)
        if brand and luhn_valid(digits):
            yield m.start(), m.end(), brand


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
    explanation = (
        "（日本語）主要ブランド（Visa、Mastercard、American Express、JCB、Diners、Discover）の番号体系に"
        "合い、Luhn検査（ISO/IEC 7812-1）を満たす13〜19桁の番号をクレジットカード番号として見つけます。"
        "カード番号の公開は不正利用に直結するためエラーです。報告では ****-****-****-1234 のように下4桁"
        "のみ表示します。\n"
        "(en) Finds 13-19 digit numbers with a known card brand prefix that pass the Luhn check. A "
        "published card number invites fraud: error. Reports show only the last four digits."
    )
    failing = (
        Example("ふるさと納税の決済テスト用：4111 1111 1111 1111 を入力してください"),
        Example("寄附金の引き落としカード 3530-1113-3330-0000 の登録を確認しました。"),
    )
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


# --------------------------------------------------------------------------- PII005 address


ADDRESS_TAIL_RE = re.compile(
    rf"""
    (?:[0-9〇一二三四五六七八九十]{{1,3}}丁目)?
    [0-9]{{1,5}}
    (?:
        番地?(?:の?[0-9]{{1,5}}(?:号|番地?)?(?:[{HYPHENS}][0-9]{{1,4}})?)?
      | 番(?=[^0-9])?
      | (?:[{HYPHENS}][0-9]{{1,5}}){{1,2}}(?:号)?
    )
    """,
    re.VERBOSE,
)
"""The street part after a town name: ``5-2-16``, ``1丁目2番3号``, ``2丁目88-1``,
``14番地``, ``428番地の3``, ``三丁目10番19号`` (NFKC text)."""

_PLACE_JOINERS = frozenset({"大字", "字", "都", "道", "府", "県", "市", "区", "町", "村", "郡"})

FACILITY_RE = re.compile(
    "会場|場所|所在地|ところ|開催地|集合|〒|市役所|区役所|役所|役場|庁舎|公民館|センター|図書館|会館|ホール|"
    "体育館|学校|校舎|大学|病院|医院|診療所|クリニック|保育園|保育所|幼稚園|こども園|警察署|消防署|交番|郵便局|"
    "駅|公園|美術館|博物館|資料館|施設|事務所|支所|出張所|会社|\\(株\\)|（株）|協会|組合|寺|神社|教会|ホテル|"
    "旅館|店|広場|プラザ|ドーム|スタジアム|避難所|営業所|工場|本社|支店"
)
"""Words that make an address a facility's or venue's (public in city posts)."""

PRIVATE_HOME_WORDS = frozenset({"自宅", "宅", "お宅", "私宅", "実家", "居宅", "自邸"})


def _is_place(m: Morpheme) -> bool:
    pos = m.pos
    return len(pos) > 2 and pos[2] == "地名" and pos[1] == "固有名詞"


def _is_person(m: Morpheme) -> bool:
    return len(m.pos) > 2 and m.pos[1] == "固有名詞" and m.pos[2] == "人名"


def _is_surname(m: Morpheme) -> bool:
    return _is_person(m) and len(m.pos) > 3 and m.pos[3] == "姓"


@register
class StreetAddress(_PiiRule):
    """PII005 street-address: a street-level address (番地, 番, 号, 1-2-3) after a place name.

    Anchored on Sudachi's place-name part of speech (名詞,固有名詞,地名); ``丁目`` alone
    (a neighbourhood) is not street level. Severity by the context of the address's line
    (and the line before, for venue labels): 自宅/宅 -> warning; a person's name without a
    facility or venue word -> warning; otherwise (venues, offices, facilities) info.
    """

    code = "PII005"
    tokenizes = True
    name = "street-address"
    default_severity = Severity.WARNING
    summary = "個人宅と思われる番地までの住所"
    summary_en = "A street-level address of what looks like a private residence"
    explanation = (
        "（日本語）地名（Sudachi の 名詞,固有名詞,地名）に続く番地・号・「1-2-3」形式の住所を見つけます。"
        "会場・施設・事務所の所在地は市の投稿で日常的に使われるため情報どまりとし、「自宅」「〇〇さん宅」"
        "や個人名と並んだ住所は、本人の同意なく個人の住所を公開するおそれがあるため警告します。報告では"
        "逗子市逗子*-*-** のように町名より後を伏せます。\n"
        "(en) Finds street-level addresses (house numbers) after a place name. Venue and facility "
        "addresses are normal in city posts and only info; an address next to a person's name or "
        "自宅/宅 is a warning. Reports mask everything after the town name."
    )
    failing = (
        Example("迷い犬を保護しています。お心当たりの方は、山田太郎さんの自宅（木更津市富士見2丁目4番7号）まで。"),
        Example("表彰者：鈴木一郎さん 君津市久保3-12-8"),
    )
    passing = (
        Example("福山市久松台3丁目付近で林野火災が発生しました。消防車の通行にご協力ください。"),
        Example("〒292-8501 千葉県木更津市朝日 木更津市役所 市民課"),
        Example("国道16号の木更津市内2か所で、4月1日から夜間工事を行います。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        ms = ctx.analysis.morphemes
        seen_end = -1
        # Place names first, in one comprehension (the test of _is_place inlined: a call per
        # morpheme was most of the cost).
        places = [i for i, m in enumerate(ms) if len(m.pos) > 2 and m.pos[2] == "地名" and m.pos[1] == "固有名詞"]
        for i in places:
            m = ms[i]
            if m.end <= seen_end:
                continue
            if i + 1 < len(ms) and (_is_place(ms[i + 1]) or ms[i + 1].surface in _PLACE_JOINERS) and ms[i + 1].begin == m.end:
                continue  # the chain goes on: anchor on its last place name
            piece = NormalizedView.of(body[m.end : m.end + 40])
            tail = ADDRESS_TAIL_RE.match(piece.text)
            if not tail:
                continue
            t_start, t_end = piece.span(0, tail.end())
            end = m.end + t_end
            if end < len(body) and body[end].isdecimal():
                continue
            j = i
            while j > 0 and ms[j - 1].end == ms[j].begin and (_is_place(ms[j - 1]) or ms[j - 1].surface in _PLACE_JOINERS):
                j -= 1
            start = ms[j].begin
            seen_end = end
            keep = m.end - start
            masked = mask_address(body[start:end], keep)
            severity, why = self._severity(ctx, start, end)
            if severity is Severity.WARNING:
                msg_ja = f"個人の住所と思われる番地までの住所（{masked}）があります（{why}）。本人の同意なく公開できません。"
                msg_en = f"A street-level address ({masked}) that looks like a private residence: it may not be published without consent."
            else:
                msg_ja = f"番地までの住所（{masked}）があります。施設や会場の所在地なら問題ありません。個人宅でないか確認してください。"
                msg_en = f"A street-level address ({masked}): fine for a facility or venue; check that it is not a private home."
            yield ctx.finding(
                start,
                end,
                msg_ja,
                msg_en,
                hint="個人の住所は町名まで（例：木更津市富士見）にとどめるか、削除してください。",
                hint_en="Give a person's address only down to the town name, or remove it.",
                severity=severity,
                text=masked,
            )

    @staticmethod
    def _severity(ctx: RuleContext, start: int, end: int) -> tuple[Severity, str]:
        body = ctx.body
        ls, le = _line_bounds(body, start, end)
        line_ms = [m for m in ctx.analysis.morphemes if ls <= m.begin < le]
        for k, m in enumerate(line_ms):
            if m.surface in PRIVATE_HOME_WORDS:
                return Severity.WARNING, "「自宅」「宅」の記載"
            if _is_surname(m) and k + 1 < len(line_ms) and line_ms[k + 1].surface == "方":
                return Severity.WARNING, "「〇〇方」の記載"
        has_person = any(_is_surname(m) for m in line_ms if m.end <= start or m.begin >= end)
        context = body[_prev_line_start(body, ls) : start] + body[end:le]
        if has_person and not FACILITY_RE.search(context):
            return Severity.WARNING, "個人名と並んだ住所"
        return Severity.INFO, ""


# --------------------------------------------------------------------------- PII006 names


HONORIFICS = frozenset({"さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿"})
NAME_LABELS = frozenset({"氏名", "名前", "お名前", "フルネーム"})

PUBLIC_ROLE_RE = re.compile(
    "講師|講演|候補|選挙区|市長|副市長|町長|副町長|村長|知事|副知事|議長|副議長|議員|市議|県議|教育長|委員長|会長|副会長|"
    "理事長|理事|社長|代表|取締役|館長|校長|園長|所長|院長|署長|局長|部長|課長|係長|室長|監督|コーチ|選手|教授|"
    "准教授|講演者|出演|ゲスト|司会|パネリスト|アーティスト|作家|画家|写真家|演奏|指揮|名誉市民|市民栄誉|大使|"
    "アナウンサー|タレント|俳優|歌手|棋士|医師|弁護士|税理士|社会保険労務士|司法書士|先生|住職|宮司|講座|ナビゲーター"
)
"""Roles that make a name public in a city post (officials, announced lecturers, performers):
within the same line before the name, or in parentheses right after it."""


@register
class PersonName(_PiiRule):
    """PII006 person-name: a private person's name.

    Sudachi 人名 morphemes (a 姓 is required) followed by さん/様/氏/君/くん/ちゃん/殿,
    or after 氏名：/名前：. Names in a public role (市長, 講師, 代表, 選手 ... in the same line
    before the name or in parentheses right after it) are not reported. Warning.
    """

    code = "PII006"
    tokenizes = True
    name = "person-name"
    default_severity = Severity.WARNING
    summary = "私人の氏名"
    summary_en = "A private person's name"
    explanation = (
        "（日本語）「さん・様・氏・君・ちゃん」が付いた人名や「氏名：」に続く人名（Sudachi の人名、姓を含む）"
        "を見つけます。市長・議員などの公職者や、告知された講師・出演者（講師、代表、選手などの肩書きと"
        "並ぶもの）は公開が前提なので対象外です。それ以外の個人名は本人の同意を確認するよう警告します。"
        "報告では 山田 ** のように名を伏せます。\n"
        "(en) Finds personal names (Sudachi person-name morphemes with a family name) followed by an "
        "honorific or after 氏名: labels. Officials and announced lecturers or performers are public and "
        "skipped; other names are a warning to confirm consent. Reports mask the given name."
    )
    failing = (
        Example("市役所前で落とし物を拾ってくださった佐藤花子さん、ありがとうございました。"),
        Example("【当選者】氏名：高橋 健一"),
    )
    passing = (
        Example("市長 渡辺芳邦が、新庁舎の開庁式であいさつしました。"),
        Example("■講師 宮田恵一さん（NPO法人かずさ里山ネット代表）"),
        Example("図書館のおはなし会に、たねちゃんも登場します。みなさん、ぜひお越しください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        ms = ctx.analysis.morphemes
        used: set[int] = set()
        for i, m in enumerate(ms):
            if m.surface in HONORIFICS and m.pos[0] == "接尾辞":
                name = self._name_before(ms, i)
            elif m.surface in NAME_LABELS:
                name = self._name_after(ms, i)
            else:
                continue
            if not name or name[0] in used:
                continue
            first, last = name
            used.add(first)
            parts = ms[first : last + 1]
            if not any(_is_surname(p) for p in parts):
                continue
            start, end = parts[0].begin, parts[-1].end
            if self._public_role(body, start, end):
                continue
            family_len = sum(len(p.surface) for p in parts if _is_surname(p))
            masked = mask_name(body[start:end], family_len if any(not _is_surname(p) and _is_person(p) for p in parts) else len(body[start:end]))
            yield ctx.finding(
                start,
                end,
                f"個人名（{masked}）が含まれています。公職者や告知済みの講師でなければ、本人の同意を確認してください。",
                f"A person's name ({masked}): unless it is an official's or an announced speaker's, confirm the person's consent.",
                hint="同意がなければ「市内在住の方」などに言い換えるか、名前を削除してください。",
                hint_en="Without consent, say e.g. 'a resident' or remove the name.",
                text=masked,
            )

    @staticmethod
    def _name_before(ms: list[Morpheme], i: int) -> tuple[int, int] | None:
        j = i - 1
        if j < 0 or not _is_person(ms[j]) or ms[j].end != ms[i].begin:
            return None
        last = j
        while j - 1 >= 0:
            prev = ms[j - 1]
            if _is_person(prev) and prev.end == ms[j].begin:
                j -= 1
            elif prev.pos[0] == "空白" and j - 2 >= 0 and _is_surname(ms[j - 2]) and len(prev.surface) == 1:
                j -= 2
            else:
                break
        return j, last

    @staticmethod
    def _name_after(ms: list[Morpheme], i: int) -> tuple[int, int] | None:
        j = i + 1
        while j < len(ms) and (ms[j].surface in (":", "：", "　", " ") or ms[j].pos[0] in ("空白", "補助記号")) and j - i <= 3:
            j += 1
        if j >= len(ms) or not _is_person(ms[j]):
            return None
        first = last = j
        k = j + 1
        while k < len(ms):
            if _is_person(ms[k]) and ms[k].begin == ms[last].end:
                last = k
            elif ms[k].pos[0] == "空白" and k + 1 < len(ms) and _is_person(ms[k + 1]) and len(ms[k].surface) == 1:
                last = k + 1
                k += 1
            else:
                break
            k += 1
        return first, last

    @staticmethod
    def _public_role(body: str, start: int, end: int) -> bool:
        ls, le = _line_bounds(body, start, end)
        if PUBLIC_ROLE_RE.search(body, max(ls, start - 25), start):
            return True
        after = body[end : min(le, end + 45)]
        m = re.match(r"^(?:さん|様|さま|氏|君|くん|ちゃん|殿)?\s*[（(]([^）)]*)[）)]", after)
        if m and PUBLIC_ROLE_RE.search(m.group(1)):
            return True
        # 山田太郎市長 / 山田会長 written as a title right after the name
        return bool(re.match(r"^\s*(?:市長|副市長|町長|村長|知事|議長|議員|教育長|会長|理事長|社長|館長|校長|先生|選手|監督|教授)", after))


# --------------------------------------------------------------------------- PII007 birth date


DATE_RE = (
    r"(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9]{1,2})|(?:19|20)[0-9]{2})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日"
    r"|(?:19|20)[0-9]{2}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}"
    r"|[MTSHR][0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}"
)
"""A full date with a year (元号 or 西暦, 年月日 or 1985/4/1, S60.4.1), NFKC text."""

BIRTH_LABEL_RE = re.compile(rf"(?:生年月日|誕生日|生年)\s*(?:[:：は]|\s)\s*(?P<date>{DATE_RE})")
BORN_RE = re.compile(rf"(?P<date>{DATE_RE})\s*(?:生まれ|生)(?!活|産|徒|涯|命|存)")

ELIGIBILITY_AFTER_RE = re.compile(r"^\s*(?:生まれ|生)?\s*(?:の方|の人|の者|のかた|以降|以前|から|まで|より|~|～|〜|-|ー|―|の(?:男性|女性|方々|子ども|お子さん|児童|乳幼児)|が対象|を対象|で|に限)")
ELIGIBILITY_LINE_RE = re.compile(r"対象|該当|以降|以前|まで|年齢|歳以上|歳未満|接種|募集|申込|受付|生まれの方|生まれた方")
PERSON_HINT_RE = re.compile(r"さん|くん|ちゃん|様|君|氏|本人|私|わたし|僕|長男|長女|次男|次女|息子|娘|赤ちゃん")


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
    explanation = (
        "（日本語）「生年月日：」「誕生日は」に続く年月日や、人名・「さん」などと同じ行の「〇年〇月〇日生まれ」"
        "を、個人の生年月日として見つけます。予防接種や式典の対象を示す「昭和〇年生まれの方」「〜生まれ〜"
        "〜生まれ」などの年齢条件は個人の情報ではないので対象外です。報告では 昭和**年*月*日 のように伏せます。\n"
        "(en) Finds a person's date of birth: a full date after 生年月日/誕生日, or 'born on' a date in a "
        "line naming a person. Eligibility conditions such as 'people born in 1955 or earlier' are not "
        "reported. Reports mask the digits."
    )
    failing = (
        Example("今月の赤ちゃん紹介：木村ひなたちゃん（令和7年10月3日生まれ）"),
        Example("【申請者】生年月日：昭和58年6月21日"),
    )
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
            if ELIGIBILITY_AFTER_RE.match(text[e : e + 8]) or self._range_end(text, s):
                continue
            seen.add(s)
            yield self._finding(ctx, norm, s, e)
        for m in BORN_RE.finditer(text) if "生" in text else ():  # every match ends in 生(まれ)
            s, e = m.span("date")
            if s in seen:
                continue
            if ELIGIBILITY_AFTER_RE.match(text[e : e + 10]) or self._range_end(text, s):
                continue
            ls, le = _line_bounds(text, s, e)
            line = text[ls:le]
            if ELIGIBILITY_LINE_RE.search(line) or not PERSON_HINT_RE.search(line):
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


# --------------------------------------------------------------------------- PII008 credentials


_VALUE = r"[A-Za-z0-9!#$%&*+\-./;<>?@\[\]^_`{|}~]{4,64}"
CREDENTIAL_LABEL_RE = re.compile(
    # The lookahead names the first character of every label (ASCII ones in both cases), so
    # the engine skips every other position at once (34 -> about 5 us on a 350-character post).
    r"(?=[pPlLuUパ暗ロユ利])"
    r"(?:(?<![A-Za-z])(?i:password|passwd|pass|pwd|pw|pin|passcode|login\s?id|user\s?id)(?![A-Za-z])"
    r"|パスワード|暗証番号|パスコード|ログインID|ユーザーID|ユーザID|利用者ID)"
    rf"(?:\s*[:=]\s*|\s*は\s*)[「『\"']?(?P<value>{_VALUE})(?P<close>[」』\"']?)"
    r"(?=$|[\s。、」』）)]|です|となります|でログイン|を入力)",
    re.MULTILINE,
)
"""A password, PIN or login ID after its label: ``パスワード：abc123``, ``PW:xyz9``,
``pass=...``, ``パスワードは「hana2026」です`` (NFKC text)."""

QUERY_SECRET_RE = re.compile(r"[?&](?i:password|passwd|pass|pwd|token|access_token|api_key|apikey|secret)=(?P<value>[^&\s#]{4,})")

TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("AWS access key", re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Za-z0-9])"), 4),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])"), 4),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{22,255}"), 11),
    ("Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9\-]{10,250}"), 5),
    ("Slack webhook", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9_/]{20,}"), 33),
    ("Google API key", re.compile(r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])"), 4),
    ("Stripe secret key", re.compile(r"(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{16,}"), 8),
    (
        "private key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?"
        ),
        0,
    ),
)
"""Well-known secret shapes ``(kind, pattern, characters of prefix shown)``, after the
token formats documented by AWS (access key IDs), GitHub (token prefixes), Slack, Google
Cloud (API keys), Stripe, and RFC 7468 (PEM private-key labels), as collected in gitleaks'
default rules."""

TOKEN_HINT = re.compile(r"AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|AIza|[sr]k_live_|-----BEGIN ")
"""The literal every :data:`TOKEN_PATTERNS` pattern requires: a post without any of them
holds no token, so the patterns are not run (one search instead of eight scans)."""

_PLACEHOLDER_VALUE = re.compile(r"^(?:[*xX●○〇•・_\-.]+|xxxx+|\*+|None|none|null|なし)$")


@register
class Credential(_PiiRule):
    """PII008 credential: a password, PIN, login ID or access token.

    Labelled values (パスワード：..., PW:, pass=, ログインID：...), secrets in URL queries, and
    tokens of well-known shapes (AWS AKIA..., GitHub ghp_..., Slack xox..., Google AIza...,
    PEM private keys). Advice about passwords without a value (「パスワードを他人に教えないで
    ください」) never matches. Error, not suppressible.
    """

    code = "PII008"
    name = "credential"
    default_severity = Severity.ERROR
    suppressible = False
    summary = "パスワード・ID・アクセストークン"
    summary_en = "A password, login ID or access token"
    explanation = (
        "（日本語）「パスワード：」「PW:」「pass=」「ログインID：」などに続く値や、AWS・GitHub・Slack・Google"
        "のアクセスキー、秘密鍵のような形の文字列を見つけます。パスワードやIDの管理は各市の運用方針が定める"
        "義務であり、一度公開されたら変更するしかないため、抑止できないエラーです。「パスワードを他人に教え"
        "ないでください」のような注意喚起は対象外です。報告では ghp_**** のように先頭の種類名以外を伏せます。\n"
        "(en) Finds passwords, PINs and login IDs after their labels, secrets in URL queries, and "
        "access tokens of well-known shapes (AWS, GitHub, Slack, Google, private keys). Every city's "
        "policy requires keeping them secret; this error cannot be suppressed. Security advice without "
        "a value is not reported. Reports mask all but a short prefix."
    )
    failing = (
        Example("【職員向け】管理画面のログイン パスワード：Kisa2026spring"),
        Example("連携用キー ghp_8fK2mQ7xLr4Tz9Wc1Vb6Np3Hs5Jd0Ya2Ee7Qw"),
    )
    passing = (
        Example("【注意】パスワードを他人に教えないでください。市職員が電話でパスワードを聞くことはありません。"),
        Example("パスワードは英数字を組み合わせた8文字以上にしましょう。"),
        Example("LINE公式アカウントのID：@kisarazu_city を友だち追加してください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        text = norm.text
        spans: list[tuple[int, int]] = []

        def fresh(s: int, e: int) -> bool:
            if any(s < pe and ps < e for ps, pe in spans):
                return False
            spans.append((s, e))
            return True

        for kind, pattern, keep in TOKEN_PATTERNS if TOKEN_HINT.search(text) else ():
            for m in pattern.finditer(text):
                if not fresh(m.start(), m.end()):
                    continue
                raw_start, raw_end = norm.span(m.start(), m.end())
                raw = ctx.body[raw_start:raw_end]
                masked = (raw.split("-----")[1].join(("-----", "----- ****")) if kind == "private key" else mask_secret(raw, keep))
                yield self._finding(ctx, raw_start, raw_end, masked, kind)
        for regex, kind in ((QUERY_SECRET_RE, "URL secret"), (CREDENTIAL_LABEL_RE, "labelled")):
            for m in regex.finditer(text):
                value = m.group("value")
                if _PLACEHOLDER_VALUE.match(value) or value.startswith("@") or value.lower().startswith("http"):
                    continue
                s, e = m.span("value")
                if not fresh(s, e):
                    continue
                raw_start, raw_end = norm.span(s, e)
                yield self._finding(ctx, raw_start, raw_end, mask_secret(value), kind)

    @staticmethod
    def _finding(ctx: RuleContext, start: int, end: int, masked: str, kind: str) -> Finding:
        return ctx.finding(
            start,
            end,
            f"パスワード・ID・アクセスキー（{masked}）が含まれています。公開してはいけません。",
            f"A password, ID or access key ({masked}): it must never be published.",
            hint="削除し、公開されたものは直ちに変更（無効化）してください。",
            hint_en="Remove it, and change or revoke it at once if it was published.",
            text=masked,
            kind=kind,
        )


# --------------------------------------------------------------------------- any text


def find_personal_values(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, masked)`` of every phone number, My Number, card number, e-mail address
    and credential the patterns above find in ``text``, without a draft's context.

    For text outside a post body, where the rules do not look: front-matter values and
    comments, error messages, suppression reasons (:mod:`snslint.lint.redaction`). Unlike the
    rules it keeps no exceptions (a city's own number, a role mailbox, an organisation's
    label): in such text masking too much is harmless, missing a value is not. Offsets are
    characters into ``text`` (patterns run on its NFKC view and are mapped back); spans do not
    overlap (the first found wins: secrets, then cards, My Numbers, phones, e-mails).
    """
    if not text:
        return []
    norm = NormalizedView.of(text)
    nt = norm.text
    found: list[tuple[int, int, str]] = []

    def add(s: int, e: int, mask: "object") -> None:
        start, end = norm.span(s, e)
        if end <= start or any(start < fe and fs < end for fs, fe, _ in found):
            return
        raw = text[start:end]
        found.append((start, end, mask(raw)))  # type: ignore[operator]

    if TOKEN_HINT.search(nt):
        for kind, pattern, keep in TOKEN_PATTERNS:
            for m in pattern.finditer(nt):
                add(m.start(), m.end(), lambda raw, keep=keep: mask_secret(raw, keep))
    for regex in (QUERY_SECRET_RE, CREDENTIAL_LABEL_RE):
        for m in regex.finditer(nt):
            if not _PLACEHOLDER_VALUE.match(m.group("value")):
                add(*m.span("value"), mask_secret)
    for s, e, _brand in find_card_numbers(nt):
        add(s, e, mask_last4)
    for s, e in find_my_numbers(nt):
        add(s, e, mask_last4)
    for s, e, _national, _kind in find_phone_numbers(nt):
        add(s, e, mask_phone)
    if "@" in nt:
        for m in EMAIL_RE.finditer(nt):
            add(m.start(), m.end(), mask_email)
    found.sort()
    return found
