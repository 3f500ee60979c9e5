"""What the commands share: the ``--lang`` choice and the one-line error on standard error."""

from __future__ import annotations

import sys
from enum import Enum


class Lang(str, Enum):
    ja = "ja"
    en = "en"


def err(message: str) -> None:
    """Write ``message`` and a line break to standard error (the one-line errors and notes)."""
    sys.stderr.write(message + "\n")
