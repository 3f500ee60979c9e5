"""Links in a post: find URLs the way X links them, and take their hosts apart.

Extraction follows twitter-text (https://github.com/twitter/twitter-text, Apache-2.0), the
library X uses to decide what becomes a link: its regular expressions are ported here
(``extractUrlsWithIndices`` in ``js/src/extractUrlsWithIndices.js`` and the patterns in
``js/src/regexp/``), so that a draft's links are the ones residents will see. URLs with or
without ``http(s)://`` are found (``example.com/path``, ``bit.ly/abc``); a scheme-less URL
needs a real top-level domain, taken from the Public Suffix List shipped inside the
``publicsuffixlist`` package (MPL-2.0, updated with each release, read offline).

Deliberate differences from twitter-text, for Japanese drafts (all tested):

- A host never contains CJK or full-width punctuation (``、。「」『』（）：！`` ...), general
  punctuation (``“” … ・ ※``) or ASCII quotes: twitter-text lets a host with a scheme run
  on through ``。`` into the next sentence (``https://a.jpをご覧ください。詳細はb.com``),
  here it ends at ``a.jp``.
- :func:`find_links` also finds URLs typed in full-width characters
  (``ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ…``), which X does not link but residents read and type; they
  are marked ``fullwidth=True``.

Offsets are 0-based **character** offsets (Python ``str`` indices, not UTF-16 units or bytes).
Nothing here touches the network.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from snslint.text.analysis import NormalizedView

__all__ = [
    "Link",
    "extract_urls",
    "find_links",
    "normalize_host",
    "ascii_host",
    "is_tld",
    "registrable_domain",
    "public_suffix",
    "host_in",
    "PUBLIC_BODY_SUFFIXES",
]

PUBLIC_BODY_SUFFIXES: tuple[str, ...] = ("lg.jp", "go.jp")
"""Second-level domains that only public bodies can register in Japan: ``lg.jp`` (地方公共団体,
JPRS 「LG.JPドメイン名」) and ``go.jp`` (政府機関). Their sites serve https and are not
third parties."""

MAX_TCO_SLUG_LENGTH = 40
MAX_URL_LENGTH = 4096
MAX_LABEL_LENGTH = 63

# --------------------------------------------------------------------------- character classes
# Ported from twitter-text js/src/regexp/*.js (Apache-2.0).

_LATIN_ACCENTS = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259"
    "\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
_SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_PUNCT = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
# Not in twitter-text (see the module docstring): CJK symbols and punctuation, full-width
# punctuation, general punctuation (quotes, ellipsis, reference mark), katakana middle dot
# and ASCII control characters. The prolonged sound mark ー (U+30FC) stays a host character.
_JA_PUNCT = (
    "\x00-\x08\x0e-\x1f\x7f\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\u2010-\u2027\u2030-\u205e\u30fb"
)
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}{_JA_PUNCT}]"
_NOT_BEFORE_URL = "A-Za-z0-9@\uff20$#\uff03" + _INVALID
"""A URL never starts right after one of these (twitter-text ``validUrlPrecedingChars``)."""

_PATH_CHAR = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~&|@{_LATIN_ACCENTS}]"
_BALANCED_PARENS = rf"\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*))\)"
_PATH_END = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|{_BALANCED_PARENS})"
_PATH = rf"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
# Labels are capped at 63 characters in the pattern itself (a longer one is never a valid
# host, RFC 1035 2.3.4): this keeps matching linear on long runs of Japanese text, which
# twitter-text's unbounded pattern is not.
_SUBDOMAIN = rf"(?:{_DOMAIN_CHAR}(?:(?:[_\-]|{_DOMAIN_CHAR}){{0,61}}{_DOMAIN_CHAR})?\.)"
_DOMAIN_NAME = rf"(?:{_DOMAIN_CHAR}(?:(?:-|{_DOMAIN_CHAR}){{0,61}}{_DOMAIN_CHAR})?\.)"
_TLD_END = r"(?=[^a-z0-9@+\-]|$)"


class Link(NamedTuple):
    """One URL in a text.

    Attributes:
        start, end: 0-based character offsets of the URL in the text searched, ``[start, end)``.
        text: the URL exactly as written (``text == searched[start:end]``).
        scheme: ``"http"`` or ``"https"`` (lowercase), or None when written without one.
        host: the host as written (``www.City.Kagoshima.lg.jp``, ``ＥＸＡＭＰＬＥ．ｃｏｍ``).
        hostname: the host normalized by :func:`normalize_host`: NFKC, lowercase, punycode
            labels decoded (``xn--q9jyb4c`` -> ``みんな``), no trailing dot.
        port: the port number, or None.
        path: the path as written, from its ``/`` (``""`` when none).
        query: the query string as written, from its ``?`` (``""`` when none).
        fullwidth: True when written in full-width characters (found in the NFKC view; X
            does not link it).
    """

    start: int
    end: int
    text: str
    scheme: str | None
    host: str
    hostname: str
    port: int | None = None
    path: str = ""
    query: str = ""
    fullwidth: bool = False

    @property
    def ascii_hostname(self) -> str | None:
        """The host in ASCII (IDNA/punycode), or None when it cannot be encoded."""
        return ascii_host(self.hostname)

    @property
    def registrable_domain(self) -> str:
        """The host's registrable domain (``city.kagoshima.lg.jp`` -> ``kagoshima.lg.jp``)."""
        return registrable_domain(self.hostname)

    @property
    def path_only(self) -> str:
        """The path without its fragment (``/a/b.zip#x`` -> ``/a/b.zip``), NFKC-normalized."""
        return unicodedata.normalize("NFKC", self.path).split("#", 1)[0]


# --------------------------------------------------------------------------- public suffix list


@lru_cache(maxsize=1)
def _psl_rules() -> tuple[str, ...]:
    """The Public Suffix List's rules (ICANN and private sections), in file order.

    Read straight from the list file that ``publicsuffixlist`` ships (its format: one rule
    per line up to the first space, ``//`` comments, ``!`` exceptions, ``*.`` wildcards).
    """
    from publicsuffixlist import PSLFILE

    # Bytes decoded at once: a text-mode read translates newlines character by character
    # (over twice as slow on this file); splitlines() breaks the same lines.
    with open(PSLFILE, "rb") as fh:
        lines = fh.read().decode("utf-8").splitlines()
    return tuple(
        line.split(maxsplit=1)[0] if (" " in line or "\t" in line) else line
        for line in lines
        if line and not line.startswith("//") and not line.isspace()
    )


def _top_label(rule: str) -> str:
    """The top label a rule sits under, lowercase: ``lg.jp`` and ``!city.kawasaki.jp`` -> ``jp``,
    ``*.ck`` -> ``ck`` (IDN TLDs in Unicode, as the list writes them)."""
    return rule.rpartition(".")[2].lstrip("!*.").lower()


@lru_cache(maxsize=1)
def _rules_by_tld() -> dict[str, tuple[str, ...]]:
    """The Public Suffix List's rules (:func:`_psl_rules`) grouped by their top label
    (:func:`_top_label`): ``{"jp": ("jp", "lg.jp", ...)}``. Some TLDs appear only under
    others (``co.za``, ``*.ck``)."""
    groups: dict[str, list[str]] = {}
    for rule in _psl_rules():
        groups.setdefault(_top_label(rule), []).append(rule)
    return {tld: tuple(rules) for tld, rules in groups.items()}


@lru_cache(maxsize=None)
def _psl_for(tld: str):
    """A ``publicsuffixlist.PublicSuffixList`` of the rules under ``tld`` only, built once per
    TLD per process.

    A rule can only match a host whose top label is the rule's own (the PSL algorithm,
    https://github.com/publicsuffix/list/wiki/Format, compares labels from the right), so the
    answers for hosts under ``tld`` are those of the whole list; parsing one TLD's rules
    (``jp``: about a fifth of the list) costs that fraction of parsing all of them, which a
    run used to pay before its first link to a non-official host. Hosts are compared in
    Unicode (:func:`normalize_host` decodes punycode), so no punycode copy is built.
    """
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(source=_rules_by_tld().get(tld, ()), accept_unknown=False, accept_encoded_idn=False)


def _psl_of(host: str):
    """The list that answers for ``host`` (normalized): its top label's (:func:`_psl_for`)."""
    return _psl_for(host.rsplit(".", 1)[-1].lower())


@lru_cache(maxsize=1)
def _tlds() -> frozenset[str]:
    """All top-level domains in the Public Suffix List: the keys of :func:`_rules_by_tld`
    (a test checks), found without grouping the rules. A draft with a link needs them to
    find where its host ends; only a host outside the official domains needs the groups."""
    return frozenset(_top_label(top) for top in {rule.rpartition(".")[2] for rule in _psl_rules()})


def is_tld(label: str) -> bool:
    """True if ``label`` (any case, Unicode or punycode) is a top-level domain in the PSL."""
    return label.lower() in _tlds()


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a trie: longest alternatives are tried first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        end = "" in node
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@lru_cache(maxsize=1)
def _tld_pattern() -> str:
    """The top-level-domain part of the patterns: a trie of the PSL's TLDs, or punycode."""
    tlds = sorted(t for t in _tlds() if not t.startswith("xn--"))
    return f"(?:{_trie_pattern(tlds)}{_TLD_END}|{_PUNYCODE})"


def url_pattern_source() -> str:
    """The URL pattern as one regex (IGNORECASE): twitter-text's ``extractUrl`` with the TLD
    trie. :func:`_match_url` gives the same match at any start without compiling it (a trie
    of every TLD in the list is slow to compile); the tests compare the two."""
    return (
        rf"(?<![{_NOT_BEFORE_URL}])"
        rf"(?P<url>(?P<scheme>https?://)?"
        rf"(?P<host>{_SUBDOMAIN}*{_DOMAIN_NAME}{_tld_pattern()})"
        rf"(?::(?P<port>[0-9]+))?"
        rf"(?P<path>/{_PATH}*)?"
        rf"(?P<query>\?{_QUERY_CHAR}*{_QUERY_END})?)"
    )


@lru_cache(maxsize=1)
def _url_parts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(head, punycode, t.co) patterns, IGNORECASE, compiled once (a few ms).

    The head is the URL pattern up to its host's labels (every label followed by its dot,
    as many as there are). What follows the top-level domain is :func:`_tail`.
    """
    flags = re.IGNORECASE
    head = re.compile(rf"(?<![{_NOT_BEFORE_URL}])(?P<scheme>https?://)?(?P<labels>{_SUBDOMAIN}+)", flags)
    puny = re.compile(_PUNYCODE, flags)
    tco = re.compile(rf"https?://t\.co/([a-z0-9]+)(?:\?{_QUERY_CHAR}*{_QUERY_END})?", flags)
    return head, puny, tco


def tail_pattern_source() -> str:
    """What follows a URL's top-level domain (port, path, query) as twitter-text writes it,
    one regex (IGNORECASE). :func:`_tail` matches it without compiling it where it can: its
    path class appears about fourteen times, and with its Unicode ranges it was the slowest
    pattern of a cold run with a link to compile."""
    return rf"(?::(?P<port>[0-9]+))?(?P<path>/{_PATH}*)?(?P<query>\?{_QUERY_CHAR}*{_QUERY_END})?"


@lru_cache(maxsize=1)
def _tail_re() -> re.Pattern[str]:
    """:func:`tail_pattern_source` compiled, for the tails :func:`_tail` leaves to it."""
    return re.compile(tail_pattern_source(), re.IGNORECASE)


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# The ASCII characters each class of the tail matches (IGNORECASE); the tests compare every
# ASCII character with the classes themselves.
_PATH_CHAR_ASCII = frozenset(_ALNUM + "!*';:=+,.$/%#[]-_~&|@")
_PATH_END_ASCII = frozenset(_ALNUM + "+-=_#/")
_QUERY_CHAR_ASCII = frozenset(_ALNUM + "!?*'@();:&=+$/%#[]-_.,~|")
_QUERY_END_ASCII = frozenset(_ALNUM + "-_&=#/")
_TAIL_NEVER_FROM = 0x3000
"""No character from U+3000 up (CJK, kana, full-width forms, emoji, ...) matches a class of
the tail, nor ``(`` (a test checks every one): where a run of path or query characters stops
at one, it has really ended."""


def _tail(text: str, at: int) -> tuple[int, tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None] | None:
    """The tail pattern (:func:`tail_pattern_source`) matched at ``at``: ``(end, port, path,
    query)`` spans (None for a group that did not take part), or None when the tail holds
    a character this reading does not decide (a parenthesis in the path, a non-ASCII
    character below U+3000); the caller then uses the compiled pattern.

    With only ASCII path characters and no parenthesis, the path pattern
    ``/(?:PATH_CHAR* PATH_END | PATH_CHAR+ /)*`` takes the run of path characters after the
    slash up to its last ``PATH_END`` character (the first alternative, greedy; nothing
    is left for another round, as ``/`` is itself a ``PATH_END``), or only the slash when the
    run has none. The query likewise takes its run up to the last ``QUERY_END`` character,
    or is absent. Port, path and query are each optional and nothing follows them, so the
    regex never backtracks from one into the one before.
    """
    n = len(text)
    pos = at
    port = path = query = None
    if pos < n and text[pos] == ":":
        j = pos + 1
        while j < n and "0" <= text[j] <= "9":
            j += 1
        if j > pos + 1:
            port = (pos + 1, j)
            pos = j
    if pos < n and text[pos] == "/":
        j = end = pos + 1
        while j < n and text[j] in _PATH_CHAR_ASCII:
            j += 1
            if text[j - 1] in _PATH_END_ASCII:
                end = j
        if j < n and (text[j] == "(" or (not text[j].isascii() and ord(text[j]) < _TAIL_NEVER_FROM)):
            return None
        path = (pos, end)
        pos = end
    if pos < n and text[pos] == "?":
        j = pos + 1
        end = 0
        while j < n and text[j] in _QUERY_CHAR_ASCII:
            j += 1
            if text[j - 1] in _QUERY_END_ASCII:
                end = j
        if j < n and not text[j].isascii() and ord(text[j]) < _TAIL_NEVER_FROM:
            return None
        if end:
            query = (pos, end)
            pos = end
    return pos, port, path, query


@lru_cache(maxsize=1)
def _tld_groups() -> dict[str, list[str]]:
    """The PSL's TLDs (no punycode), sorted, grouped by first character."""
    groups: dict[str, list[str]] = {}
    for tld in sorted(t for t in _tlds() if not t.startswith("xn--")):
        groups.setdefault(tld[0], []).append(tld)
    return groups


_TLD_FIRST: dict[str, tuple[str, ...]] = {}
"""A text character -> the TLD first characters it matches case-insensitively, as ``re``
matches them (``K`` Kelvin sign and ``k``, ``ſ`` and ``s``); filled per character seen
(:func:`_tld_firsts`)."""


def _tld_firsts(ch: str) -> tuple[str, ...]:
    """The TLD first characters that ``ch`` matches under ``re.IGNORECASE``.

    An ASCII character matches only its own lowercase among the list's first characters (a
    test checks every ASCII character against ``re``); any other is matched against each
    first character with ``re`` itself, which compiles one small pattern per first character
    once per process, a cost a host written in ASCII never pays.
    """
    groups = _tld_groups()
    if ch.isascii():
        low = ch.lower()
        return (low,) if low in groups else ()
    return tuple(f for f in groups if re.match(re.escape(f), ch, re.IGNORECASE))


@lru_cache(maxsize=256)
def _tld_regex(firsts: tuple[str, ...]) -> re.Pattern[str]:
    """The TLD trie of the TLDs starting with ``firsts``, then the TLD end, IGNORECASE: the
    part of the full trie that can match at a position starting with those characters."""
    words = [w for f in firsts for w in _tld_groups()[f]]
    return re.compile(f"(?:{_trie_pattern(words)}){_TLD_END}", re.IGNORECASE)


def _tld_end(text: str, at: int) -> int | None:
    """Where the top-level domain starting at ``at`` ends, as the full pattern's
    ``(?:TRIE TLD_END | PUNYCODE)`` would match it there; None if no TLD starts there."""
    if at < len(text):
        ch = text[at]
        firsts = _TLD_FIRST.get(ch)
        if firsts is None:
            firsts = _TLD_FIRST[ch] = _tld_firsts(ch)
        if firsts:
            m = _tld_regex(firsts).match(text, at)
            if m is not None:
                return m.end()
    m = _url_parts()[1].match(text, at)
    return m.end() if m is not None else None


class _UrlMatch:
    """What :func:`_match_url` found: the groups of :func:`url_pattern_source`, read like a
    :class:`re.Match` (``span(name)``, ``group(name)``, ``end()``)."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: dict[str, tuple[int, int] | None]) -> None:
        self._text = text
        self._spans = spans

    def span(self, name: str) -> tuple[int, int]:
        return self._spans[name] or (-1, -1)

    def group(self, name: str) -> str | None:
        span = self._spans[name]
        return None if span is None else self._text[span[0] : span[1]]

    def end(self) -> int:
        return self._spans["url"][1]  # type: ignore[index]


def _match_url(text: str, start: int) -> _UrlMatch | None:
    """The URL pattern (:func:`url_pattern_source`) matched at ``start``, without its TLD trie.

    The head pattern takes the scheme and every host label with its dot. The full pattern's
    ``SUBDOMAIN* DOMAIN_NAME TLD`` then backtracks from the most labels to the fewest, so
    each label, last first, is tried as the domain name (which allows no ``_``) with a top-
    level domain right after its dot (:func:`_tld_end`); the first that fits ends the host,
    and the tail (port, path, query; all optional) is matched from there (:func:`_tail`).
    """
    head_re = _url_parts()[0]
    head = head_re.match(text, start)
    if head is None:
        return None
    labels_start, labels_end = head.span("labels")
    ends = [i for i in range(labels_start, labels_end) if text[i] == "."]  # each label's dot
    for j in range(len(ends) - 1, -1, -1):
        label_start = ends[j - 1] + 1 if j else labels_start
        if "_" in text[label_start : ends[j]]:
            continue
        host_end = _tld_end(text, ends[j] + 1)
        if host_end is None:
            continue
        tail = _tail(text, host_end)
        if tail is None:
            m = _tail_re().match(text, host_end)
            tail = (m.end(), *(m.span(g) if m.group(g) is not None else None for g in ("port", "path", "query")))
        end, port, path, query = tail
        scheme = head.span("scheme") if head.group("scheme") is not None else None
        return _UrlMatch(
            text,
            {"url": (start, end), "scheme": scheme, "host": (labels_start, host_end), "port": port, "path": path, "query": query},
        )
    return None


def ascii_domain_pattern_source() -> str:
    """twitter-text's ``validAsciiDomain`` (the domains it links in a URL written without a
    scheme) as one regex (IGNORECASE) with the TLD trie. :func:`_ascii_domains` gives its
    ``finditer`` spans without compiling it (a trie of every TLD is slow to compile); the
    tests compare the two."""
    return rf"(?:[\-a-z0-9{_LATIN_ACCENTS}]+\.)+{_tld_pattern()}"


@lru_cache(maxsize=1)
def _ascii_label() -> re.Pattern[str]:
    """A run of the characters an ASCII-domain label may hold (IGNORECASE, as in
    :func:`ascii_domain_pattern_source`)."""
    return re.compile(rf"[\-a-z0-9{_LATIN_ACCENTS}]+", re.IGNORECASE)


def _ascii_domains(host: str) -> list[tuple[int, int]]:
    r"""The ``(start, end)`` spans in ``host`` that ``finditer`` of the ASCII-domain pattern
    (:func:`ascii_domain_pattern_source`) gives, found without its TLD trie.

    The pattern is ``(?:LABEL+\.)+ TLD``. A label cannot hold a dot, so from any start inside
    a maximal run of label characters the groups are that run and each following run that
    begins right after the previous one's dot and ends with a dot of its own; the regex
    backtracks from the most groups to the fewest and takes the first place after a group's
    dot where a TLD matches (:func:`_tld_end`). The answer is the same from every start in a
    run, so it is computed once per run, from the last run back (each run's answer is the
    next chained run's, or its own dot's TLD): one TLD look-up per run, where the regex
    retried every start.
    """
    runs = [m.span() for m in _ascii_label().finditer(host)]
    ends: list[int | None] = [None] * len(runs)  # per run: where a match starting in it ends
    for i in range(len(runs) - 1, -1, -1):
        end = runs[i][1]
        if end >= len(host) or host[end] != ".":
            continue  # no group starts in this run
        chained = i + 1 < len(runs) and runs[i + 1][0] == end + 1 and ends[i + 1] is not None
        ends[i] = ends[i + 1] if chained else _tld_end(host, end + 1)
    out: list[tuple[int, int]] = []
    pos = 0
    for (start, end), match_end in zip(runs, ends):
        if match_end is None or end <= pos:
            continue
        out.append((max(start, pos), match_end))
        pos = match_end
    return out


# --------------------------------------------------------------------------- hosts


def normalize_host(host: str) -> str:
    """A host as compared: NFKC, lowercase, punycode labels decoded, no trailing dot.

    ``ＷＷＷ．Ｃｉｔｙ．Ｋａｇｏｓｈｉｍａ．ｌｇ．ｊｐ`` -> ``www.city.kagoshima.lg.jp``;
    ``xn--r8jz45g.jp`` -> ``例え.jp``. A punycode label that does not decode is kept as it is.
    """
    host = unicodedata.normalize("NFKC", host).lower().rstrip(".")
    if "xn--" not in host:
        return host
    labels = []
    for label in host.split("."):
        if label.startswith("xn--") and label.isascii():
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def ascii_host(host: str) -> str | None:
    """``host`` in ASCII for DNS (IDNA 2003, Python's ``idna`` codec), or None if it cannot be."""
    host = normalize_host(host)
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def public_suffix(host: str) -> str | None:
    """The host's public suffix from the PSL (``lg.jp``, ``co.jp``, ``github.io``), or None."""
    host = normalize_host(host)
    return _psl_of(host).publicsuffix(host)


def registrable_domain(host: str) -> str:
    """The registrable domain (public suffix plus one label), or the host itself if none.

    ``www.city.kagoshima.lg.jp`` -> ``kagoshima.lg.jp``; ``a.b.example.co.jp`` ->
    ``example.co.jp``; ``bit.ly`` -> ``bit.ly``.
    """
    host = normalize_host(host)
    return _psl_of(host).privatesuffix(host) or host


def host_in(host: str, domains: Iterable[str]) -> str | None:
    """The first of ``domains`` that ``host`` is or is a subdomain of, else None.

    Both sides are normalized (:func:`normalize_host`); a leading ``*.`` or ``.`` on a domain
    is ignored. ``host_in("www.city.zushi.lg.jp", ["city.zushi.lg.jp"])`` ->
    ``"city.zushi.lg.jp"``; ``"evilcity.zushi.lg.jp"`` is not under ``city.zushi.lg.jp``.
    """
    h = normalize_host(host)
    for domain in domains:
        d = normalize_host(domain.lstrip("*").lstrip("."))
        if d and (h == d or h.endswith("." + d)):
            return domain
    return None


def _label_ok(label: str) -> bool:
    """twitter-text ``idna.toAscii`` per label: 1 to 63 characters once punycode-encoded."""
    if label.isascii():
        return 0 < len(label) <= MAX_LABEL_LENGTH
    try:
        encoded = "xn--" + label.encode("punycode").decode("ascii")
    except UnicodeError:
        return False
    return len(encoded) <= MAX_LABEL_LENGTH


def _host_ok(host: str) -> bool:
    """twitter-text ``isValidUrl`` on a host: punycode labels are ASCII; labels not too long."""
    labels = host.split(".")
    for label in labels:
        if label[:4].lower() == "xn--" and not label.isascii():
            return False
        if not _label_ok(label):
            return False
    return True


# --------------------------------------------------------------------------- extraction


def _make(text: str, start: int, end: int, scheme: str | None, host_start: int, host_end: int,
          port: str | None, path_span: tuple[int, int] | None, query_span: tuple[int, int] | None) -> Link:
    host = text[host_start:host_end]
    return Link(
        start=start,
        end=end,
        text=text[start:end],
        scheme=scheme.split(":")[0].lower() if scheme else None,
        host=host,
        hostname=normalize_host(host),
        port=int(port) if port else None,
        path=text[path_span[0]:min(path_span[1], end)] if path_span and path_span[0] < end else "",
        query=text[query_span[0]:min(query_span[1], end)] if query_span and query_span[0] < end else "",
    )


_WINDOW = len("https://") + MAX_LABEL_LENGTH + 1

MAX_HOST_RUN = 300
"""Longest run of ASCII host characters (letters, digits, ``.``, ``-``) still searched for a
URL. A DNS name is at most 253 characters (RFC 1035 2.3.4), so a longer run (``a.a.a…``) is
no host; skipping it keeps extraction linear where the pattern would retry every start."""

_HOST_RUN = re.compile(r"[A-Za-z0-9.\-]+")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


_LABEL_RUN = re.compile(rf"(?:[_\-]|{_DOMAIN_CHAR})*")
"""Characters a host's first label can hold (the pattern's label characters, and ``_``)."""


def _starts(text: str, lo: int, dot: int) -> list[int] | range:
    """The positions in ``[lo, dot)`` where a URL whose first dot is ``dot`` can start, in
    ascending order.

    ``text[lo:dot]`` holds no dot, so such a URL's first label runs from its start, or from
    just after its ``http://``/``https://``, up to ``dot``: it can start only inside the run of
    label characters that ends at ``dot`` (found by matching the reversed slice), or at a
    scheme right before that run. Every other start fails, so skipping them changes no result.
    """
    run = _LABEL_RUN.match(text[lo:dot][::-1]).end()
    first = dot - run
    for scheme in ("https://", "http://"):
        at = first - len(scheme)
        if at >= lo and text[at:first].lower() == scheme:
            return [at, *range(first, dot)]
    return range(first, dot)


def _matches(text: str):
    """The URL pattern's ``finditer(text)`` (:func:`_match_url`), trying only starts that
    can reach a dot.

    Every URL has a dot within its first ``_WINDOW`` characters (its scheme, then a label of
    at most 63 characters), so only the starts just before each dot are tried, and of those
    only the ones :func:`_starts` allows: linear in the text's length, where a plain scan
    retries every character of a long run of Japanese.
    """
    pos = 0
    n = len(text)
    while pos < n:
        dot = text.find(".", pos)
        if dot < 0:
            return
        run_start = dot
        while run_start > pos and text[run_start - 1] in _HOST_CHARS:
            run_start -= 1
        run = _HOST_RUN.match(text, dot)
        if run is not None and run.end() - run_start > MAX_HOST_RUN:
            pos = run.end()  # no host is this long: skip the whole run
            continue
        found = None
        for p in _starts(text, max(pos, dot - _WINDOW), dot):
            found = _match_url(text, p)
            if found:
                break
        if found is None:
            pos = dot + 1
            continue
        yield found
        pos = found.end()


def extract_urls(text: str) -> list[Link]:
    """The URLs in ``text`` that X links, in order, as twitter-text extracts them.

    Args:
        text: any text (a post body).

    Returns:
        :class:`Link` objects with character offsets into ``text``. E-mail addresses, version
        numbers (``ver.2.0``), decimals (``1.5km``), dotted dates (``令和8.4.1``), file names
        whose extension is no top-level domain (``tar.bz2``) and ``#tag.com`` / ``@user.com``
        are not URLs.
    """
    if "." not in text:
        return []
    tco_re = _url_parts()[2]
    out: list[Link] = []
    for m in _matches(text):
        start, end = m.span("url")
        scheme = m.group("scheme")
        host_start, host_end = m.span("host")
        host = m.group("host")
        path_span = m.span("path") if m.group("path") is not None else None
        query_span = m.span("query") if m.group("query") is not None else None
        if not scheme:
            before = text[start - 1] if start else ""
            if before and before in "-_./":
                continue
            last: Link | None = None
            for a_start, a_end in _ascii_domains(host):
                a_start, a_end = host_start + a_start, host_start + a_end
                last = _make(text, a_start, a_end, None, a_start, a_end, None, None, None)
                out.append(last)
            if last is not None and path_span is not None:
                # twitter-text: only the last ASCII domain takes the path (and what follows)
                out[-1] = _make(text, last.start, end, None, last.start, last.end, m.group("port"), path_span, query_span)
            continue
        tco = tco_re.match(text, start, end)
        if tco and tco.end() > start:
            if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                continue
            end = tco.end()
        if not _host_ok(host) or len(text[start:end]) > MAX_URL_LENGTH:
            continue
        out.append(_make(text, start, end, scheme, host_start, host_end, m.group("port"), path_span, query_span))
    return out


_FULLWIDTH = re.compile("[\uff01-\uff5e]")
"""A full-width ASCII form (！ to ～): where one is written, a URL may hide in the NFKC view.
Not 。 (U+3002) nor ｡ (U+FF61, NFKC 。): Japanese punctuation never belongs to a URL, in the
view or out of it, and nearly every post holds 。, which sent every draft through a second
extraction over its view."""


def find_links(text: str, view: "NormalizedView | None" = None) -> list[Link]:
    """Every link in a post body: :func:`extract_urls`, plus URLs written in full-width.

    Full-width URLs (``ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ``) are found in the NFKC view of the
    text and mapped back, so their offsets and ``text`` are the original, full-width ones;
    they carry ``fullwidth=True``. A full-width URL never overlaps an ordinary one.

    Args:
        text: a post body.
        view: ``text``'s :class:`~snslint.text.analysis.NormalizedView` when the caller has it
            (else it is built here, only if the text holds a full-width character).

    Returns:
        links sorted by start offset (characters into ``text``).
    """
    links = extract_urls(text)
    if not _FULLWIDTH.search(text):
        return links
    if view is None:
        from snslint.text.analysis import NormalizedView

        view = NormalizedView.of(text)
    # The ordinary links are sorted and do not overlap (nor do their ends go back), so the
    # one that starts last before a candidate's end is the only one that can overlap it: a
    # binary search per candidate instead of a comparison with every link, which is
    # quadratic on a long draft with many links and one full-width character.
    starts = [other.start for other in links]
    ordinary = list(links)
    for link in extract_urls(view.text):
        start, end = view.span(link.start, link.end)
        i = bisect.bisect_left(starts, end) - 1
        if i >= 0 and ordinary[i].end > start:
            continue
        original = text[start:end]
        if not _FULLWIDTH.search(original):
            continue
        hs, he = view.span(view.text.find(link.host, link.start), view.text.find(link.host, link.start) + len(link.host))
        path_start = link.start + len(link.text) - len(link.path) - len(link.query) if link.path else None
        path = ""
        if link.path:
            ps, pe = view.span(path_start, path_start + len(link.path))
            path = text[ps:pe]
        query = ""
        if link.query:
            qs = link.end - len(link.query)
            a, b = view.span(qs, link.end)
            query = text[a:b]
        links.append(
            Link(
                start=start,
                end=end,
                text=original,
                scheme=link.scheme,
                host=text[hs:he],
                hostname=link.hostname,
                port=link.port,
                path=path,
                query=query,
                fullwidth=True,
            )
        )
    links.sort(key=lambda lk: lk.start)
    return links
