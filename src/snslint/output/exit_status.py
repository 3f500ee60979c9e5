"""The one place that owns snslint's exit codes (as Black and httpie do).

0, 1 and 2 follow the linter convention of ruff and flake8: a clean run, findings at or above
``--fail-on``, and a usage, input or policy error. A run that both finds and errs exits 2.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from snslint.output.report import Report


class ExitStatus(IntEnum):
    """Process exit status of ``snslint``."""

    OK = 0
    """Nothing at or above ``--fail-on`` (or ``--exit-zero`` was given)."""
    FINDINGS = 1
    """At least one finding at or above ``--fail-on``."""
    ERROR = 2
    """Usage error, unreadable input, bad front matter, bad policy or config."""


def exit_status(report: "Report", *, exit_zero: bool = False) -> ExitStatus:
    """The exit status of a finished run.

    Input or policy errors win (2), then findings at or above ``report.fail_on`` (1) unless
    ``exit_zero``; otherwise 0.
    """
    if report.errors:
        return ExitStatus.ERROR
    if report.failing() and not exit_zero:
        return ExitStatus.FINDINGS
    return ExitStatus.OK
