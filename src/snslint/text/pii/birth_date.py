"""Dates of birth: labelled and 生まれ dates, and the eligibility wording that is no one's birth date."""

from __future__ import annotations

import re
from functools import cache

DATE_RE = (
    r"(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9]{1,2})|(?:19|20)[0-9]{2})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日"
    r"|(?:19|20)[0-9]{2}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}"
    r"|[MTSHR][0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}"
)
"""A full date with a year (元号 or 西暦, 年月日 or 1985/4/1, S60.4.1), NFKC text."""

BIRTH_LABEL_RE = re.compile(rf"(?:生年月日|誕生日|生年)\s*(?:[:：は]|\s)\s*(?P<date>{DATE_RE})")
"""A date after a 生年月日, 誕生日 or 生年 label. The patterns below are compiled on first use:
only a text with such a date, or with 生, needs them."""


@cache
def born_re() -> re.Pattern[str]:
    """A full date followed by 生まれ or 生 (not 生活, 生産...)."""
    return re.compile(rf"(?P<date>{DATE_RE})\s*(?:生まれ|生)(?!活|産|徒|涯|命|存)")


@cache
def eligibility_after_re() -> re.Pattern[str]:
    """What follows a date that makes it an eligibility bound (生まれの方, 以降, が対象...)."""
    return re.compile(r"^\s*(?:生まれ|生)?\s*(?:の方|の人|の者|のかた|以降|以前|から|まで|より|~|～|〜|-|ー|―|の(?:男性|女性|方々|子ども|お子さん|児童|乳幼児)|が対象|を対象|で|に限)")


@cache
def eligibility_line_re() -> re.Pattern[str]:
    """Wording that makes a line's date an eligibility bound (対象, 以降, 接種...), not a birth date."""
    return re.compile(r"対象|該当|以降|以前|まで|年齢|歳以上|歳未満|接種|募集|申込|受付|生まれの方|生まれた方")


@cache
def person_hint_re() -> re.Pattern[str]:
    """Wording that ties a line's date to a person (さん, 本人, 長男...)."""
    return re.compile(r"さん|くん|ちゃん|様|君|氏|本人|私|わたし|僕|長男|長女|次男|次女|息子|娘|赤ちゃん")
