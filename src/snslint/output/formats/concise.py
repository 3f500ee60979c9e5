"""``--format concise``: one line per finding, like ``ruff --output-format concise``.

``path:line:col: CODE [severity] message`` with personal data already masked in the message
and text; input errors as ``path: エラー: … / Error: …``; a draft read in an encoding other
than UTF-8 as ``path: 文字コード: cp932 として読みました / encoding: read as cp932``; a one-line summary at the end.
"""

from __future__ import annotations

from typing import TextIO

from snslint.output.report import Report


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as concise lines to ``out``."""
    lang = report.lang
    for result in report.results:
        if result.error is not None:
            out.write(result.error.one_line() + "\n")
            if not result.findings:
                continue  # a front-matter error keeps the body's findings: shown below
        if result.encoding not in ("utf-8", "utf-8 (BOM)"):
            # Say which encoding was assumed when the draft was not UTF-8 (snslint.input.encoding).
            out.write(
                f"{result.path}: 文字コード: {result.encoding} として読みました / encoding: read as {result.encoding}\n"
            )
        for f in result.findings:
            sev = f.severity.value if lang == "en" else f.severity.label_ja
            ref = f" ({f.clause.ref})" if f.clause else ""
            out.write(f"{f.path}:{f.line}:{f.column}: {f.code} [{sev}] {f.message(lang)}{ref}\n")
    from snslint.output.formats import checklist_lines

    for policy_id, items in report.run_checklists():  # once per run, per city
        for line in checklist_lines(items, lang, policy_id):
            out.write(line + "\n")
    c = report.counts()
    # A file with an input error must never read like a clean run.
    errs = len(report.errors)
    if lang == "en":
        out.write(
            f"{sum(c.values())} findings (error {c['error']}, warning {c['warning']}, info {c['info']})"
            f" in {len(report.results)} files" + (f"; {errs} files with errors (see above)" if errs else "") + "\n"
        )
    else:
        out.write(
            f"{len(report.results)} ファイル中 {sum(c.values())} 件"
            f"（エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}）"
            + (f"、読み込みエラーのあったファイル {errs}（上記）" if errs else "")
            + "\n"
        )
