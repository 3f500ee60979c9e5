"""Token-aware lexicons for the CAT rules: format, loading, compiling and the matcher.

Format (``rules/catNNN_*.yaml``, one file per category and the single source of truth for its
rule: :mod:`snslint.rules.content` generates the rule class from it; a city adds tests of the
same shape under ``rules: {CATnnn: {extra_terms: [...]}}`` in its policy)::

    code: CAT001
    name: political-activity          # plain one-line scalars near the top (read without YAML)
    summary: ... / summary_en: ...
    what_it_does: | / what_it_does_en: |       # the rule's documentation in ruff's sections
    why_it_matters: | / why_it_matters_en: |   # (snslint.rules.docs), Japanese and English
    examples:                          # whole drafts; the self-tests run them all
      fail:                            # the first is the documented example: a mapping with
        - {draft: ..., finds: ...}     # the text its finding reports; the others plain drafts
      pass: [...]
      instead: ...                     # the first failing draft as the city should write it
    label: 政治活動・選挙運動          # what the category is called in messages (ja)
    label_en: political activity
    thresholds: {lower: 2.0, upper: 4.0}   # see snslint.rules.content
    unless: [期日前投票, 投票所]        # optional: cancel every positive test (same sentence)
    tests:
      - id: party-support              # the test's name in reports and in the fit
        score: 3.12                    # fitted by benchmarks/fit_scores.py (negative = benign context)
        prior: 3.0                     # hand-set prior the fit is pulled toward
        term: [候補, 候補者]            # one phrase or a list of variants (the first is shown)
        strength: strong               # used only without score/prior: strong -> upper, weak -> lower
        context: [[投票, 一票], [<appeal>]]   # every group needs one hit within `window`
        window: sentence               # sentence (default) | post | N (morphemes either side)
        unless: [期日前投票, 明るい選挙]   # any hit within `unless_window` cancels the match
        unless_window: sentence        # sentence (default) | post | N
        after_pos: [動詞, 助動詞]        # optional: the morpheme just before must be one of these
        form: lemma                    # lemma (default) | surface: the terms match only as
                                       # written (for 死ね, 帰れ: their lemma 死ぬ, 帰る is benign)
        note: 読む人への説明
        hint: 代わりに書く言葉（差別語なら中立的な言い方）
        hint_en: what to write instead
        examples: {match: [...], no_match: [...]}   # required; the self-tests run them all

Matching (no regular expressions anywhere: phrases are token sequences only, so a city's file
can never carry a slow or unsafe pattern). Each phrase is tokenized once at load time with
the process-wide Sudachi tokenizer (split mode C). A phrase matches a run of consecutive draft
morphemes (mode C) whose Sudachi *normalized* forms, concatenated, equal the phrase's
normalized forms concatenated, or whose surfaces concatenated equal the phrase as written.
Normalized forms carry verbs and adjectives to their lemma (下さい/ください -> 下さる, して ->
為る), so 「投票してください」 and 「投票して下さい」 are one phrase; comparing concatenations
makes a match independent of how Sudachi happened to split the phrase on its own, and since a
run starts and ends on morpheme boundaries, 京都 never matches inside 東京都.

Special context tokens: ``<appeal>`` is any imperative or volitional verb form (投票しろ, 投票
しよう, お越しください) or お願い/願う/頼む; ``<imperative>`` only imperative and volitional forms;
``<number>`` any numeral morpheme (名詞-数詞: 10, 1,000, 五), for price patterns (10%引き).

Sentences end at 。！？!? and line breaks (:data:`snslint.text.analysis.SENTENCE_ENDS`).
Quoted speech and negation are *not* treated specially: 「"清き一票を"という表現は使えません」
still matches. Compiled lexicons are cached per process (bundled ones by code, a policy's
extra terms by their content).

The bundled category files also ship compiled (``rules/compiled_lexicons.json``, written by
``python -m snslint.text.lexicon``): a run rebuilds them from that plain data, without YAML,
validation or Sudachi, when an entry's key (bundle format, the file's SHA-256, the dictionary
build) matches; otherwise it compiles the file. A policy's additions compile on top.

Several categories can be scanned together: a :class:`LexiconGroup` indexes the phrases of
all its lexicons, scans a draft's morphemes once, and each lexicon's :meth:`Lexicon.find`
reads the shared :class:`DraftScan` (the CAT rules of one draft do this).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, NamedTuple, Protocol, Sequence, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from snslint import __version__
from snslint.resources import data_dir, shipped_json
from snslint.text.analysis import Morpheme, dictionary_identity, dictionary_version, phrase_keys

SPECIAL_TOKENS = ("<appeal>", "<imperative>", "<number>")
"""Context tokens that stand for a class of morphemes rather than a phrase."""

_IMPERATIVE_FORMS = ("命令形", "意志推量形")
_APPEAL_LEMMAS = frozenset({"願う", "頼む", "願い", "御願い"})

Window = Union[Literal["sentence", "post"], int]


# --------------------------------------------------------------------------- the format


class _Model(BaseModel):
    # defer_build: the validator is built on the first validation; a run that reads its
    # compiled lexicons from the cache (snslint.run.cache.artifacts.ArtifactStore) never needs it.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Examples(_Model):
    """Drafts an entry must match and must not match (run by ``tests/test_lexicons.py``)."""

    match: list[str] = Field(min_length=1, max_length=50)
    no_match: list[str] = Field(default_factory=list, max_length=50)


def _phrase_list(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


class EntrySpec(_Model):
    """One test (lexicon entry) as written in YAML (see the module docstring for the fields)."""

    id: str = Field(default="", max_length=60, pattern=r"^[a-z0-9-]*$")
    score: float | None = Field(default=None, ge=-50, le=50)
    prior: float | None = Field(default=None, ge=-50, le=50)
    term: list[str] = Field(min_length=1, max_length=200)
    strength: Literal["strong", "weak"] = "strong"
    context: list[list[str]] = Field(default_factory=list, max_length=5)
    window: Window = "sentence"
    unless: list[str] = Field(default_factory=list, max_length=200)
    unless_window: Window = "sentence"
    after_pos: list[str] = Field(default_factory=list, max_length=10)
    form: Literal["lemma", "surface"] = "lemma"
    note: str = Field(default="", max_length=1000)
    hint: str = Field(default="", max_length=500)
    hint_en: str = Field(default="", max_length=500)
    examples: Examples

    @field_validator("term", "unless", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return _phrase_list(v)

    @field_validator("context", mode="before")
    @classmethod
    def _groups(cls, v: Any) -> Any:
        """``[a, b]`` is one group (any of a, b); ``[[a, b], [c]]`` is two groups (all)."""
        if isinstance(v, str):
            return [[v]]
        if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
            return [v]
        return v

    @field_validator("term", "unless")
    @classmethod
    def _phrases_ok(cls, v: list[str]) -> list[str]:
        for p in v:
            if not p.strip() or len(p) > 60:
                raise ValueError(f"a phrase must have 1-60 characters: {p!r}")
            if p in SPECIAL_TOKENS:
                raise ValueError(f"{p} is only allowed in context")
        return v

    @field_validator("window", "unless_window")
    @classmethod
    def _window_ok(cls, v: Window) -> Window:
        if isinstance(v, int) and not 1 <= v <= 100:
            raise ValueError("a window in morphemes must be 1-100")
        return v


class Thresholds(_Model):
    """A category's two score thresholds (see :mod:`snslint.rules.content`).

    A post whose category score (the sum of its fired tests' scores) reaches ``upper`` gets
    the policy's severity; one that reaches ``lower`` but not ``upper`` gets a level lower.
    """

    lower: float = Field(ge=0.1, le=100)
    upper: float = Field(ge=0.1, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.upper < self.lower:
            raise ValueError("upper must be at least lower")
        return self


class DocumentedExample(_Model):
    """A failing draft with what its finding reports (``Finding.text`` of the category's
    finding: the strongest evidence), for the rule's documented example."""

    draft: str = Field(min_length=1, max_length=5000)
    finds: str | None = Field(default=None, min_length=1, max_length=200)


class RuleExamples(_Model):
    """Whole drafts the rule must flag (``fail``; the first is its documented example), must
    leave alone (``pass``), and the first failing draft written the way the city should write
    it (``instead``, which must give no finding of the category either)."""

    fail: list[DocumentedExample | str] = Field(min_length=1, max_length=50)
    pass_: list[str] = Field(default_factory=list, max_length=50, alias="pass")
    instead: str | None = Field(default=None, min_length=1, max_length=5000)


class LexiconSpec(_Model):
    """A category file: the rule's documentation, thresholds and tests (one source of truth)."""

    code: str = Field(pattern=r"^CAT\d{3}$")
    name: str = Field(default="", max_length=60)
    summary: str = Field(default="", max_length=200)
    summary_en: str = Field(default="", max_length=200)
    what_it_does: str = Field(default="", max_length=3000)
    what_it_does_en: str = Field(default="", max_length=3000)
    why_it_matters: str = Field(default="", max_length=3000)
    why_it_matters_en: str = Field(default="", max_length=3000)
    examples: RuleExamples | None = None
    label: str = Field(min_length=1, max_length=100)
    label_en: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=2000)
    # a factory, not an instance: building one at import would build the validator
    thresholds: Thresholds = Field(default_factory=lambda: Thresholds(lower=2.0, upper=4.0))
    unless: list[str] = Field(default_factory=list, max_length=500)
    unless_window: Window = "sentence"
    entries: list[EntrySpec] = Field(default_factory=list, max_length=5000, alias="tests")

    @field_validator("unless", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return _phrase_list(v)


# --------------------------------------------------------------------------- compiled form


class Phrase(NamedTuple):
    """A phrase compiled to its two keys, or a special token.

    A NamedTuple (compared by value, like the frozen dataclass it was): a cold run rebuilds
    thousands of them from the shipped bundle, and a tuple is several times cheaper to build.

    Attributes:
        text: as written in the lexicon.
        norm: the phrase's Sudachi normalized forms, concatenated.
        surface: the phrase as written (surfaces concatenated).
        special: ``"<appeal>"`` / ``"<imperative>"``, else None.
        surface_only: match the surface key only (``form: surface``).
    """

    text: str
    norm: str
    surface: str
    special: str | None = None
    surface_only: bool = False

    @property
    def key(self) -> str:
        """Key of this phrase's hits in :meth:`PhraseIndex.scan`."""
        return ("=" + self.text) if self.surface_only else self.text


@dataclass(frozen=True)
class Entry:
    """A compiled lexicon entry (the fields of :class:`EntrySpec`, phrases compiled).

    Compared by value; the hash is computed once and kept (a category's score keys its fired
    tests by entry, and hashing every phrase of an entry on each look-up was most of the CAT
    time).
    """

    term: str
    phrases: tuple[Phrase, ...]
    strength: str
    context: tuple[tuple[Phrase, ...], ...]
    window: Window
    unless: tuple[Phrase, ...]
    unless_window: Window
    after_pos: tuple[str, ...]
    note: str
    hint: str
    hint_en: str
    source: str = "bundled"
    id: str = ""
    score: float | None = None

    def __hash__(self) -> int:
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f) for f in self.__dataclass_fields__))
            object.__setattr__(self, "_hash", cached)
        return cached

    @property
    def test_id(self) -> str:
        """The test's name in reports: its ``id``, else its first term."""
        return self.id or self.term


class Hit(NamedTuple):
    """A phrase found in a draft: morphemes ``[first, last]`` and body offsets ``[start, end)``.

    A NamedTuple (compared by value, like the frozen dataclass it was): a draft's scan makes
    dozens of them, and a tuple is several times cheaper to build."""

    first: int
    last: int
    start: int
    end: int


class Match(NamedTuple):
    """An entry that holds in a draft (context met, no exception), with its span."""

    entry: Entry
    start: int
    end: int


@lru_cache(maxsize=20000)
def compile_phrase(text: str, surface_only: bool = False) -> Phrase:
    """Tokenize ``text`` once and build its keys (cached per process)."""
    if text in SPECIAL_TOKENS:
        return Phrase(text, "", "", special=text)
    norm, surface = phrase_keys(text.strip(), "C")
    return Phrase(text, norm, surface, surface_only=surface_only)


def compile_entry(spec: EntrySpec, source: str = "bundled") -> Entry:
    """Compile one entry's phrases."""
    return Entry(
        term=spec.term[0],
        phrases=tuple(compile_phrase(t, spec.form == "surface") for t in spec.term),
        strength=spec.strength,
        context=tuple(tuple(compile_phrase(t) for t in group) for group in spec.context),
        window=spec.window,
        unless=tuple(compile_phrase(t) for t in spec.unless),
        unless_window=spec.unless_window,
        after_pos=tuple(spec.after_pos),
        note=spec.note,
        hint=spec.hint,
        hint_en=spec.hint_en,
        source=source,
        id=spec.id,
        score=spec.score if spec.score is not None else spec.prior,
    )


class PhraseIndex:
    """Finds many phrases in one pass over a draft's morphemes.

    Keys (normalized and surface concatenations) are kept with the set of all their
    prefixes, so the scan from each morpheme stops as soon as no key can still match:
    O(morphemes x longest phrase). Most morphemes start no phrase at all, so the scan costs
    about two string look-ups per morpheme; one index over every category's phrases
    (:class:`LexiconGroup`) therefore costs about as much as one category's.

    Attributes:
        by_norm: normalized key -> the :attr:`Phrase.key` of each phrase with that key
            (no duplicates, first-seen order).
        by_surface: surface key -> phrase keys, likewise.
        prefixes: every non-empty prefix of every key.
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        by_norm: dict[str, dict[str, None]] = {}  # dicts as ordered sets
        by_surface: dict[str, dict[str, None]] = {}
        for p in phrases:
            if p.special or not p.norm:
                continue
            key = p.key
            if not p.surface_only:
                by_norm.setdefault(p.norm, {})[key] = None
            by_surface.setdefault(p.surface, {})[key] = None
        # Each distinct key's prefixes once (many phrases share a key, most keys share a
        # normalized and a surface form).
        self.prefixes: set[str] = {k[:i] for k in by_norm.keys() | by_surface.keys() for i in range(1, len(k) + 1)}
        self.by_norm: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in by_norm.items()}
        self.by_surface: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in by_surface.items()}

    def scan(self, ms: Sequence[Morpheme]) -> dict[str, list[Hit]]:
        """Every occurrence of every phrase, keyed by :attr:`Phrase.key`.

        Each key's hits come in scan order (first morpheme, then last morpheme, ascending).
        A phrase found by both its keys at one place gives one hit.
        """
        out: dict[str, list[Hit]] = {}
        prefixes, by_norm, by_surface = self.prefixes, self.by_norm, self.by_surface
        # The per-morpheme fields, read once into flat lists (attribute access on the
        # NamedTuple in the inner loop was most of the scan's cost).
        norms = [m.normalized for m in ms]
        surfs = [m.surface for m in ms]
        n = len(ms)
        # Most morphemes start no key under either form: find the ones that may, in one
        # comprehension (C-level set look-ups), and walk only from those.
        # A walk from i can find something only if the morpheme alone is a key, or the two
        # morphemes from i (under either form) are still a prefix: test both up front.
        nexts_n = norms[1:] + [""]
        nexts_s = surfs[1:] + [""]
        starts = [
            i
            for i, (a, b, a2, b2) in enumerate(zip(norms, surfs, nexts_n, nexts_s))
            if (a in prefixes or b in prefixes)
            and (a in by_norm or b in by_surface or (a + a2) in prefixes or (b + b2) in prefixes)
        ]
        for i in starts:
            norm = surf = ""
            norm_live = surf_live = True
            for j in range(i, n):
                if norm_live:
                    norm += norms[j]
                    norm_live = norm in prefixes
                if surf_live:
                    surf += surfs[j]
                    surf_live = surf in prefixes
                if not (norm_live or surf_live):
                    break
                found_n = by_norm.get(norm, ()) if norm_live else ()
                found_s = by_surface.get(surf, ()) if surf_live else ()
                if not (found_n or found_s):
                    continue
                hit = Hit(i, j, ms[i].begin, ms[j].end)
                for key in dict.fromkeys(found_n + found_s):  # each key once per place
                    out.setdefault(key, []).append(hit)
        return out


def _special_hits(ms: Sequence[Morpheme], special: str) -> list[Hit]:
    out = []
    if special == "<number>":
        # A numeral (名詞-数詞 in Sudachi: 10, 五, 1,000 as one or more morphemes).
        return [Hit(i, i, m.begin, m.end) for i, m in enumerate(ms) if m.pos[1] == "数詞"]
    for i, m in enumerate(ms):
        pos = m.pos
        ok = pos[0] in ("動詞", "助動詞") and len(pos) > 5 and pos[5].startswith(_IMPERATIVE_FORMS)
        if special == "<appeal>" and not ok:
            ok = m.normalized in _APPEAL_LEMMAS or m.dictionary in _APPEAL_LEMMAS
        if ok:
            out.append(Hit(i, i, m.begin, m.end))
    return out


class DraftScan:
    """One draft's phrase hits, found once and read by every lexicon the index covers.

    Built by :meth:`Lexicon.scan` (one category) or :meth:`LexiconGroup.scan` (every
    category of a policy, so the CAT rules of one draft share one pass; see
    :mod:`snslint.rules.content`). A hit list depends only on the phrase (its key), not on
    the lexicon it came from, so one lexicon can read another's hits safely as long as the
    index covered its phrases: :attr:`covers` says which lexicons it did.

    Attributes:
        ms: the draft's morphemes (split mode C).
        covers: the lexicons whose every phrase the index held.
        hits: :attr:`Phrase.key` -> hits; the special tokens are added on first use.
    """

    def __init__(self, ms: Sequence[Morpheme], index: PhraseIndex, covers: Iterable["Lexicon"]) -> None:
        self.ms = ms
        self.covers = frozenset(covers)
        self.hits = index.scan(ms)

    def get(self, key: str) -> Sequence[Hit]:
        """The hits of phrase key ``key`` (``()`` when none); specials computed on demand."""
        found = self.hits.get(key)
        if found is None:
            if key not in SPECIAL_TOKENS:
                return ()
            found = self.hits[key] = _special_hits(self.ms, key)
        return found


def _near(hit: Hit, other: Hit, window: Window, ms: Sequence[Morpheme]) -> bool:
    """Is ``other`` within ``window`` of ``hit``?"""
    if window == "post":
        return True
    if window == "sentence":
        return ms[other.first].sentence == ms[hit.first].sentence or ms[other.last].sentence == ms[hit.last].sentence
    return other.first <= hit.last + window and other.last >= hit.first - window


class Lexicon:
    """A compiled category lexicon; :meth:`find` applies it to a draft.

    Attributes:
        code: the category code (``CAT001``).
        label, label_en: the category's name for messages.
        entries: compiled entries, bundled first then a city's extra terms.
        unless: phrases that cancel every entry near them (the file's ``unless``).
        policy_unless: a policy's exceptions: one anywhere in the post cancels the category.
        thresholds: the category file's thresholds (kept here so that a lexicon rebuilt from
            the cache answers without parsing the file again), or None.
        phrases: every phrase the matcher looks up (terms, contexts, exceptions).
        index: a :class:`PhraseIndex` of :attr:`phrases` (built on first use).
    """

    def __init__(
        self,
        code: str,
        label: str,
        label_en: str,
        entries: Sequence[Entry],
        unless: Sequence[Phrase] = (),
        unless_window: Window = "sentence",
        policy_unless: Sequence[Phrase] = (),
        thresholds: Thresholds | None = None,
    ) -> None:
        self.thresholds = thresholds
        self.code = code
        self.label = label
        self.label_en = label_en
        self.entries = tuple(entries)
        self.unless = tuple(unless)
        self.unless_window = unless_window
        self.policy_unless = tuple(policy_unless)
        phrases: list[Phrase] = list(self.unless) + list(self.policy_unless)
        # Term key -> [((entry index, phrase index), entry)], so that find() visits only the
        # entries whose terms occur in the draft, in the order the full loop over
        # entries x phrases would (that order breaks ties in _dedupe).
        self._by_term: dict[str, list[tuple[tuple[int, int], Entry]]] = {}
        # Each entry's context groups and exceptions as phrase keys, by entry index: what
        # matches() looks up for every candidate entry of every draft.
        self._entry_keys: list[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = []
        for ei, e in enumerate(self.entries):
            phrases.extend(e.phrases)
            phrases.extend(e.unless)
            for g in e.context:
                phrases.extend(g)
            for pi, p in enumerate(e.phrases):
                self._by_term.setdefault(p.key, []).append(((ei, pi), e))
            self._entry_keys.append((tuple(tuple(p.key for p in g) for g in e.context), tuple(p.key for p in e.unless)))
        self._unless_keys = tuple(p.key for p in self.unless)
        self._policy_unless_keys = tuple(p.key for p in self.policy_unless)
        self.phrases = tuple(phrases)

    @cached_property
    def index(self) -> PhraseIndex:
        """A :class:`PhraseIndex` of :attr:`phrases`, built on first use: a run that scans
        through a :class:`LexiconGroup` never needs it."""
        return PhraseIndex(self.phrases)

    def scan(self, ms: Sequence[Morpheme]) -> DraftScan:
        """This lexicon's own scan of ``ms`` (for :meth:`find` without a shared scan)."""
        return DraftScan(ms, self.index, (self,))

    def find(self, ms: Sequence[Morpheme], scan: DraftScan | None = None) -> list[Match]:
        """The entries that hold in morphemes ``ms``, sorted by position.

        ``scan``: the draft's hits if already found by an index covering this lexicon
        (:class:`LexiconGroup`); None scans with this lexicon's own index.

        Overlapping matches are reduced to one per span: the strongest entry, then the
        longest span, wins.
        """
        return _dedupe(self.matches(ms, scan))

    def fired(self, ms: Sequence[Morpheme], scan: DraftScan | None = None) -> dict[Entry, Match]:
        """Each test (entry) that holds anywhere in ``ms`` -> one match of it, in entry order.

        This is what a category's score counts: a test scores once per post however often
        it holds (as SpamAssassin counts a rule once per message), so only its first valid
        place is looked for (its first phrase found, earliest first). Overlaps are kept: two
        tests on one span both fire.
        """
        out: dict[Entry, Match] = {}
        for m in self.matches(ms, scan, first_only=True):
            out.setdefault(m.entry, m)
        return out

    def matches(self, ms: Sequence[Morpheme], scan: DraftScan | None = None, first_only: bool = False) -> list[Match]:
        """The places where an entry holds (context met, no exception), in entry order; not
        deduplicated. ``first_only``: at most one place per entry.

        Raises:
            ValueError: ``scan`` came from an index that does not cover this lexicon.
        """
        if scan is None:
            scan = self.scan(ms)
        elif self not in scan.covers:
            raise ValueError(f"{self.code}: the shared scan does not cover this lexicon")
        by_term = self._by_term
        present = scan.hits.keys() & by_term.keys()
        if not present:
            return []  # no term of this lexicon in the draft (the usual case)
        # (order, entry, term key) of every entry with a term in the draft, in entry order.
        candidates = sorted(
            ((order, entry, key) for key in present for order, entry in by_term[key]), key=lambda c: c[0]
        )
        get = scan.get
        if any(get(k) for k in self._policy_unless_keys):
            return []
        global_cancel = [h for k in self._unless_keys for h in get(k)]
        entry_keys = self._entry_keys
        matches: list[Match] = []
        done: set[int] = set()
        for (ei, _), entry, key in candidates:
            if first_only and id(entry) in done:
                continue
            # Each context group's and exception's hits, gathered once per entry.
            context_keys, unless_keys = entry_keys[ei]
            groups = [[h for k in group for h in get(k)] for group in context_keys]
            if not all(groups):
                continue  # a context group is absent from the whole draft
            unless = [h for k in unless_keys for h in get(k)]
            cancel = global_cancel if (entry.score is None or entry.score > 0) else ()
            for hit in get(key):
                if entry.after_pos and (hit.first == 0 or ms[hit.first - 1].pos[0] not in entry.after_pos):
                    continue
                if not all(any(h != hit and _near(hit, h, entry.window, ms) for h in g) for g in groups):
                    continue
                if any(_near(hit, h, entry.unless_window, ms) for h in unless if not _inside(h, hit)):
                    continue
                if any(_near(hit, h, self.unless_window, ms) for h in cancel if not _inside(h, hit)):
                    continue
                matches.append(Match(entry, hit.start, hit.end))
                if first_only:
                    done.add(id(entry))
                    break
        return matches


class LexiconGroup:
    """Several lexicons scanned in one pass: one :class:`PhraseIndex` over all their phrases.

    The CAT rules of one draft each read the same group's :class:`DraftScan` (see
    :func:`lexicon_group` and :mod:`snslint.rules.content`) instead of scanning eleven times.

    Attributes:
        lexicons: the lexicons, in the order given.
        index: the index over every phrase of every lexicon.
    """

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.lexicons = tuple(lexicons)
        self.index = PhraseIndex(p for lex in self.lexicons for p in lex.phrases)

    def scan(self, ms: Sequence[Morpheme]) -> DraftScan:
        """Every lexicon's hits in ``ms``, found in one pass."""
        return DraftScan(ms, self.index, self.lexicons)


@lru_cache(maxsize=64)
def lexicon_group(lexicons: tuple[Lexicon, ...]) -> LexiconGroup:
    """The :class:`LexiconGroup` of ``lexicons`` (built once per process for each tuple;
    lexicons hash by identity, and :func:`lexicon_for` returns the same object each time)."""
    return LexiconGroup(lexicons)


def _inside(h: Hit, hit: Hit) -> bool:
    """An exception found inside the match itself (違法 in 違法ダウンロード) does not cancel it."""
    return h.first >= hit.first and h.last <= hit.last


def _dedupe(matches: list[Match]) -> list[Match]:
    ranked = sorted(matches, key=lambda m: (m.entry.strength != "strong", -(m.end - m.start), m.start))
    kept: list[Match] = []
    for m in ranked:
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


# --------------------------------------------------------------------------- loading


class LexiconError(ValueError):
    """A lexicon file or a policy's extra terms do not follow the format."""


def _spec_error(where: str, exc: Exception) -> LexiconError:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        err = errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        return LexiconError(f"{where}: {loc}: {err.get('msg')}")
    return LexiconError(f"{where}: {exc}")


def lexicon_files() -> dict[str, Path]:
    """Bundled lexicon files by code: ``rules/cat001_political.yaml`` -> ``CAT001``."""
    out = {}
    for path in sorted(data_dir("rules").glob("cat[0-9][0-9][0-9]_*.yaml")):
        out["CAT" + path.name[3:6]] = path
    return out


@lru_cache(maxsize=None)
def load_spec(code: str) -> LexiconSpec:
    """The parsed, validated bundled lexicon of ``code``.

    Raises:
        LexiconError: missing file or a format error (names the file and the field).
    """
    path = lexicon_files().get(code)
    if path is None:
        raise LexiconError(f"no bundled lexicon for {code} in {data_dir('rules')}")
    try:
        # libyaml's CSafeLoader when PyYAML has it: with the pure-Python SafeLoader, reading
        # the bundled files is a large share of a cold single-draft run.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(path.read_text(encoding="utf-8"))
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        spec = LexiconSpec.model_validate(data)
    except Exception as exc:  # yaml or pydantic
        raise _spec_error(path.name, exc) from None
    if spec.code != code:
        raise LexiconError(f"{path.name}: code {spec.code} does not match the file name")
    return spec


def parse_extra_terms(extra: Sequence[dict[str, Any]]) -> list[EntrySpec]:
    """Validate a policy's ``extra_terms`` (same entry format as the bundled files).

    Raises:
        LexiconError: the first bad entry, by index and field.
    """
    out = []
    for i, raw in enumerate(extra):
        try:
            out.append(EntrySpec.model_validate(raw))
        except Exception as exc:
            raise _spec_error(f"extra_terms[{i}]", exc) from None
    return out


class ArtifactStore(Protocol):
    """Where compiled lexicons are kept between processes (passed in by the run stage:
    :class:`snslint.run.cache.artifacts.ArtifactStore`). ``data`` is plain JSON data; ``load`` returns
    what ``save`` stored under the same ``kind``, ``name`` and ``key``, or None (missing,
    stale or damaged: the store checks)."""

    def load(self, kind: str, name: str, key: str) -> Any | None: ...

    def save(self, kind: str, name: str, key: str, data: Any) -> None: ...


@lru_cache(maxsize=256)
def _compiled(code: str, extra_json: str, unless_json: str, disable_json: str, store: ArtifactStore | None = None) -> Lexicon:
    if extra_json == unless_json == disable_json == "[]" and shipped_lexicon(code) is not None:
        return bundled_lexicon(code)  # the shipped bundle serves; the store would add a copy
    if store is None:
        return _compile(code, extra_json, unless_json, disable_json)
    return compiled_through(store, code, extra_json, unless_json, disable_json)


def compiled_through(
    store: ArtifactStore,
    code: str,
    extra_json: str,
    unless_json: str,
    disable_json: str,
    compile_fn: Callable[[str, str, str, str], Lexicon] | None = None,
) -> Lexicon:
    """``compile_fn(code, extra_json, unless_json, disable_json)`` (default: compile the
    bundled file), kept in ``store`` as plain data.

    Compiling the CAT lexicons (YAML parse, pydantic validation, one Sudachi call per phrase)
    is a large share of a cold single-draft run; rebuilding one from plain data is not. The
    key covers the lexicon file's content, this compiler's source, the arguments (a policy's
    extra terms, exceptions, disabled entries), the snslint version and the dictionary
    version (phrases are tokenized with it). A stored lexicon that does not rebuild is
    compiled again; one that would not come back equal is not stored.
    """
    compile_fn = compile_fn or _compile
    try:
        source = lexicon_files().get(code)
        key = _digest(
            [
                "lexicon",
                __version__,
                dictionary_version(),
                _file_digest(Path(__file__)),
                _file_digest(source) if source is not None else None,
                code,
                extra_json,
                unless_json,
                disable_json,
            ]
        )
    except OSError:
        return compile_fn(code, extra_json, unless_json, disable_json)
    data = store.load("lexicons", code, key)
    if data is not None:
        try:
            return lexicon_from_plain(data)
        except (KeyError, TypeError, ValueError):
            pass  # damaged: compile again, and store the good one over it
    lexicon = compile_fn(code, extra_json, unless_json, disable_json)
    try:
        plain = lexicon_to_plain(lexicon)
        if _signature(lexicon_from_plain(json.loads(json.dumps(plain, ensure_ascii=False)))) == _signature(lexicon):
            store.save("lexicons", code, key, plain)
    except (TypeError, ValueError):
        pass
    return lexicon


def _digest(obj: Any) -> str:
    """SHA-256 (hex) of ``obj`` as canonical JSON (sorted keys, UTF-8)."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _signature(lex: Lexicon) -> tuple:
    """What must survive the round trip: every field the matcher reads."""
    return (lex.code, lex.label, lex.label_en, lex.entries, lex.unless, lex.unless_window, lex.policy_unless, lex.thresholds)


def _phrase_plain(p: Phrase) -> list[Any]:
    return [p.text, p.norm, p.surface, p.special, p.surface_only]


def lexicon_to_plain(lex: Lexicon) -> dict[str, Any]:
    """``lex`` as plain JSON data (inverse: :func:`lexicon_from_plain`)."""
    entries = []
    for e in lex.entries:
        row: dict[str, Any] = {}
        for f in fields(e):
            v = getattr(e, f.name)
            if f.name in ("phrases", "unless"):
                v = [_phrase_plain(p) for p in v]
            elif f.name == "context":
                v = [[_phrase_plain(p) for p in group] for group in v]
            elif isinstance(v, tuple):
                v = list(v)
            row[f.name] = v
        entries.append(row)
    return {
        "code": lex.code,
        "label": lex.label,
        "label_en": lex.label_en,
        "entries": entries,
        "unless": [_phrase_plain(p) for p in lex.unless],
        "unless_window": lex.unless_window,
        "policy_unless": [_phrase_plain(p) for p in lex.policy_unless],
        "thresholds": [lex.thresholds.lower, lex.thresholds.upper] if lex.thresholds is not None else None,
    }


def lexicon_from_plain(data: dict[str, Any]) -> Lexicon:
    """The :class:`Lexicon` that :func:`lexicon_to_plain` took apart.

    Raises:
        KeyError, TypeError, ValueError: ``data`` does not have that shape.
    """

    new = tuple.__new__  # Phrase(...) goes through a Python-level __new__; this does not

    def phrase(row: list[Any]) -> Phrase:
        # The row is the phrase's fields in order (_phrase_plain); a cold run rebuilds
        # thousands of them.
        if len(row) != len(Phrase._fields):
            raise ValueError(f"a phrase row has {len(row)} fields")
        return new(Phrase, row)

    entries = []
    for row in data["entries"]:
        row = dict(row)
        row["phrases"] = tuple(phrase(p) for p in row["phrases"])
        row["unless"] = tuple(phrase(p) for p in row["unless"])
        row["context"] = tuple(tuple(phrase(p) for p in group) for group in row["context"])
        row["after_pos"] = tuple(row["after_pos"])
        entries.append(Entry(**row))
    return Lexicon(
        data["code"],
        data["label"],
        data["label_en"],
        entries,
        [phrase(p) for p in data["unless"]],
        data["unless_window"],
        [phrase(p) for p in data["policy_unless"]],
        # validated when the category file was compiled; no validator is built for it here
        Thresholds.model_construct(lower=th[0], upper=th[1]) if (th := data.get("thresholds")) else None,
    )


def _compile_file(code: str) -> Lexicon:
    """The bundled category file of ``code`` compiled now (YAML, validation, Sudachi)."""
    spec = load_spec(code)
    entries = [compile_entry(e) for e in spec.entries]
    unless = [compile_phrase(t) for t in spec.unless]
    return Lexicon(code, spec.label, spec.label_en, entries, unless, spec.unless_window, (), spec.thresholds)


@lru_cache(maxsize=None)
def bundled_lexicon(code: str) -> Lexicon:
    """The bundled category file of ``code``, compiled, without a policy's additions.

    Read from the compiled bundle shipped beside the category files (:data:`BUNDLE_FILE`)
    when it is current for this file and this dictionary (:func:`shipped_lexicon`), else
    compiled now. Both give equal lexicons (``tests/test_lexicon_bundle.py``).

    Raises:
        LexiconError: no such bundled file, or a format error in it.
    """
    shipped = shipped_lexicon(code)
    return shipped if shipped is not None else _compile_file(code)


def _compile(code: str, extra_json: str, unless_json: str, disable_json: str) -> Lexicon:
    """The bundled lexicon of ``code`` with a policy's extra terms, exceptions and disabled
    tests (each argument canonical JSON, as :func:`lexicon_for` encodes it).

    Only the policy's own phrases are tokenized here; the bundled ones come compiled.
    """
    base = bundled_lexicon(code)
    if extra_json == unless_json == disable_json == "[]":
        return base
    disabled = set(json.loads(disable_json))
    entries = [e for e in base.entries if e.term not in disabled and (not e.id or e.id not in disabled)]
    entries += [compile_entry(e, "policy") for e in parse_extra_terms(json.loads(extra_json))]
    extra_unless = [compile_phrase(t) for t in json.loads(unless_json)]
    return Lexicon(code, base.label, base.label_en, entries, base.unless, base.unless_window, extra_unless, base.thresholds)


# --------------------------------------------------------------------------- the shipped bundle

BUNDLE_FILE = "compiled_lexicons.json"
"""The compiled bundle's file name, beside the category files (``rules/``)."""

BUNDLE_FORMAT = 1
"""Version of the bundle's shape and of what compiling means; a bundle of another format is
ignored. Raise it with any change to :func:`lexicon_to_plain` or to how phrases compile."""


def bundle_key(code: str) -> dict[str, Any]:
    """What a shipped compiled lexicon must have been made from to be used for ``code``:
    the bundle format, the category file's SHA-256 and the dictionary
    (:func:`snslint.text.analysis.dictionary_identity`).

    Raises:
        OSError: the category file or the dictionary cannot be read.
        LexiconError: no bundled file for ``code``.
    """
    path = lexicon_files().get(code)
    if path is None:
        raise LexiconError(f"no bundled lexicon for {code} in {data_dir('rules')}")
    return {"format": BUNDLE_FORMAT, "file": _file_digest(path), "dictionary": dictionary_identity()}


@lru_cache(maxsize=1)
def _bundle() -> dict[str, Any]:
    """The shipped bundle as read (``{}`` when missing or not JSON: everything compiles)."""
    return shipped_json("rules", BUNDLE_FILE)


@lru_cache(maxsize=None)
def shipped_lexicon(code: str) -> Lexicon | None:
    """The lexicon of ``code`` rebuilt from the shipped bundle, or None when the bundle has
    none for it, or one made from another version of the file, another dictionary or
    another bundle format, or a damaged one (the caller then compiles).

    Compiling the category files (YAML, validation, a Sudachi call for each phrase) was the
    largest share of a cold single-draft run.
    """
    row = _bundle().get(code)
    if not isinstance(row, dict):
        return None
    try:
        if row.get("key") != bundle_key(code):
            return None
        return lexicon_from_plain(row["lexicon"])
    except (OSError, LexiconError, KeyError, TypeError, ValueError):
        return None


def write_bundle(folder: Path | None = None) -> Path:
    """Compile every bundled category file now and write the bundle into ``folder``
    (default: the bundled ``rules/`` folder); returns the file written.

    Run after editing a category file or fitting its scores
    (``python -m snslint.text.lexicon``); the tests fail while the bundle is stale, and a
    stale entry is never used (its key no longer matches).

    Raises:
        LexiconError: a category file does not compile.
        OSError: the file cannot be written.
    """
    folder = folder or data_dir("rules")
    rows = {code: {"key": bundle_key(code), "lexicon": lexicon_to_plain(_compile_file(code))} for code in lexicon_files()}
    path = folder / BUNDLE_FILE
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def lexicon_for(
    code: str,
    extra_terms: Sequence[dict[str, Any]] = (),
    unless: Sequence[str] = (),
    disable: Sequence[str] = (),
    store: ArtifactStore | None = None,
) -> Lexicon:
    """The compiled lexicon of ``code`` plus a policy's extra terms and exceptions.

    Compiled once per process for each distinct combination, through ``store`` when one is
    given (:func:`compiled_through`). The arguments are keyed by their canonical JSON; the
    common case (nothing added) skips the encoding.
    """
    if not (extra_terms or unless or disable):
        return _compiled(code, "[]", "[]", "[]", store)  # what json.dumps gives for three empty lists
    return _compiled(
        code,
        json.dumps(list(extra_terms), ensure_ascii=False, sort_keys=True, default=str),
        json.dumps(list(unless), ensure_ascii=False),
        json.dumps(sorted(disable), ensure_ascii=False),
        store,
    )


if __name__ == "__main__":  # python -m snslint.text.lexicon: rewrite the shipped bundle
    print(write_bundle())
