"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One ``sarifLog`` (SARIF 2.1.0 §3.13) with one ``run`` (§3.14):

- ``tool.driver`` (§3.18, §3.19): name ``snslint``, its version, and ``rules``: one
  ``reportingDescriptor`` (§3.49) per registered rule, in code order, with ``id`` (the code),
  ``name`` (kebab-case), ``shortDescription`` (the rule's one-line summary in the report
  language), ``fullDescription`` (what the rule does, in the report language) and ``help``
  (§3.49.12, a multiformat message, §3.12: ``text`` and ``markdown``): the rule's documentation
  in ruff's sections, What it does, Why it matters, Example, Use instead, with headings and
  prose in Japanese and English (:mod:`snslint.rules.docs`; a personal-data rule's example
  draft is left out, its masked finding shown), written once with the rule;
  snslint has no web pages, so ``help`` stands in for a ``helpUri``),
  ``defaultConfiguration.level`` and the family as a tag.
- ``results`` (§3.27): ``ruleId``, ``ruleIndex``, ``level`` (error, warning, note for info),
  ``message.text`` (the message, with the clause number), one ``physicalLocation``
  (§3.29) whose ``artifactLocation.uri`` is the path as given (relative paths stay relative,
  percent-encoded, ``/`` separators; absolute ones become ``file://`` URIs) and whose
  ``region`` (§3.30) has ``startLine``, ``startColumn``, ``endLine``, ``endColumn``, plus
  ``charOffset``/``charLength`` (§3.30.10-11: characters, 0-based offset).
  Lines and columns are 1-based; columns count Unicode code points (characters), which
  ``run.columnKind`` = ``"unicodeCodePoints"`` declares (§3.14.27); ``endColumn`` is the
  column just past the region (§3.30.8). ``properties`` carry the clause, the hint and the
  policy id.
- Personal data: ``region.snippet`` (the matched text) is written only for findings that are
  not ``sensitive``; for sensitive ones the masked text goes to ``properties.maskedText`` and
  messages never hold the raw value (the rules' contract).
- ``--show-suppressed``: silenced findings are results too, with ``suppressions`` (§3.35):
  ``kind`` ``inSource`` (front matter) or ``external`` (config), ``justification`` = reason.
- Files that could not be read: ``invocations[0].toolExecutionNotifications`` (§3.20.21,
  level error, with the path) and ``executionSuccessful`` false (§3.20.14).

The output validates against the OASIS SARIF 2.1.0 JSON schema (errata 01), which the test
suite vendors in ``tests/data/``.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from snslint import __version__
from snslint.findings import Finding, Severity
from snslint.output.report import Report
from snslint.output.formats import checklist_json
from snslint.output.formats.json_format import finding_evidence

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
"""``$schema`` of the log: the OASIS 2.1.0 errata 01 schema."""

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""snslint severity -> SARIF ``level`` (§3.27.10)."""


def artifact_uri(path: str) -> str:
    """A SARIF ``artifactLocation.uri`` for a path as given on the command line.

    ``"-"`` (stdin) stays ``"-"``; an absolute path becomes a ``file://`` URI; a relative path
    becomes a relative URI reference with ``/`` separators, percent-encoded (UTF-8), e.g.
    ``"下書き/告知.txt"`` -> ``"%E4%B8%8B%E6%9B%B8%E3%81%8D/%E5%91%8A%E7%9F%A5.txt"``.
    """
    if path == "-":
        return "-"
    p = PurePath(path)
    if p.is_absolute():
        from pathlib import Path

        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/-._~")


def rule_descriptor(rule: Any, lang: str) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one rule (§3.49)."""
    from snslint.rules.docs import markdown, sections, text_lines

    short = (rule.summary_en or rule.summary) if lang == "en" else (rule.summary or rule.summary_en)
    what = sections(rule)[0]
    full = (what.en or what.ja) if lang == "en" else (what.ja or what.en)
    more = f"`snslint explain {rule.code}`"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short or rule.name},
        "fullDescription": {"text": full or short or rule.name},
        "help": {
            # a sensitive rule's example draft stays out: a report never carries personal data
            "text": "\n".join(text_lines(rule, personal_data_drafts=False)) + f"\n\n{more}",
            "markdown": f"{markdown(rule, personal_data_drafts=False)}\n{more}\n",
        },
        "defaultConfiguration": {"level": LEVEL[rule.default_severity]},
        "properties": {"tags": [rule.family], "suppressible": rule.suppressible},
    }


def _result(f: Finding, index: dict[str, int], lang: str, policy_id: str) -> dict[str, Any]:
    ref = f"（{f.clause.ref}）" if lang != "en" and f.clause else f" ({f.clause.ref})" if f.clause else ""
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": max(0, f.end - f.start),
    }
    props: dict[str, Any] = {"severity": f.severity.value}
    if policy_id:
        props["policy"] = policy_id
    if f.sensitive:
        props["maskedText"] = f.text
    elif f.text:
        region["snippet"] = {"text": f.text}
    if f.clause:
        props["clause"] = {"ref": f.clause.ref, "text": f.clause.text, "document": f.clause.document}
    hint = f.hint_in(lang)
    if hint:
        props["hint"] = hint
    evidence = finding_evidence(f)
    if evidence is not None:
        props["evidence"] = evidence  # the CAT total, thresholds and every fired test
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.message(lang)}{ref}"},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}
        ],
        "properties": props,
    }
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    fix = f.extra.get("fix")
    if fix:
        # SARIF 2.1.0 §3.55 fix: one artifactChange with one replacement (§3.57), the region
        # by character offset and length (§3.30.13-14).
        out["fixes"] = [
            {
                "description": {"text": fix["description"]},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(f.path)},
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": fix["start"], "charLength": fix["end"] - fix["start"]},
                                "insertedContent": {"text": fix["replacement"]},
                            }
                        ],
                    }
                ],
            }
        ]
    return out


def document(report: Report) -> dict[str, Any]:
    """The whole report as a SARIF 2.1.0 ``sarifLog`` dict (see the module doc)."""
    from snslint.rules.registry import registry

    lang = report.lang
    rules = list(registry().values())
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for r in report.results:
        for f in r.findings:
            results.append(_result(f, index, lang, r.policy_id))
    if report.show_suppressed:
        for f, reason in report.suppressed:
            res = _result(f, index, lang, "")
            kind = "external" if reason.startswith("per-file-ignores") else "inSource"
            res["suppressions"] = [{"kind": kind, "status": "accepted", "justification": reason}]
            results.append(res)
    notifications = []
    for r in report.errors:
        err = r.error
        assert err is not None
        note: dict[str, Any] = {
            "level": "error",
            "message": {"text": err.en if lang == "en" else err.ja},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        }
        if err.line:
            note["locations"][0]["physicalLocation"]["region"] = {"startLine": err.line}
        notifications.append(note)
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "snslint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule, lang) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"policy": report.policy_label, "summary": report.summary(), "checklist": checklist_json(report)},
            }
        ],
    }


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as one SARIF 2.1.0 JSON document (UTF-8, not ASCII-escaped) to ``out``."""
    # One write of the whole text: json.dump would call out.write once per token (about
    # 90 per finding), and each call on a text stream encodes and may flush on its own.
    out.write(json.dumps(document(report), ensure_ascii=False, indent=2) + "\n")
