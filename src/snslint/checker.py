"""Run the engine over many paths: expand directories, check each draft, keep the order.

This is the piece that decides *how* files are checked (one process now; parallel workers
and the content cache plug in here) while :mod:`snslint.engine` decides *what* a check is.
Results come back in the order of :func:`snslint.draft.iter_draft_paths`, whatever the
execution strategy, so output is deterministic.
"""

from __future__ import annotations

from datetime import datetime

from snslint.draft import iter_draft_paths
from snslint.engine import CheckOptions, FileResult, PolicyChooser, check_path
from snslint.errors import InputError


def check_paths(
    paths: list[str], chooser: PolicyChooser, options: CheckOptions, now: datetime | None = None
) -> list[FileResult]:
    """Check every draft under ``paths``; one :class:`FileResult` per draft, in order.

    A directory that holds no ``.txt``/``.md`` draft gives one result with an
    :class:`~snslint.errors.InputError`.
    """
    results: list[FileResult] = []
    for given in paths:
        before = len(results)
        for path in iter_draft_paths([given]):
            results.append(check_path(path, chooser, options, now))
        if len(results) == before:
            results.append(
                FileResult(
                    path=given,
                    error=InputError(
                        "フォルダに下書き（.txt / .md）がありません。",
                        "the folder holds no drafts (.txt / .md).",
                        path=given,
                    ),
                )
            )
    return results
