"""The outcome of one run, as reporters and the exit code see it.

:class:`Report` gathers the per-file results after the filters (select/ignore, suppressions,
``--fail-on``) and answers the questions every reporter asks: counts per severity, which
files failed to read. Masking is :mod:`snslint.lint.redaction`'s (``redact`` is re-exported here).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from snslint.lint.engine import FileResult
from snslint.findings import Finding, Severity
from snslint.lint.redaction import redact  # noqa: F401 - kept where formats found it before

if TYPE_CHECKING:  # the type only: output reads what the run computed
    from snslint.settings.policy import ChecklistItem


@dataclass
class Report:
    """All results of one ``snslint check`` run.

    Attributes:
        results: one per path, in the order checked.
        lang: ``"ja"`` or ``"en"``.
        fail_on: the lowest severity that makes the run fail.
        policy_label: what was checked against (``"goshogawara"``, or a file path).
        suppressed: findings the filters stage silenced, each with its reason (front-matter
            ``reason``, or ``per-file-ignores「glob」``), in report order. They never count
            towards :meth:`counts` or the exit code.
        show_suppressed: ``--show-suppressed``: reporters list :attr:`suppressed` too.
        checklists: policy id -> the questions for clauses only a person can judge
            (:func:`snslint.settings.policy.checklist`); empty with ``--no-checklist``. Rich shows
            them after each draft, concise and the CI formats once per run, JSON as a list.
        show_source: rich shows each finding's source line and carets (``--no-show-source``
            leaves them out).
        fail_codes: rules whose findings fail the run at warning or above whatever
            ``fail_on`` says (``--fail-on-rules PII``: personal data blocks a commit).
    """

    results: list[FileResult]
    lang: str = "ja"
    fail_on: Severity = Severity.ERROR
    policy_label: str = ""
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)
    show_suppressed: bool = False
    fail_codes: frozenset[str] = frozenset()
    show_source: bool = True
    checklists: dict[str, list[ChecklistItem]] = field(default_factory=dict)

    def checklist_for(self, result: FileResult) -> list[ChecklistItem]:
        """The checklist of the policy ``result`` was checked under (empty when unknown,
        for an unreadable file, or with ``--no-checklist``)."""
        if result.error is not None:
            return []
        return self.checklists.get(result.policy_id, [])

    def run_checklists(self) -> list[tuple[str, list[ChecklistItem]]]:
        """``(policy id, questions)`` for each policy a checked draft used, in the order
        first used: what concise and the CI formats print once per run."""
        seen: dict[str, list[ChecklistItem]] = {}
        for result in self.results:
            items = self.checklist_for(result)
            if items and result.policy_id not in seen:
                seen[result.policy_id] = items
        return list(seen.items())

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every file, in report order."""
        return [f for r in self.results for f in r.findings]

    @property
    def errors(self) -> list[FileResult]:
        """Results of files that could not be checked."""
        return [r for r in self.results if r.error is not None]

    def counts(self) -> dict[str, int]:
        """``{"error": n, "warning": n, "info": n}``."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    def failing(self) -> list[Finding]:
        """Findings at or above ``fail_on``, and those of :attr:`fail_codes` at warning or
        above."""
        return [
            f
            for f in self.findings
            if f.severity.rank >= self.fail_on.rank or (f.code in self.fail_codes and f.severity is not Severity.INFO)
        ]

    def summary(self) -> dict[str, int]:
        """Counts for machine formats: files, files_with_findings, input errors, per severity."""
        return {
            "files": len(self.results),
            "files_with_findings": sum(1 for r in self.results if r.findings),
            "input_errors": len(self.errors),
            **self.counts(),
        }

    def statistics(self) -> list[tuple[str, str, str, int]]:
        """``--statistics``: ``(code, name, severity, count)`` per rule and severity, most
        frequent first, then by code (as ``ruff --statistics``)."""
        c = Counter((f.code, f.name, f.severity.value) for f in self.findings)
        return [(code, name, sev, n) for (code, name, sev), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
