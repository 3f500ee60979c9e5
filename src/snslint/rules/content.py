"""CAT family: prohibited content, found by scored evidence (the SpamAssassin way).

One source of truth per category: ``rules/catNNN_*.yaml`` carries the rule's name, summary,
documentation (what it does, why it matters, the documented example and what to write
instead), whole-draft examples, two thresholds and its *tests* (see :mod:`snslint.text.lexicon`
for the test format and the matcher). The rule classes below are generated from those files.

Scoring. Each test is a small piece of evidence with a score: a lemma or phrase (Sudachi
normalized form), a co-occurrence within a sentence, a window or the post, an appeal form
(``<appeal>``), an entity class (party names, religious bodies, shop-like names), a price
pattern (``<number>`` next to 円/%/引き), or a benign context with a *negative* score
(election administration, heritage, a warning that quotes the wording it warns about). A
post's category score is the sum of the scores of its tests that fire, each test counted once
per post. Score >= ``upper`` gives the policy's severity for the rule; ``lower`` <= score <
``upper`` gives one level lower (error -> warning -> info); below ``lower``, nothing.

Scores are fitted by ``benchmarks/fit_scores.py`` (L2-regularised logistic regression whose
penalty pulls each score toward its hand-set ``prior``, with the thresholds as the fixed
intercept) and written into the YAML; the package only reads them. A test without ``score``
or ``prior`` (a city's extra terms in the old format) scores ``upper`` when ``strength:
strong`` and ``lower`` when ``weak``, so it alone gives the severity it always gave.

One finding per category and post: its span is the strongest positive evidence; the message
names it, the other evidence and the total; ``Finding.extra`` carries every test that fired
(``tests``: id, term, text, offset, score) with the ``score`` total and the ``thresholds``, so
JSON and SARIF show why.

Speed: the rules of one draft share one pass over its morphemes (:func:`_shared_scan`: one
index over every active category's phrases, kept in the draft's ``CheckContext.memo``).

Policy ``settings`` of every CAT rule (:class:`ContentSettings`):
    unless: policy-level exceptions: a phrase anywhere in the post cancels the category
        (美祢市 allows job ads of local firms, 第4 2(2)エ: ``unless: [求人情報, ...]``).
    disable: bundled tests (by id or first term) the city switches off.
    thresholds: ``{lower: x, upper: y}`` replacing the bundled ones.
A city adds tests under ``extra_terms`` (same format as the bundled tests, ``score`` allowed).
"""

from __future__ import annotations

import bisect

from typing import TYPE_CHECKING, Iterator

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.identity_memo import IdentityMemo
from snslint.text.lexicon import (
    DraftScan,
    Entry,
    Lexicon,
    LexiconError,
    Match,
    Thresholds,
    lexicon_files,
    lexicon_for,
    lexicon_group,
    load_spec,
    parse_extra_terms,
)
from snslint.rules.registry import register, registry
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings

if TYPE_CHECKING:  # pragma: no cover
    from snslint.text.analysis import Morpheme
    from snslint.text.lexicon import ArtifactStore
    from snslint.settings.policy import RuleConfig

_LEXICON_MEMO: IdentityMemo[Lexicon] = IdentityMemo(max_entries=256)
"""A rule's lexicon by its policy entry (identity) and code
(:meth:`LexiconRule.lexicon_for_config`); ``None`` serves rules run without a policy entry."""

_SCAN_MEMO = "snslint.rules.content.scan"
"""Key in ``CheckContext.memo`` of ``[LexiconGroup, DraftScan | None]``: the draft's lexicon
group and, once a rule of the group asked for it, its one scan (:func:`_shared_scan`)."""


class ContentSettings(RuleSettings):
    """``settings:`` of a CAT rule in a policy (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    unless: list[str] = Field(default_factory=list, max_length=500)
    disable: list[str] = Field(default_factory=list, max_length=500)
    thresholds: Thresholds | None = None


class LexiconRule(Rule):
    """A rule whose check is its category's lexicon (bundled + the policy's extra terms)."""

    default_severity = Severity.WARNING
    Settings = ContentSettings

    def validate_settings(self, config) -> str | None:
        """Settings as usual, plus the policy's ``extra_terms`` in the lexicon format."""
        problem = super().validate_settings(config)
        if problem:
            return problem
        try:
            parse_extra_terms(config.extra_terms)
        except LexiconError as exc:
            return str(exc)
        return None

    def lexicon(self, ctx: RuleContext) -> Lexicon:
        """This rule's lexicon under the policy entry of ``ctx``."""
        return self.lexicon_for_config(ctx.config, ctx.check.artifacts)

    def lexicon_for_config(self, cfg: RuleConfig | None, store: ArtifactStore | None = None) -> Lexicon:
        """The bundled lexicon plus ``cfg``'s extra terms, exceptions and disabled entries.

        Memoized per config object (see :data:`_LEXICON_MEMO`): a policy's entries live as
        long as the policy, so each draft after the first costs one dict look-up here instead
        of validating the settings and JSON-encoding the extra terms for :func:`lexicon_for`.
        """
        return _LEXICON_MEMO.get(cfg, self.code, lambda: self._compile_lexicon(cfg, store))

    def _compile_lexicon(self, cfg: RuleConfig | None, store: ArtifactStore | None = None) -> Lexicon:
        """What :meth:`lexicon_for_config` returns, computed afresh (through ``store``, the
        run's compiled artifacts, when given)."""
        settings: ContentSettings = self.settings_for(cfg)
        return lexicon_for(self.code, cfg.extra_terms if cfg is not None else (), settings.unless, settings.disable, store)

    def explain_details(self) -> list[str]:
        """Lines for ``snslint explain``: the thresholds and every bundled test with its score,
        strongest first within evidence and benign context (read from the category file)."""
        spec = load_spec(self.code)
        th = spec.thresholds
        lex = lexicon_for(self.code)
        lines = [
            "■ 判定のしくみ / How the score works",
            f"  各テストの点数を合計し、{th.upper:g} 点以上で市の重大度、{th.lower:g} 点以上 {th.upper:g} 点未満で1段階下、",
            f"  {th.lower:g} 点未満は指摘なし（テストは1投稿に1回だけ数えます）。",
            f"  The fired tests' scores are summed once per post: >= {th.upper:g} gives the city's severity,",
            f"  {th.lower:g} to {th.upper:g} one level lower, below {th.lower:g} nothing. A city may change the",
            "  thresholds (settings.thresholds) or add tests (extra_terms) in its policy.",
            "",
            f"■ テスト / Tests ({len(lex.entries)}; rules/{lexicon_files()[self.code].name})",
        ]
        for e in sorted(lex.entries, key=lambda e: -test_score(e, th)):
            terms = "、".join(p.text for p in e.phrases[:6]) + ("…" if len(e.phrases) > 6 else "")
            ctx = " + ".join("[" + "、".join(p.text for p in g[:4]) + ("…" if len(g) > 4 else "") + "]" for g in e.context)
            where = f" (window: {e.window})" if e.context else ""
            lines.append(f"  {test_score(e, th):+6.2f}  {e.test_id:<24} {terms}{' + ' + ctx if ctx else ''}{where}")
        return lines

    def thresholds(self, cfg: RuleConfig | None, lexicon: Lexicon | None = None) -> Thresholds:
        """The category's thresholds: the policy's ``settings.thresholds`` or the bundled ones
        (from ``lexicon``, this category's compiled lexicon, when given: a lexicon rebuilt
        from the cache carries them, so the category file is not parsed again)."""
        settings: ContentSettings = self.settings_for(cfg)
        bundled = lexicon.thresholds if lexicon is not None and lexicon.code == self.code else None
        return settings.thresholds or bundled or load_spec(self.code).thresholds

    def evidence(self, ctx: RuleContext) -> dict[Entry, Match]:
        """The tests of this category that fire on the draft of ``ctx`` -> their first match."""
        ms = ctx.analysis.morphemes
        if not ms:
            return {}
        lex = self.lexicon(ctx)
        return lex.fired(ms, _shared_scan(ctx, lex, ms))

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        fired = self.evidence(ctx)
        if not fired:
            return
        th = _THRESHOLDS.get(ctx.config, self.code, lambda: self.thresholds(ctx.config, self.lexicon(ctx)))
        scored = [(e, m, test_score(e, th)) for e, m in fired.items()]
        total = sum(sc for _, _, sc in scored)
        if total < th.lower - 1e-9:
            return
        positive = [x for x in scored if x[2] > 0]
        if not positive:
            return
        # The strongest evidence carries the span and the hint: highest score, then the
        # longest span, then the earliest.
        e, m, _ = max(positive, key=lambda x: (x[2], x[1].end - x[1].start, -x[1].start))
        lex = self.lexicon(ctx)
        body = ctx.body
        found = body[m.start : m.end]
        shown = found if found == e.term else f"{found}（{e.term}）"
        # Other positive evidence, by score, each wording once (the per-test scores are in
        # the finding's evidence for JSON and SARIF; the message stays readable).
        also: list[str] = []
        for _, o, s_ in sorted((x for x in positive if x[0] is not e), key=lambda x: -x[2]):
            text = body[o.start : o.end]
            if text != found and text not in also:
                also.append(text)
        also_ja = "".join(f"「{t}」" for t in also[:4])
        also_en = ", ".join(f"'{t}'" for t in also[:4])
        full = total >= th.upper - 1e-9
        clause = ctx.clause
        where_ja = where_en = ""
        if clause is not None:
            by_analogy_ja = "（利用者向けの禁止事項を市の投稿に準用）" if clause.users_list else ""
            by_analogy_en = " (a users' list, applied to the city's own posts by analogy)" if clause.users_list else ""
            where_ja = f"{clause.document} {clause.ref}{by_analogy_ja}に反するおそれがあります。".lstrip()
            where_en = f" It may break {clause.document} {clause.ref}{by_analogy_en}.".rstrip()
        score_ja = f"（{'ほかに' + also_ja + '、' if also_ja else ''}合計 {total:.1f} 点、基準 {th.lower:g}/{th.upper:g}）"
        score_en = f" ({'also ' + also_en + '; ' if also_en else ''}score {total:.1f}, thresholds {th.lower:g}/{th.upper:g})"
        note_ja = f"{e.note}。" if e.note and not e.note.endswith("。") else e.note
        yield ctx.finding(
            m.start,
            m.end,
            f"「{shown}」{score_ja}: {lex.label}にあたる表現です。{note_ja}{where_ja}",
            f"'{found}' ({e.test_id}){score_en}: {lex.label_en}.{where_en}",
            hint=e.hint,
            hint_en=e.hint_en,
            severity=ctx.severity if full else ctx.severity.demoted(),
            term=e.term,
            strength="strong" if full else "weak",
            source=e.source,
            score=round(total, 3),
            thresholds={"lower": th.lower, "upper": th.upper},
            tests=[
                {
                    "id": x.test_id,
                    "term": x.term,
                    "text": body[xm.start : xm.end],
                    "start": xm.start,
                    "score": round(xs, 3),
                    "source": x.source,
                }
                for x, xm, xs in scored
            ],
        )


_THRESHOLDS: IdentityMemo[Thresholds] = IdentityMemo(max_entries=256)
"""A rule's thresholds by its policy entry (identity) and code."""


def test_score(entry: Entry, th: Thresholds) -> float:
    """The score a fired test adds to its category (see the module docstring).

    A test with a fitted ``score`` (or a hand-set ``prior``) adds that; one without (a
    city's extra term in the strength format) adds ``th.upper`` when strong, ``th.lower``
    when weak.
    """
    if entry.score is not None:
        return entry.score
    return th.upper if entry.strength == "strong" else th.lower


def _shared_scan(ctx: RuleContext, lex: Lexicon, ms: "list[Morpheme]") -> DraftScan | None:
    """The draft's one scan for every active CAT rule, or None when ``lex`` is not part of it.

    The first CAT rule to run on a draft builds it: the lexicons of every lexicon rule the
    engine runs on the draft (``CheckContext.active_codes``, each with its policy entry as
    :func:`snslint.lint.engine.active_rules` gives it), joined in a cached
    :class:`~snslint.text.lexicon.LexiconGroup`, scan the morphemes once; the scan is kept in
    ``ctx.check.memo`` and the other rules read it. A rule whose lexicon is not in the group
    (a context built by hand, a config given another way) gets None and scans on its own, so
    the findings never depend on the sharing.
    """
    memo = ctx.check.memo
    entry = memo.get(_SCAN_MEMO)
    if entry is None:
        try:
            group = lexicon_group(_active_lexicons(ctx))
        except ValueError:
            # Another rule's entry does not compile (a bad policy that bypassed validation):
            # that rule reports its own error; this one must not fail for it.
            group = lexicon_group(())
        entry = memo[_SCAN_MEMO] = [group, None]  # [LexiconGroup, its DraftScan once needed]
    group, scan = entry
    if lex not in group.lexicons:
        return None
    if scan is None:
        scan = entry[1] = group.scan(ms)
    return scan


def _active_lexicons(ctx: RuleContext) -> tuple[Lexicon, ...]:
    """The lexicons of every :class:`LexiconRule` active on the draft, in code order."""
    active = ctx.check.active_codes
    out = []
    for code, rule in _lexicon_rules().items():
        if code not in active:
            continue
        cfg = ctx.policy.rule(code)
        # As engine.active_rules: an entry that is off counts as none (--select runs the rule
        # at its default severity without the policy's entry).
        out.append(rule.lexicon_for_config(cfg if cfg is not None and cfg.enabled else None, ctx.check.artifacts))
    return tuple(out)


_LEXICON_RULES: dict[str, LexiconRule] = {}


def _lexicon_rules() -> dict[str, LexiconRule]:
    """Every registered :class:`LexiconRule` by code, in code order (read from the registry
    once: ``registry()`` copies and sorts every rule on each call). A lexicon rule registered
    after the first draft is simply not in the shared scan and scans on its own."""
    if not _LEXICON_RULES:
        _LEXICON_RULES.update((c, r) for c, r in registry().items() if isinstance(r, LexiconRule))
    return _LEXICON_RULES


def _by_sentence(matches, bounds: list[tuple[int, int]]) -> list[list]:
    """Group lexicon matches (in body order) by the sentence their start falls in."""
    starts = [b[0] for b in bounds]
    groups: dict[int, list] = {}
    for m in matches:
        groups.setdefault(bisect.bisect_right(starts, m.start) - 1, []).append(m)
    return [groups[k] for k in sorted(groups)]


class _FromSpec:
    """A class attribute read from the category file on first use (not at import: the
    registry needs only code and name, and parsing every category file costs a cold run)."""

    def __init__(self, convert) -> None:
        self.convert = convert
        self.attr = ""

    def __set_name__(self, owner, name: str) -> None:
        self.attr = name

    def __get__(self, obj, owner):
        value = self.convert(load_spec(owner.code))
        setattr(owner, self.attr, value)  # cache on the class itself
        return value


_EXAMPLE_CITY = "goshogawara"
"""The bundled policy a category file's examples run under (its document's 第8条 and 第9条
name most of the categories)."""


def _example(item) -> Example:
    if isinstance(item, str):
        return Example(item, city=_EXAMPLE_CITY)
    return Example(item.draft, city=_EXAMPLE_CITY, finds=item.finds)


def _examples(kind: str):
    def convert(spec):
        if spec.examples is None:
            return ()
        drafts = spec.examples.fail if kind == "fail" else spec.examples.pass_
        return tuple(_example(d) for d in drafts)

    return convert


def _instead(spec) -> Example | None:
    if spec.examples is None or spec.examples.instead is None:
        return None
    return Example(spec.examples.instead, city=_EXAMPLE_CITY)


def _header(path) -> dict[str, str]:
    """``code`` and ``name`` of a category file, read from its top-level plain one-line
    scalars without parsing the YAML (both must be written that way, near the top)."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for _, line in zip(range(40), fh):
            key, sep, value = line.partition(":")
            if sep and key in ("code", "name"):
                out[key] = value.strip().strip("'\"")
    return out


def _generate_rules() -> dict[str, type]:
    """One registered :class:`LexiconRule` subclass per bundled category file."""
    out = {}
    for code, path in lexicon_files().items():
        head = _header(path)
        name = head.get("name") or path.stem.split("_", 1)[1]
        cls = type(
            "".join(p.title() for p in name.split("-")),
            (LexiconRule,),
            {
                "__doc__": f"{code} {name}: generated from rules/{path.name} (docs, tests, thresholds, examples).",
                "__module__": __name__,
                "code": code,
                "name": name,
                "summary": _FromSpec(lambda s: s.summary),
                "summary_en": _FromSpec(lambda s: s.summary_en),
                "what_it_does": _FromSpec(lambda s: s.what_it_does.strip()),
                "what_it_does_en": _FromSpec(lambda s: s.what_it_does_en.strip()),
                "why_it_matters": _FromSpec(lambda s: s.why_it_matters.strip()),
                "why_it_matters_en": _FromSpec(lambda s: s.why_it_matters_en.strip()),
                "instead": _FromSpec(_instead),
                "failing": _FromSpec(_examples("fail")),
                "passing": _FromSpec(_examples("pass")),
            },
        )
        out[code] = register(cls)
    return out


CATEGORY_RULES = _generate_rules()
"""The generated CAT rule classes by code."""
