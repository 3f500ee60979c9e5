"""What every PII rule shares: the base class that marks findings sensitive (masked)."""

from __future__ import annotations

from snslint.rules.api import Rule


class _PiiRule(Rule):
    """Common flags of the family: every finding is sensitive (masked)."""

    sensitive = True
