"""Shared test helpers: run a draft's text through the real engine with a bundled policy.

``FIXED_NOW`` is a plain open weekday noon (水曜日 2026-12-02 12:00 JST) so that tests never
depend on the clock; pass ``at=`` for timing cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from snslint.rules.context import JST
from snslint.input.draft import parse_draft
from snslint.lint.engine import CheckOptions, FileResult, check_draft
from snslint.findings import Finding
from snslint.settings.policy import load_bundled
from snslint.rules.registry import resolve

FIXED_NOW = datetime(2026, 12, 2, 12, 0, tzinfo=JST)


def result(
    text: str,
    city: str = "kisarazu",
    *,
    at: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    platform: str | None = None,
    path: str = "draft.txt",
) -> FileResult:
    """Check ``text`` (a whole draft file) against the bundled policy of ``city``."""
    draft = parse_draft(path, text.encode("utf-8"))
    options = CheckOptions(
        at=datetime.fromisoformat(at) if at else None,
        platform=platform,
        select=frozenset(resolve(select.split(","))) if select else None,
        ignore=frozenset(resolve(ignore.split(","), option="--ignore")) if ignore else frozenset(),
    )
    return check_draft(draft, load_bundled(city), options, now=FIXED_NOW)


def reported(text: str, city: str = "kisarazu", *, select: str | None = None, **kw) -> list[Finding]:
    """What the CLI would report for :func:`result`: the engine's findings through the
    filters stage (front-matter suppressions, and the SNS meta rules found there)."""
    from snslint.lint.suppression import Filters, apply

    checked = result(text, city, select=select, **kw)
    wanted = frozenset(resolve(select.split(","))) if select else None
    kept, _ = apply(checked, Filters(select=wanted, policy_for=lambda r: load_bundled(city), platform=kw.get("platform")))
    return kept


def findings(text: str, city: str = "kisarazu", **kw) -> list[Finding]:
    """The findings of :func:`result`."""
    return result(text, city, **kw).findings


def codes(text: str, city: str = "kisarazu", **kw) -> list[str]:
    """The codes of the findings, in report order."""
    return [f.code for f in findings(text, city, **kw)]


def run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``python -m snslint ARGS`` in ``folder`` as a user would (a new process, UTF-8
    output, no colour); returns the completed process with text ``stdout``/``stderr``."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "snslint", *args], cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8"
    )
