"""The one masking pass: nothing a report or the cache quotes from a draft shows personal data.

Rules quote drafts in many places: a finding's ``text`` (FORM009 takes a whole first line,
FORM001 the overflow of a long post), its messages and hints, the source lines the rich
format prints, a front-matter value in an input error, a suppression's reason. The PII rules
mask their own values, but other rules do not know where personal data is, and the PII rules
may not even have run (``--select URL``, ``--ignore PII001``, a policy that turns one off).
So the masking is not left to each rule or each format; it is one pass, here:

1. :func:`personal_spans`: where the personal data of a draft is, whichever rules run. The
   engine runs every sensitive rule (PII001-PII008, and any plugin rule marked
   ``sensitive``) on every draft, the ones the run selected and the ones it did not, and adds
   what :func:`snslint.text.pii.find_personal_values` finds in the front matter
   (comments and values, where the rules do not look). The result is
   ``FileResult.redactions``: ``(start, end, masked)`` spans, in file character offsets,
   without overlaps.
2. :class:`Masker`: given a draft's text and those spans, masks a file span
   (:meth:`Masker.span`, for source lines and finding texts) or any string that may quote the
   draft (:meth:`Masker.free`: every raw value and its NFKC form replaced by its masked form,
   then the value patterns run over what is left).
3. :func:`mask_result` applies it to every finding of a result (text, messages, hints,
   ``extra``) before the result is cached or shown, and :func:`mask_report` to a whole
   report (findings, silenced findings and their reasons, input errors).

**For formats.** :func:`snslint.output.formats.get` hands every format a report that went through
:func:`mask_report`; a format that shows more of a draft than a finding holds (source lines,
context) must take it from :func:`quote` (a file span) or :func:`source_line` (a whole line),
never from ``Draft.text``. Everything here is idempotent: masking masked text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from snslint.findings import Finding
    from snslint.input.draft import Draft

# Results are :class:`snslint.lint.engine.FileResult` (``findings``, ``redactions``, ``draft``,
# ``error``), typed Any here: the engine imports this module.

Redaction = tuple[int, int, str]
"""``(start, end, masked)``: file character offsets of a personal value and its masked form."""

_MAYBE_VALUE = re.compile(
    # The lookahead names every first character the alternatives can start with, so the
    # engine skips all other positions at once instead of trying each alternative there.
    r"(?=[0-9０-９@＠パ暗ＩIiPpTtSsKkAgx-])"
    r"(?:[0-9０-９@＠]|パスワード|暗証番号|パスコード|ＩＤ|(?i:id|pass|pwd|pw|pin|token|secret|key)"
    r"|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|xox|AIza|-----BEGIN)"
)
"""What every value pattern needs somewhere in a string: a string without any of these holds
no value, and :meth:`Masker.free` does not run the patterns on it."""


def redact(text: str, offset: int, redactions: Iterable[Redaction]) -> str:
    """``text`` (which starts at file offset ``offset``) with every redaction span replaced by
    its masked form. A span that overlaps ``text`` only in part is masked in part, one ``*``
    per character, so a cut never shows the visible half of a value.
    """
    end = offset + len(text)
    out = text
    for r_start, r_end, masked in sorted(redactions, reverse=True):
        if r_end <= offset or r_start >= end:
            continue
        a, b = max(r_start, offset) - offset, min(r_end, end) - offset
        whole = r_start >= offset and r_end <= end
        out = out[:a] + (masked if whole else "*" * (b - a)) + out[b:]
    return out


def mask_free_text(value: str) -> str:
    """``value`` with every value :func:`~snslint.text.pii.find_personal_values`
    finds in it masked (phone, My Number, card, e-mail, credential). For strings that are not
    tied to a draft (input errors, reasons), and the last step of :meth:`Masker.free`.
    Results are memoized: messages and hints repeat across findings and runs."""
    if not value or not _MAYBE_VALUE.search(value):
        return value
    return _mask_free_text(value)


@lru_cache(maxsize=4096)
def _mask_free_text(value: str) -> str:
    from snslint.text.pii import find_personal_values

    return redact(value, 0, find_personal_values(value))


def _merge(first: Iterable[Redaction], then: Iterable[Redaction]) -> list[Redaction]:
    """``first`` plus the spans of ``then`` that overlap none of them, sorted."""
    out = sorted(set(first))
    for r in then:
        if not any(r[0] < e and s < r[1] for s, e, _ in out):
            out.append(r)
    out.sort()
    return out


def personal_spans(draft: "Draft", sensitive: Iterable["Finding"]) -> list[Redaction]:
    """The redactions of ``draft``: the spans of the sensitive findings (the PII rules' finds
    in the body, masked as those rules mask them), then the values found in the front matter
    (:func:`~snslint.text.pii.find_personal_values`) that no finding covers."""
    spans = [(f.start, f.end, f.text) for f in sensitive if f.end > f.start]
    front = draft.text[: draft.body_offset]
    extra: list[Redaction] = []
    if front and _MAYBE_VALUE.search(front):
        from snslint.text.pii import find_personal_values

        extra = find_personal_values(front)
    return _merge(spans, extra)


class Masker:
    """Masks what is quoted from one draft.

    Args:
        text: the draft file's whole text (front matter included), as read.
        redactions: its personal-value spans (``FileResult.redactions``).
    """

    def __init__(self, text: str, redactions: Iterable[Redaction]) -> None:
        self.text = text
        self.redactions = sorted(redactions)
        pairs: dict[str, str] = {}
        for s, e, masked in self.redactions:
            raw = text[s:e]
            if not raw or raw in masked:  # nothing to hide, or masking again would grow it (森 -> 森*)
                continue
            pairs.setdefault(raw, masked)
            pairs.setdefault(unicodedata.normalize("NFKC", raw), masked)
            stripped = raw.strip()
            if stripped and stripped != raw:
                pairs.setdefault(stripped, masked)
        # Longest first, so a value that contains another is replaced whole.
        self._pairs = sorted(pairs.items(), key=lambda kv: -len(kv[0]))

    def span(self, start: int, end: int) -> str:
        """The file span ``[start, end)`` with every personal value in it masked."""
        start = max(0, start)
        return redact(self.text[start:end], start, self.redactions)

    def free(self, value: str) -> str:
        """Any string that may quote the draft, masked: each raw value of this draft (as
        written, and its NFKC form) becomes its masked form, then the value patterns run over
        the rest (a value the draft writes differently, or one no rule reported)."""
        if not value:
            return value
        for raw, masked in self._pairs:
            if raw in value:
                value = value.replace(raw, masked)
        return mask_free_text(value)

    def finding(self, f: "Finding") -> "Finding":
        """``f`` with its text, messages, hints and ``extra`` strings masked (``f`` itself when
        nothing changes). A sensitive finding's text is already masked by its rule."""
        if f.sensitive:
            text = f.text
        elif f.text == self.text[f.start : f.end]:
            text = self.span(f.start, f.end)
        else:
            text = self.free(f.text)
        changes: dict[str, Any] = {}
        if text != f.text:
            changes["text"] = text
        for name in ("message_ja", "message_en", "hint", "hint_en"):
            old = getattr(f, name)
            new = self.free(old)
            if new != old:
                changes[name] = new
        extra = _mask_data(f.extra, self.free)
        if extra != f.extra:
            changes["extra"] = extra
        return replace(f, **changes) if changes else f


def _mask_data(value: Any, mask: Any) -> Any:
    """``value`` (plain data: str, list, tuple, dict) with every string masked by ``mask``."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [_mask_data(v, mask) for v in value]
    if isinstance(value, tuple):
        return tuple(_mask_data(v, mask) for v in value)
    if isinstance(value, dict):
        return {k: _mask_data(v, mask) for k, v in value.items()}
    return value


def masker_for(result: Any) -> Masker:
    """The :class:`Masker` of a checked draft (no raw text known: patterns only)."""
    text = result.draft.text if result.draft is not None else ""
    return Masker(text, result.redactions if result.draft is not None else [])


def mask_result(result: Any) -> Any:
    """Mask every finding of ``result`` in place (and its input error's messages); returns
    ``result``. Called by the engine before a result is cached or leaves a worker."""
    masker = masker_for(result)
    result.findings = [masker.finding(f) for f in result.findings]
    if result.error is not None:
        mask_error(result.error)
    return result


def mask_error(error: Any) -> None:
    """Mask the Japanese and English messages of a :class:`~snslint.errors.SnslintError`
    in place (a front-matter value it quotes)."""
    error.ja = mask_free_text(error.ja)
    error.en = mask_free_text(error.en)


def mask_report(report: Any) -> Any:
    """Mask ``report`` (an :class:`snslint.output.report.Report`: ``results`` and
    ``suppressed``) in place and return it: every result (:func:`mask_result`), every
    silenced finding and its reason. What :func:`snslint.output.formats.get` runs before any format."""
    maskers: dict[str, Masker] = {}
    for result in report.results:
        mask_result(result)
        maskers[result.path] = masker_for(result)
    suppressed = []
    for f, reason in report.suppressed:
        masker = maskers.get(f.path) or Masker("", [])
        suppressed.append((masker.finding(f), masker.free(reason)))
    report.suppressed = suppressed
    return report


def quote(result: Any, start: int, end: int) -> str:
    """The draft's text from file offset ``start`` to ``end``, masked: what a format shows
    around a finding. Empty when the draft is not at hand."""
    if result.draft is None:
        return ""
    return Masker(result.draft.text, result.redactions).span(start, end)


def source_line(result: Any, line: int) -> str:
    """Line ``line`` (1-based) of the draft without its line break, masked; empty when the
    draft is not at hand or has no such line."""
    draft = result.draft
    if draft is None or not 1 <= line <= draft.line_count:
        return ""
    start = draft.line_start(line)
    return quote(result, start, start + len(draft.line_text(line)))
