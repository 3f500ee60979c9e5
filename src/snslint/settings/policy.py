"""City policies: YAML files validated by pydantic, one per city, in ``policies/``.

A policy says which rules run for a city, at what severity, with which settings, and cites
the clause of the city's own SNS document for each (see ``policies/README.md`` for the format
and ``../shared/policy-matrix.md`` for the clauses). ``extends: NAME`` lets a deployment's own
file override a bundled policy in a few lines: mappings merge key by key, lists and scalars
replace.

Errors name the file, the line and the field, and exit with code 2
(:class:`~snslint.errors.PolicyError`).

This module is the schema only (YAML + pydantic): it does not know which rules exist. Whether
a policy's rule entries name known rules with settings they accept is asked by
:func:`snslint.rules.registry.check_policy`, beside the rules; a loaded policy keeps where it
came from (:attr:`Policy.origin`) so that those errors still name the file and the line.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping, NamedTuple, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from snslint.safe_read import NotRegularFile, TooLarge, read_regular_file
from snslint.errors import PolicyError
from snslint.findings import Clause, Severity
from snslint.resources import data_dir, shipped_json
from snslint.safe_yaml import check_limits, compose_and_construct

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names in ``datetime.weekday()`` order."""

MAX_POLICY_BYTES = 1_000_000
MAX_POLICY_DEPTH = 12
"""Deepest nesting of a policy's YAML (the schema needs 5: rules.CODE.settings.KEY[])."""


def _rule_entry(value: Any) -> Any:
    """``off`` / ``warning`` (and YAML's False for a bare off) -> ``{"severity": ...}``."""
    if value is False:
        return {"severity": "off"}
    return {"severity": value} if isinstance(value, str) else value


class _Model(BaseModel):
    # defer_build: pydantic builds a model's validator on its first validation, not at import;
    # a policy rebuilt from the cache (snslint.settings.compiled) never needs it.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ClauseRef(_Model):
    """A clause of the city's document: its number and its words.

    Attributes:
        ref: the document's own numbering (``"5(7)"``, ``"第6条"``, ``"第4 4(4)イ"``).
        text: the clause's words, quoted as in the document.
        users_list: the clause lists what users may not post; it applies to the city's own
            posts by analogy (the finding says so).
    """

    ref: str = Field(min_length=1, max_length=100)
    text: str = Field(default="", max_length=2000)
    users_list: bool = False


class Source(_Model):
    """The city's source document.

    Attributes:
        title: its full title, e.g. ``"五所川原市公式SNSページ運用方針"``.
        effective: when the version cited took effect, as the document says (e.g.
            ``"令和8年4月2日"``) or ISO.
        url: where the city publishes it, if known.
    """

    title: str = Field(min_length=1, max_length=300)
    effective: str = Field(default="", max_length=100)
    url: str | None = Field(default=None, max_length=500)

    @field_validator("effective", mode="before")
    @classmethod
    def _date_to_str(cls, v: Any) -> Any:
        return v.isoformat() if isinstance(v, _dt.date) else v


class YearEnd(_Model):
    """The year-end closure (年末年始), ``MM-DD`` to ``MM-DD`` inclusive, across New Year."""

    start: str = Field(default="12-29", pattern=r"^\d\d-\d\d$")
    end: str = Field(default="01-03", pattern=r"^\d\d-\d\d$")

    def contains(self, day: _dt.date) -> bool:
        """True if ``day`` falls in the closure."""
        md = f"{day.month:02d}-{day.day:02d}"
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


class ClosedDays(_Model):
    """Days the office is closed (閉庁日) besides the weekdays outside ``days``.

    Attributes:
        national_holidays: closed on 国民の祝日 and 振替休日 / 国民の休日 (jpholiday).
        year_end: the year-end closure, or None for none.
        dates: further closed dates (ISO).
    """

    national_holidays: bool = True
    year_end: YearEnd | None = Field(default_factory=YearEnd)
    dates: list[_dt.date] = Field(default_factory=list, max_length=1000)


class PostingHours(_Model):
    """When posts may go out, in the policy's time zone (JST).

    Attributes:
        days: open weekdays (``mon`` ... ``sun``).
        start: first allowed minute, inclusive (``"08:30"``).
        end: last allowed minute, inclusive (``"17:15"``).
        closed: closed days.
        clause: the clause that sets the hours.
        exception: the clause that allows posting outside them (emergencies).
    """

    days: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    start: _dt.time = _dt.time(8, 30)
    end: _dt.time = _dt.time(17, 15)
    closed: ClosedDays = Field(default_factory=ClosedDays)
    clause: ClauseRef | None = None
    exception: ClauseRef | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _quoted_time(cls, v: Any) -> Any:
        """YAML 1.1 reads an unquoted ``17:15`` as the number 1035 (base 60): ask for quotes."""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            raise ValueError('write the time in quotes, e.g. "17:15"')
        return v

    @field_validator("start", "end")
    @classmethod
    def _no_zone(cls, v: _dt.time) -> _dt.time:
        """Times are in the policy's ``timezone``; an offset would make them incomparable."""
        if v.tzinfo is not None:
            raise ValueError("give the time without a UTC offset (the policy's timezone applies)")
        return v

    @model_validator(mode="after")
    def _start_before_end(self) -> "PostingHours":
        if self.start > self.end:
            raise ValueError("start must not be after end")
        return self


class Account(_Model):
    """One official account of the city.

    Attributes:
        platform: x, facebook, instagram, line, youtube or threads.
        handle: the account name (``@kisarazu_city``).
        name: the account's display name (``逗子市立図書館``); a post signed with it names its
            sender (FORM009).
        url: the account's URL (never an external link).
        posting_hours: this account's own hours, overriding the policy's.
        replies: False when the account does not reply to comments.
    """

    platform: Literal["x", "facebook", "instagram", "line", "youtube", "threads"]
    handle: str | None = Field(default=None, max_length=200)
    name: str | None = Field(default=None, min_length=1, max_length=100)
    url: str | None = Field(default=None, max_length=500)
    posting_hours: PostingHours | None = None
    replies: bool | None = None
    note: str = Field(default="", max_length=2000)


class Contacts(_Model):
    """Contacts the city publishes itself: never personal data.

    Attributes:
        phones: phone and fax numbers as written (digits are compared).
        mail_domains: domains of official e-mail addresses (subdomains included).
    """

    phones: list[str] = Field(default_factory=list, max_length=1000)
    mail_domains: list[str] = Field(default_factory=list, max_length=1000)


class RuleConfig(_Model):
    """One rule's entry in a policy.

    Attributes:
        severity: ``error``, ``warning``, ``info``, or ``off``.
        clause: the clause of the city's document the rule rests on. An ``error`` needs one.
        settings: rule-specific settings, validated by the rule's ``Settings`` model.
        extra_terms: extra lexicon entries a city adds (content rules), same format as
            ``rules/*.yaml``.
        note: a remark for the reader of the policy file.
    """

    severity: Severity | Literal["off"] = "warning"
    clause: ClauseRef | None = None
    settings: dict[str, Any] = Field(default_factory=dict)
    extra_terms: list[dict[str, Any]] = Field(default_factory=list, max_length=5000)
    note: str = Field(default="", max_length=2000)

    @field_validator("severity", mode="before")
    @classmethod
    def _yaml_off(cls, v: Any) -> Any:
        """YAML 1.1 reads a bare ``off`` as False."""
        return "off" if v is False else v

    @property
    def enabled(self) -> bool:
        """False when the policy turns the rule off."""
        return self.severity != "off"


Coverage = Literal["automatic", "partial", "human"]
"""How a clause of the city's document is covered: by rules, partly, or by a person."""

COVERAGES: tuple[str, ...] = ("automatic", "partial", "human")


class PolicyClause(_Model):
    """One clause of the city's document that bears on posting, and how it is covered.

    Every clause a rule cites is listed here, and so is every clause no rule can check (the
    copyright of a photo, the consent of the people in it, who approves), so that the
    policy shows the whole document, not only what the rules enforce.

    Attributes:
        ref: the document's own numbering (``"第9条(5)"``, ``"3-1(1)イ"``).
        text: the clause's words exactly as in the document (``…`` marks an omission).
        coverage: ``automatic`` (the rules decide it for a draft; exceptions are declared in
            the front matter), ``partial`` (the rules catch part of it; ``left`` says what a
            person must still judge) or ``human`` (only a person can judge it; ``question``
            goes on the checklist).
        rules: rule codes that check the clause. Rules whose ``clause.ref`` is this clause
            count too, so this list is needed only for rules citing another clause.
        left: for ``partial``: what the rules leave to a person (Japanese).
        question: the checklist question in Japanese, answered yes when the draft complies
            (「写真に写っている人の同意を得ていますか」). Required for ``human``; a
            ``partial`` clause with a question is on the checklist too.
        question_en: the question in English (reports with ``--lang en``), optional.
        users_list: the clause is in the list of what users may not post.
        note: a remark for the reader of the policy file.
    """

    ref: str = Field(min_length=1, max_length=100)
    text: str = Field(min_length=1, max_length=4000)
    coverage: Coverage
    rules: list[str] = Field(default_factory=list, max_length=100)
    left: str = Field(default="", max_length=1000)
    question: str = Field(default="", max_length=500)
    question_en: str = Field(default="", max_length=500)
    users_list: bool = False
    note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _needs(self) -> "PolicyClause":
        if self.coverage == "human" and not self.question.strip():
            raise ValueError("a clause covered by a person (human) needs a checklist question")
        if self.coverage == "partial" and not self.left.strip():
            raise ValueError("a partly covered clause (partial) must say what is left to a person (left)")
        return self


LineLocation = tuple[str | int, ...]
"""A key's place in a policy file, as pydantic reports it: ``("rules", "URL001")``."""


class PolicyOrigin(NamedTuple):
    """Where a loaded policy was read from, so that a problem found after loading (a rule
    entry that :func:`snslint.rules.registry.check_policy` refuses) still names the file and
    the line.

    It is kept beside a policy rebuilt from the cache (:func:`load_policy_file` with a store):
    the lines depend only on the file's bytes, which the store's key covers; the path is always
    the one given this time.

    Attributes:
        path: the policy file as given (what :class:`~snslint.errors.PolicyError` shows).
        lines: the 1-based line in that file of each rule entry (``("rules", CODE)``) and of
            each clause's ``rules`` list (``("clauses", i, "rules")``), as near as known: an
            entry inherited through ``extends`` has the line of the file's own ``rules:`` key
            (else of the file's first key).
    """

    path: str
    lines: Mapping[LineLocation, int | None]

    def line_of(self, loc: LineLocation) -> int | None:
        """The line of the key at ``loc`` (one of :attr:`lines`), or None when not kept."""
        return self.lines.get(loc)


class Policy(_Model):
    """A city's policy, validated.

    Attributes:
        id: short name (``kisarazu``); the bundled file is ``policies/<id>.yaml``.
        name: the city's name in Japanese (``木更津市``).
        name_en: the city's name in English (``Kisarazu City``).
        source: the source document.
        extends: the bundled policy this one was built on, if any.
        timezone: IANA zone of the times in the policy (``Asia/Tokyo``).
        official_domains: the city's own web domains (subdomains included).
        trusted_domains: other domains that are not "external" (partners, 国 and 県).
        official_contacts: the city's published phones and mail domains.
        accounts: the city's official accounts.
        posting_hours: the default posting hours.
        rules: rule code -> its configuration.
        clauses: every clause of the document that bears on posting, with its coverage
            (:class:`PolicyClause`); see :func:`clause_coverage` and :func:`checklist`.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field(default="", max_length=100)
    source: Source
    extends: str | None = Field(default=None, max_length=64)
    timezone: str = Field(default="Asia/Tokyo", max_length=64)
    official_domains: list[str] = Field(default_factory=list, max_length=1000)
    trusted_domains: list[str] = Field(default_factory=list, max_length=5000)
    official_contacts: Contacts = Field(default_factory=Contacts)
    accounts: list[Account] = Field(default_factory=list, max_length=200)
    posting_hours: PostingHours = Field(default_factory=PostingHours)
    rules: dict[str, RuleConfig] = Field(default_factory=dict)
    clauses: list[PolicyClause] = Field(default_factory=list, max_length=1000)
    _origin: PolicyOrigin | None = PrivateAttr(default=None)

    @field_validator("rules", mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        """``CODE: off`` / ``CODE: warning`` is short for ``CODE: {severity: ...}``."""
        if isinstance(v, dict):
            return {k: _rule_entry(c) for k, c in v.items()}
        return v

    def __eq__(self, other: object) -> bool:
        """Equal when the content is: where each was read from (:attr:`origin`) does not count
        (pydantic would compare it, as a private attribute)."""
        if not isinstance(other, Policy):
            return NotImplemented
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in type(self).model_fields
        )

    @property
    def origin(self) -> PolicyOrigin | None:
        """Where this policy was read from; None for one built in code."""
        return self._origin

    def line_of(self, loc: LineLocation) -> int | None:
        """The 1-based line of a rule entry or a clause's ``rules`` (see
        :attr:`PolicyOrigin.lines`) in the file this policy was read from, else None."""
        return self._origin.line_of(loc) if self._origin is not None else None

    def rule(self, code: str) -> RuleConfig | None:
        """The policy's configuration of ``code``, or None when it does not mention it."""
        return self.rules.get(code)

    def clause(self, ref: ClauseRef | None) -> Clause | None:
        """A finding's :class:`Clause` from a policy clause reference (adds the title)."""
        if ref is None:
            return None
        return Clause(ref=ref.ref, text=ref.text, document=self.source.title, users_list=ref.users_list)

    def account_for(self, handle: str | None, platform: str | None) -> Account | None:
        """The account a draft posts from: by handle, else the only one on its platform."""
        if handle:
            want = handle.lstrip("@").lower()
            for acc in self.accounts:
                if acc.handle and acc.handle.lstrip("@").lower() == want:
                    return acc
        if platform:
            on_platform = [a for a in self.accounts if a.platform == platform]
            if len(on_platform) == 1:
                return on_platform[0]
        return None


# --------------------------------------------------------------------------- loading


def bundled_ids() -> list[str]:
    """Ids of the bundled policies, sorted."""
    return sorted(p.stem for p in data_dir("policies").glob("*.yaml"))


def _read_yaml(path: Path, display: str) -> tuple[Any, Any]:
    """Parse a policy file; returns ``(data, node)`` where node keeps line numbers."""
    try:
        # A regular file only, the limit applied while reading (/dev/zero, a FIFO).
        raw = read_regular_file(path, MAX_POLICY_BYTES)
    except FileNotFoundError:
        raise PolicyError("ポリシーファイルが見つかりません。", "policy file not found.", path=display) from None
    except NotRegularFile:
        raise PolicyError(
            "ポリシーファイルが通常のファイルではありません（FIFO・デバイス・フォルダなど）。",
            "the policy file is not a regular file (a FIFO, device or folder).",
            path=display,
        ) from None
    except TooLarge:
        raise PolicyError(
            f"ポリシーファイルが大きすぎます（{MAX_POLICY_BYTES:,} バイトまで）。",
            f"policy file is too large (at most {MAX_POLICY_BYTES:,} bytes).",
            path=display,
        ) from None
    except OSError as exc:
        raise PolicyError(
            f"ポリシーファイルを読めません（{exc.strerror}）。", f"cannot read the policy file ({exc.strerror}).", path=display
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError(
            "ポリシーファイルは UTF-8 で保存してください。", "the policy file must be UTF-8.", path=display
        ) from None
    # The project's own limits (depth, no aliases) on the event stream first, then parsed
    # once into nodes (kept for error lines) and constructed with the safe tags only.
    try:
        problem = check_limits(text, MAX_POLICY_DEPTH)
        if problem is not None:
            ja, en = problem.messages("ポリシー", "the policy", MAX_POLICY_DEPTH)
            raise PolicyError(ja, en, path=display, line=problem.line + 1, column=problem.column + 1)
        node, data = compose_and_construct(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "syntax error"
        raise PolicyError(
            f"ポリシーのYAMLが読めません（{problem}）。",
            f"the policy is not valid YAML ({problem}).",
            path=display,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # Not YAMLError: a value the safe constructor rejects (a date such as 2026-13-45).
        problem = str(exc) or type(exc).__name__
        raise PolicyError(
            f"ポリシーのYAMLが読めません（{problem}）。", f"the policy is not valid YAML ({problem}).", path=display
        ) from None
    if not isinstance(data, dict):
        raise PolicyError(
            "ポリシーは「キー: 値」の形のYAMLで書いてください。", "the policy must be a YAML mapping.", path=display, line=1
        )
    return data, node


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at pydantic error location ``loc``, as near as known."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == str(part):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _merge(base: Any, over: Any) -> Any:
    """Deep merge for ``extends``: mappings merge by key, everything else replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return over


def schema_messages(exc: ValidationError, node: Any) -> list[tuple[int | None, str, str]]:
    """Each pydantic error of a policy as ``(line, ja, en)``: the field's dotted path, and the
    line of its YAML node (as near as known)."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err.get("loc", ()) if not (isinstance(p, str) and p.startswith("function-")))
        field = ".".join(str(p) for p in loc) or "(top level)"
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            ja = f"ポリシーに未知のキー「{field}」があります。"
            en = f"unknown policy key '{field}'."
        else:
            ja = f"ポリシーの「{field}」が正しくありません（{msg}）。"
            en = f"policy field '{field}' is invalid ({msg})."
        out.append((_line_of(node, loc), ja, en))
    return out


def _validate(data: dict[str, Any], node: Any, display: str) -> Policy:
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        line, ja, en = schema_messages(exc, node)[0]
        raise PolicyError(ja, en, path=display, line=line) from None
    return with_origin(policy, display, node)


def entry_locations(policy: Policy) -> list[LineLocation]:
    """The keys whose lines :class:`PolicyOrigin` keeps: each rule entry
    (``("rules", CODE)``) and each clause's ``rules`` list (``("clauses", i, "rules")``)."""
    return [("rules", code) for code in policy.rules] + [("clauses", i, "rules") for i in range(len(policy.clauses))]


def entry_lines(policy: Policy, node: Any) -> dict[LineLocation, int | None]:
    """The lines :class:`PolicyOrigin` keeps (:func:`entry_locations`), read from the file's
    YAML ``node``."""
    return {loc: _line_of(node, loc) for loc in entry_locations(policy)}


def with_origin(policy: Policy, display: str, node: Any) -> Policy:
    """``policy`` itself, now knowing that it was read from ``display`` whose YAML node is
    ``node`` (:attr:`Policy.origin`)."""
    policy._origin = PolicyOrigin(display, entry_lines(policy, node))
    return policy


def compose_policy_data(path: str | Path) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """Read a policy file and apply its ``extends``: ``(data, node, own)`` where ``data`` is
    the merged mapping to validate, ``node`` the file's YAML node (for line numbers) and
    ``own`` the file's own mapping before the merge.

    Raises:
        PolicyError: unreadable file, broken YAML, unknown ``extends`` target.
    """
    path = Path(path)
    display = str(path)
    data, node = _read_yaml(path, display)
    own = data
    parent = data.get("extends")
    if parent:
        if not isinstance(parent, str) or parent not in bundled_ids():
            raise PolicyError(
                f"extends に指定された市「{parent}」の同梱ポリシーがありません（{', '.join(bundled_ids())}）。",
                f"extends names no bundled policy: '{parent}' (choose from {', '.join(bundled_ids())}).",
                path=display,
                line=_line_of(node, ("extends",)),
            )
        base, _ = _read_yaml(data_dir("policies") / f"{parent}.yaml", f"{parent}.yaml")
        base.pop("extends", None)
        if isinstance(data.get("rules"), dict) and isinstance(base.get("rules"), dict):
            data = dict(data)
            data["rules"] = {k: _rule_entry(v) for k, v in data["rules"].items()}
            base["rules"] = {k: _rule_entry(v) for k, v in base["rules"].items()}
        data = _merge(base, data)
    return data, node, own


class PolicyStore(Protocol):
    """Where validated policies are kept between runs (the run stage's
    :class:`snslint.run.cache.artifacts.ArtifactStore`); ``data`` is plain JSON data, ``load`` returns
    None when there is nothing (or nothing sound) under the key."""

    def load(self, kind: str, name: str, key: str) -> Any | None: ...

    def save(self, kind: str, name: str, key: str, data: Any) -> None: ...


def load_policy_file(path: str | Path, store: PolicyStore | None = None) -> Policy:
    """Load and validate a policy file; ``extends: NAME`` builds on a bundled policy.

    With a ``store`` (a run with the cache), a file validated before (same bytes, same
    snslint code) is rebuilt from its stored validated form (:mod:`snslint.settings.compiled`)
    without validating it again; a newly validated one is stored. Errors are never stored.

    The schema only: whether the rule entries name known rules with settings they accept is
    :func:`snslint.rules.registry.check_policy`'s question (the engine asks it before a
    policy's first draft, the CLI right after loading). The policy keeps where it was read
    from (:attr:`Policy.origin`), from the cache too, so those errors name the file and line.

    Raises:
        PolicyError: unreadable file, broken YAML, schema error, unknown ``extends`` target.
    """
    if store is not None:
        return _load_through(store, Path(path))
    return _load_policy_file(path)


def _load_policy_file(path: str | Path) -> Policy:
    data, node, _ = compose_policy_data(path)
    return _validate(data, node, str(path))


def _store_key(raw: bytes) -> str:
    """SHA-256 (hex) of what a validated policy depends on: the file's bytes, the snslint
    version, pydantic's version, and the size and modification time of the code that
    validates (``settings/`` and the shared vocabulary it uses) and of the bundled policies an
    ``extends`` builds on. Not the rules: the schema does not ask them."""
    import hashlib
    import json

    import pydantic

    from snslint import __version__

    here = Path(__file__).resolve().parent
    files = {str(p) for p in here.glob("*.py")}
    files |= {str(here.parent / name) for name in ("findings.py", "errors.py", "safe_yaml.py", "safe_read.py")}
    files |= {str(p) for p in data_dir("policies").glob("*.yaml")}
    stamps = []
    for name in sorted(files):
        try:
            st = os.stat(name)
            stamps.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append((name, -1, -1))
    text = json.dumps(
        ["policy+lines", __version__, pydantic.VERSION, stamps, hashlib.sha256(raw).hexdigest()],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load_through(store: PolicyStore, path: Path) -> Policy:
    """:func:`load_policy_file` through ``store`` (see there).

    Stored: :func:`_policy_row` (the plain form and the entry lines); the path is not stored
    (the same bytes may be read from another path), it is the one given now.
    """
    display = str(path)
    try:
        raw = read_regular_file(path, MAX_POLICY_BYTES)
        key = _store_key(raw)
    except OSError:  # not there, not a regular file, too large: validation says which
        return _load_policy_file(path)
    data = store.load("policies", "policy", key)
    if data is not None:
        policy = _policy_from_row(data, display)
        if policy is not None:
            return policy
        # damaged: validate again, and store the good one over it
    policy = _load_policy_file(path)
    try:
        store.save("policies", "policy", key, _policy_row(policy))
    except (TypeError, ValueError, KeyError):
        pass
    return policy


def _policy_row(policy: Policy) -> dict[str, Any]:
    """A validated policy as plain JSON data: ``{"policy": its plain form
    (:func:`snslint.settings.compiled.to_plain`), "lines": [[location, line], ...]}``
    (:attr:`PolicyOrigin.lines`), as JSON gives it back. Kept in the cache's store and in the
    shipped file (:func:`write_shipped`); :func:`_policy_from_row` reads it.

    Raises:
        TypeError, ValueError, KeyError: a value with no plain form, or the plain form does
            not rebuild a policy equal to this one (nothing is then kept).
    """
    import json

    from snslint.settings.compiled import from_plain, to_plain

    lines = [[list(loc), line] for loc, line in policy.origin.lines.items()]
    row = json.loads(json.dumps({"policy": to_plain(policy), "lines": lines}, ensure_ascii=False))
    if from_plain(Policy, row["policy"]) != policy:
        raise TypeError("the plain form does not rebuild the validated policy")
    return row


def _policy_from_row(row: Any, display: str) -> Policy | None:
    """The policy a :func:`_policy_row` holds, rebuilt without validation and read from
    ``display`` (its origin, with the stored entry lines); None when the row is damaged."""
    from snslint.settings.compiled import from_plain

    try:
        policy = from_plain(Policy, row["policy"])
        lines = {tuple(loc): line for loc, line in row["lines"]}
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(policy, Policy) or set(lines) != set(entry_locations(policy)):
        return None
    policy._origin = PolicyOrigin(display, lines)
    return policy


_BUNDLED: dict[str, Policy] = {}
"""Bundled policies loaded in this process, by id (each file is loaded once)."""


def load_bundled(city: str, store: PolicyStore | None = None) -> Policy:
    """Load the bundled policy of ``city``, once per process (through ``store`` as
    :func:`load_policy_file` does): its id (``"kisarazu"``), or a name the policy carries
    (``木更津市``, ``木更津``, ``Kisarazu City``; see :func:`resolve_city`).

    Raises:
        PolicyError: no bundled policy has that id or name (the message suggests the nearest
            and lists the ids).
    """
    policy = _BUNDLED.get(city)
    if policy is None:
        city = city if city in bundled_ids() else resolve_city(city)
        policy = _BUNDLED.get(city)
        if policy is None:
            policy = shipped_policy(city) or load_policy_file(data_dir("policies") / f"{city}.yaml", store)
            _BUNDLED[city] = policy
    return policy


SHIPPED_FILE = "compiled_policies.json"
"""The bundled policies validated ahead of time, shipped beside them in ``policies/``:
``{id: {"key": shipped_key(id), "policy": plain form, "lines": [[location, line], ...]}}``."""

SHIPPED_FORMAT = 1
"""Raised when the shipped file's layout or the plain form (:mod:`snslint.settings.compiled`)
changes: older entries are then not used."""


def shipped_key(city: str) -> dict[str, Any]:
    """What a shipped validated policy must have been made from to be used for ``city``: the
    format (:data:`SHIPPED_FORMAT`) and the SHA-256 of the bundled YAML file's bytes.

    The schema's code is not in the key: ``tests/test_policy_bundle.py`` checks that every
    shipped entry equals what validating the file gives now, so a schema change that alters a
    policy fails the tests until ``python -m snslint.settings.policy`` rewrites the file.

    Raises:
        OSError: the bundled file cannot be read.
    """
    import hashlib

    raw = (data_dir("policies") / f"{city}.yaml").read_bytes()
    return {"format": SHIPPED_FORMAT, "file": hashlib.sha256(raw).hexdigest()}


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    """The shipped file as read (``{}`` when missing or not JSON: every policy is validated)."""
    return shipped_json("policies", SHIPPED_FILE)


def shipped_policy(city: str) -> Policy | None:
    """The bundled policy ``city`` (an id) rebuilt without validation from the form validated
    when the package was built (:data:`SHIPPED_FILE`), or None when there is none for it, or
    one made from another version of the file or in another format, or a damaged one (the
    caller then validates the file).

    Validating a policy builds pydantic's validator for its models first: the largest part of
    loading one in a fresh process. The policy keeps its origin (the bundled file and the
    lines of its rule entries), as if it had been read.
    """
    row = _shipped().get(city)
    if not isinstance(row, dict):
        return None
    try:
        if row.get("key") != shipped_key(city):
            return None
    except OSError:
        return None
    return _policy_from_row(row, str(data_dir("policies") / f"{city}.yaml"))


def write_shipped(folder: Path | None = None) -> Path:
    """Validate every bundled policy now and write :data:`SHIPPED_FILE` into ``folder``
    (default: the bundled ``policies/`` folder); returns the file written.

    Run after editing a bundled policy or the policy schema (``python -m
    snslint.settings.policy``); the tests fail while the file is stale, and a stale entry is
    never used (its key no longer matches).

    Raises:
        PolicyError: a bundled policy does not validate.
        TypeError: a policy holds a value with no plain form, or its rebuild differs.
        OSError: the file cannot be written.
    """
    import json

    rows: dict[str, Any] = {}
    for city in bundled_ids():
        policy = _load_policy_file(data_dir("policies") / f"{city}.yaml")
        try:
            rows[city] = {"key": shipped_key(city), **_policy_row(policy)}
        except (TypeError, ValueError, KeyError) as exc:
            raise TypeError(f"{city}: {exc}") from None
    path = (folder or data_dir("policies")) / SHIPPED_FILE
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _name_key(name: str) -> str:
    """A city name compared loosely: NFKC, case-folded, spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


@lru_cache(maxsize=1)
def city_names() -> dict[str, str]:
    """Every name a bundled policy answers to (:func:`_name_key` form) -> its id: the id,
    ``name`` (木更津市), ``name`` without its 市/町/村 (木更津), ``name_en`` (kisarazu city) and
    ``name_en`` without "city". Read from the policies themselves (``name``, ``name_en``)."""
    names: dict[str, str] = {}
    for pid in bundled_ids():
        p = load_bundled(pid)
        forms = [pid, p.name, p.name_en or ""]
        if p.name[-1:] in ("市", "町", "村") and len(p.name) > 2:
            forms.append(p.name[:-1])
        if p.name_en and p.name_en.lower().endswith(" city"):
            forms.append(p.name_en[:-5])
        for form in forms:
            if form:
                names.setdefault(_name_key(form), pid)
    return names


def resolve_city(city: str) -> str:
    """The id of the bundled policy named ``city`` (id or name, see :func:`city_names`).

    Raises:
        PolicyError: no policy answers to it; the message suggests the nearest name
            (:func:`difflib.get_close_matches`, ratio >= 0.5) and lists the ids.
    """
    ids = bundled_ids()
    if city in ids:
        return city
    names = city_names()
    key = _name_key(city)
    if key in names:
        return names[key]
    import difflib

    near = difflib.get_close_matches(key, list(names), n=1, cutoff=0.5)
    choices = ", ".join(f"{pid}（{load_bundled(pid).name}）" for pid in ids)
    guess_ja = guess_en = ""
    if near:
        pid = names[near[0]]
        guess_ja = f"もしかして {pid}（{load_bundled(pid).name}）? "
        guess_en = f" Did you mean {pid} ({load_bundled(pid).name_en or load_bundled(pid).name})?"
    raise PolicyError(
        f"市「{city}」のポリシーは同梱されていません。{guess_ja}次から選んでください: {choices}",
        f"unknown city '{city}'.{guess_en} Choose one of: {', '.join(ids)}",
    )


# --------------------------------------------------------------------------- coverage


class ClauseRow(NamedTuple):
    """One row of a policy's coverage table (:func:`clause_coverage`).

    Attributes:
        clause: the clause as the policy lists it.
        coverage: the coverage in effect: as declared, except that a clause declared
            ``automatic`` or ``partial`` whose rules are all turned off is ``human``.
        rules: codes of the enabled rules that check it (listed in ``rules:`` or citing it
            in their ``clause``), sorted.
        off_rules: codes that would check it but are turned off in this policy, sorted.
    """

    clause: PolicyClause
    coverage: str
    rules: tuple[str, ...]
    off_rules: tuple[str, ...]

    @property
    def question(self) -> str:
        """The checklist question in Japanese: the declared one, or, for a clause whose
        rules are all off and that has none, 「REF「TEXT」に反していませんか」."""
        if self.clause.question:
            return self.clause.question
        text = self.clause.text if len(self.clause.text) <= 40 else self.clause.text[:40] + "…"
        return f"{self.clause.ref}「{text}」に反していませんか"

    def question_in(self, lang: str) -> str:
        """The question in ``lang`` (``"en"`` falls back to Japanese when none is given)."""
        if lang == "en" and self.clause.question_en:
            return self.clause.question_en
        return self.question

    @property
    def on_checklist(self) -> bool:
        """True for clauses a person must judge for every draft: ``human`` ones, and
        ``partial`` ones that carry a question."""
        return self.coverage == "human" or (self.coverage == "partial" and bool(self.clause.question))


class CoverageTable(NamedTuple):
    """How much of a city's document snslint checks (:func:`clause_coverage`).

    Attributes:
        policy: the policy's id.
        rows: one per listed clause, in the policy's order.
        unlisted: ``("rules.CODE", ref)`` for each clause a rule cites that is not in
            ``clauses:``.
    """

    policy: str
    rows: tuple[ClauseRow, ...]
    unlisted: tuple[tuple[str, str], ...]

    def counts(self) -> dict[str, int]:
        """``{"automatic": n, "partial": n, "human": n}``: clauses per coverage."""
        return {c: sum(1 for r in self.rows if r.coverage == c) for c in COVERAGES}

    def shares(self) -> dict[str, float]:
        """Each coverage's share of the listed clauses, 0.0-1.0 (all 0.0 when none)."""
        n = len(self.rows)
        return {c: (k / n if n else 0.0) for c, k in self.counts().items()}

    def checklist(self) -> list[ClauseRow]:
        """The rows on the human checklist (:attr:`ClauseRow.on_checklist`), in order."""
        return [r for r in self.rows if r.on_checklist]


def clause_coverage(policy: Policy) -> CoverageTable:
    """The coverage table of ``policy``: each listed clause with the enabled rules that check
    it and its effective coverage, and the cited clauses missing from ``clauses:``.

    A rule checks a clause when the clause lists its code in ``rules:`` or the rule's own
    ``clause.ref`` is the clause's ``ref``; a rule counts only when the policy enables it
    (``off`` or unmentioned rules do not run). Computed afresh on each call (cheap: tens
    of clauses); callers that need it per draft should keep the result.
    """
    citing: dict[str, set[str]] = {}
    for code, cfg in policy.rules.items():
        if cfg.clause is not None:
            citing.setdefault(cfg.clause.ref, set()).add(code)
    rows = []
    for clause in policy.clauses:
        codes = set(clause.rules) | citing.get(clause.ref, set())
        on = sorted(c for c in codes if (cfg := policy.rule(c)) is not None and cfg.enabled)
        off = sorted(codes - set(on))
        coverage = clause.coverage if on or clause.coverage == "human" else "human"
        rows.append(ClauseRow(clause=clause, coverage=coverage, rules=tuple(on), off_rules=tuple(off)))
    listed = {c.ref for c in policy.clauses}
    unlisted = [(f"rules.{code}", cfg.clause.ref) for code, cfg in policy.rules.items()
                if cfg.clause is not None and cfg.clause.ref not in listed]
    return CoverageTable(policy=policy.id, rows=tuple(rows), unlisted=tuple(unlisted))


@dataclass(frozen=True)
class ChecklistItem:
    """One question of a city's human checklist, as reports show it.

    Attributes:
        policy: the policy's id.
        ref: the clause's number in the document.
        question: the question in Japanese (yes = the draft complies).
        question_en: the question in English, or ``""``.
        coverage: ``human`` or ``partial`` (in effect, see :class:`ClauseRow`).
        document: the document's title.
    """

    policy: str
    ref: str
    question: str
    question_en: str
    coverage: str
    document: str

    def question_in(self, lang: str) -> str:
        """The question in ``lang``; English falls back to Japanese when none is given."""
        return self.question_en if lang == "en" and self.question_en else self.question


def checklist(policy: Policy) -> list[ChecklistItem]:
    """The questions a person answers for every draft under ``policy``: one per clause only
    a person can judge (and per partly covered clause that carries a question), in the
    policy's order. Source: the policy's ``clauses:`` (:func:`clause_coverage`)."""
    return [
        ChecklistItem(
            policy=policy.id,
            ref=row.clause.ref,
            question=row.question,
            question_en=row.clause.question_en,
            coverage=row.coverage,
            document=policy.source.title,
        )
        for row in clause_coverage(policy).checklist()
    ]


if __name__ == "__main__":  # python -m snslint.settings.policy: rewrite the shipped validated policies
    from snslint.settings import policy as _this  # the package's module, not this __main__ copy

    print(_this.write_shipped())
