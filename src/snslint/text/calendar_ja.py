"""The Japanese office calendar and Japanese date expressions, for the TIME rules.

Two jobs, both pure functions without I/O:

* :func:`closed_reasons`: why a city office is closed on a given day (閉庁日): a weekday
  outside the policy's ``days``, a national holiday under the 国民の祝日に関する法律 (祝日,
  振替休日 under 第3条第2項, 国民の休日 under 第3条第3項; computed by ``jpholiday``), the
  year-end closure (年末年始, usually 12月29日〜1月3日 under each city's 休日条例 per
  地方自治法第4条の2) and further dates the policy lists.
* :func:`find_weekday_dates`: dates written with a weekday in a text
  (``12月1日（火）``, ``12/1(火)``, ``令和8年12月1日(火曜日)``, ``2026年12月1日 火曜日``,
  ranges and lists such as ``12月5日(土)・6日(日)`` or ``12/1(火)～3(木)``), with the year
  each refers to.

Days and times are in JST (the policy's zone); offsets are 0-based characters.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterator, Literal, NamedTuple

import jpholiday

from snslint.settings.policy import WEEKDAYS, PostingHours

WEEKDAY_JA = "月火水木金土日"
"""One-character weekday names in ``date.weekday()`` order (月 = Monday = 0)."""

WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names in ``date.weekday()`` order."""

ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}
"""Western year of 元年 (year 1) of each era: 令和N年 = 2018 + N."""

HOLIDAY_EN = {
    "元日": "New Year's Day",
    "成人の日": "Coming of Age Day",
    "建国記念の日": "National Foundation Day",
    "天皇誕生日": "the Emperor's Birthday",
    "春分の日": "Vernal Equinox Day",
    "昭和の日": "Showa Day",
    "憲法記念日": "Constitution Memorial Day",
    "みどりの日": "Greenery Day",
    "こどもの日": "Children's Day",
    "海の日": "Marine Day",
    "山の日": "Mountain Day",
    "敬老の日": "Respect for the Aged Day",
    "秋分の日": "Autumnal Equinox Day",
    "スポーツの日": "Sports Day",
    "体育の日": "Health and Sports Day",
    "文化の日": "Culture Day",
    "勤労感謝の日": "Labour Thanksgiving Day",
}
"""English names of the 国民の祝日 (others are shown in Japanese)."""

ClosedKind = Literal["date", "year_end", "holiday", "weekday"]


class ClosedReason(NamedTuple):
    """One reason a day is a closed day (閉庁日).

    Attributes:
        kind: ``"date"`` (listed in ``closed.dates``), ``"year_end"``, ``"holiday"``
            (祝日, 振替休日, 国民の休日) or ``"weekday"`` (not in ``days``).
        ja: the reason in Japanese, e.g. ``"勤労感謝の日（国民の祝日）"``, ``"日曜日"``.
        en: the reason in English, e.g. ``"Labour Thanksgiving Day (a national holiday)"``.
    """

    kind: ClosedKind
    ja: str
    en: str


def holiday_name(day: date) -> str | None:
    """jpholiday's name of ``day`` if it is a 祝日, 振替休日 or 国民の休日, else None.

    A substitute holiday reads e.g. ``"憲法記念日 振替休日"`` (the holiday it replaces first).
    """
    return jpholiday.is_holiday_name(day)


def describe_holiday(name: str) -> tuple[str, str]:
    """``(ja, en)`` wording of a jpholiday name, saying which kind of holiday it is.

    ``"勤労感謝の日"`` -> ``("勤労感謝の日（国民の祝日）", "Labour Thanksgiving Day (a national
    holiday)")``; ``"憲法記念日 振替休日"`` -> ``("振替休日（憲法記念日）", "a substitute holiday
    (for Constitution Memorial Day)")``; ``"国民の休日"`` -> ``("国民の休日", "a citizens' holiday
    (kokumin no kyujitsu, between two national holidays)")``.
    """
    if "振替休日" in name:
        base = name.replace("振替休日", "").strip()
        base_en = HOLIDAY_EN.get(base, base)
        return (f"振替休日（{base}）" if base else "振替休日", f"a substitute holiday (for {base_en})" if base else "a substitute holiday")
    if name == "国民の休日":
        return "国民の休日", "a citizens' holiday (kokumin no kyujitsu, between two national holidays)"
    return f"{name}（国民の祝日）", f"{HOLIDAY_EN.get(name, name)} (a national holiday)"


def _md_ja(md: str) -> str:
    month, day = md.split("-")
    return f"{int(month)}月{int(day)}日"


def _md_en(md: str) -> str:
    month, day = md.split("-")
    return date(2000, int(month), int(day)).strftime("%b ") + str(int(day))


def closed_reasons(day: date, hours: PostingHours) -> list[ClosedReason]:
    """Every reason ``day`` is a closed day under ``hours``, most specific first; [] if open.

    Order: a date listed in ``hours.closed.dates``, the year-end closure, a national holiday
    (only when ``hours.closed.national_holidays``), a weekday outside ``hours.days``.
    """
    closed = hours.closed
    out: list[ClosedReason] = []
    if day in closed.dates:
        out.append(ClosedReason("date", "市が定める閉庁日", "a closed day listed in the policy"))
    if closed.year_end is not None and closed.year_end.contains(day):
        ye = closed.year_end
        out.append(
            ClosedReason(
                "year_end",
                f"年末年始の閉庁日（{_md_ja(ye.start)}〜{_md_ja(ye.end)}）",
                f"the year-end closure ({_md_en(ye.start)} to {_md_en(ye.end)})",
            )
        )
    if closed.national_holidays:
        name = holiday_name(day)
        if name:
            ja, en = describe_holiday(name)
            out.append(ClosedReason("holiday", ja, en))
    if WEEKDAYS[day.weekday()] not in hours.days:
        out.append(ClosedReason("weekday", f"{WEEKDAY_JA[day.weekday()]}曜日", f"a {WEEKDAY_EN[day.weekday()]}"))
    return out


def describe_days(days: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """``(ja, en)`` wording of open weekdays: ``["mon".."fri"]`` -> ``("平日", "weekdays")``."""
    wanted = [w for w in WEEKDAYS if w in days]
    if wanted == list(WEEKDAYS[:5]):
        return "平日", "weekdays"
    if wanted == list(WEEKDAYS):
        return "毎日", "every day"
    ja = "・".join(WEEKDAY_JA[WEEKDAYS.index(w)] for w in wanted) + "曜日"
    en = ", ".join(WEEKDAY_EN[WEEKDAYS.index(w)][:3] for w in wanted)
    return ja, en


# --------------------------------------------------------------------------- dates in text

PAST_WINDOW_DAYS = 92
"""A date without a year is read in the one-year window that starts this many days (about
three months) before the post date: 1月5日 in a post of 2026-12-20 is 2027-01-05, while
12月25日 in a post of 2027-01-10 is still 2026-12-25 (a report on a past event)."""

_WD = r"(?P<{n}>[月火水木金土日])"
_WD_PAREN = (
    r"\(\s*" + _WD + r"\s*(?:曜日?)?\s*(?:[・,、/]?\s*(?:祝日?|休日?|振休|祭日?))?\s*\)"
)
_WD_BARE = _WD + r"曜日?"


def _weekday(n: str) -> str:
    return r"(?:" + _WD_PAREN.format(n=n) + r"|[ \t]?" + _WD_BARE.format(n=n + "b") + r")"


_YEAR = (
    r"(?:(?P<era>令和|平成|昭和)\s*(?P<ey>\d{1,2}|元)\s*(?:\(\s*\d{4}\s*年?\s*\)\s*)?年"
    r"|(?P<y>\d{4})\s*(?:\(\s*(?:令和|平成|昭和)\s*(?:\d{1,2}|元)\s*年?\s*\)\s*)?年)\s*"
)
DATE_RE = re.compile(
    # Every date starts with a digit or an era name (令和/平成/昭和): the lookahead lets the
    # engine skip every other position at once instead of trying each alternative there.
    r"(?=[\d令平昭])"
    r"(?<![\d./])(?:"
    r"(?:" + _YEAR + r")?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?:(?P<sy>\d{4})/)?(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/.])"
    r"|(?P<dy>\d{4})\.(?P<dm>\d{1,2})\.(?P<dd>\d{1,2})(?![\d.])"
    r")[ \t]*" + r"(?:" + _weekday("w") + r")?"
)
"""A date (with or without year) and an optional weekday, in NFKC text."""

CONT_RE = re.compile(
    r"[ \t]*(?:~|〜|-|‐|–|—|から|・|、|,|及び|および|と)[ \t]*(?P<d>\d{1,2})(?![\d/.月])[ \t]*日?[ \t]*"
    + _weekday("w")
)
"""A day-only continuation after a date: ``～3日(木)``, ``・6日(日)``, ``~3(木)``."""

_RANGE_RE = re.compile(r"\s*(?:~|〜|-|‐|–|—|から)\s*")
"""What joins the two ends of a range (``12月28日(月)～1月4日(月)``): the second end takes
the first's year. List separators (・、と) do not: a list need not be in order."""


class DateMention(NamedTuple):
    """A date written with a weekday.

    Attributes:
        start, end: 0-based character offsets in the text searched, covering the date (or
            the day, in a continuation such as ``～3日(木)``) and the weekday.
        day: the date meant.
        stated: the weekday written, 0 = 月 (Monday) ... 6 = 日 (Sunday).
        year_from: where the year comes from: ``"text"`` (written, 西暦 or 和暦), ``"range"``
            (the other end of a range, or the date a continuation follows) or ``"post"``
            (:func:`infer_year` on the post date).
    """

    start: int
    end: int
    day: date
    stated: int
    year_from: Literal["text", "range", "post"]

    @property
    def year_given(self) -> bool:
        """True when the text wrote this date's year itself."""
        return self.year_from == "text"

    @property
    def correct(self) -> bool:
        """True when the stated weekday is the date's weekday."""
        return self.day.weekday() == self.stated


def infer_year(month: int, day: int, ref: date) -> int | None:
    """The year of a year-less ``month``/``day`` seen on ``ref``; None if impossible in it.

    The date falls in ``[ref - PAST_WINDOW_DAYS, ref - PAST_WINDOW_DAYS + 1 year)``.
    2月29日 in a window without a leap day, or 2月30日, gives None.
    """
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if -PAST_WINDOW_DAYS <= (cand - ref).days < 365 - PAST_WINDOW_DAYS:
            return year
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _stated(m: re.Match[str]) -> int | None:
    wd = m.group("w") or m.group("wb")
    return WEEKDAY_JA.index(wd) if wd else None


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    if m.group("m"):
        return int(m.group("m")), int(m.group("d"))
    if m.group("sm"):
        return int(m.group("sm")), int(m.group("sd"))
    return int(m.group("dm")), int(m.group("dd"))


def _written_year(m: re.Match[str]) -> int | None:
    """The year the match writes (西暦 or 和暦, 元年 = 1), or None."""
    if m.group("era"):
        n = m.group("ey")
        return ERA_START[m.group("era")] + (0 if n == "元" else int(n) - 1)
    y = m.group("y") or m.group("sy") or m.group("dy")
    return int(y) if y else None


_RELATIVE_RE = re.compile(r"(?P<rel>昨年|去年|前年|今年|本年|来年|翌年)\s*の?\s*$")
_RELATIVE = {"昨年": -1, "去年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1, "翌年": 1}
"""昨年12月1日 is the post year - 1, 来年1月5日 the post year + 1 (年度 is left to infer_year)."""


def find_weekday_dates(text: str, ref: date) -> Iterator[DateMention]:
    """Dates with a weekday in ``text`` (NFKC-normalized: ASCII digits, ``(`` ``)`` ``/``).

    Year: the written one (``2026年``, ``令和8年``, ``令和8(2026)年``, ``2026/12/1``) wins. In a
    range, a year-less end takes the year of the other end when that one is written or
    known: ``12月28日(月)～1月4日(月)`` reads both in one season, and
    ``12月29日(月)から令和8年1月4日(日)`` puts 12月29日 in 2025. Otherwise :func:`infer_year` on
    ``ref``, or 昨年/今年/来年 written just before it. A day-only continuation (``～3日(木)``, ``・6日(日)``) takes the month of the date
    before it, rolling over when the day is smaller. Impossible dates (2月30日, 13/1) are
    skipped, and dates without a weekday are never yielded. Yields in text order.
    """
    matches = list(DATE_RE.finditer(text))
    prev: date | None = None
    prev_end = -1
    for i, m in enumerate(matches):
        joined = prev is not None and _RANGE_RE.fullmatch(text, prev_end, m.start()) is not None
        month, dd = _month_day(m)
        year = _written_year(m)
        source: Literal["text", "range", "post"] = "text" if year is not None else "range"
        if year is None:
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            nxt_year = _written_year(nxt) if nxt is not None else None
            if joined and prev is not None:
                year = prev.year if (month, dd) >= (prev.month, prev.day) else prev.year + 1
            elif nxt is not None and nxt_year is not None and _RANGE_RE.fullmatch(text, m.end(), nxt.start()):
                year = nxt_year if (month, dd) <= _month_day(nxt) else nxt_year - 1
            else:
                rel = _RELATIVE_RE.search(text, max(0, m.start() - 5), m.start())
                year = ref.year + _RELATIVE[rel.group("rel")] if rel else infer_year(month, dd, ref)
                source = "post"
        when = _make(year, month, dd) if year is not None else None
        if when is None:
            prev, prev_end = None, -1
            continue
        stated = _stated(m)
        if stated is not None:
            yield DateMention(m.start(), m.end(), when, stated, source)
        prev, prev_end = when, m.end()
        pos = m.end()
        while True:
            c = CONT_RE.match(text, pos)
            if c is None:
                break
            cd = int(c.group("d"))
            cy, cm = prev.year, prev.month
            if cd < prev.day:
                cm += 1
                if cm == 13:
                    cy, cm = cy + 1, 1
            nxt_day = _make(cy, cm, cd)
            if nxt_day is None:
                break
            yield DateMention(c.start("d"), c.end(), nxt_day, _stated(c), "range" if source == "text" else source)
            prev, prev_end, pos = nxt_day, c.end(), c.end()
