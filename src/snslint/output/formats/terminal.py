"""``--format rich``: the report for people at a terminal (the default on a TTY).

Per file: a header with the policy and the post time used; per finding: position, severity
in colour, code and name, the source line with the span underlined (personal data masked,
widths measured in terminal cells so Japanese text lines up), the message, the clause quoted
and a hint; after the draft's findings, the policy's human checklist (questions for the
clauses only a person can judge; off with ``--no-checklist``). A summary line ends the report. Draft text is never interpreted as rich markup.
"""

from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from snslint.lint.engine import FileResult
from snslint.findings import Finding, Severity
from snslint.display import escape_control
from snslint.lint.redaction import Masker, masker_for, redact
from snslint.output.report import Report

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}

LABELS = {
    "ja": {"clause": "根拠", "hint": "ヒント", "no_clause": "根拠条項なし（一般的な注意）", "post_time": "投稿日時"},
    "en": {"clause": "Clause", "hint": "Hint", "no_clause": "no clause (general caution)", "post_time": "post time"},
}


CONTEXT_CHARS = 40
"""Characters of the source line shown on each side of a finding's span when the line is cut."""

SPAN_CHARS = 80
"""Characters of a span shown at most; a longer span is cut after them (``…``)."""


def _shown(text: str) -> str:
    """Draft text as the terminal shows it: control characters escaped, tabs as spaces."""
    return escape_control(text, tabs=False).replace("\t", " ")


def _source_lines(result: FileResult, f: Finding, masker: Masker | None = None) -> list[Text]:
    """The finding's first line with a caret underline below it, masked
    (:class:`snslint.lint.redaction.Masker`: the one masking pass) and with control
    characters escaped (:func:`snslint.display.escape_control`).

    A long line is cut: at most :data:`CONTEXT_CHARS` characters before the span, the first
    :data:`SPAN_CHARS` of the span and :data:`CONTEXT_CHARS` after it, ``…`` where text was
    left out, so a 100,000-character line with thousands of findings prints a few hundred
    characters per finding, not the whole line each time. Values cut at a window's edge are
    masked whole (one ``*`` per character shown)."""
    draft = result.draft
    if draft is None or f.line > draft.line_count:
        return []
    masker = masker or masker_for(result)
    line_start = draft.line_start(f.line)
    line_end = line_start + len(draft.line_text(f.line))
    span_end = min(f.end if f.end_line == f.line else line_end, line_end)
    cut_span = span_end - f.start > SPAN_CHARS
    shown_span_end = f.start + SPAN_CHARS if cut_span else span_end
    win_start = max(line_start, f.start - CONTEXT_CHARS)
    win_end = min(line_end, shown_span_end + (0 if cut_span else CONTEXT_CHARS))
    head = "…" if win_start > line_start else ""
    tail = "…" if win_end < line_end else ""
    shown = head + _shown(masker.span(win_start, win_end)) + tail
    # Column of the span in the masked line: mask lengths may differ from the raw ones.
    before = [r for r in result.redactions if r[1] <= f.start]
    prefix = head + _shown(redact(draft.text[win_start : f.start], win_start, before))
    if f.sensitive:
        span_text = f.text
    else:
        span_text = masker.span(f.start, shown_span_end)
    gutter = f"{f.line:>5} │ "
    src = Text(gutter, style="dim")
    src.append(shown)
    pad = " " * cell_len(gutter[:-2]) + "│ " + " " * cell_len(prefix)
    under = Text(pad, style="dim")
    under.append("^" * max(1, cell_len(_shown(span_text))), style=STYLE[f.severity])
    return [src, under]


def _finding(console: Console, result: FileResult, f: Finding, lang: str) -> None:
    labels = LABELS[lang]
    head = Text(f"  {f.line}:{f.column}  ")
    head.append(f.severity.label_ja if lang == "ja" else f.severity.value, style=STYLE[f.severity])
    head.append(f"  {f.code} ", style="bold")
    head.append(f.name, style="dim")
    console.print(head)
    for line in _source_lines(result, f):
        console.print(line)
    console.print(Text("    " + f.message(lang)))
    clause = f.clause.cite(lang) if f.clause else labels["no_clause"]
    console.print(Text(f"    {labels['clause']}: ", style="dim") + Text(clause))
    hint = f.hint_in(lang)
    if hint:
        console.print(Text(f"    {labels['hint']}: ", style="green") + Text(hint))
    console.print()


def _checklist(console: Console, items: list, lang: str) -> None:
    """The draft's human checklist (the policy's questions a person answers), if any."""
    from snslint.output.formats import checklist_lines

    lines = checklist_lines(items, lang)
    if not lines:
        return
    console.print(Text("  " + lines[0], style="bold"))
    for line in lines[1:]:
        console.print(Text("  " + line))
    console.print()


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` for a person to ``out`` (colour only when ``out`` is a terminal)."""
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False, markup=False)
    lang = report.lang
    labels = LABELS[lang]
    for result in report.results:
        if result.error is not None:
            console.print(Text(result.error.one_line(), style="bold red"))
            if not result.findings:
                continue  # a front-matter error keeps the body's findings: shown below
        checklist = report.checklist_for(result)
        if not result.findings and not checklist:
            continue
        header = Text(result.path, style="bold underline")
        if result.post_time is not None:
            header.append(f"  [{result.policy_id}] {labels['post_time']}: {result.post_time.describe(lang)}", style="dim")
        if result.encoding not in ("utf-8", "utf-8 (BOM)"):
            header.append(f"  ({result.encoding})", style="dim")
        console.print(header)
        if not result.findings:
            console.print(Text("  指摘なし" if lang == "ja" else "  no findings", style="green"))
        for f in result.findings:
            _finding(console, result, f, lang)
        _checklist(console, checklist, lang)
    c = report.counts()
    total = sum(c.values())
    if lang == "en":
        summary = Text(f"{len(report.results)} files checked, {total} findings: ")
        parts = [("error", c["error"], Severity.ERROR), ("warning", c["warning"], Severity.WARNING), ("info", c["info"], Severity.INFO)]
    else:
        summary = Text(f"{len(report.results)} ファイルを検査、{total} 件: ")
        parts = [("エラー", c["error"], Severity.ERROR), ("警告", c["warning"], Severity.WARNING), ("情報", c["info"], Severity.INFO)]
    for i, (label, n, sev) in enumerate(parts):
        summary.append(f"{label} {n}", style=STYLE[sev] if n else "dim")
        if i < 2:
            summary.append("、" if lang == "ja" else ", ")
    if report.errors:
        summary.append(
            f"  読み込みエラーのあったファイル {len(report.errors)}" if lang == "ja" else f"  files with errors {len(report.errors)}",
            style="bold red",
        )
    if total == 0 and not report.errors:
        summary.append("  問題は見つかりませんでした。" if lang == "ja" else "  all clear.", style="green")
    console.print(summary)
