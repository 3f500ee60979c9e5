"""Payment card numbers: known issuer prefix, usual groupings, valid Luhn check."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.text.check_digits import card_brand, is_corporate_number, luhn_valid
from snslint.text.pii.common import _digits_only

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
