"""E-mail addresses: the pattern, government and personal mail domains, role mailboxes."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Iterator

from snslint.resources import data_file

@cache
def email_re() -> re.Pattern[str]:
    """An e-mail address (RFC 5321 dot-atom local part, a dotted domain; punycode TLDs
    allowed). Compiled on first use: a text without ``@`` holds none."""
    return re.compile(
        r"(?<![A-Za-z0-9._%+\-])"
        r"(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63}))"
        r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9]))"
        r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
    )

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


def under_domains(domain: str, parents: Iterator[str] | list[str] | frozenset[str]) -> bool:
    """True when ``domain`` is one of ``parents`` or a subdomain of one."""
    domain = domain.lower().rstrip(".")
    for p in parents:
        p = p.lower().strip().lstrip("@").rstrip(".")
        if p and (domain == p or domain.endswith("." + p)):
            return True
    return False


def is_role_mailbox(local: str) -> bool:
    """True when a part of the e-mail ``local`` part (split at ``._+-`` and digits) is a
    :data:`ROLE_MAILBOXES` word: a shared mailbox, not a person."""
    return any(part in ROLE_MAILBOXES for part in re.split(r"[._+\-0-9]+", local.lower()) if part)
