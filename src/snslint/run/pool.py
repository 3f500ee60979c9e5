"""A pool of worker processes that check drafts in parallel, each with its own Sudachi.

Why processes: a Sudachi tokenizer cannot be shared by threads or pickled, and most of a
check is Python code that holds the GIL. Each worker is a process that loads the dictionary
once (on its first draft) and checks many drafts.

How (the shape of :func:`check_in_pool`):

- Start method ``fork`` where the platform has it and this process runs one thread (the
  progress bar's thread is started only after the workers exist): a worker then inherits the
  imported modules, the loaded policies and whatever the parent already compiled. Before
  forking, the parent checks the first draft itself, which loads the dictionary, the policy's
  lexicons and the URL patterns once for every worker (copy-on-write). Elsewhere ``spawn``,
  and each worker builds the same state from plain data.
- Each worker is initialised with plain data only (:class:`WorkerSpec`): a
  :class:`~snslint.settings.chooser.PolicySource` (city ids and policy file paths), the
  :class:`~snslint.lint.engine.CheckOptions`, the run's clock and the content cache's folder and
  settings digest. It rebuilds the chooser and the cache from them.
- Paths go out in batches (:func:`batches`: :func:`chunk_size` paths each, smaller at the end)
  through ``ProcessPoolExecutor.map``;
  a worker checks a batch with :func:`~snslint.lint.engine.check_batch` (every body tokenized
  first, then the rules), and ``map`` returns the batches in input order (and raises,
  rather than hangs, if a worker dies). Each result comes back as a small tuple (:func:`encode`): findings as
  :meth:`~snslint.findings.Finding.to_dict` dicts, an error as its class name and fields, the
  post time and redactions, and the draft itself (its text and front matter, a few KB), so the
  parent need not read the file again for reporters and suppressions.
- Each worker appends its cache entries to a shard file of its own (no locks, no result
  traffic); the parent merges the shards into the cache's pack when the run ends, if they
  are worth a rewrite (:meth:`snslint.run.cache.results.ContentCache.compact`).
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterator

from snslint import errors
from snslint.findings import Finding
from snslint.lint.engine import CheckOptions, FileResult, check_batch, check_path
from snslint.settings.chooser import PolicySource

if TYPE_CHECKING:  # pragma: no cover
    from snslint.run.cache.results import ContentCache
    from snslint.run.progress import Progress


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs, as plain picklable data.

    Attributes:
        source: how to choose each draft's policy.
        options: the check options (a frozen dataclass of plain values).
        now: the run's clock (aware, JST).
        cache_root: the content cache's folder, or None without a cache.
        cache_settings: the cache's settings digest (so workers do not fingerprint again).
    """

    source: PolicySource
    options: CheckOptions
    now: datetime
    cache_root: str | None = None
    cache_settings: str | None = None


_STATE: dict[str, Any] = {}
"""This worker's rebuilt state: ``source``, ``options``, ``now``, ``cache``."""


def _init_worker(spec: WorkerSpec) -> None:
    """Pool initializer: rebuild the chooser, options and cache from ``spec``."""
    cache = None
    if spec.cache_root is not None:
        from snslint.run.cache.results import ContentCache

        cache = ContentCache(spec.cache_root, spec.options, settings=spec.cache_settings)
    _STATE.update(source=spec.source, options=spec.options, now=spec.now, cache=cache)


def _check_in_worker(paths: list[str]) -> list[tuple]:
    """Pool task: check a batch of paths in this worker (:func:`~snslint.lint.engine.check_batch`);
    the results as :func:`encode` data, in order."""
    return [encode(r) for r in check_batch(paths, _STATE["source"], _STATE["options"], _STATE["now"], _STATE["cache"])]


def encode(result: FileResult) -> tuple:
    """A :class:`FileResult` as a tuple of plain values (inverse: :func:`decode`).

    Shape: ``(path, [finding dicts], error, encoding, policy_id, post_time, redactions,
    draft)`` where ``error`` is None or ``(class name, ja, en, path, line, column)``.
    """
    err = result.error
    error = None if err is None else (type(err).__name__, err.ja, err.en, err.path, err.line, err.column)
    return (
        result.path,
        [f.to_dict() for f in result.findings],
        error,
        result.encoding,
        result.policy_id,
        result.post_time,
        result.redactions,
        result.draft,
    )


def decode(data: tuple) -> FileResult:
    """Rebuild the :class:`FileResult` that :func:`encode` took apart."""
    path, findings, error, encoding, policy_id, post_time, redactions, draft = data
    err = None
    if error is not None:
        name, ja, en, epath, line, column = error
        cls = getattr(errors, name, errors.SnslintError)
        if not (isinstance(cls, type) and issubclass(cls, errors.SnslintError)):
            cls = errors.SnslintError
        err = cls(ja, en, path=epath, line=line, column=column)
    return FileResult(
        path=path,
        findings=[Finding.from_dict(d) for d in findings],
        error=err,
        encoding=encoding,
        policy_id=policy_id,
        post_time=post_time,
        redactions=redactions,
        draft=draft,
    )


def chunk_size(files: int, jobs: int) -> int:
    """Paths per task: about 8 tasks per worker (for balance and a moving progress bar),
    at least 1 and at most 32 (results stream back as chunks finish)."""
    return max(1, min(32, files // (jobs * 8)))


def batches(paths: list[str], workers: int) -> list[list[str]]:
    """``paths`` cut into the tasks of a pool of ``workers``, in order: batches of
    :func:`chunk_size` paths, except the last round (one batch per worker) cut four times
    finer, so that the workers finish within a few drafts of each other instead of one
    waiting up to a whole batch for the other."""
    size = chunk_size(len(paths), workers)
    tail = min(len(paths), workers * size)
    head = len(paths) - tail
    small = max(1, size // 4)
    return [paths[i : min(i + size, head)] for i in range(0, head, size)] + [
        paths[i : i + small] for i in range(head, len(paths), small)
    ]


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` when available and safe (a single thread), else ``spawn``."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def check_in_pool(
    paths: list[str],
    source: PolicySource,
    options: CheckOptions,
    now: datetime,
    cache: "ContentCache | None",
    jobs: int,
    progress: "Progress | None" = None,
    total: int | None = None,
    done: int = 0,
) -> Iterator[FileResult]:
    """Check ``paths`` with up to ``jobs`` worker processes; results in the order of ``paths``.

    The first path is checked in this process before the pool starts (it warms the state
    that ``fork`` then shares). ``progress`` is started (with ``total``, default the number
    of paths) only once the workers exist (its refresh thread must not be alive at the fork),
    then advanced by ``done`` (files the caller already checked) and once per path. An
    unexpected exception in a worker is raised here, and so is
    :class:`~concurrent.futures.process.BrokenProcessPool` when a worker dies (never a hang);
    pending work is cancelled on the way out.
    """
    if not paths:
        return
    first = check_path(paths[0], source, options, now, cache)
    rest = paths[1:]
    executor = None
    results: Iterator[tuple] = iter(())
    try:
        if rest:
            workers = max(1, min(jobs, len(rest)))
            spec = WorkerSpec(
                source=source,
                options=options,
                now=now,
                cache_root=str(cache.root) if cache is not None else None,
                cache_settings=cache.settings if cache is not None else None,
            )
            ctx = _context()
            if ctx.get_start_method() == "fork":
                # Keep the inherited objects out of the workers' garbage collections, so their
                # pages stay shared instead of being copied on first touch (gc.freeze docs).
                gc.collect()
                gc.freeze()
            executor = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(spec,))
            # map() submits every chunk now, which starts the workers (with fork, all of them
            # before the executor's own thread); results come back in order.
            results = executor.map(_check_in_worker, batches(rest, workers))
        if progress is not None:
            progress.start(total if total is not None else len(paths))
            progress.advance(done + 1)
        yield first
        for batch in results:
            for data in batch:
                yield decode(data)
                if progress is not None:
                    progress.advance(1)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()
