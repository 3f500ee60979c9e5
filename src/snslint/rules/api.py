"""The rule contract: what a rule is, what it knows, and how it reports.

A rule is a subclass of :class:`Rule` in one of the family modules of :mod:`snslint.rules`
(or a third-party package, see :mod:`snslint.rules.registry`). Its code, name, documentation,
examples and the check itself live together in that class, as in proselint and ruff's docs::

    @register
    class UrlShortener(Rule):
        code = "URL001"
        name = "url-shortener"
        ...
        def check(self, ctx: RuleContext) -> Iterator[Finding]:
            yield ctx.finding(start, end, "短縮URLです…", "A shortened URL…")

A rule never prints, never reads files and never touches the network: it reads the draft,
its analysis and the policy from :class:`RuleContext` and yields findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Iterable, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError

from snslint.findings import Clause, Finding, Severity
from snslint.identity_memo import IdentityMemo
from snslint.model_defaults import defaults_of

if TYPE_CHECKING:  # pragma: no cover
    from snslint.rules.context import CheckContext
    from snslint.settings.policy import RuleConfig


class RuleSettings(BaseModel):
    """Base of a rule's :attr:`Rule.Settings` model.

    Its validator is built on first validation (``defer_build``), not when the rule module is
    imported: a policy that sets nothing for a rule never validates its settings
    (:meth:`Rule.settings_for`), so a cold run builds none of them.
    """

    model_config = ConfigDict(defer_build=True)


def _settings(model: type[BaseModel], raw: dict[str, Any]) -> BaseModel:
    """``raw`` validated by ``model``; ``{}`` gives the defaults without building a validator
    when every field has one (see :meth:`Rule.settings_for`)."""
    if not raw and not any(f.is_required() for f in model.model_fields.values()):
        return defaults_of(model)
    return model.model_validate(raw)


_SETTINGS_MEMO: IdentityMemo[Any] = IdentityMemo(max_entries=512)
""":meth:`Rule.settings_for` by policy entry (identity) and rule code."""


class Example(NamedTuple):
    """A draft that shows a rule at work, used in ``snslint explain`` and the self-tests.

    Attributes:
        draft: the whole draft file (front matter allowed).
        city: the bundled policy to check it against.
        at: the post time (ISO 8601, JST when naive), for timing rules; None keeps the
            draft's ``scheduled_at`` or a fixed weekday noon.
        platform: ``--platform``, if the example needs one.
        finds: for the rule's documented example (its first failing one): the text of the
            rule's first finding as reported (``Finding.text``: masked for a sensitive rule;
            ``""`` for a zero-length span). None when not stated.
        message, message_en: that finding's message exactly, in Japanese and English. None
            when not stated (a CAT message carries fitted scores, which a refit changes).
    """

    draft: str
    city: str = "kisarazu"
    at: str | None = None
    platform: str | None = None
    finds: str | None = None
    message: str | None = None
    message_en: str | None = None


class Rule:
    """Base class of every rule.

    Class attributes a rule sets:
        code: stable code, family letters + three digits (``"URL001"``); never reused.
        name: kebab-case name (``"url-shortener"``).
        default_severity: used when ``--select`` enables a rule the policy does not mention.
        summary: one line in Japanese; ``summary_en`` in English.
        what_it_does, what_it_does_en: what the rule finds and how it decides (a paragraph
            each, Japanese and English), the first of ruff's documentation sections.
        why_it_matters, why_it_matters_en: why a city must not post it: the clause, the
            incident or the source behind the rule.
        failing: examples that must give at least one finding of this rule; the first one
            is the documented example (:attr:`example`), with its ``finds`` and ``message``.
        instead: the documented example written the way the city should write it; it must
            give no finding of this rule (the self-tests run it, so the advice cannot rot).
        passing: examples (real-looking benign posts) that must give none.
        sensitive: findings carry personal data or secrets: their text is masked.
        tokenizes: the rule reads Sudachi morphemes (``ctx.analysis.morphemes``): tokenizing
            costs time in proportion to the draft's length, which the masking pass weighs on
            very long drafts (:data:`snslint.lint.engine.MASK_TOKENIZE_LIMIT`).
        suppressible: False when front matter may never silence it (PII003, PII008).
        Settings: optional pydantic model of the rule's ``settings:`` in a policy.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""
    what_it_does: ClassVar[str] = ""
    what_it_does_en: ClassVar[str] = ""
    why_it_matters: ClassVar[str] = ""
    why_it_matters_en: ClassVar[str] = ""
    failing: ClassVar[tuple[Example, ...]] = ()
    instead: ClassVar[Example | None] = None
    passing: ClassVar[tuple[Example, ...]] = ()
    sensitive: ClassVar[bool] = False
    tokenizes: ClassVar[bool] = False
    suppressible: ClassVar[bool] = True
    Settings: ClassVar[type[BaseModel] | None] = None

    @property
    def example(self) -> Example | None:
        """The documented example: the first of :attr:`failing`, or None without one."""
        return self.failing[0] if self.failing else None

    @property
    def family(self) -> str:
        """The code's letters: ``"URL"`` for ``"URL001"``."""
        return self.code.rstrip("0123456789")

    def validate_settings(self, config: "RuleConfig") -> str | None:
        """None when ``config.settings`` suits :attr:`Settings`, else the problem in words."""
        if self.Settings is None:
            return f"this rule takes no settings: {sorted(config.settings)}" if config.settings else None
        try:
            self.settings_for(config)
        except ValidationError as exc:
            err = exc.errors()[0]
            return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
        return None

    def settings_for(self, config: "RuleConfig | None") -> Any:
        """The validated :attr:`Settings` of a policy entry (None: no entry), or None for a
        rule without settings; the same object for the same entry (memoized by identity:
        entries are never changed after loading).

        An entry that sets nothing gets the model's defaults without validating: a default
        is valid by the model's definition (pydantic does not validate defaults either), and
        a policy that configures nothing then builds no validator (building one costs a cold
        run more than checking a draft). A model with a required field is still validated.

        Raises:
            pydantic.ValidationError: the entry's settings do not suit :attr:`Settings`.
        """
        model = self.Settings
        if model is None:
            return None
        return _SETTINGS_MEMO.get(config, self.code, lambda: _settings(model, config.settings if config else {}))

    def check(self, ctx: "RuleContext") -> Iterable[Finding]:
        """Yield the findings of this rule in one draft (override this)."""
        raise NotImplementedError


class RuleContext:
    """What one rule sees of one draft: the check's context plus this rule's configuration.

    Attributes:
        rule: the rule being run.
        config: the policy's entry for it, or None when ``--select`` enabled a rule the
            policy does not mention.
        check: the shared :class:`~snslint.rules.context.CheckContext` of the draft.
    """

    def __init__(self, rule: Rule, config: "RuleConfig | None", check: "CheckContext") -> None:
        self.rule = rule
        self.config = config
        self.check = check
        self.draft = check.draft
        self.policy = check.policy

    @property
    def analysis(self):
        """The draft body's :class:`~snslint.text.analysis.Analysis` (computed on first use)."""
        return self.check.analysis

    @property
    def body(self) -> str:
        """The post body."""
        return self.check.draft.body

    @property
    def severity(self) -> Severity:
        """The severity the policy gives this rule (the rule's default when selected ad hoc)."""
        cfg = self.config
        if cfg is None or cfg.severity == "off":
            return self.rule.default_severity
        return Severity(cfg.severity)

    @property
    def clause(self) -> Clause | None:
        """The policy clause this rule rests on, or None."""
        return self.policy.clause(self.config.clause) if self.config else None

    @property
    def settings(self) -> Any:
        """The rule's validated settings (an instance of ``rule.Settings``), or None
        (:meth:`Rule.settings_for`)."""
        return self.rule.settings_for(self.config)

    def finding(
        self,
        start: int,
        end: int,
        message_ja: str,
        message_en: str,
        *,
        hint: str = "",
        hint_en: str = "",
        severity: Severity | None = None,
        text: str | None = None,
        clause: Clause | None = None,
        in_body: bool = True,
        **extra: Any,
    ) -> Finding:
        """Build a finding of this rule.

        Args:
            start, end: 0-based character offsets of the span, into the body (or into the
                file's text when ``in_body`` is False, e.g. a front-matter value).
            message_ja, message_en: what was found, in both languages.
            hint, hint_en: what to write instead.
            severity: a severity for this finding; it never exceeds the policy's, and a
                finding without a clause is at most a warning. None takes the policy's.
            text: the text to show (required masking for sensitive rules); default is the
                span as written.
            clause: a clause other than the rule's own (e.g. the emergency exception).
            **extra: machine-readable details kept in ``Finding.extra``.
        """
        offset = self.check.draft.body_offset if in_body else 0
        fstart, fend = start + offset, end + offset
        configured = self.severity
        sev = configured if severity is None or severity.rank > configured.rank else severity
        cited = clause if clause is not None else self.clause
        if cited is None and sev is Severity.ERROR:
            sev = Severity.WARNING
        draft = self.check.draft
        line, col = draft.position(fstart)
        end_line, end_col = draft.position(fend)
        if text is None:
            text = draft.text[fstart:fend]
        return Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=sev,
            path=draft.path,
            start=fstart,
            end=fend,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=text,
            message_ja=message_ja,
            message_en=message_en,
            clause=cited,
            hint=hint,
            hint_en=hint_en,
            sensitive=self.rule.sensitive,
            suppressible=self.rule.suppressible,
            extra=extra,
        )
