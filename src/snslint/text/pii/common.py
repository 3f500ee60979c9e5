"""What several personal-data detectors share: hyphen-like separators, line bounds, digits."""

from __future__ import annotations

HYPHENS = "\\-‐‑‒–—―−ー"
"""Hyphen-like characters people type between digit groups (after NFKC; ー is the long
vowel mark, often typed for a hyphen in Japanese input)."""

_SEP = f"[ {HYPHENS}]"


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(line_start, line_end)`` offsets of the line(s) holding ``[start, end)``."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def prev_line_start(text: str, line_start: int) -> int:
    """Start offset of the line before the line starting at ``line_start`` (or 0)."""
    if line_start <= 0:
        return 0
    return text.rfind("\n", 0, line_start - 1) + 1


def _digits_only(value: str) -> str:
    """The ASCII digits of ``value`` (NFKC digits assumed)."""
    return "".join(ch for ch in value if ch.isascii() and ch.isdigit())
