"""``--format html``: one self-contained HTML file for people who do not read a terminal.

For a CI artifact or an e-mail to a manager: a summary table per file and per rule, then each
draft with its findings' spans highlighted by severity (personal data masked, as in every
report), each finding with its message, the clause quoted and a hint, the city's checklist of
clauses a person must judge, filters by severity and rule, and with ``--show-suppressed`` the
silenced findings with their reasons. The stylesheet and the filter script are inline (the file opens offline, from a
mail attachment); a Content-Security-Policy allows only those two (by their SHA-256 hashes),
so nothing in a draft can run or load anything.

The templates are the page's (:mod:`snslint.web`, ``snslint serve``): one look, one escaping.
Jinja2 is imported only when this format is asked for.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from typing import Any, TextIO

from snslint import __version__
from snslint.errors import SnslintError
from snslint.output.report import Report


def csp_hash(text: str) -> str:
    """``sha256-…`` source expression of an inline script or style (CSP Level 2)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _policy_finder(report: Report):
    """policy id -> Policy (or None): the ``--policy`` file when the run used one, else the
    bundled policy of that id."""
    from snslint.settings.policy import load_bundled, load_policy_file

    cache: dict[str, Any] = {}
    label = report.policy_label
    if label and label.endswith((".yaml", ".yml")) and os.path.isfile(label):
        try:
            own = load_policy_file(label)
            cache[own.id] = own
        except SnslintError:
            pass

    def find(pid: str):
        if not pid:
            return None
        if pid not in cache:
            try:
                cache[pid] = load_bundled(pid)
            except SnslintError:
                cache[pid] = None
        return cache[pid]

    return find


def render(report: Report, out: TextIO) -> None:
    """Write ``report`` as one HTML document (UTF-8 text) to ``out``."""
    from markupsafe import Markup

    from snslint.input.draft import read_draft
    from snslint.output.draftview.view import SEVERITIES, build_view, environment, labels, static_text

    lang = report.lang
    lab = labels(lang)
    find_policy = _policy_finder(report)
    views = []
    for i, result in enumerate(report.results):
        draft = result.draft
        if draft is None and result.error is None and result.path != "-":
            try:  # a result that came back without its draft: read the file again to show it
                draft = read_draft(result.path)
            except SnslintError:
                draft = None
        views.append(
            build_view(
                result,
                find_policy(result.policy_id),
                lang,
                id_prefix=f"d{i}-",
                draft=draft,
                checklist=report.checklist_for(result),
            )
        )
    by_rule: dict[tuple[str, str], Counter[str]] = {}
    for f in report.findings:
        by_rule.setdefault((f.code, f.name), Counter())[f.severity.value] += 1
    rules = [
        {"code": code, "name": name, "by_severity": {s.value: c.get(s.value, 0) for s in SEVERITIES}, "count": sum(c.values())}
        for (code, name), c in sorted(by_rule.items())
    ]
    totals = report.counts()
    css = static_text("snslint.css")
    script = static_text("report.js")
    summary_line = lab["summary_line"].format(files=len(report.results), total=sum(totals.values()), **totals)
    html = environment().get_template("report.html").render(
        lang="en" if lang == "en" else "ja",
        lab=lab,
        views=views,
        rules=rules,
        totals=totals,
        summary_line=summary_line,
        policy_label=report.policy_label,
        version=__version__,
        suppressed=report.suppressed if report.show_suppressed else [],
        css=Markup(css),
        script=Markup(script),
        style_hash=csp_hash(css),
        script_hash=csp_hash(script),
    )
    out.write(html)
