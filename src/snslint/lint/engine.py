"""The engine: run a policy's rules over drafts and collect findings.

:func:`check_path` reads one path and never raises for bad input: an unreadable draft becomes
a :class:`FileResult` with ``error`` set, so a directory run checks every other file and the
CLI still exits 2. Findings come back sorted (path, offset, code): the same input always gives
the same findings in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, Sequence

from snslint.rules.context import JST, CheckContext, PostTime, to_zone
from snslint.input.draft import DEFAULT_MAX_BYTES, Draft, read_draft
from snslint.errors import InputError, RuleCrash, SnslintError
from snslint.findings import Finding
from snslint.identity_memo import IdentityMemo
from snslint.lint.redaction import mask_result, personal_spans
from snslint.lint.startup import resume_collection
from snslint.settings.chooser import PolicyChooser
from snslint.settings.policy import Policy, RuleConfig
from snslint.rules.registry import check_policy, registry
from snslint.rules.api import Rule, RuleContext
from snslint.text.analysis import Analysis


@dataclass(frozen=True)
class CheckOptions:
    """How to check, from the command line and config.

    Attributes:
        at: the post time given with ``--at`` (aware or naive JST), or None.
        platform: ``--platform``, or None.
        select: codes to run instead of the policy's set (``--select``), or None.
        ignore: codes never to run (``--ignore``).
        lang: report language.
        max_bytes: largest draft read, in bytes.
        debug: let a rule's unexpected exception propagate (``--debug``) instead of
            reporting the file as not checked.
    """

    at: datetime | None = None
    platform: str | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    lang: str = "ja"
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False


@dataclass
class FileResult:
    """The outcome for one path.

    Attributes:
        path: as given.
        findings: sorted findings (empty when ``error`` is set, except for a front-matter
            error: the body was still checked, see :func:`with_front_matter_error`).
        error: why the file could not be checked (or not all of it), or None.
        encoding: the encoding the draft was read in.
        policy_id: the policy it was checked against.
        post_time: the post time used, or None when the file was not checked.
        redactions: ``(start, end, masked)`` file spans of personal data and secrets, for
            reporters that show source lines.
        draft: the draft itself (for reporters that show source lines); not serialized.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: SnslintError | None = None
    encoding: str = "utf-8"
    policy_id: str = ""
    post_time: PostTime | None = None
    redactions: list[tuple[int, int, str]] = field(default_factory=list)
    draft: Draft | None = None


def active_rules(policy: Policy, options: CheckOptions) -> list[tuple[Rule, RuleConfig | None]]:
    """The rules to run for ``policy``, each with its policy entry, in code order.

    Without ``--select`` these are the rules the policy enables; with it, exactly the
    selected ones (a rule the policy turns off or omits runs at its default severity).
    ``--ignore`` removes rules in both cases. Computed once per policy object and options
    (policies are not changed after loading) and shared: callers must not modify the list.

    Raises:
        PolicyError: the policy's rule entries are unsound
            (:func:`snslint.rules.registry.check_policy`, asked before its first draft).
    """
    return _ACTIVE_RULES.get(policy, options, lambda: _select_rules(policy, options))


def _select_rules(policy: Policy, options: CheckOptions) -> list[tuple[Rule, RuleConfig | None]]:
    """What :func:`active_rules` returns, computed afresh (once the rule entries are checked)."""
    check_policy(policy)
    out: list[tuple[Rule, RuleConfig | None]] = []
    for code, rule in registry().items():
        if code in options.ignore:
            continue
        cfg = policy.rule(code)
        if options.select is not None:
            if code in options.select:
                out.append((rule, cfg if cfg is not None and cfg.enabled else None))
        elif cfg is not None and cfg.enabled:
            out.append((rule, cfg))
    return out


_ACTIVE_RULES: IdentityMemo[list[tuple[Rule, RuleConfig | None]]] = IdentityMemo(max_entries=64)
""":func:`active_rules` by policy (identity) and options: the same for every draft of a run."""


def post_time_for(draft: Draft, options: CheckOptions, now: datetime | None = None) -> PostTime:
    """``--at``, else the draft's ``scheduled_at``, else the current time, in JST."""
    if options.at is not None:
        return PostTime(to_zone(options.at), "option")
    if draft.meta.scheduled_at is not None:
        return PostTime(to_zone(draft.meta.scheduled_at), "front-matter")
    return PostTime(to_zone(now) if now else datetime.now(JST), "clock")


def check_draft(
    draft: Draft,
    policy: Policy,
    options: CheckOptions,
    now: datetime | None = None,
    artifacts: Any = None,
    analysis: Analysis | None = None,
) -> FileResult:
    """All findings of ``policy``'s active rules in ``draft``, sorted.

    ``artifacts`` (a :class:`~snslint.text.lexicon.ArtifactStore`, or None) is where the
    rules may keep compiled data between runs (the CAT lexicons); ``analysis`` is the body's
    analysis if it was made ahead (:func:`check_batch`). Neither changes any finding.
    """
    rules = active_rules(policy, options)
    ctx = CheckContext(
        draft=draft,
        policy=policy,
        post_time=post_time_for(draft, options, now),
        platform=options.platform or draft.meta.platform,
        lang=options.lang,
        active_codes=frozenset(rule.code for rule, _ in rules),
        artifacts=artifacts,
        prepared=analysis,
    )
    if ctx.platform is None and ctx.account is not None:
        ctx.platform = ctx.account.platform
    findings: list[Finding] = []
    for rule, cfg in rules:
        try:
            findings.extend(rule.check(RuleContext(rule, cfg, ctx)))
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not stop the run
            if options.debug:
                raise
            raise RuleCrash(
                f"ルール {rule.code} の内部エラーでこのファイルを検査できませんでした（{type(exc).__name__}）。"
                "--debug で詳細を表示できます。",
                f"internal error in rule {rule.code} ({type(exc).__name__}); this file was not checked."
                " Run with --debug for details.",
                path=draft.path,
            ) from exc
    findings.sort(key=Finding.sort_key)
    # The masking pass (snslint.lint.redaction): where the personal data is, whichever rules run,
    # then every finding masked before it is cached, sent from a worker or shown.
    sensitive = [f for f in findings if f.sensitive]
    tokenized = "morphemes" in vars(ctx.analysis)
    for rule, cfg in _unselected_sensitive(policy, options):
        if rule.tokenizes and not tokenized and len(draft.body) > MASK_TOKENIZE_LIMIT:
            continue
        try:
            sensitive.extend(rule.check(RuleContext(rule, cfg, ctx)))
        except Exception:  # noqa: BLE001 - a rule that cannot run masks nothing; the rest stands
            if options.debug:
                raise
    result = FileResult(
        path=draft.path,
        findings=findings,
        encoding=draft.encoding,
        policy_id=policy.id,
        post_time=ctx.post_time,
        redactions=personal_spans(draft, sensitive),
        draft=draft,
    )
    return mask_result(result)


MASK_TOKENIZE_LIMIT = 100_000
"""Longest body (characters) for which the masking pass tokenizes a draft only to find the
names and addresses that unselected rules (PII005, PII006) would report: past it, and when
no selected rule tokenized the draft, the pattern rules mask alone (phones, My Numbers,
cards, e-mail addresses, credentials, birth dates). Tokenizing grows with the length of the
body and would be nearly all of a ``--select URL`` run over such a file, which the pattern
rules alone keep quick; the longest post a platform takes (Facebook, 63,206 characters)
stays under it."""


def _unselected_sensitive(policy: Policy, options: CheckOptions) -> list[tuple[Rule, RuleConfig | None]]:
    """The sensitive rules (personal data, secrets) that this run does not report: not
    selected, ignored, or off in the policy. They still run, for masking only (with the
    policy's settings when it has an entry, else the defaults). Computed once per policy
    object and options, as :func:`active_rules` (callers must not modify the list)."""
    return _UNSELECTED_SENSITIVE.get(policy, options, lambda: _sensitive_not_in(policy, active_rules(policy, options)))


def _sensitive_not_in(policy: Policy, active: list[tuple[Rule, RuleConfig | None]]) -> list[tuple[Rule, RuleConfig | None]]:
    """What :func:`_unselected_sensitive` returns, computed afresh."""
    running = {rule.code for rule, _ in active}
    return [(rule, policy.rule(code)) for code, rule in registry().items() if rule.sensitive and code not in running]


_UNSELECTED_SENSITIVE: IdentityMemo[list[tuple[Rule, RuleConfig | None]]] = IdentityMemo(max_entries=64)
""":func:`_unselected_sensitive` by policy (identity) and options: the same for every draft of a run."""


class ResultCache(Protocol):
    """Where :func:`check_path` keeps results by content (the run stage passes one in:
    :class:`snslint.run.cache.results.ContentCache`). ``key`` is None when a draft must not be
    cached (no fixed post time); ``get`` returns what was stored (findings, encoding,
    policy_id, post_time, redactions) or None."""

    def key(self, draft: Draft, policy: Policy) -> str | None: ...

    def get(self, key: str) -> Any: ...

    def put(self, key: str, result: FileResult) -> bool: ...

    artifacts: Any
    """Where compiled artifacts are kept between runs (a
    :class:`~snslint.text.lexicon.ArtifactStore`), handed to the rules."""


def check_path(
    path: str,
    chooser: PolicyChooser,
    options: CheckOptions,
    now: datetime | None = None,
    cache: ResultCache | None = None,
) -> FileResult:
    """Read and check one path, through ``cache`` when one is given: the unit of work of
    every run, in this process or in a worker (:func:`check_batch` for many).

    Input and policy errors, and a rule's crash (:class:`~snslint.errors.RuleCrash`, this
    file not checked, the run goes on), come back in ``FileResult.error``; nothing derived
    from :class:`~snslint.errors.SnslintError` is raised. A cache hit restores everything
    but the draft, which is read again (reporters show its lines).
    """
    return check_batch([path], chooser, options, now, cache)[0]


BATCH_SIZE = 32
"""Drafts a run reads and tokenizes together before checking them (:func:`check_batch`)."""


@dataclass
class _Pending:
    """A draft read, its policy chosen, not yet checked (inside :func:`check_batch`)."""

    path: str
    draft: Draft
    policy: Policy
    key: str | None
    analysis: Analysis | None = None


def check_batch(
    paths: Sequence[str],
    chooser: PolicyChooser,
    options: CheckOptions,
    now: datetime | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """:func:`check_path` for each of ``paths`` (at most about :data:`BATCH_SIZE`), in order,
    with the same results; the drafts are read and their bodies tokenized first, in one
    loop, then checked.

    Why: Sudachi's lattice search reads a large dictionary; interleaved with the rules, whose
    own data evicts those lines from the CPU caches, one draft's tokenizing takes several
    times as long as in a loop over many drafts (figures in the commit that made batches). A
    body is tokenized ahead only when the check would tokenize it anyway
    (see :func:`_tokenized_anyway`).
    """
    prepared = [_prepare(path, chooser, options, cache) for path in paths]
    for item in prepared:
        if isinstance(item, _Pending) and _tokenized_anyway(item.draft, item.policy, options):
            analysis = Analysis(item.draft.body)
            try:
                analysis.morphemes  # noqa: B018 - computed now, read by the check
            except Exception:  # noqa: BLE001 - left to the check, which reports it as for one draft
                continue
            item.analysis = analysis
    results = [item if isinstance(item, FileResult) else _finish(item, options, now, cache) for item in prepared]
    resume_collection()  # the start-up is over: the policy, lexicons and patterns exist
    return results


def settled_result(path: str, chooser: PolicyChooser, options: CheckOptions, cache: ResultCache | None) -> FileResult | None:
    """The result of ``path`` when it needs no check: an input or policy error, or a hit in
    ``cache``; None when the draft must be checked (:func:`check_batch` then gives the same
    result :func:`check_path` would). Lets a run send only the drafts that need checking to
    its workers."""
    item = _prepare(path, chooser, options, cache)
    return None if isinstance(item, _Pending) else item


def _prepare(path: str, chooser: PolicyChooser, options: CheckOptions, cache: ResultCache | None) -> "FileResult | _Pending":
    """Read ``path`` and choose its policy: a finished :class:`FileResult` (an input or
    policy error, a cache hit), else what is left to check."""
    try:
        draft = read_draft(path, options.max_bytes)
    except SnslintError as exc:
        return FileResult(path=path, error=exc)
    try:
        # The rule entries are checked before the policy's first draft (once per policy), a
        # cached result too: the schema alone does not know which rules exist.
        policy = check_policy(chooser(draft))
    except SnslintError as exc:
        return FileResult(path=path, error=front_matter_error(draft, checked=False) or exc)
    if draft.front_matter_error is not None:
        # Part of the front matter was not read: check the body, report the error, and
        # never cache (a cache hit would lose the error).
        return _Pending(path, draft, policy, None)
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
    return _Pending(path, draft, policy, key)


def _finish(item: _Pending, options: CheckOptions, now: datetime | None, cache: ResultCache | None) -> FileResult:
    """Check a prepared draft and cache its result (when it has a key)."""
    draft = item.draft
    if draft.front_matter_error is not None:
        try:
            return with_front_matter_error(check_draft(draft, item.policy, options, now, analysis=item.analysis))
        except SnslintError as exc:
            return FileResult(path=item.path, error=exc)
    try:
        artifacts = cache.artifacts if cache is not None else None
        result = check_draft(draft, item.policy, options, now, artifacts=artifacts, analysis=item.analysis)
    except SnslintError as exc:
        return FileResult(path=item.path, error=exc)
    if item.key is not None:
        cache.put(item.key, result)
    return result


def _tokenized_anyway(draft: Draft, policy: Policy, options: CheckOptions) -> bool:
    """Would :func:`check_draft` tokenize this body? Yes when a rule it runs reads morphemes
    (an active one, or an unselected sensitive one run for masking), and the body is within
    :data:`MASK_TOKENIZE_LIMIT` (past it, whether a rule already tokenized decides what the
    masking pass runs, so the body is left to the check)."""
    if len(draft.body) > MASK_TOKENIZE_LIMIT or not draft.body:
        return False
    rules = active_rules(policy, options)
    return any(rule.tokenizes for rule, _ in rules) or any(rule.tokenizes for rule, _ in _unselected_sensitive(policy, options))


def front_matter_error(draft: Draft, checked: bool) -> InputError | None:
    """The draft's front-matter problem (:attr:`Draft.front_matter_error`) as an
    :class:`~snslint.errors.InputError`, saying whether the body was still ``checked``; None
    when the front matter was read whole."""
    if draft.front_matter_error is None:
        return None
    ja, en, line, column, whole = draft.front_matter_error
    if checked:
        ja += "（フロントマターは無視して、本文は検査しました）" if whole else "（この値は無視して、本文は検査しました）"
        en += " (the front matter was ignored; the body was still checked)" if whole else " (the value was ignored; the body was still checked)"
    else:
        ja += "（--city または設定ファイルの city で市を指定すれば、本文を検査できます）"
        en += " (give --city, or city in the config file, to check the body)"
    return InputError(ja, en, path=draft.path, line=line, column=column)


def with_front_matter_error(result: FileResult) -> FileResult:
    """``result`` with its draft's front-matter error (if any) set as ``error``; its findings
    (the body's, checked with what could be read) are kept."""
    if result.draft is not None and result.error is None:
        result.error = front_matter_error(result.draft, checked=True)
    return result
