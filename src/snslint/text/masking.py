"""How each kind of personal data or secret is shown in a report: masked, separators kept.

No report may print a full personal-data value or a secret (DESIGN.md, "Principles"). The
PII rules put the masked form in ``Finding.text`` and in their messages; the span still
covers the raw value so that an editor can highlight it. Each function takes the value as
written (full-width digits and separators allowed) and returns a string of the same shape in
which the identifying characters are replaced by ``*``; separators (``-``, spaces, ``@``,
``丁目`` ...) stay so that staff can find the value in the draft.

None of these functions raises; an empty value gives an empty string.
"""

from __future__ import annotations

import unicodedata

MASK = "*"

KANJI_DIGITS = frozenset("〇一二三四五六七八九十百千")
"""Kanji numerals, masked like digits in addresses and dates (三丁目 -> *丁目)."""


def _is_digit(ch: str) -> bool:
    """ASCII or full-width digit (any Unicode decimal digit)."""
    return ch.isdecimal()


def _mask_digits(value: str, keep_head: int = 0, keep_tail: int = 0, *, kanji: bool = False) -> str:
    """Replace digits by ``*`` except the first ``keep_head`` and last ``keep_tail`` digits."""
    positions = [i for i, ch in enumerate(value) if _is_digit(ch) or (kanji and ch in KANJI_DIGITS)]
    n = len(positions)
    hide = set(positions[keep_head : max(keep_head, n - keep_tail)])
    return "".join(MASK if i in hide else ch for i, ch in enumerate(value))


def mask_phone(value: str) -> str:
    """``090-1234-5678`` -> ``090-****-5678``; ``09012345678`` -> ``090****5678``.

    Keeps the first digit group (the area code or mobile prefix; with ``+81`` also the group
    after it) and the last 4 digits: enough to tell a number apart, not to dial it.
    """
    norm = unicodedata.normalize("NFKC", value)
    digits = [ch for ch in norm if ch.isdigit()]
    if len(digits) <= 4:
        return MASK * len(value)
    groups: list[int] = []
    run = 0
    for ch in norm:
        if ch.isdigit():
            run += 1
        elif run:
            groups.append(run)
            run = 0
    if run:
        groups.append(run)
    international = norm.lstrip().startswith("+")
    if len(groups) == 1:
        head = 4 if international else 3
    elif international and groups[0] <= 2:
        head = groups[0] + groups[1]
    else:
        head = groups[0]
    head = min(head, len(digits) - 4)
    return _mask_digits(value, keep_head=max(head, 0), keep_tail=4)


def mask_last4(value: str) -> str:
    """All digits masked but the last four: My Number ``****-****-0257``, card
    ``****-****-****-1234``."""
    return _mask_digits(value, keep_tail=4)


def mask_email(value: str) -> str:
    """``yamada.taro@gmail.com`` -> ``y***@gmail.com``: the first character of the local
    part, then ``***``; the domain is kept (it tells a free-mail address from a company's)."""
    local, at, domain = value.rpartition("@")
    if not at:
        return MASK * 3
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_secret(value: str, keep_prefix: int = 0) -> str:
    """A password or token: only a well-known prefix is kept (``ghp_****``, ``AKIA****``).

    The mask has a fixed length (4 stars), so the report does not even tell the secret's
    length.
    """
    return value[: max(0, keep_prefix)] + MASK * 4


def mask_address(value: str, keep: int) -> str:
    """``逗子市逗子5-2-16`` (keep=5) -> ``逗子市逗子*-*-**``.

    The first ``keep`` characters (prefecture, city and town name) stay; in the rest every
    digit and kanji numeral becomes ``*`` while ``丁目``, ``番地``, ``番``, ``号`` and
    hyphens stay.
    """
    keep = max(0, min(keep, len(value)))
    return value[:keep] + _mask_digits(value[keep:], kanji=True)


def mask_name(value: str, family_len: int) -> str:
    """A person's name: ``山田太郎`` (family_len=2) -> ``山田 **``.

    The family name stays and the given name becomes ``**`` (a fixed length). A family name
    alone (family_len >= len(value), e.g. ``山田``) keeps its first character only: ``山*``.
    """
    name = value.strip()
    if not name:
        return ""
    if family_len <= 0 or family_len >= len(name.replace(" ", "").replace("\u3000", "")):
        return name[:1] + MASK * max(1, len(name) - 1)
    family = name[:family_len]
    return f"{family} {MASK * 2}"


def mask_date(value: str) -> str:
    """A date of birth: every digit and kanji numeral masked, era and 年月日 kept
    (``昭和45年4月1日`` -> ``昭和**年*月*日``)."""
    return _mask_digits(value, kanji=True)
