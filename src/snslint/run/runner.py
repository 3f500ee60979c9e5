"""Run the engine over many paths: expand directories, check each draft, keep the order.

This is the piece that decides *how* files are checked, while :mod:`snslint.lint.engine` decides
*what* a check is:

- one process, or a pool of worker processes (:mod:`snslint.run.pool`) when there are at least
  :data:`MIN_FILES_FOR_POOL` files and more than one job;
- with or without the content cache (:mod:`snslint.run.cache`);
- with or without a progress bar (:class:`RichProgress`, given by the CLI on a terminal).

Whatever the strategy, results come back in the order of
:func:`snslint.input.draft.iter_draft_paths` and hold the same findings in the same order (the
tests compare them). A run takes the clock once, at its start: every draft without a fixed
post time is checked as if posted at that instant, in whichever process checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from snslint.input.draft import iter_draft_paths, read_draft
from snslint.lint.engine import CheckOptions, FileResult, PolicyChooser, check_draft, choose_policy
from snslint.errors import InputError, SnslintError

if TYPE_CHECKING:  # pragma: no cover
    from snslint.run.cache import ContentCache
    from snslint.input.draft import Draft
    from snslint.settings.policy import Policy

MIN_FILES_FOR_POOL = 96
"""Fewest files for which a process pool pays for itself. Measured on 2 cores (warm parent,
``benchmarks/bench.py --break-even``): starting the pool costs about 50 ms (forking two
~200 MB processes), a draft about 1.2 ms of CPU, so halving the per-draft time pays from
about 80-100 drafts (64 files: 0.25 s in one process, 0.26 s in two; 128 files: 0.33 s vs
0.31 s). On a busy machine (no free core) a pool never pays: pass ``--jobs 1``."""

PROGRESS_MIN_FILES = 300
"""Fewest files for which :class:`RichProgress` shows a bar."""


@dataclass(frozen=True)
class PolicySource:
    """How to choose each draft's policy, as plain data a worker process can rebuild.

    The order of precedence is the CLI's: ``city`` / ``policy_file`` (``--city`` /
    ``--policy``) win for every draft; else the draft's front matter ``city:``; else the
    config's policy file ``default_file``; else the config's ``default_city``; else the
    draft gets a :class:`~snslint.errors.PolicyError`.

    Attributes:
        city: ``--city``, a bundled policy id.
        policy_file: ``--policy``, a policy YAML file (as given).
        default_city: the config's ``city``.
        default_file: the config's policy file.
        loaded: policies the caller already loaded, by ``"city:ID"`` / ``"file:PATH"``; never
            pickled (a worker started by ``spawn`` loads them again; one started by ``fork``
            inherits them).

    Calling a source with a draft returns its policy (it is a
    :data:`~snslint.lint.engine.PolicyChooser`).
    """

    city: str | None = None
    policy_file: str | None = None
    default_city: str | None = None
    default_file: str | None = None
    loaded: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"city": self.city, "policy_file": self.policy_file, "default_city": self.default_city, "default_file": self.default_file}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        object.__setattr__(self, "loaded", {})

    def _load(self, kind: str, name: str) -> "Policy":
        from snslint.settings.policy import load_bundled, load_policy_file

        key = f"{kind}:{name}"
        policy = self.loaded.get(key)
        if policy is None:
            policy = load_bundled(name) if kind == "city" else load_policy_file(name)
            self.loaded[key] = policy
        return policy

    def __call__(self, draft: "Draft") -> "Policy":
        if self.city or self.policy_file:
            return self._load("city", self.city) if self.city else self._load("file", self.policy_file)
        if not draft.meta.city and self.default_file:
            return self._load("file", self.default_file)
        return choose_policy(None, default_city=self.default_city)(draft)


class Progress(Protocol):
    """What :func:`check_paths` reports progress to (``start`` once, ``advance`` per file)."""

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


def check_one(
    path: str,
    chooser: PolicyChooser,
    options: CheckOptions,
    now: datetime | None = None,
    cache: "ContentCache | None" = None,
) -> FileResult:
    """Read and check one path, through the content cache when one is given.

    Same result as :func:`snslint.lint.engine.check_path` (input and policy errors come back in
    ``FileResult.error``); a cache hit restores everything but the draft, which is read again.
    """
    try:
        draft = read_draft(path, options.max_bytes)
        policy = chooser(draft)
    except SnslintError as exc:
        return FileResult(path=path, error=exc)
    key = cache.key(draft, policy) if cache is not None else None
    if key is not None:
        hit = cache.get(key)
        if hit is not None:
            return FileResult(
                path=draft.path,
                findings=hit.findings,
                encoding=hit.encoding,
                policy_id=hit.policy_id,
                post_time=hit.post_time,
                redactions=hit.redactions,
                draft=draft,
            )
    try:
        result = check_draft(draft, policy, options, now)
    except SnslintError as exc:  # RuleCrash: this file is not checked, the run goes on
        return FileResult(path=path, error=exc)
    if key is not None:
        cache.put(key, result)
    return result


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
    previous_artifacts = None
    if cache is not None:
        from snslint.run.cache import use_artifact_cache

        previous_artifacts = use_artifact_cache(cache.root)
    done: list[FileResult] = []
    parallel = [p for p in todo if p != "-"]
    use_pool = jobs > 1 and len(parallel) >= MIN_FILES_FOR_POOL and isinstance(chooser, PolicySource)
    try:
        if use_pool:
            from snslint.run.pool import check_in_pool

            by_path: dict[int, FileResult] = {}
            stdin_at = [i for i, p in enumerate(todo) if p == "-"]
            for i in stdin_at:  # a worker cannot read our stdin
                by_path[i] = check_one("-", chooser, options, now, cache)
            others = [i for i, p in enumerate(todo) if p != "-"]
            pooled = check_in_pool(
                parallel, chooser, options, now, cache, jobs, progress, total=len(todo), done=len(stdin_at)
            )
            for i, result in zip(others, list(pooled)):
                by_path[i] = result
            done = [by_path[i] for i in range(len(todo))]
        else:
            if progress is not None:
                progress.start(len(todo))
            for path in todo:
                done.append(check_one(path, chooser, options, now, cache))
                _advance(progress)
    finally:
        if progress is not None:
            progress.stop()
        if cache is not None:
            use_artifact_cache(previous_artifacts)
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
    from snslint.run.cache import CACHE_DIR_NAME, ContentCache

    return ContentCache(Path(root) if root is not None else Path.cwd() / CACHE_DIR_NAME, options)
