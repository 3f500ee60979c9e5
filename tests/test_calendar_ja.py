"""The Japanese calendar helpers (snslint.calendar_ja): the date pattern's fast path."""

from __future__ import annotations


def test_date_pattern_lookahead_changes_no_match() -> None:
    """DATE_RE starts with a lookahead for a digit or an era name; on 5,000 random lines of
    date-ish text it matches exactly what the pattern without it matches."""
    import random
    import re

    from snslint.calendar_ja import DATE_RE

    prefix = "(?=[\\d令平昭])"
    assert DATE_RE.pattern.startswith(prefix)
    bare = re.compile(DATE_RE.pattern[len(prefix) :], DATE_RE.flags)
    pieces = ["令和", "平成", "昭和", "大正", "元", "8", "12", "2026", "年", "月", "日", "/", ".", " ", "(", ")",
              "(月)", "(土)", "（日）", "曜日", "火", "~", "から", "・", "、", "(2026年)", "第", "回", "\t", "x", "٣"]
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        assert [m.span() for m in DATE_RE.finditer(text)] == [m.span() for m in bare.finditer(text)], text
