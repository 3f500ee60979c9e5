"""``--format json``: one JSON document for tools.

Shape::

    {"snslint_version": "0.1.0", "policy": "goshogawara",
     "findings": [{"path", "code", "name", "severity", "line", "column", "end_line",
                   "end_column", "start", "end", "text", "message", "clause", "hint", "fix"}],
     "files": [{"path", "policy", "encoding", "post_time", "post_time_source", "error"}],
     "summary": {"files", "files_with_findings", "input_errors", "error", "warning", "info"},
     "checklist": [{"policy", "ref", "question", "coverage", "document"}]}

``checklist`` holds the questions for the clauses only a person can judge, once per policy
used in the run (empty with ``--no-checklist``); ``files[].policy`` tells which apply to a file.

``start``/``end`` are 0-based character offsets into the file's text; ``line``/``column``
1-based (columns in characters); ``end_column`` is exclusive. ``text`` is the matched text as
written, masked for personal data. ``clause`` is ``{"ref", "text", "document",
"users_list"}`` or null.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from snslint import __version__
from snslint.findings import Finding
from snslint.output.report import Report
from snslint.output.formats import checklist_json


EVIDENCE_KEYS = ("score", "thresholds", "tests")
"""``Finding.extra`` keys of a scored finding (the CAT rules) that reports carry as
``evidence``: the category total, its thresholds and every test that fired with its score."""


def finding_evidence(f: Finding) -> dict[str, Any] | None:
    """The scored evidence of ``f`` (see :data:`EVIDENCE_KEYS`), or None for other rules."""
    if "tests" not in f.extra:
        return None
    return {k: f.extra[k] for k in EVIDENCE_KEYS if k in f.extra}


def finding_json(f: Finding, lang: str) -> dict[str, Any]:
    """One finding as the JSON object described above (plus ``evidence`` for a scored one)."""
    out = _finding_fields(f, lang)
    evidence = finding_evidence(f)
    if evidence is not None:
        out["evidence"] = evidence
    return out


def _finding_fields(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "path": f.path,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "message": f.message(lang),
        "clause": asdict(f.clause) if f.clause else None,
        "hint": f.hint_in(lang),
        # A change that resolves the finding (file character offsets), applied by
        # `snslint check --fix`; null when there is none.
        "fix": f.extra.get("fix"),
    }


def document(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    lang = report.lang
    files = []
    for r in report.results:
        files.append(
            {
                "path": r.path,
                "policy": r.policy_id or None,
                "encoding": r.encoding if r.error is None else None,
                "post_time": r.post_time.at.isoformat() if r.post_time else None,
                "post_time_source": r.post_time.source if r.post_time else None,
                "error": (r.error.en if lang == "en" else r.error.ja) if r.error else None,
            }
        )
    doc = {
        "snslint_version": __version__,
        "policy": report.policy_label,
        "findings": [finding_json(f, lang) for f in report.findings],
        "files": files,
        "summary": report.summary(),
        "checklist": checklist_json(report),
    }
    if report.show_suppressed:  # --show-suppressed: each silenced finding with its "reason"
        doc["suppressed"] = [{**finding_json(f, lang), "reason": reason} for f, reason in report.suppressed]
    return doc


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as one JSON document (UTF-8, not ASCII-escaped) to ``out``."""
    # One write of the whole text: json.dump would call out.write once per token (about
    # 90 per finding), and each call on a text stream encodes and may flush on its own.
    out.write(json.dumps(document(report), ensure_ascii=False, indent=2) + "\n")
