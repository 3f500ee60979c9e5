"""12-digit Individual Numbers (My Number) with a valid check digit."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.text.check_digits import is_my_number
from snslint.text.pii.common import _SEP, HYPHENS

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
