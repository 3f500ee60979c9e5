"""Reporters: turn a :class:`~snslint.report.Report` into text for people or machines.

Each format is one module with a ``render(report, out)`` function; :func:`get` imports only the
one asked for, so a JSON run never loads rich.

- ``rich``: for people at a terminal (the default there): grouped by file, the line shown
  with the span underlined and personal data masked, the clause quoted, a hint, a summary.
- ``concise``: one line per finding, ``path:line:col: CODE [severity] message``.
- ``json``: one JSON document for tools.
"""

from __future__ import annotations

import importlib
from typing import Callable, TextIO

from snslint.errors import UsageError
from snslint.report import Report

FORMATS: dict[str, str] = {
    "rich": "snslint.reporters.terminal",
    "concise": "snslint.reporters.concise",
    "json": "snslint.reporters.json_format",
}
"""Format name -> module that renders it."""

Render = Callable[[Report, TextIO], None]


def get(name: str) -> Render:
    """The ``render`` function of format ``name``.

    Raises:
        UsageError: no such format.
    """
    module = FORMATS.get(name)
    if module is None:
        raise UsageError(
            f"出力形式「{name}」はありません（{', '.join(FORMATS)}）。",
            f"unknown format '{name}' (choose from {', '.join(FORMATS)}).",
        )
    return importlib.import_module(module).render
