"""One check run as data (:class:`RunSpec`), and its execution (:func:`execute`).

The command line turns its arguments and the project's config into one :class:`RunSpec`
(:func:`snslint.cli.check.run_spec`): which drafts, which policy checks each, with which
options. :func:`execute` runs it: every draft through the engine, in order, in worker processes
and through the result cache when asked (:func:`snslint.run.runner.check_paths`), then the
filters stage (``--select``/``--ignore``, per-file ignores, front-matter suppressions, the SNS
meta rules: :func:`snslint.lint.suppression.apply_all`). Reporting and the exit code are not
here: the command line hands the :class:`RunOutcome` to :mod:`snslint.output`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from snslint.errors import SnslintError
from snslint.lint.engine import CheckOptions, FileResult
from snslint.lint.suppression import Filters, apply_all
from snslint.run.progress import Progress
from snslint.run.runner import check_paths, default_cache
from snslint.settings.chooser import PolicySource
from snslint.settings.config import Config
from snslint.settings.policy import ChecklistItem, Policy, checklist, load_bundled

if TYPE_CHECKING:  # pragma: no cover
    from snslint.findings import Finding


@dataclass(frozen=True, eq=False)
class RunSpec:
    """What one run checks, against which policies, with which options.

    Attributes:
        paths: drafts, folders or ``"-"`` (standard input), in the order given, after the
            config's ``exclude``.
        policies: which policy checks each draft (plain data a worker process rebuilds; the
            policies loaded up front are in its ``loaded``).
        options: how each draft is checked: post time, platform, the ``--select``/``--ignore``
            codes, report language, size limit, ``--debug``.
        loaded: the policies loaded up front (``--policy``/``--city``, else the config's
            policy file), by policy id; the filters and the checklists look a result's policy
            up here first, then among the bundled ones.
        config: the project's configuration (its ``per-file-ignores`` globs are matched
            against each draft's path).
        per_file_ignores: each ``per-file-ignores`` glob -> the rule codes it turns off (the
            always-on codes left out, :func:`snslint.rules.registry.resolve_ignore`).
        jobs: worker processes to use at most (1: this process only).
        cache: check through the result cache of the working directory (``.snslint_cache/``).
    """

    paths: list[str]
    policies: PolicySource
    options: CheckOptions
    loaded: Mapping[str, Policy] = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    per_file_ignores: Mapping[str, frozenset[str]] = field(default_factory=dict)
    jobs: int = 1
    cache: bool = True

    def policy_for(self, result: FileResult) -> Policy | None:
        """The policy ``result`` was checked against: one loaded up front, else the bundled
        policy of that id; None when there is none (e.g. the draft could not be checked)."""
        if result.policy_id in self.loaded:
            return self.loaded[result.policy_id]
        try:
            return load_bundled(result.policy_id)
        except SnslintError:
            return None

    def per_file_ignores_for(self, path: str) -> list[tuple[str, frozenset[str]]]:
        """``(glob, codes)`` of each ``per-file-ignores`` entry that matches ``path``."""
        return [(glob, self.per_file_ignores[glob]) for glob, _ in self.config.per_file_ignores_for(path)]


@dataclass(eq=False)
class RunOutcome:
    """What :func:`execute` found.

    Attributes:
        spec: the run.
        results: one per draft (or per folder without drafts), in the order of
            :func:`snslint.input.draft.iter_draft_paths`, their findings filtered.
        suppressed: every finding the filters silenced, with the reason, in report order.
    """

    spec: RunSpec
    results: list[FileResult]
    suppressed: list[tuple["Finding", str]]

    def checklists(self) -> dict[str, list[ChecklistItem]]:
        """Policy id -> its human checklist (:func:`snslint.settings.policy.checklist`), for
        each policy a checked draft used, in the order first used."""
        out: dict[str, list[ChecklistItem]] = {}
        for result in self.results:
            if result.error is None and result.policy_id and result.policy_id not in out:
                policy = self.spec.policy_for(result)
                if policy is not None:
                    out[result.policy_id] = checklist(policy)
        return out


def execute(spec: RunSpec, progress: Progress | None = None) -> RunOutcome:
    """Check every draft of ``spec`` and apply the filters; ``progress`` (a bar on a
    terminal, or None) is told the number of drafts and each one done.

    Nothing derived from :class:`~snslint.errors.SnslintError` is raised for a draft: an
    unreadable draft, a policy that cannot be used or a rule's crash is that result's
    ``error`` (:func:`snslint.lint.engine.check_path`).
    """
    results = check_paths(
        spec.paths,
        spec.policies,
        spec.options,
        jobs=spec.jobs,
        cache=default_cache(spec.options) if spec.cache else None,
        progress=progress,
    )
    suppressed = apply_all(
        results,
        Filters(
            select=spec.options.select,
            ignore=spec.options.ignore,
            per_file_ignores=spec.per_file_ignores_for,
            policy_for=spec.policy_for,
            platform=spec.options.platform,
            lang=spec.options.lang,
        ),
    )
    return RunOutcome(spec=spec, results=results, suppressed=suppressed)
