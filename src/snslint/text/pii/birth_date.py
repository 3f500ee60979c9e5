"""Dates of birth: labelled and 生まれ dates, and the eligibility wording that is no one's birth date."""

from __future__ import annotations

import re

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
