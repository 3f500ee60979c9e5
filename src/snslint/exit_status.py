"""The one place that owns snslint's exit codes (as Black and httpie do).

0, 1 and 2 follow the linter convention of ruff and flake8: a clean run, findings at or above
``--fail-on``, and a usage, input or policy error. A run that both finds and errs exits 2.
"""

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit status of ``snslint``."""

    OK = 0
    """Nothing at or above ``--fail-on`` (or ``--exit-zero`` was given)."""
    FINDINGS = 1
    """At least one finding at or above ``--fail-on``."""
    ERROR = 2
    """Usage error, unreadable input, bad front matter, bad policy or config."""
