"""``--format concise``: one line per finding, like ``ruff --output-format concise``.

``path:line:col: CODE [severity] message`` with personal data already masked in the message
and text; input errors as ``path: エラー: … / Error: …``; a one-line summary at the end.
"""

from __future__ import annotations

from typing import TextIO

from snslint.report import Report


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as concise lines to ``out``."""
    lang = report.lang
    for result in report.results:
        if result.error is not None:
            out.write(result.error.one_line() + "\n")
            continue
        for f in result.findings:
            sev = f.severity.value if lang == "en" else f.severity.label_ja
            ref = f" ({f.clause.ref})" if f.clause else ""
            out.write(f"{f.path}:{f.line}:{f.column}: {f.code} [{sev}] {f.message(lang)}{ref}\n")
    c = report.counts()
    if lang == "en":
        out.write(
            f"{sum(c.values())} findings (error {c['error']}, warning {c['warning']}, info {c['info']})"
            f" in {len(report.results)} files\n"
        )
    else:
        out.write(
            f"{len(report.results)} ファイル中 {sum(c.values())} 件"
            f"（エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}）\n"
        )
