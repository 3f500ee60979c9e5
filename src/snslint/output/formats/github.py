"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Each finding becomes one line (GitHub Docs, "Workflow commands for GitHub Actions":
"Setting an error/warning/notice message")::

    ::error file=PATH,line=L,endLine=L2,col=C,endColumn=C2,title=CODE name::message

``error`` for errors, ``warning`` for warnings, ``notice`` for info. ``line``/``col`` are
1-based, columns in characters; ``endColumn`` is the column just past the span (exclusive,
as snslint's ``end_column``). The message carries the clause number and the hint.

Escaping, as GitHub's toolkit does it (``@actions/core`` ``command.ts``: ``escapeData``,
``escapeProperty``): in the message, ``%`` -> ``%25``, ``\\r`` -> ``%0D``, ``\\n`` -> ``%0A``;
in property values also ``:`` -> ``%3A`` and ``,`` -> ``%2C``. A draft line is never echoed,
only the message (which never holds a raw personal-data value), so the annotations are as
safe as the other formats. Files that could not be read become ``::error file=PATH::…``
lines; a last ``::notice::`` line gives the summary.
"""

from __future__ import annotations

from typing import TextIO

from snslint.findings import Severity
from snslint.output.report import Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (``%``, CR, LF, ``:`` and ``,``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    """One workflow command line, ``::kind k=v,...::message`` (properties in the given order,
    None values left out)."""
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as GitHub workflow commands to ``out``."""
    lang = report.lang
    for result in report.results:
        if result.error is not None:
            err = result.error
            message = err.en if lang == "en" else f"{err.ja} / {err.en}"
            out.write(command("error", message, file=result.path, line=err.line, title="snslint") + "\n")
        for f in result.findings:
            ref = f"（{f.clause.ref}）" if f.clause and lang != "en" else f" ({f.clause.ref})" if f.clause else ""
            hint = f.hint_in(lang)
            label = "Hint" if lang == "en" else "ヒント"
            message = f"{f.message(lang)}{ref}" + (f"\n{label}: {hint}" if hint else "")
            out.write(
                command(
                    COMMAND[f.severity],
                    message,
                    file=f.path,
                    line=f.line,
                    endLine=f.end_line,
                    col=f.column,
                    endColumn=f.end_column,
                    title=f"{f.code} {f.name}",
                )
                + "\n"
            )
    for policy_id, items in report.run_checklists():  # once per run, per city
        title = f"snslint checklist {policy_id}" if lang == "en" else f"snslint 確認事項 {policy_id}"
        lines = [f"[ ] {it.ref} {it.question_in(lang)}" for it in items]
        out.write(command("notice", "\n".join(lines), title=title) + "\n")
    c = report.counts()
    summary = (
        f"snslint: {sum(c.values())} findings (error {c['error']}, warning {c['warning']}, info {c['info']})"
        f" in {len(report.results)} files"
        if lang == "en"
        else f"snslint: {len(report.results)} ファイル中 {sum(c.values())} 件（エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}）"
    )
    out.write(command("notice", summary) + "\n")
