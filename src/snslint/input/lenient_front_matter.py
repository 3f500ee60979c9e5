"""Front matter as a Japanese IME types it: slips forgiven before and after YAML parsing.

City staff write front matter with a Japanese input method switched on. What it types and
what this module reads it as:

* ``city：zushi`` (full-width colon, U+FF1A) and ``city:　zushi`` (ideographic space U+3000
  after the colon) -> ``city: zushi``; ideographic spaces in the indentation -> spaces
  (:func:`normalize_yaml`, before YAML parsing, with an offset map back to the original).
* ``scheduled_at: 2026/12/07 10:00``, ``２０２６年１２月７日　１０時``, ``令和8年12月7日 午前10時``
  -> a datetime (:func:`parse_loose_datetime`); a date without a time is not guessed.
* ``emergency: はい`` / ``いいえ`` (also あり/なし, する/しない) -> True / False.
* ``images: [images/a.jpg]`` (plain paths) -> ``[{path: images/a.jpg}]``: FORM003 then reports
  the missing alternative text.
* ``platform: ツイッター`` / ``インスタ`` / ``フェイスブック`` ... -> the platform's id.

What still cannot be read gets one line naming the key and an example of a right value
(:data:`EXAMPLES`); an unknown key gets 「もしかして scheduled_at?」 (:func:`did_you_mean`,
:func:`difflib.get_close_matches`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime
from typing import Any

FRONT_MATTER_KEYS: tuple[str, ...] = (
    "city",
    "platform",
    "account",
    "scheduled_at",
    "type",
    "emergency",
    "images",
    "approved_by",
    "reply_to_government",
    "snslint",
)
"""The keys of :class:`snslint.draft.FrontMatter`, for 「もしかして」."""

NESTED_KEYS: dict[str, tuple[str, ...]] = {"images": ("path", "alt"), "snslint": ("ignore", "code", "reason")}
"""The keys inside ``images:`` items and ``snslint:``, for 「もしかして」."""

EXAMPLES: dict[str, str] = {
    "city": "city: zushi（または 逗子市）",
    "platform": "platform: x（x, facebook, instagram, line, youtube, threads）",
    "account": 'account: "@zushi_city"',
    "scheduled_at": "scheduled_at: 2026-12-07T10:00",
    "type": "type: post（post, reply, share, dm, correction）",
    "emergency": "emergency: false（はい／いいえ も可）",
    "images": "images: [{path: images/a.jpg, alt: 除雪車が市道を除雪している様子}]",
    "approved_by": "approved_by: 広報広聴課長",
    "reply_to_government": "reply_to_government: false",
    "snslint": "snslint: {ignore: [{code: URL003, reason: 県の公式ページのため}]}",
}
"""A right value for each key, shown when a value cannot be read."""

YES_NO: dict[str, bool] = {
    "はい": True,
    "いいえ": False,
    "あり": True,
    "なし": False,
    "有": True,
    "無": False,
    "する": True,
    "しない": False,
}
"""Japanese answers read as booleans (NFKC, stripped)."""

PLATFORM_NAMES: dict[str, str] = {
    "エックス": "x",
    "ツイッター": "x",
    "フェイスブック": "facebook",
    "インスタグラム": "instagram",
    "インスタ": "instagram",
    "ライン": "line",
    "ユーチューブ": "youtube",
    "スレッズ": "threads",
}
"""Platform names in katakana, read as the platform's id."""

_KEY_COLON = re.compile(r"^([ \t\u3000]*(?:-[ \t\u3000]+)?)([A-Za-z_][A-Za-z0-9_-]*)([ \t\u3000]*)([:\uff1a])")
"""A line's leading ``key:`` or ``key：`` (indentation, an optional list dash, an ASCII key)."""


def normalize_yaml(text: str) -> tuple[str, list[int]]:
    """``text`` with the IME slips of :mod:`this module <snslint.input.lenient_front_matter>` fixed,
    and for each character of the result (plus one past the end) its offset in ``text``.

    Only a line's leading ``key`` + colon is touched (ideographic spaces in the indentation
    and around the colon become spaces, a full-width colon becomes ``:``, and a space is put
    after the colon when a value follows it directly); values are left as written, so alt
    text with 「：」 keeps it. Newlines are never added or removed: line numbers are the same.
    """
    out: list[str] = []
    orig: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        m = _KEY_COLON.match(line)
        if m is None:
            out.append(line)
            orig.extend(range(pos, pos + len(line)))
            pos += len(line)
            continue
        head = m.group(1).replace("\u3000", " ") + m.group(2) + m.group(3).replace("\u3000", " ") + ":"
        out.append(head)
        orig.extend(range(pos, pos + len(head)))
        rest = line[m.end() :]
        after = pos + m.end()
        if rest and rest[0] == "\u3000":
            rest = " " + rest[1:]
        elif rest and rest[0] not in " \t\r\n" and (m.group(4) == "\uff1a" or rest[0] != "/"):
            out.append(" ")
            orig.append(after)  # the inserted space maps to the value's first character
        out.append(rest)
        orig.extend(range(after, after + len(rest)))
        pos += len(line)
    orig.append(pos)
    return "".join(out), orig


_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_DATE = re.compile(
    r"^(?:(?P<era>令和|平成|昭和)(?P<eyear>\d{1,2}|元)|(?P<year>\d{4}))\s*[年/.\-]\s*(?P<month>\d{1,2})\s*[月/.\-]\s*"
    r"(?P<day>\d{1,2})\s*日?\s*(?:\([^)]{1,3}\))?"
)
_TIME = re.compile(r"^(?:T|\s)*(?P<ampm>午前|午後)?\s*(?P<hour>\d{1,2})\s*(?::|時)\s*(?:(?P<minute>\d{1,2})\s*分?|半)?")


def parse_loose_datetime(value: str) -> datetime | date | None:
    """A ``scheduled_at`` as typed: ``2026/12/07 10:00``, ``2026年12月7日(月) 10時30分``,
    ``令和8年12月7日 午後2時``, full-width digits (NFKC first). A naive datetime (JST).

    Returns:
        a datetime when a date and a time are read; a :class:`datetime.date` when only a
        date is (the caller asks for the time: it is never guessed); None when the text is not
        a date of these forms (ISO 8601 is left to the model).
    """
    s = unicodedata.normalize("NFKC", value).strip()
    m = _DATE.match(s)
    if m is None:
        return None
    if m.group("era"):
        n = 1 if m.group("eyear") == "元" else int(m.group("eyear"))
        year = _ERA_BASE[m.group("era")] + n
    else:
        year = int(m.group("year"))
    try:
        day = date(year, int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None
    rest = s[m.end() :].strip()
    if not rest:
        return day
    t = _TIME.match(rest)
    if t is None or rest[t.end() :].strip():
        return None
    hour = int(t.group("hour"))
    minute = 30 if "半" in t.group(0) else int(t.group("minute") or 0)
    if t.group("ampm") == "午後" and hour < 12:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return datetime(day.year, day.month, day.day, hour, minute)


def forgive_values(raw: dict[str, Any]) -> dict[str, Any]:
    """A copy of the parsed front matter with the values an IME types turned into what the
    model takes (see the module doc). Keys and other values are left as they are."""
    out = dict(raw)
    at = out.get("scheduled_at")
    if isinstance(at, str):
        parsed = parse_loose_datetime(at)
        if parsed is not None:
            out["scheduled_at"] = parsed
    for key in ("emergency", "reply_to_government"):
        v = out.get(key)
        if isinstance(v, str):
            answer = YES_NO.get(unicodedata.normalize("NFKC", v).strip())
            if answer is not None:
                out[key] = answer
    images = out.get("images")
    if isinstance(images, str):
        images = [images]
    if isinstance(images, list):
        out["images"] = [{"path": i} if isinstance(i, str) else i for i in images]
    platform = out.get("platform")
    if isinstance(platform, str):
        name = unicodedata.normalize("NFKC", platform).strip()
        out["platform"] = PLATFORM_NAMES.get(name, platform)
    return out


def did_you_mean(key: str, keys: tuple[str, ...] = FRONT_MATTER_KEYS) -> str | None:
    """The known key closest to ``key`` (difflib ratio >= 0.6, case-insensitive), or None."""
    found = difflib.get_close_matches(key.lower(), keys, n=1, cutoff=0.6)
    return found[0] if found else None
