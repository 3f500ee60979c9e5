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
    "ja": {"clause": "根拠", "hint": "ヒント", "post_time": "投稿日時"},
    "en": {"clause": "Clause", "hint": "Hint", "post_time": "post time"},
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


GUTTER_CELLS = 8
"""Cells of the source gutter (``"   12 │ "``) in front of a source line and its carets."""


_NO_LINE_START = set("、。，．・：；？！）」』】〕〉》ー ゃゅょっぁぃぅぇぉャュョッァィゥェォ…,.:;!?)]}")
"""Characters a line should not begin with (禁則処理, JIS X 4051's 行頭禁則, simplified)."""


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal cells.

    Japanese has no spaces between words, so a line may break between any two characters,
    except inside a run of ASCII letters, digits and URL punctuation (a word, a number, a
    time, a URL), which moves whole to the next line when it fits there, and except before
    the characters of :data:`_NO_LINE_START`, which stay on the line before (their cell may
    then reach one past ``width`` only if no earlier break exists). Spaces at a break are
    dropped.
    """
    lines: list[str] = []
    line: list[str] = []
    cells = 0
    for ch in text:
        w = cell_len(ch)
        if cells + w > width and line:
            # Find where to break: before the ASCII word being written, else here.
            cut = len(line)
            if ch.isascii() and not ch.isspace():
                k = len(line)
                while k > 0 and line[k - 1].isascii() and not line[k - 1].isspace():
                    k -= 1
                if 0 < k:
                    cut = k
            elif ch in _NO_LINE_START and len(line) > 1:
                cut = len(line) - 1
            head, tail = line[:cut], line[cut:]
            lines.append("".join(head).rstrip())
            line = [c for c in tail]
            while line and line[0] == " ":
                line.pop(0)
            cells = sum(cell_len(c) for c in line)
            if ch == " " and not line:
                continue
        line.append(ch)
        cells += w
    if line or not lines:
        lines.append("".join(line).rstrip())
    return lines


def _hanging(console: Console, prefix: Text, body: str) -> None:
    """Print ``prefix`` + ``body`` wrapped to the console's width (:func:`wrap_cells`),
    continuation lines indented under the body's first character (a hanging indent)."""
    indent = cell_len(prefix.plain)
    width = max(10, console.width - indent)
    for i, line in enumerate(wrap_cells(body, width)):
        console.print((prefix if i == 0 else Text(" " * indent)) + Text(line), soft_wrap=True)


def _crop_cells(text: str, start: int, width: int) -> tuple[str, int]:
    """The characters of ``text`` inside terminal cells ``[start, start + width)`` and the
    cell where the first of them begins (a wide character cut by ``start`` is left out)."""
    out: list[str] = []
    pos = 0
    first = None
    for ch in text:
        w = cell_len(ch)
        if pos >= start and pos + w <= start + width:
            if first is None:
                first = pos
            out.append(ch)
        pos += w
        if pos >= start + width:
            break
    return "".join(out), start if first is None else first


def _fit_source(src: Text, under: Text, width: int, style: str) -> list[Text]:
    """A source line and its carets cut to ``width`` cells, so neither wraps without its
    gutter: a window of the line around the span's start with 「…」 where text is left out,
    and at most one line of carets, 「…」 after them when the span goes on past the window.
    Lines that fit are returned as they are."""
    gutter, text = src.plain[:GUTTER_CELLS], src.plain[GUTTER_CELLS:]
    under_gutter, marks = under.plain[:GUTTER_CELLS], under.plain[GUTTER_CELLS:]
    avail = width - GUTTER_CELLS
    total = cell_len(text)
    if avail < 10 or (total <= avail and cell_len(marks) <= avail):
        return [src, under]
    caret_at = len(marks) - len(marks.lstrip(" "))
    carets = max(1, len(marks.strip()))
    start = 0 if caret_at < avail - 4 else max(0, caret_at - avail // 3)
    left = "…" if start > 0 else ""
    seg, start = _crop_cells(text, start, avail - len(left) - 1)
    seg_cells = cell_len(seg)
    right = "…" if start + seg_cells < total else ""
    c_start = min(max(caret_at, start), start + seg_cells)
    c_end = max(c_start + 1, min(caret_at + carets, start + seg_cells))
    more = "…" if caret_at + carets > c_end else ""
    new_src = Text(gutter, style="dim")
    new_src.append(left + seg + right)
    new_under = Text(under_gutter + " " * (len(left) + c_start - start), style="dim")
    new_under.append("^" * (c_end - c_start), style=style)
    new_under.append(more, style="dim")
    return [new_src, new_under]


def _without_clause(message: str, f: Finding) -> str:
    """``message`` without the sentence or note that names ``f``'s clause, which the 根拠 line
    right under it prints whole (document, number, words): CAT's 「…第9条(4)に反するおそれが
    あります。」 / "It may break … 9(4)." and URL's 「（…の方針 5(7)）」. Other messages are
    returned as they are."""
    import re

    ref = re.escape(f.clause.ref)
    doc = re.escape(f.clause.document)
    patterns = (
        rf"{doc} {ref}(?:（[^（）]*）)?に反するおそれがあります。",  # CAT (ja)
        rf" ?It may break {doc} {ref}(?: \([^()]*\))?\.",  # CAT (en)
        rf"（[^（）]{{0,40}}の方針 {ref}(?:（[^（）]*）)?）",  # URL (ja)
    )
    for pattern in patterns:
        message = re.sub(pattern, "", message)
    return message


def _point(under: Text, style: str) -> Text:
    """A caret line for something missing (``Finding.extra["missing"]``): one caret where
    the span ends, where the missing thing would go, instead of underlining the span."""
    plain = under.plain
    last = plain.rfind("^")
    if last < 0:
        return under
    point = Text(plain[:GUTTER_CELLS], style="dim")
    point.append(" " * (last - GUTTER_CELLS + 1))
    point.append("^", style=style)
    return point


def _finding(console: Console, result: FileResult, f: Finding, lang: str, show_source: bool = True) -> None:
    labels = LABELS[lang]
    head = Text(f"  {f.line}:{f.column}  ")
    head.append(f.severity.label_ja if lang == "ja" else f.severity.value, style=STYLE[f.severity])
    head.append(f"  {f.code} ", style="bold")
    head.append(f.name, style="dim")
    console.print(head, soft_wrap=True)
    lines = _source_lines(result, f) if show_source else []
    if len(lines) == 2 and f.extra.get("missing"):
        lines[1] = _point(lines[1], STYLE[f.severity])
    if len(lines) == 2:
        lines = _fit_source(lines[0], lines[1], console.width, STYLE[f.severity])
    for line in lines:
        console.print(line, soft_wrap=True)
    message = _without_clause(f.message(lang), f) if f.clause else f.message(lang)
    _hanging(console, Text("    "), message)
    # No 根拠 line for a finding without a clause (a general caution): it said nothing.
    if f.clause:
        _hanging(console, Text(f"    {labels['clause']}: ", style="dim"), f.clause.cite(lang))
    hint = f.hint_in(lang)
    if hint:
        _hanging(console, Text(f"    {labels['hint']}: ", style="green"), hint)
    console.print()


def _checklist(console: Console, items: list, lang: str) -> None:
    """The draft's human checklist (the policy's questions a person answers), if any."""
    from snslint.output.formats import checklist_lines

    lines = checklist_lines(items, lang)
    if not lines:
        return
    _hanging(console, Text("  "), lines[0])
    for line in lines[1:]:
        body = line.lstrip(" ")
        lead = " " * (2 + len(line) - len(body))
        box = body[:4] if body.startswith("[ ] ") else ""  # items hang under their text
        _hanging(console, Text(lead + box), body[len(box):])
    console.print()


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` for a person to ``out`` (colour only when ``out`` is a terminal)."""
    # soft_wrap off: rich wraps to the terminal's width (80 cells for a file or pipe, or
    # COLUMNS); every indented line is wrapped by _hanging so it keeps its indent.
    console = Console(file=out, highlight=False, soft_wrap=False, emoji=False, markup=False)
    lang = report.lang
    labels = LABELS[lang]
    for result in report.results:
        if result.error is not None:
            # One line whatever its length (grep-able): the terminal wraps it at column 0.
            console.print(Text(result.error.one_line(), style="bold red"), soft_wrap=True)
            if not result.findings:
                continue  # a front-matter error keeps the body's findings: shown below
        checklist = report.checklist_for(result)
        if not result.findings and not checklist:
            continue
        header = Text(result.path, style="bold underline")
        details = ""
        if result.post_time is not None:
            details = f"[{result.policy_id}] {labels['post_time']}: {result.post_time.describe(lang)}"
        if result.encoding not in ("utf-8", "utf-8 (BOM)"):
            details += f"  ({result.encoding})"
        if details and cell_len(result.path) + 2 + cell_len(details) <= console.width:
            header.append("  " + details, style="dim")
            details = ""
        console.print(header, soft_wrap=True)
        if details:  # too long for one line: under the path, indented
            _hanging(console, Text("  "), details)
        if not result.findings:
            console.print(Text("  指摘なし" if lang == "ja" else "  no findings", style="green"))
        for f in result.findings:
            _finding(console, result, f, lang, report.show_source)
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
    console.print(summary, soft_wrap=True)
