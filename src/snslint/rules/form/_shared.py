"""What several FORM rules share: platform names in reports, front-matter spans."""

from __future__ import annotations

from snslint.findings import Finding
from snslint.rules.api import RuleContext

PLATFORM_JA = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "line": "LINE",
    "youtube": "YouTube",
    "threads": "Threads",
}


def _fm_span(ctx: RuleContext, key: str) -> tuple[int, int]:
    """File offsets of front-matter ``key``'s value, else of the opening ``---`` line."""
    span = ctx.draft.key_spans.get(key)
    if span is not None:
        return span
    return (0, min(3, ctx.draft.body_offset)) if ctx.draft.body_offset else (0, 0)


def _fm_finding(ctx: RuleContext, key: str, ja: str, en: str, **kw) -> Finding:
    start, end = _fm_span(ctx, key)
    if not ctx.draft.body_offset:  # no front matter: point at the start of the body
        return ctx.finding(0, 0, ja, en, **kw)
    return ctx.finding(start, end, ja, en, in_body=False, **kw)
