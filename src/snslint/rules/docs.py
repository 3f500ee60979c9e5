"""A rule's documentation in ruff's sections, for every place that shows it.

ruff documents each rule under the same four headings, in the same order: *What it does*,
*Why is this bad?*, *Example*, *Use instead*. snslint's rules carry the same four sections
(:class:`~snslint.rules.api.Rule`: ``what_it_does``, ``why_it_matters``, the first failing
example, ``instead``), each in Japanese and English, and this module lays them out once for
``snslint explain`` (plain text and JSON) and SARIF (``help.text`` and ``help.markdown``), so
the headings and their order are the same wherever a reader meets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from snslint.rules.api import Example, Rule


@dataclass(frozen=True)
class Heading:
    """One of ruff's documentation sections: its key and its heading in both languages."""

    key: str
    ja: str
    en: str

    @property
    def both(self) -> str:
        """``"何をするか / What it does"``."""
        return f"{self.ja} / {self.en}"


SECTIONS: tuple[Heading, ...] = (
    Heading("what_it_does", "何をするか", "What it does"),
    Heading("why_it_matters", "なぜ問題か", "Why it matters"),
    Heading("example", "例", "Example"),
    Heading("instead", "代わりに", "Use instead"),
)
"""The sections in ruff's order."""


@dataclass(frozen=True)
class Section:
    """One section of one rule's documentation.

    Attributes:
        heading: which section.
        ja, en: the prose (empty for the example sections).
        example: the draft of an example section (None for the prose ones, or when the rule
            has none).
    """

    heading: Heading
    ja: str = ""
    en: str = ""
    example: Example | None = None


def sections(rule: Rule) -> tuple[Section, ...]:
    """The four sections of ``rule``, in :data:`SECTIONS` order."""
    what_h, why_h, example_h, instead_h = SECTIONS
    return (
        Section(what_h, rule.what_it_does, rule.what_it_does_en),
        Section(why_h, rule.why_it_matters, rule.why_it_matters_en),
        Section(example_h, example=rule.example),
        Section(instead_h, example=rule.instead),
    )


def _example_facts(example: Example) -> str:
    """``"（kisarazu, at=2026-12-02T07:45）"``: the city and options the example runs with."""
    extra = "".join(f", {k}={v}" for k, v in (("at", example.at), ("platform", example.platform)) if v)
    return f"({example.city}{extra})"


def _withheld(rule: Rule) -> str:
    return (
        f"下書きは `snslint explain {rule.code}` で表示します（レポートには作例でも個人情報の下書きを載せません） / "
        f"the draft is shown by `snslint explain {rule.code}` (a report carries no personal-data draft, not even a made-up one)"
    )


def text_lines(rule: Rule, indent: str = "  ", *, personal_data_drafts: bool = True) -> list[str]:
    """The sections as plain-text lines (``snslint explain``): a ``■ 見出し / Heading`` line
    per section, the prose in Japanese then English, an example's draft with a ``|`` gutter
    and, for the documented example, the finding it gives (its text masked as reported).

    ``personal_data_drafts=False`` leaves out the documented example's draft of a sensitive
    rule (a report's rule help: a made-up My Number is still a valid-looking one); the masked
    finding stays."""
    out: list[str] = []
    for sec in sections(rule):
        if out:
            out.append("")
        out.append(f"■ {sec.heading.both}")
        if sec.heading.key in ("example", "instead"):
            ex = sec.example
            if ex is None:
                out.append(f"{indent}(none)")
                continue
            if sec.heading.key == "example" and rule.sensitive and not personal_data_drafts:
                out.append(f"{indent}{_withheld(rule)}")
                out += _finding_lines(rule, ex, indent)
                continue
            out.append(f"{indent}--- {_example_facts(ex)}")
            out += [f"{indent}| {ln}" for ln in ex.draft.rstrip("\n").split("\n")]
            if sec.heading.key == "example":
                out += _finding_lines(rule, ex, indent)
            else:
                out.append(f"{indent}→ {rule.code} の指摘なし / no {rule.code} finding")
            continue
        for para in (sec.ja, sec.en):
            if para:
                out += [f"{indent}{ln}" if ln else "" for ln in para.strip().split("\n")]
        if not (sec.ja or sec.en):
            out.append(f"{indent}(none)")
    return out


def _finding_lines(rule: Rule, ex: Example, indent: str) -> list[str]:
    if ex.finds is None and ex.message is None:
        return [f"{indent}→ {rule.code} の指摘あり / a {rule.code} finding"]
    where = f"「{ex.finds}」" if ex.finds else ""
    out = [f"{indent}→ {rule.code} {where}".rstrip()]
    out += [f"{indent}  {m}" for m in (ex.message, ex.message_en) if m]
    return out


def markdown(rule: Rule, *, personal_data_drafts: bool = True) -> str:
    """The sections as Markdown (SARIF ``help.markdown``): ``##`` headings, the prose in
    Japanese then English, examples in fenced blocks (``personal_data_drafts`` as in
    :func:`text_lines`)."""
    out: list[str] = []
    for sec in sections(rule):
        out.append(f"## {sec.heading.both}")
        if sec.heading.key in ("example", "instead"):
            ex = sec.example
            if ex is None:
                out.append("(none)")
                continue
            if sec.heading.key == "example" and rule.sensitive and not personal_data_drafts:
                out.append(_withheld(rule))
            else:
                fence = "````" if "```" in ex.draft else "```"
                out.append(f"{_example_facts(ex)}\n\n{fence}text\n{ex.draft.rstrip(chr(10))}\n{fence}")
            if sec.heading.key == "example" and (ex.finds or ex.message):
                out.append("\n\n".join(m for m in (ex.message, ex.message_en) if m) or f"「{ex.finds}」")
            continue
        out += [p.strip() for p in (sec.ja, sec.en) if p]
    return "\n\n".join(out) + "\n"


def _example_json(ex: Example | None, *, finding: bool) -> dict[str, Any] | None:
    if ex is None:
        return None
    out: dict[str, Any] = {"draft": ex.draft, "city": ex.city, "at": ex.at, "platform": ex.platform}
    if finding:
        out["finds"] = ex.finds
        out["message"] = {"ja": ex.message, "en": ex.message_en}
    return out


def as_json(rule: Rule) -> dict[str, Any]:
    """The rule's documentation as a JSON-ready dict (``snslint explain --format json``)::

        {"code", "name", "family", "default_severity", "suppressible",
         "summary": {"ja", "en"},
         "sections": [{"key": "what_it_does", "heading": {"ja", "en"}, "text": {"ja", "en"}},
                      {"key": "why_it_matters", ...},
                      {"key": "example", "heading": ..., "example": {"draft", "city", "at",
                       "platform", "finds", "message": {"ja", "en"}}},
                      {"key": "instead", "heading": ..., "example": {"draft", "city", "at",
                       "platform"}}]}

    ``sections`` is in ruff's order (:data:`SECTIONS`).
    """
    secs: list[dict[str, Any]] = []
    for sec in sections(rule):
        item: dict[str, Any] = {"key": sec.heading.key, "heading": {"ja": sec.heading.ja, "en": sec.heading.en}}
        if sec.heading.key in ("example", "instead"):
            item["example"] = _example_json(sec.example, finding=sec.heading.key == "example")
        else:
            item["text"] = {"ja": sec.ja, "en": sec.en}
        secs.append(item)
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "default_severity": rule.default_severity.value,
        "suppressible": rule.suppressible,
        "summary": {"ja": rule.summary, "en": rule.summary_en},
        "sections": secs,
    }
