"""Reporters: turn a :class:`~snslint.output.report.Report` into text for people or machines.

Each format is one module with a ``render(report, out)`` function; :func:`get` imports only the
one asked for, so a JSON run never loads rich.

- ``rich``: for people at a terminal (the default there): grouped by file, the line shown
  with the span underlined and personal data masked, the clause quoted, a hint, a summary.
- ``concise``: one line per finding, ``path:line:col: CODE [severity] message``.
- ``json``: one JSON document for tools.
- ``sarif``: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).
- ``github``: GitHub Actions workflow commands (``::error file=…``), annotations on a PR.
- ``html``: one self-contained HTML file (summary tables, highlighted drafts, filters);
  shares its templates with ``snslint serve`` (:mod:`snslint.web`).
"""

from __future__ import annotations

import importlib
from typing import Callable, TextIO

from snslint.errors import UsageError
from snslint.display import escape_report
from snslint.lint.redaction import mask_report
from snslint.output.report import Report

FORMATS: dict[str, str] = {
    "rich": "snslint.output.formats.terminal",
    "concise": "snslint.output.formats.concise",
    "json": "snslint.output.formats.json_format",
    "sarif": "snslint.output.formats.sarif",
    "github": "snslint.output.formats.github",
    "html": "snslint.output.formats.html",
}
"""Format name -> module that renders it."""

Render = Callable[[Report, TextIO], None]


def get(name: str) -> Render:
    """The ``render`` function of format ``name``, behind the masking pass: the report it is
    given goes through :func:`snslint.lint.redaction.mask_report` first, so no format ever sees a
    finding, reason or error that quotes personal data, then through
    :func:`snslint.display.escape_report` (paths and messages with control characters and
    bytes that are not UTF-8 escaped). A format that shows draft text beyond
    the findings (source lines) takes it from :func:`snslint.lint.redaction.source_line` or
    :func:`snslint.lint.redaction.quote`.

    Raises:
        UsageError: no such format.
    """
    module = FORMATS.get(name)
    if module is None:
        raise UsageError(
            f"出力形式「{name}」はありません（{', '.join(FORMATS)}）。",
            f"unknown format '{name}' (choose from {', '.join(FORMATS)}).",
        )
    render = importlib.import_module(module).render

    def masked_render(report: Report, out: TextIO) -> None:
        render(escape_report(mask_report(report)), out)

    return masked_render


def render_suppressed(report: Report, out: TextIO) -> None:
    """``--show-suppressed`` for the text formats (rich, concise): after the report, one line
    per silenced finding, ``path:line:col: CODE name — 理由 / reason: …``, for audits.
    Machine formats carry the same list themselves (json ``suppressed``, SARIF
    ``suppressions``). Writes nothing when nothing was silenced."""
    if not report.suppressed:
        return
    en = report.lang == "en"
    out.write(("Suppressed" if en else "抑止された指摘") + f" ({len(report.suppressed)}):\n")
    for f, reason in report.suppressed:
        label = "reason" if en else "理由"
        out.write(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.name} — {label}: {reason}\n")


def checklist_lines(items: list, lang: str, policy_id: str = "") -> list[str]:
    """The human checklist as text lines: a heading (with the policy id when given) and one
    ``  [ ] REF question`` line per :class:`~snslint.settings.policy.ChecklistItem`. Empty when there
    are no items."""
    if not items:
        return []
    who = f" {policy_id}" if policy_id else ""
    head = (
        f"Checklist{who} (clauses a person must judge):"
        if lang == "en"
        else f"確認事項{who}（人が判断する条項）:"
    )
    return [head] + [f"  [ ] {it.ref} {it.question_in(lang)}" for it in items]


def checklist_json(report: Report) -> list[dict]:
    """The run's checklists as one list for tools (JSON ``checklist``, SARIF run
    properties): ``{"policy", "ref", "question", "coverage", "document"}`` per question,
    each policy used once, the question in the report's language."""
    return [
        {"policy": pid, "ref": it.ref, "question": it.question_in(report.lang), "coverage": it.coverage, "document": it.document}
        for pid, items in report.run_checklists()
        for it in items
    ]
