"""What a rule reports: :class:`Finding`, its :class:`Severity` and the :class:`Clause` it cites.

A finding is plain, immutable data (it crosses process boundaries and the cache as a dict).
Offsets are 0-based **character** offsets (not bytes) into the draft file's text as read with
universal newlines, front matter included; ``line`` and ``column`` are 1-based, columns count
characters. ``text`` is the matched text as written, or its masked form when the finding is
``sensitive`` (personal data or a secret): the raw value never leaves the rule. Findings of
other rules that quote personal data (a whole first line, the overflow of a long post) have
it masked by the engine's masking pass (:mod:`snslint.lint.redaction`) before anyone sees them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def demoted(self) -> "Severity":
        """One level lower (error -> warning -> info; info stays info)."""
        return _ORDER[max(0, self.rank - 1)]

    @property
    def label_ja(self) -> str:
        """The severity in Japanese: エラー, 警告, 情報."""
        return {"info": "情報", "warning": "警告", "error": "エラー"}[self.value]


_ORDER = [Severity.INFO, Severity.WARNING, Severity.ERROR]
_RANK = {s: i for i, s in enumerate(_ORDER)}


@dataclass(frozen=True)
class Clause:
    """A clause of a city's SNS policy document that a finding rests on.

    Attributes:
        ref: the document's own numbering, e.g. ``"5(7)"``, ``"第6条"``, ``"3-1(2)ア(カ)"``.
        text: the clause's words, quoted (Japanese, as in the document).
        document: the document's title, e.g. ``"鹿児島市ソーシャルメディア運用ガイドライン"``.
        users_list: True when the clause lists what *users* may not post; it then applies to
            the city's own drafts by analogy, and the message says so.
    """

    ref: str
    text: str = ""
    document: str = ""
    users_list: bool = False

    def cite(self, lang: str = "ja") -> str:
        """The citation as one string, e.g. ``鹿児島市… 5(7)「短縮URLは…」``."""
        quote = f"「{self.text}」" if self.text else ""
        if lang == "en":
            tail = " (a rule for users' posts, applied to the city's own by analogy)" if self.users_list else ""
            return f"{self.document} {self.ref}{quote}{tail}".strip()
        tail = "（利用者向けの禁止事項を市の投稿に準用）" if self.users_list else ""
        return f"{self.document} {self.ref}{quote}{tail}".strip()


@dataclass(frozen=True)
class Finding:
    """One problem in one draft.

    Attributes:
        code: stable rule code, e.g. ``"URL001"``.
        name: kebab-case rule name, e.g. ``"url-shortener"``.
        severity: the severity after the policy's setting.
        path: the draft's path as given on the command line (``"-"`` for stdin).
        start: 0-based character offset of the span's start in the file's text.
        end: 0-based character offset just past the span's end (``end >= start``).
        line: 1-based line of ``start``.
        column: 1-based column (characters) of ``start``.
        end_line: 1-based line of ``end``.
        end_column: 1-based column of ``end`` (exclusive, as in SARIF).
        text: the matched text as written (personal data in it masked), or the rule's masked
            form when ``sensitive``.
        message_ja: what was found and why it matters, in Japanese.
        message_en: the same in English.
        clause: the policy clause it rests on, or None where the city's document has none
            (such findings are never errors).
        hint: what to write instead, in Japanese (may be empty).
        hint_en: the hint in English (may be empty).
        sensitive: True for personal data and secrets: ``text`` is masked.
        suppressible: False for rules that front matter may never silence.
    """

    code: str
    name: str
    severity: Severity
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message_ja: str
    message_en: str
    clause: Clause | None = None
    hint: str = ""
    hint_en: str = ""
    sensitive: bool = False
    suppressible: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def message(self, lang: str = "ja") -> str:
        """The message in ``lang`` (``"ja"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_ja

    def hint_in(self, lang: str = "ja") -> str:
        """The hint in ``lang``, falling back to the other language."""
        if lang == "en":
            return self.hint_en or self.hint
        return self.hint or self.hint_en

    def sort_key(self) -> tuple[str, int, int, str]:
        """Deterministic order: path, then position, then code."""
        return (self.path, self.start, self.end, self.code)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for the cache and worker processes); inverse of :meth:`from_dict`.

        The same dict as ``dataclasses.asdict`` with the severity as its value (a test
        compares them), about five times as fast: ``asdict`` walks every field through
        ``copy.deepcopy``, and a run sends each finding through here once.
        """
        data = {name: getattr(self, name) for name in _FINDING_FIELDS}
        data["severity"] = self.severity.value
        clause = self.clause
        if clause is not None:  # its fields are strings and a bool
            data["clause"] = {name: getattr(clause, name) for name in _CLAUSE_FIELDS}
        data["extra"] = _plain_copy(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        """Rebuild a finding from :meth:`to_dict` output."""
        data = dict(data)
        data["severity"] = Severity(data["severity"])
        if data.get("clause") is not None:
            data["clause"] = Clause(**data["clause"])
        return cls(**data)


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_CLAUSE_FIELDS = tuple(f.name for f in fields(Clause))


def _plain_copy(value: Any) -> Any:
    """A copy of ``value`` as ``dataclasses.asdict`` copies a field: dicts, lists and tuples
    rebuilt, strings, numbers, booleans and None shared (immutable), anything else through
    ``copy.deepcopy``."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if type(value) is dict:
        return {_plain_copy(k): _plain_copy(v) for k, v in value.items()}
    if type(value) is list:
        return [_plain_copy(v) for v in value]
    if type(value) is tuple:
        return tuple(_plain_copy(v) for v in value)
    return copy.deepcopy(value)
