"""Check digits of Japanese identification numbers and payment cards.

All functions take a string of ASCII digits only (callers strip separators and NFKC-normalize
full-width digits first) and never raise: a string of the wrong length or with a non-digit
gives False.

Sources:

- 個人番号 (My Number), 12 digits, the last one a check digit:
  「行政手続における特定の個人を識別するための番号の利用等に関する法律の規定による通知カード
  及び個人番号カード並びに情報提供ネットワークシステムによる特定個人情報の提供等に関する
  省令」(平成26年総務省令第85号) 第5条::

      check = 11 - (Σ_{n=1..11} Pn × Qn mod 11), or 0 when the remainder is 0 or 1
      Pn = the n-th digit of the 11-digit base counted from the right
      Qn = n + 1 for 1 <= n <= 6, n - 5 for 7 <= n <= 11

- 法人番号 (Corporate Number), 13 digits, the FIRST one a check digit:
  「法人番号の指定等に関する省令」(平成26年財務省令第70号) 第2条 (国税庁 checkdigit.pdf)::

      check = 9 - (Σ_{n=1..12} Pn × Qn mod 9)
      Pn = the n-th digit of the 12-digit base counted from the right
      Qn = 1 when n is odd, 2 when n is even

- Payment cards: the Luhn (mod 10) algorithm, ISO/IEC 7812-1 Annex B.
"""

from __future__ import annotations


def _digits(value: str, length: int | None = None) -> bool:
    """True when ``value`` is ASCII digits only (and ``length`` long when given)."""
    return value.isascii() and value.isdigit() and (length is None or len(value) == length)


def my_number_check_digit(base: str) -> int:
    """The check digit (0-9) of an 11-digit My Number base (平成26年総務省令第85号 第5条).

    Raises:
        ValueError: ``base`` is not exactly 11 ASCII digits.
    """
    if not _digits(base, 11):
        raise ValueError("a My Number base is 11 digits")
    total = 0
    for n, ch in enumerate(reversed(base), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(value: str) -> bool:
    """True when ``value`` is 12 ASCII digits whose last digit is the valid check digit."""
    return _digits(value, 12) and my_number_check_digit(value[:11]) == int(value[11])


def corporate_number_check_digit(base: str) -> int:
    """The check digit (1-9) of a 12-digit Corporate Number base (平成26年財務省令第70号 第2条).

    Raises:
        ValueError: ``base`` is not exactly 12 ASCII digits.
    """
    if not _digits(base, 12):
        raise ValueError("a Corporate Number base is 12 digits")
    total = 0
    for n, ch in enumerate(reversed(base), start=1):
        total += int(ch) * (1 if n % 2 else 2)
    return 9 - total % 9


def is_corporate_number(value: str) -> bool:
    """True when ``value`` is 13 ASCII digits whose FIRST digit is the valid check digit."""
    return _digits(value, 13) and corporate_number_check_digit(value[1:]) == int(value[0])


def luhn_valid(value: str) -> bool:
    """True when ``value`` (2 or more ASCII digits) passes the Luhn check (ISO/IEC 7812-1)."""
    if not _digits(value) or len(value) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(value)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_brand(value: str) -> str | None:
    """The card brand of a 13-19 digit number by its issuer prefix (IIN) and length, or None.

    Known ranges (ISO/IEC 7812 IIN assignments as published by the networks): Visa 4
    (13, 16, 19 digits), Mastercard 51-55 and 2221-2720 (16), American Express 34, 37 (15),
    JCB 3528-3589 (16-19), Diners Club 300-305, 3095, 36, 38, 39 (14-16), Discover 6011,
    622126-622925, 644-649, 65 (16-19). The Luhn check is separate (:func:`luhn_valid`).
    """
    if not _digits(value):
        return None
    n = len(value)
    p2, p3, p4, p6 = int(value[:2]), int(value[:3]), int(value[:4]), int(value[:6])
    if value[0] == "4" and n in (13, 16, 19):
        return "Visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "Mastercard"
    if p2 in (34, 37) and n == 15:
        return "American Express"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "JCB"
    if (300 <= p3 <= 305 or p4 == 3095 or p2 in (36, 38, 39)) and 14 <= n <= 16:
        return "Diners Club"
    if (p4 == 6011 or 622126 <= p6 <= 622925 or 644 <= p3 <= 649 or p2 == 65) and 16 <= n <= 19:
        return "Discover"
    return None
