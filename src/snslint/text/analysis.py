"""Morphological analysis of a draft body with Sudachi, plus an NFKC view for pattern rules.

One :class:`sudachipy.Dictionary` (``sudachidict-core``) and one tokenizer per split mode are
created lazily, once per process, and reused (a Sudachi tokenizer is not thread-safe and cannot
be pickled: each worker process makes its own). Split mode C (longest units, 木更津市役所 ->
木更津/市役所) is the default; mode A (shortest units) is computed only when a rule asks.

Sudachi rejects inputs over about 49 KB of UTF-8 and slows down above about 3 KB per call, so
the body is tokenized in chunks cut at line breaks (and, inside a very long line, after 。 or
at a hard limit of :data:`CHUNK_CHARS` characters). Morpheme offsets are 0-based character
offsets into the body.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Tokenizer

CHUNK_CHARS = 1000
"""Largest piece handed to Sudachi in one call, in characters (at most 4 KB of UTF-8)."""

MORPHEME_FIELDS = frozenset({"pos", "normalized_form", "dictionary_form"})
"""Sudachi word-info fields loaded by the tokenizer; the surface and offsets always come."""

SENTENCE_ENDS = frozenset("。！？!?\n")
"""Characters that end a sentence for context windows (Japanese full stops and line breaks)."""

QUOTE_OPEN = frozenset("「『")
QUOTE_CLOSE = frozenset("」』")
"""Japanese quotation brackets: a full stop inside 「」 or 『』 does not end the sentence, so a
quoted phrase and the words that reject it (「…。」というのはデマです) stay in one sentence. A
line break always ends the sentence and closes any quote left open (an unbalanced 「 never
swallows the rest of a post)."""


class Morpheme(NamedTuple):
    """One Sudachi morpheme with offsets into the body.

    Attributes:
        surface: the text as written.
        begin: 0-based character offset into the body.
        end: offset just past the morpheme.
        normalized: Sudachi's normalized form (下さい -> 下さる, ｶﾀｶﾅ -> カタカナ).
        dictionary: the dictionary (lemma) form (し -> する).
        pos: the six-field part of speech, e.g. ``("名詞", "固有名詞", "地名", "一般", "*", "*")``.
        sentence: 0-based index of the sentence the morpheme belongs to.
    """

    surface: str
    begin: int
    end: int
    normalized: str
    dictionary: str
    pos: tuple[str, ...]
    sentence: int


class _Sudachi:
    """Process-wide lazy holder of the dictionary and one tokenizer per split mode."""

    def __init__(self) -> None:
        self._dictionary = None
        self._tokenizers: dict[str, "Tokenizer"] = {}

    def tokenizer(self, mode: str) -> "Tokenizer":
        tok = self._tokenizers.get(mode)
        if tok is None:
            from sudachipy import Dictionary, SplitMode

            if self._dictionary is None:
                self._dictionary = Dictionary(dict="core")
            # Only the fields the rules read are loaded (Sudachi "subsetting"): faster.
            tok = self._dictionary.tokenizer(mode=getattr(SplitMode, mode), fields=set(MORPHEME_FIELDS))
            self._tokenizers[mode] = tok
        return tok


_SUDACHI = _Sudachi()

_POS_BY_ID: dict[int, tuple[str, ...]] = {}
"""Part-of-speech tuples by Sudachi's POS id (one dictionary per process), shared by every
draft, so each distinct POS is read and built once per process."""

_WORDS: dict[int, tuple[str, str, tuple[str, ...]]] = {}
"""``(normalized form, dictionary form, part of speech)`` by Sudachi word id, for words of the
dictionary (one per process). These three are the dictionary entry's own (a test checks them
against Sudachi over surfaces that differ in width and case); only the surface depends on the
text. An out-of-vocabulary morpheme is never kept: Sudachi gives every unknown word of one
part of speech the same id (ｱｲｳｴｵ and QWERTY share one), each with its own forms. Bounded
by :data:`WORD_CACHE_MAX`."""

WORD_CACHE_MAX = 65536
"""Most dictionary words :data:`_WORDS` keeps (a few MB); a long-running process (``snslint
serve``) stops adding past it and reads the rest from Sudachi as before."""


def dictionary_version() -> str:
    """A fingerprint of the installed SudachiPy and core dictionary, for cache keys.

    The size and modification time (ns) of SudachiPy's package file and of the dictionary
    file ``sudachidict_core/resources/system.dic``: any upgrade or reinstall changes it.
    Neither package is imported and no package metadata is parsed (both are slow, a cost a
    cache hit would otherwise pay for nothing). ``"unknown"`` when either
    cannot be found (a broken install: nothing then matches a cached key made before).
    """
    import os
    from importlib.util import find_spec

    parts = []
    for package, relative in (("sudachipy", None), ("sudachidict_core", ("resources", "system.dic"))):
        spec = find_spec(package)
        if spec is None or not spec.origin:
            return "unknown"
        path = os.path.join(os.path.dirname(spec.origin), *relative) if relative else spec.origin
        try:
            st = os.stat(path)
        except OSError:
            return "unknown"
        parts.append(f"{package}:{st.st_size}-{st.st_mtime_ns}")
    return ";".join(parts)


@lru_cache(maxsize=1)
def dictionary_identity() -> str:
    """What the installed SudachiPy and core dictionary *are*, the same on every machine that
    has the same versions: SudachiPy's version, and the size and SHA-256 of the first 4 KiB
    of ``system.dic`` (its header names the build, e.g. ``20261015160127-8d882485``).

    For artifacts shipped in the wheel (:func:`snslint.text.lexicon.shipped_lexicon`), where
    :func:`dictionary_version`'s file times would never match. Imports SudachiPy (a run that
    uses the result tokenizes anyway).

    Raises:
        OSError: the dictionary file cannot be read (a broken install).
    """
    import hashlib
    import os

    import sudachidict_core
    import sudachipy

    path = os.path.join(os.path.dirname(sudachidict_core.__file__), "resources", "system.dic")
    with open(path, "rb") as fh:
        head = fh.read(4096)
        size = os.fstat(fh.fileno()).st_size
    return f"sudachipy {sudachipy.__version__}; system.dic {size} {hashlib.sha256(head).hexdigest()}"


def iter_chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pieces of at most ``limit`` characters.

    Pieces end after a line break where possible, else after 。, else at the limit. Joining
    the pieces gives back ``text`` exactly.
    """
    start = 0
    n = len(text)
    while start < n:
        stop = min(n, start + limit)
        if stop < n:
            cut = text.rfind("\n", start, stop)
            if cut < start:
                cut = text.rfind("。", start, stop)
            if cut >= start:
                stop = cut + 1
        yield start, text[start:stop]
        start = stop


def tokenize(text: str, mode: str = "C") -> list[Morpheme]:
    """Morphemes of ``text`` in split ``mode`` (``"A"``, ``"B"`` or ``"C"``).

    Offsets are characters into ``text``; sentence indices count sentence ends
    (:data:`SENTENCE_ENDS`) seen before each morpheme, except a full stop inside 「」 or 『』
    (:data:`QUOTE_OPEN`); a line break always counts. Sudachi makes each bracket a morpheme of
    its own (補助記号), so only a surface's first character is checked for one.
    """
    tok = _SUDACHI.tokenizer(mode)
    out: list[Morpheme] = []
    append = out.append
    new = tuple.__new__  # Morpheme(...) goes through a Python-level __new__; this does not
    pos_cache = _POS_BY_ID
    words = _WORDS
    sentence = 0
    depth = 0  # open quotation brackets
    for offset, piece in iter_chunks(text):
        # Sudachi's morphemes tile the input: each begins where the one before ended and its
        # surface is the input there, so the offsets are a running sum of surface lengths
        # (two calls into the binding fewer per morpheme; tests/test_analysis.py checks it).
        begin = offset
        for m in tok.tokenize(piece):
            # A word seen before: its forms and POS from _WORDS, one call instead of three
            # (and no new strings for them).
            wid = m.word_id()
            word = words.get(wid)
            if word is None:
                pid = m.part_of_speech_id()
                pos = pos_cache.get(pid)
                if pos is None:
                    pos = pos_cache[pid] = tuple(m.part_of_speech())
                word = (m.normalized_form(), m.dictionary_form(), pos)
                if len(words) < WORD_CACHE_MAX and not m.is_oov():
                    words[wid] = word
            surface = m.surface()
            end = begin + len(surface)
            append(new(Morpheme, (surface, begin, end, word[0], word[1], word[2], sentence)))
            begin = end
            if not surface:
                continue
            if surface[0] in QUOTE_OPEN:
                depth += 1
            elif surface[0] in QUOTE_CLOSE and depth:
                depth -= 1
            last = surface[-1]
            if last in SENTENCE_ENDS and (depth == 0 or last == "\n"):
                sentence += 1
                depth = 0
    return out


def phrase_keys(text: str, mode: str = "C") -> tuple[str, str]:
    """``(normalized, surface)`` of ``text``: its morphemes' normalized forms, concatenated,
    and their surfaces, concatenated, in split ``mode``.

    The same morphemes as :func:`tokenize` (same tokenizer, same chunks), without building
    them: a cold run compiles about 800 lexicon phrases, and reading only these two fields
    halves the Python work per phrase.
    """
    tok = _SUDACHI.tokenizer(mode)
    norms: list[str] = []
    surfaces: list[str] = []
    for _, piece in iter_chunks(text):
        for m in tok.tokenize(piece):
            norms.append(m.normalized_form())
            surfaces.append(m.surface())
    return "".join(norms), "".join(surfaces)


class _NfkcTable(dict):
    """A ``str.translate`` table: code point -> that character's NFKC form, filled lazily.

    Entries are computed with :func:`unicodedata.normalize` on first lookup of each code
    point and kept for the life of the process (a few thousand distinct characters at most
    in Japanese posts).
    """

    def __missing__(self, code: int) -> str:
        norm = unicodedata.normalize("NFKC", chr(code))
        self[code] = norm
        return norm


_NFKC = _NfkcTable()


class NormalizedView(NamedTuple):
    """An NFKC-normalized copy of a text with a map back to the original offsets.

    Each original character is normalized on its own (so offsets stay exact), which equals
    whole-string NFKC for Japanese text in practice (全角 ０-９ and Ａ-Ｚ, ＠, ：, 半角ｶﾅ).

    Attributes:
        text: the normalized text.
        origin: ``origin[i]`` is the original offset of normalized character ``i``; one extra
            entry at the end holds the original length (a ``range`` when no offset moves).
    """

    text: str
    origin: Sequence[int]

    @classmethod
    def of(cls, original: str) -> "NormalizedView":
        """Build the view of ``original``.

        One ``str.translate`` pass over a per-character table that fills itself on first
        sight of each character (:class:`_NfkcTable`). No character's NFKC form is empty
        (checked over all of Unicode by the tests), so an unchanged length means every
        character stayed one character: offsets do not move and ``origin`` is a ``range``.
        Otherwise only the characters that grew (…, ㈱, ℃) are found (``str.find``) to build
        it. Same result as normalizing each character in a Python loop, in about a third of
        the time on a 350-character post.
        """
        n = len(original)
        if original.isascii():
            return cls(original, range(n + 1))
        text = original.translate(_NFKC)
        if len(text) == n:  # no NFKC form is empty, so every character stayed one character
            return cls(text, range(n + 1))
        moved: list[int] = []  # positions of the characters whose NFKC length is not 1
        for ch in set(original):
            if len(_NFKC[ord(ch)]) == 1:
                continue
            i = original.find(ch)
            while i >= 0:
                moved.append(i)
                i = original.find(ch, i + 1)
        moved.sort()
        origin: list[int] = []
        at = 0
        for i in moved:
            origin.extend(range(at, i))
            origin.extend([i] * len(_NFKC[ord(original[i])]))
            at = i + 1
        origin.extend(range(at, n + 1))
        return cls(text, tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span ``[start, end)``."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


@dataclass
class Analysis:
    """Everything computed from a draft body, each part on first use.

    Attributes:
        body: the post body (front matter removed).
    """

    body: str

    @cached_property
    def morphemes(self) -> list[Morpheme]:
        """Split-mode C morphemes of the body."""
        return tokenize(self.body, "C")

    @cached_property
    def morphemes_a(self) -> list[Morpheme]:
        """Split-mode A (shortest unit) morphemes of the body."""
        return tokenize(self.body, "A")

    @cached_property
    def normalized(self) -> NormalizedView:
        """The NFKC view of the body, for pattern rules (digits, URLs, e-mail)."""
        return NormalizedView.of(self.body)

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """``(start, end)`` body offsets of each sentence, ended by 。！？ or a line break (not by
        a full stop inside 「」 or 『』, as in :func:`tokenize`)."""
        bounds: list[tuple[int, int]] = []
        start = 0
        depth = 0
        for i, ch in enumerate(self.body):
            if ch in QUOTE_OPEN:
                depth += 1
            elif ch in QUOTE_CLOSE and depth:
                depth -= 1
            if ch in SENTENCE_ENDS and (depth == 0 or ch == "\n"):
                depth = 0
                bounds.append((start, i + 1))
                start = i + 1
        if start < len(self.body):
            bounds.append((start, len(self.body)))
        return bounds
