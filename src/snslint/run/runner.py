"""Run the engine over many paths: expand directories, check each draft, keep the order.

This is the piece that decides *how* files are checked, while :mod:`snslint.lint.engine` decides
*what* a check is:

- one process, or a pool of worker processes (:mod:`snslint.run.pool`) when there are at least
  :data:`MIN_FILES_FOR_POOL` files and more than one job;
- with or without the content cache (:mod:`snslint.run.cache`);
- with or without a progress bar (:class:`~snslint.run.progress.RichProgress`, given by the CLI on a terminal).

Whatever the strategy, results come back in the order of
:func:`snslint.input.draft.iter_draft_paths` and hold the same findings in the same order (the
tests compare them). A run takes the clock once, at its start: every draft without a fixed
post time is checked as if posted at that instant, in whichever process checks it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from snslint.errors import InputError
from snslint.input.draft import iter_draft_paths
from snslint.lint.engine import BATCH_SIZE, CheckOptions, FileResult, check_batch, check_path, settled_result
from snslint.run.progress import Progress
from snslint.settings.chooser import PolicyChooser, PolicySource

if TYPE_CHECKING:  # pragma: no cover
    from snslint.run.cache.results import ContentCache

MIN_FILES_FOR_POOL = 96
"""Fewest files for which a process pool pays for itself: starting the pool (forking two
workers, each holding Sudachi's dictionary) costs as much as checking dozens of drafts, so
halving the per-draft time pays only past about this many. Set from the break-even point on
2 cores with a warm parent (``benchmarks/bench.py --break-even`` measures it again). On a
busy machine (no free core) a pool never pays: pass ``--jobs 1``."""



def check_paths(
    paths: list[str],
    chooser: PolicyChooser,
    options: CheckOptions,
    now: datetime | None = None,
    *,
    jobs: int = 1,
    cache: "ContentCache | None" = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Check every draft under ``paths``; one :class:`FileResult` per draft, in order.

    Args:
        paths: files, folders (walked by :func:`~snslint.input.draft.iter_draft_paths`) or ``"-"``.
        chooser: picks each draft's policy. Only a :class:`PolicySource` can be rebuilt in a
            worker process; any other chooser runs in this process.
        options: how to check.
        now: the clock for drafts without a post time (default: the current time, taken once).
        jobs: worker processes to use at most (1: this process only). A pool is used only
            for :data:`MIN_FILES_FOR_POOL` files or more.
        cache: the content cache, or None (``--no-cache``).
        progress: told the number of files, then each file done.

    A directory that holds no ``.txt``/``.md`` draft gives one result with an
    :class:`~snslint.errors.InputError`.
    """
    from snslint.rules.context import JST

    now = now if now is not None else datetime.now(JST)
    plan: list[str | None] = []  # a draft path, or None for "this folder holds no drafts"
    empty: list[str] = []
    for given in paths:
        found = list(iter_draft_paths([given]))
        if found:
            plan.extend(found)
        else:
            plan.append(None)
            empty.append(given)
    todo = [p for p in plan if p is not None]
    done: list[FileResult] = []
    settled: dict[int, FileResult] = {}
    parallel = [p for p in todo if p != "-"]
    use_pool = jobs > 1 and len(parallel) >= MIN_FILES_FOR_POOL and isinstance(chooser, PolicySource)
    if use_pool and cache is not None and len(cache):
        # A run over a cache with results in it: take the hits (and input errors) here, and
        # start workers only for what is left. A hit costs reading the draft and one look-up,
        # less than sending it through a worker (fork, pickling the draft back).
        for i, path in enumerate(todo):
            if path != "-":
                found = settled_result(path, chooser, options, cache)
                if found is not None:
                    settled[i] = found
        left = [p for i, p in enumerate(todo) if i not in settled and p != "-"]
        use_pool = len(left) >= MIN_FILES_FOR_POOL
    try:
        if use_pool:
            from snslint.run.pool import check_in_pool

            by_path: dict[int, FileResult] = dict(settled)
            stdin_at = [i for i, p in enumerate(todo) if p == "-"]
            for i in stdin_at:  # a worker cannot read our stdin
                by_path[i] = check_path("-", chooser, options, now, cache)
            others = [i for i, p in enumerate(todo) if i not in by_path]
            pooled = check_in_pool(
                [todo[i] for i in others], chooser, options, now, cache, jobs, progress,
                total=len(todo), done=len(stdin_at) + len(settled),
            )
            for i, result in zip(others, list(pooled)):
                by_path[i] = result
            done = [by_path[i] for i in range(len(todo))]
        else:
            if progress is not None:
                progress.start(len(todo))
                progress.advance(len(settled))
            left = [i for i in range(len(todo)) if i not in settled]
            by_index: dict[int, FileResult] = dict(settled)
            for start in range(0, len(left), BATCH_SIZE):
                batch = left[start : start + BATCH_SIZE]
                for i, result in zip(batch, check_batch([todo[i] for i in batch], chooser, options, now, cache)):
                    by_index[i] = result
                    _advance(progress)
            done = [by_index[i] for i in range(len(todo))]
    finally:
        if progress is not None:
            progress.stop()
        if cache is not None:
            cache.compact(force=False)  # the workers' shards and ours, merged when worth it
    results: list[FileResult] = []
    it = iter(done)
    empty_it = iter(empty)
    for item in plan:
        if item is not None:
            results.append(next(it))
            continue
        given = next(empty_it)
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


def _advance(progress: Progress | None) -> None:
    if progress is not None:
        progress.advance(1)


def default_cache(options: CheckOptions, root: str | Path | None = None) -> "ContentCache":
    """The content cache of the working directory (``.snslint_cache/``), or of ``root``."""
    from snslint.run.cache.folder import CACHE_DIR_NAME
    from snslint.run.cache.results import ContentCache

    return ContentCache(Path(root) if root is not None else Path.cwd() / CACHE_DIR_NAME, options)
