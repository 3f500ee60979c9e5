"""Japanese phone numbers: the pattern, the national form and kind of a number, office labels."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.text.pii.common import _SEP, HYPHENS, _digits_only, line_bounds, prev_line_start

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


ORGANISATION_LABEL = re.compile(
    r"(課|係|室|局|部|センター|市役所|役場|役所|支所|出張所|館|事務所|事務局|協会|組合|委員会|窓口"
    r"|問い?合わ?せ|担当|代表|ＴＥＬ|TEL|Tel|電話番号)"
)
"""Words that name an office, facility or contact desk (Japanese municipal usage)."""


def labelled_as_organisation(body: str, start: int) -> bool:
    """True when the text before a fixed-line number, on its line or the line before, names
    an office, facility or contact desk (「土木課 0173-…」, 「問い合わせ：…センター」).

    Such numbers are what a city publishes every day; asking about each one is noise. Mobile
    numbers are never exempted this way.
    """
    line_start, _ = line_bounds(body, start, start)
    return bool(ORGANISATION_LABEL.search(body, prev_line_start(body, line_start), start))
