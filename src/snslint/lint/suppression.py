"""The filters stage: per-file-ignores from the config, front-matter suppressions, meta rules.

A plain-text draft is published as it is, so a suppression cannot be a comment in the body:
it lives in front matter (``snslint: {ignore: [{code, reason}]}``, see
:class:`snslint.input.draft.Suppression`). This module reads those entries (:func:`entries`), and
:func:`apply` turns one checked :class:`~snslint.lint.engine.FileResult` into the findings that are
reported plus the ones that were silenced, each with its reason, for ``--show-suppressed``.

The rules of a suppression:

- ``code`` is a code (``URL001``), a family prefix (``URL``) or a name (``url-shortener``).
- A ``reason`` is required (non-blank). Without one the entry is refused: the findings stand
  and ``SNS002 invalid-suppression`` says why, at the entry's line in the front matter.
- Rules that are not suppressible (``Finding.suppressible`` False: PII003 my-number, PII008
  credential, and the SNS meta rules) are never silenced by front matter. An entry that names
  only such rules is refused (SNS002); a prefix such as ``PII`` silences the others.
- An entry naming no known rule is refused (SNS002).
- A valid entry whose rules find nothing in the draft is reported as ``SNS001
  unused-suppression`` (info), like ruff's unused-noqa.

The SNS rules are declared in :mod:`snslint.rules.meta` (so ``snslint rules``, ``explain``,
``--select``/``--ignore`` and SARIF know them) and found here, in this stage, as ruff finds
RUF100 in its noqa stage (:func:`meta_findings`): on every checked draft that has
suppressions, unless ``--select``/``--ignore`` (or the config) leave them out. Config ``ignore``/``per-file-ignores`` are selection, decided
by the project's configuration, and may drop any rule but PII003 and PII008
(:func:`snslint.rules.registry.always_on`; the CLI refuses a list that names them); dropped findings
are listed as suppressed too, with the glob as the reason.

Offsets are 0-based characters into the draft file's text (front matter included), as in
:class:`~snslint.findings.Finding`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from snslint.input.draft import Draft
from snslint.lint.engine import FileResult
from snslint.errors import SnslintError
from snslint.findings import Finding

META_CODES: tuple[str, ...] = ("SNS001", "SNS002")
"""Codes of the meta rules this stage runs (see :mod:`snslint.rules.meta`)."""


@dataclass(frozen=True)
class Entry:
    """One ``snslint.ignore`` entry of a draft's front matter.

    Attributes:
        index: position in the list (0-based).
        token: the ``code`` as written.
        reason: the reason, stripped (``""`` when missing or blank).
        codes: the rule codes ``token`` names (empty when it names none).
        start, end: file character offsets of the entry's ``code`` value (for findings).
        problem: why the entry is refused: ``"no-reason"``, ``"unknown-code"`` or
            ``"not-suppressible"``; None for a valid entry.
    """

    index: int
    token: str
    reason: str
    codes: frozenset[str]
    start: int
    end: int
    problem: str | None = None

    @property
    def effective(self) -> frozenset[str]:
        """The codes this entry really silences (the suppressible ones), empty if refused."""
        if self.problem is not None:
            return frozenset()
        from snslint.rules.registry import registry

        rules = registry()
        return frozenset(c for c in self.codes if rules[c].suppressible)


def _entry_spans(draft: Draft) -> list[tuple[int, int]]:
    """File offsets of each ``snslint.ignore[i].code`` value (the entry's start if no code)."""
    import yaml

    if draft.front_matter is None or draft.body_offset < 4:
        return []
    close = draft.text.rfind("\n---", 0, draft.body_offset)
    if close < 3:
        return []
    try:
        node = yaml.compose(draft.text[4 : close + 1], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    spans: list[tuple[int, int]] = []

    def child(mapping, key):
        if isinstance(mapping, yaml.MappingNode):
            for k, v in mapping.value:
                if getattr(k, "value", None) == key:
                    return v
        return None

    ignore = child(child(node, "snslint"), "ignore")
    if isinstance(ignore, yaml.SequenceNode):
        for item in ignore.value:
            target = child(item, "code") or item
            spans.append((4 + target.start_mark.index, 4 + target.end_mark.index))
    return spans


def entries(draft: Draft) -> list[Entry]:
    """The draft's suppression entries, each resolved and judged (see the module doc)."""
    from snslint.rules.registry import registry, resolve

    if draft.front_matter is None or not draft.meta.snslint.ignore:
        return []
    rules = registry()
    spans = _entry_spans(draft)
    out: list[Entry] = []
    for i, s in enumerate(draft.meta.snslint.ignore):
        start, end = spans[i] if i < len(spans) else (0, 3)
        try:
            codes = frozenset(resolve([s.code], option="snslint.ignore"))
        except SnslintError:
            codes = frozenset()
        reason = (s.reason or "").strip()
        if not codes:
            problem: str | None = "unknown-code"
        elif not reason:
            problem = "no-reason"
        elif not any(rules[c].suppressible for c in codes):
            problem = "not-suppressible"
        else:
            problem = None
        out.append(Entry(i, s.code, reason, codes, start, end, problem))
    return out


NOTES: dict[str, tuple[str, str]] = {
    "no-reason": ("フロントマターの抑止は理由がないため無効です", "the front-matter suppression was refused: it gives no reason"),
    "not-suppressible": ("このルールはフロントマターで抑止できません", "this rule cannot be suppressed in front matter"),
}
"""The note added to a finding that a refused suppression named (ja, en)."""


@dataclass
class Filters:
    """What the filters stage needs from the run.

    Attributes:
        select: the codes ``--select``/config chose, or None for the policy's set.
        ignore: codes never reported.
        per_file_ignores: path -> ``[(glob, codes)]`` of the config entries matching it.
        policy_for: the policy a result was checked against (for running the meta rules),
            or None when unknown.
        platform: the run's ``--platform``/config platform, or None.
        lang: report language.
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    per_file_ignores: Callable[[str], list[tuple[str, frozenset[str]]]] = lambda path: []
    policy_for: Callable[[FileResult], object | None] = lambda result: None
    platform: str | None = None
    lang: str = "ja"

    def wants(self, code: str) -> bool:
        """True if ``code`` is reported in this run at all."""
        return code not in self.ignore and (self.select is None or code in self.select)


def meta_findings(result: FileResult, draft: Draft, filters: Filters) -> list[Finding]:
    """The findings of the meta rules (SNS001 unused-suppression, SNS002
    invalid-suppression) on ``draft``, for those the run wants.

    SNS002: each refused entry (:attr:`Entry.problem`), with the rule's message for the
    problem. SNS001: each valid entry whose rules, run on this draft under its policy
    (whether the policy enables them or not), find nothing. Spans are the entries' ``code``
    values in the front matter.
    """
    from snslint.rules.api import RuleContext
    from snslint.rules.context import CheckContext
    from snslint.rules.registry import registry

    wanted = [c for c in META_CODES if filters.wants(c)]
    policy = filters.policy_for(result)
    if not wanted or policy is None or result.post_time is None:
        return []
    ctx = CheckContext(
        draft=draft,
        policy=policy,  # type: ignore[arg-type]
        post_time=result.post_time,
        platform=filters.platform or draft.meta.platform,
        lang=filters.lang,
    )
    if ctx.platform is None and ctx.account is not None:
        ctx.platform = ctx.account.platform
    rules = registry()
    judged = entries(draft)
    out: list[Finding] = []
    for code in wanted:
        meta = rules[code]
        mctx = RuleContext(meta, policy.rule(code), ctx)  # type: ignore[union-attr]
        for entry in judged:
            if code == "SNS002" and entry.problem is not None:
                ja, en, hint, hint_en = meta.MESSAGES[entry.problem]
                out.append(
                    mctx.finding(
                        entry.start,
                        entry.end,
                        ja.format(t=entry.token),
                        en.format(t=entry.token),
                        in_body=False,
                        hint=hint,
                        hint_en=hint_en,
                        problem=entry.problem,
                    )
                )
            elif code == "SNS001" and entry.problem is None and not _finds_anything(entry, rules, policy, ctx):
                out.append(
                    mctx.finding(
                        entry.start,
                        entry.end,
                        meta.message.format(t=entry.token),
                        meta.message_en.format(t=entry.token),
                        in_body=False,
                        hint=meta.hint,
                        hint_en=meta.hint_en,
                    )
                )
    return out


def _finds_anything(entry: Entry, rules: dict, policy, ctx) -> bool:
    """True if one of the rules ``entry`` silences reports something on the draft (run under
    the policy's entry for it, or its defaults when the policy does not list it)."""
    from snslint.rules.api import RuleContext

    for code in sorted(entry.effective):
        rule = rules[code]
        if next(iter(rule.check(RuleContext(rule, policy.rule(code), ctx))), None) is not None:
            return True
    return False


def apply(result: FileResult, filters: Filters) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """The reported findings of one checked file and the silenced ones with their reasons.

    Order of the stage: per-file-ignores (config) drop findings; the meta rules add theirs;
    front-matter suppressions silence what they validly name. The reported list is sorted as
    the engine sorts (:meth:`Finding.sort_key`).
    """
    if result.error is not None:
        return result.findings, []
    kept: list[Finding] = []
    silenced: list[tuple[Finding, str]] = []
    pfi = filters.per_file_ignores(result.path)
    draft = result.draft
    if draft is None and result.path != "-":
        # A result restored without its draft (a cache or worker that dropped it): read the
        # front matter again so that suppressions are never silently skipped.
        from snslint.input.draft import read_draft

        try:
            draft = read_draft(result.path)
        except SnslintError:
            draft = None
    findings = list(result.findings)
    if draft is not None and draft.front_matter is not None and draft.meta.snslint.ignore:
        findings.extend(meta_findings(result, draft, filters))
    judged = entries(draft) if draft is not None else []
    for f in findings:
        by_glob = next((g for g, codes in pfi if f.code in codes), None)
        if by_glob is not None:
            silenced.append((f, f"per-file-ignores「{by_glob}」"))
            continue
        entry = next((e for e in judged if f.suppressible and f.code in e.effective), None)
        if entry is not None:
            silenced.append((f, entry.reason))
            continue
        refused = next((e for e in judged if e.problem and f.code in e.codes and not f.code.startswith("SNS")), None)
        if refused is not None:
            ja, en = NOTES[refused.problem if f.suppressible else "not-suppressible"]
            f = with_note(f, ja, en)
        kept.append(f)
    kept.sort(key=Finding.sort_key)
    return kept, silenced


def apply_all(results: Iterable[FileResult], filters: Filters) -> list[tuple[Finding, str]]:
    """Run :func:`apply` over every result, replacing each result's findings in place;
    returns every silenced finding with its reason, in report order."""
    silenced: list[tuple[Finding, str]] = []
    for result in results:
        kept, gone = apply(result, filters)
        result.findings = kept
        silenced.extend(gone)
    return silenced


def with_note(finding: Finding, ja: str, en: str) -> Finding:
    """A copy of ``finding`` with a note appended to its message (both languages)."""
    return replace(finding, message_ja=f"{finding.message_ja}（{ja}）", message_en=f"{finding.message_en} ({en})")
