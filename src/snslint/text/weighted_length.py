"""X's weighted post length: the twitter-text ``parseTweet`` algorithm under config v3.

X does not count characters: it counts a *weighted length* and accepts a post when that is at
most 280. Source: twitter-text (twitter/twitter-text, Apache-2.0) ``config/v3.json`` and
``parseTweet`` (js/src/parseTweet.js, java ``TwitterTextParser``); X Help Center "Counting
characters". Under config v3:

- code points U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and U+2032-U+2037 weigh 1 (Latin,
  Greek, Cyrillic, Hebrew, Arabic ... and general punctuation); every other code point weighs 2
  (CJK: kana, kanji, full-width forms, ``。「」``, so a Japanese post holds 140 characters);
- a URL weighs 23 whatever its length (X wraps it in a t.co link);
- an emoji, including a whole ZWJ, skin-tone, keycap or flag sequence, weighs 2;
- the text is NFC-normalized first.

The weights are summed in hundredths (``scale`` 100) and truncated to an integer.

URL *extraction* is :func:`snslint.text.links.extract_urls`, which follows twitter-text's extraction
rules and passes its conformance suite; emoji sequences come from the ``emoji`` package
(Unicode's emoji data, kept current by its maintainers). Together they pass all 44 cases of
twitter-text's ``conformance/validate.yml`` (``tests/test_weighted_length.py``). Both are
reached only through :func:`_extractors` and loaded on first use.

Units: every length here is in *weighted characters* (X's unit), every offset is a 0-based
Python ``str`` index (code points) into the text as given, never UTF-16 units.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate
from typing import Callable, NamedTuple

__all__ = ["TwitterConfig", "CONFIG_V3", "WeightedLength", "measure", "weighted_length"]


class TwitterConfig(NamedTuple):
    """A twitter-text length configuration (the fields of ``config/vN.json``).

    Attributes:
        max_weighted_length: the limit in weighted characters (280).
        scale: weights are in 1/scale units (100).
        default_weight: weight of a code point outside ``ranges`` and of an emoji (200 = 2).
        transformed_url_length: weighted length of any URL (23).
        ranges: ``(first, last, weight)`` code-point ranges, inclusive.
        emoji_parsing: count an emoji sequence once at ``default_weight`` (v3) rather than per
            code point (v2).
    """

    max_weighted_length: int = 280
    scale: int = 100
    default_weight: int = 200
    transformed_url_length: int = 23
    ranges: tuple[tuple[int, int, int], ...] = (
        (0x0000, 0x10FF, 100),
        (0x2000, 0x200D, 100),
        (0x2010, 0x201F, 100),
        (0x2032, 0x2037, 100),
    )
    emoji_parsing: bool = True

    def weight(self, char: str) -> int:
        """Weight of one code point in 1/``scale`` units."""
        cp = ord(char)
        for first, last, w in self.ranges:
            if first <= cp <= last:
                return w
        return self.default_weight


CONFIG_V3 = TwitterConfig()
"""twitter-text ``config/v3.json`` (X's current counting: 280, CJK 2, URL 23, emoji 2)."""

CONFIG_V2 = TwitterConfig(emoji_parsing=False)
"""twitter-text ``config/v2.json`` (as v3 without emoji discounting); for the conformance tests."""

_INVALID = frozenset("\ufffe\ufeff\uffff")
"""Code points that make a post invalid in twitter-text (``invalidCharsGroup``)."""


class WeightedLength(NamedTuple):
    """The result of :func:`measure`.

    Attributes:
        length: the weighted length (X's count), an int.
        limit: the limit it was measured against (weighted characters).
        valid_end: 0-based offset into the text as given: the text up to here fits within
            ``limit``; equal to ``len(text)`` when it all fits.
        urls: ``(start, end)`` offsets of each URL counted as ``transformed_url_length``.
        invalid_chars: True if the text holds a character X rejects (U+FFFE, U+FEFF, U+FFFF).
    """

    length: int
    limit: int
    valid_end: int
    urls: tuple[tuple[int, int], ...] = ()
    invalid_chars: bool = False

    @property
    def over(self) -> int:
        """How many weighted characters over the limit (0 when it fits)."""
        return max(0, self.length - self.limit)

    @property
    def valid(self) -> bool:
        """twitter-text's ``valid``: non-empty, within the limit, no invalid characters."""
        return 0 < self.length <= self.limit and not self.invalid_chars


Extractor = Callable[[str], list[tuple[int, int]]]


@cache
def emoji_possible() -> re.Pattern[str]:
    """A character without which a text holds no emoji: every emoji sequence in the ``emoji``
    package's data starts with one of these, or with ``#``, ``*`` or a digit and then holds
    U+FE0F or U+20E3 (keycaps). A test checks this against the installed package's data. Most
    drafts hold none, and then neither the package (costly to import and index on a cold
    start) nor its scan is needed. Compiled on first use (only a weighted length needs it)."""
    return re.compile(
        "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2b55\u3030\u303d\u3297\u3299"
        "\u20e3\ufe0f\U0001f000-\U0010ffff]"
    )


@lru_cache(maxsize=1)
def _extractors() -> tuple[Extractor, Extractor]:
    """``(urls, emojis)``: functions giving ``(start, end)`` spans in an NFC text.

    URLs come from :func:`snslint.text.links.extract_urls` (twitter-text's extraction rules, which
    pass its conformance suite); emoji sequences (ZWJ sequences, flags, keycaps, modifiers)
    from the ``emoji`` package's ``emoji_list``, kept current with Unicode's emoji data.
    Both are imported on first use, only for X drafts; ``emoji`` only for a text that may hold
    one (:func:`emoji_possible`).
    """
    from snslint.text.links import extract_urls

    def urls(text: str) -> list[tuple[int, int]]:
        return [(link.start, link.end) for link in extract_urls(text)]

    def emojis(text: str) -> list[tuple[int, int]]:
        import emoji

        return [(e["match_start"], e["match_end"]) for e in emoji.emoji_list(text)]

    return urls, emojis


def nfc_prefix_end(text: str, chars: int) -> int:
    """The offset into ``text`` after its first ``chars`` characters as counted after NFC.

    The largest ``j`` with ``len(NFC(text[:j])) <= chars``, by binary search (NFC only ever
    shortens a prefix, so the length is monotonic); combining marks stay with their base.
    """
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(unicodedata.normalize("NFC", text[:mid])) <= chars:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _nfc_offsets(text: str, nfc: str) -> Callable[[int], int]:
    """Map an offset in ``nfc`` (the NFC form of ``text``) back to an offset in ``text``."""
    if len(nfc) == len(text):
        return lambda i: i
    return lambda i: nfc_prefix_end(text, i)


class _WeightTable(dict):
    """A ``str.translate`` table: code point -> ``chr(weight)`` under one configuration,
    filled on first sight of each character (:meth:`TwitterConfig.weight`)."""

    def __init__(self, config: TwitterConfig) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, code: int) -> str:
        w = chr(self.config.weight(chr(code)))
        self[code] = w
        return w


@lru_cache(maxsize=8)
def _weight_table(config: TwitterConfig) -> _WeightTable:
    """The one :class:`_WeightTable` of ``config`` in this process."""
    return _WeightTable(config)


def _running_totals(nfc: str, urls: dict[int, int], emojis: dict[int, int], config: TwitterConfig) -> list[int]:
    """The running weighted total after each character of ``nfc``, in 1/``scale`` units,
    as twitter-text's ``parseTweet`` walk adds it up: a URL counts
    ``transformed_url_length`` at its first character, an emoji sequence ``default_weight``
    at its first, their other characters nothing, any other character its range weight.

    Each character's weight comes from one ``str.translate`` (weights as code points,
    read back as UTF-32), the totals from ``itertools.accumulate``: C loops, where the walk
    called :meth:`TwitterConfig.weight` per character.
    """
    weights = array("I", nfc.translate(_weight_table(config)).encode("utf-32-le"))
    at = 0
    for start in sorted(set(urls) | set(emojis)):
        if start < at:  # inside an earlier URL or emoji: the walk never stops there
            continue
        if start in urls:  # a URL wins over an emoji at the same place, as in the walk
            at = urls[start]
            weights[start] = config.transformed_url_length * config.scale
        else:
            at = emojis[start]
            weights[start] = config.default_weight
        for k in range(start + 1, at):
            weights[k] = 0
    return list(accumulate(weights))


def measure(text: str, config: TwitterConfig = CONFIG_V3, limit: int | None = None) -> WeightedLength:
    """Measure ``text`` as X does (twitter-text ``parseTweet``).

    Args:
        text: the post text (line endings as LF; CRLF counts as two characters here, as it
            would after X's own conversion to LF only if the caller converts first).
        config: the twitter-text configuration (default v3).
        limit: the limit in weighted characters (default ``config.max_weighted_length``;
            larger for X Premium long posts).

    Returns:
        A :class:`WeightedLength`; ``valid_end`` is where the text stops fitting.
    """
    limit = config.max_weighted_length if limit is None else limit
    nfc = unicodedata.normalize("NFC", text)
    find_urls, find_emojis = _extractors()
    urls = {s: e for s, e in find_urls(nfc)}
    emojis = {s: e for s, e in find_emojis(nfc)} if config.emoji_parsing and emoji_possible().search(nfc) else {}
    cap = limit * config.scale
    invalid = any(ch in nfc for ch in _INVALID)  # none can stand inside a URL or an emoji
    totals = _running_totals(nfc, urls, emojis, config)
    total = totals[-1] if totals else 0
    # The first character whose unit takes the total over the cap (totals only grow).
    valid_end = bisect_right(totals, cap) if total > cap else None
    back = _nfc_offsets(text, nfc)
    return WeightedLength(
        length=total // config.scale,
        limit=limit,
        valid_end=len(text) if valid_end is None else back(valid_end),
        urls=tuple((back(s), back(e)) for s, e in sorted(urls.items())),
        invalid_chars=invalid,
    )


def weighted_length(text: str, config: TwitterConfig = CONFIG_V3) -> int:
    """X's weighted length of ``text`` (an int in weighted characters)."""
    return measure(text, config).length
