"""Progress of a run: what :func:`snslint.run.runner.check_paths` reports to, and a rich bar."""

from __future__ import annotations

from typing import Any, Protocol

PROGRESS_MIN_FILES = 300
"""Fewest files for which :class:`RichProgress` shows a bar."""


class Progress(Protocol):
    """What :func:`~snslint.run.runner.check_paths` reports progress to (``start`` once,
    ``advance`` per file)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def stop(self) -> None: ...


class RichProgress:
    """A transient rich progress bar on stderr, shown only for ``min_files`` files or more.

    The CLI creates one only when stderr is a terminal and the format is for people; rich is
    imported only when the bar is actually shown.
    """

    def __init__(self, min_files: int = PROGRESS_MIN_FILES) -> None:
        self.min_files = min_files
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        if total < self.min_files:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("検査中 / checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("check", total=total)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
