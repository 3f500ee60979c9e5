"""The rule registry and plugin finder.

Built-in rule families are the modules named in :data:`BUILTIN_FAMILIES`; importing one runs
its ``@register`` decorators. Third-party rules join the same registry through the
``snslint.rules`` entry-point group: each entry point names a module (whose ``@register``
classes register on import) or a :class:`~snslint.rules.api.Rule` subclass. Built-ins are imported
directly rather than through entry points so that a source checkout works without install
metadata and start-up stays fast; plugins are discovered once per process.

A policy's rule entries are validated here (:func:`check_policy`, :func:`rule_problems`):
the policy schema (:mod:`snslint.settings.policy`) does not know which rules exist.

``--select`` / ``--ignore`` tokens resolve here: a code (``PII003``), a family prefix
(``PII``) or a name (``my-number``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Iterable, TypeVar

from snslint.errors import PolicyError, UsageError
from snslint.identity_memo import IdentityMemo
from snslint.rules.api import Rule

if TYPE_CHECKING:  # pragma: no cover
    from snslint.settings.policy import Policy

BUILTIN_FAMILIES: tuple[str, ...] = (
    "snslint.rules.content",
    "snslint.rules.urls",
    "snslint.rules.timing",
    "snslint.rules.pii",
    "snslint.rules.form",
    "snslint.rules.meta",
)
"""Modules of the built-in rule families, one family per module."""

ENTRY_POINT_GROUP = "snslint.rules"

_RULES: dict[str, Rule] = {}
_LOADED = False

R = TypeVar("R", bound=type[Rule])


def register(cls: R) -> R:
    """Class decorator: add a rule to the registry (its code must be new).

    Raises:
        ValueError: another rule already has this code or name.
    """
    rule = cls()
    for other in _RULES.values():
        if other.code == rule.code or other.name == rule.name:
            if type(other) is cls:
                return cls
            raise ValueError(f"duplicate rule {rule.code} {rule.name}")
    _RULES[rule.code] = rule
    return cls


def registry() -> dict[str, Rule]:
    """All rules, built-in and plugins, keyed by code, in code order.

    Raises:
        ImportError: a built-in family (:data:`BUILTIN_FAMILIES`) is missing or fails to
            import. A broken installation must not run with a family silently left out
            (a run without the PII rules would report a clean draft).
    """
    global _LOADED
    if not _LOADED:
        for module in BUILTIN_FAMILIES:
            importlib.import_module(module)
        _LOADED = True
        _load_plugins()
    return dict(sorted(_RULES.items()))


_PLUGIN_STAMPS: list[tuple[str, str, str, str]] = []
"""``(name, target, distribution, its version)`` of each ``snslint.rules`` entry point loaded."""


def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        _PLUGIN_STAMPS.append((ep.name, ep.value, ep.dist.name if ep.dist else "", ep.dist.version if ep.dist else ""))
        obj = ep.load()
        if isinstance(obj, type) and issubclass(obj, Rule):
            register(obj)


def plugin_stamps() -> list[tuple[str, str, str, str]]:
    """The plugin rules' entry points as :func:`registry` found them, sorted: ``(name,
    target, distribution, version)`` each (what the result cache's key covers of them). Loads
    the registry if it is not loaded; the entry points are scanned once per process."""
    registry()
    return sorted(_PLUGIN_STAMPS)


def resolve(tokens: Iterable[str], *, option: str = "--select") -> set[str]:
    """Codes named by ``tokens``: codes, family prefixes or names (case-insensitive).

    Raises:
        UsageError: a token names no rule.
    """
    rules = registry()
    out: set[str] = set()
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        up = token.upper()
        matched = {c for c in rules if c == up} or {c for c in rules if c.startswith(up)}
        if not matched:
            matched = {c for c, r in rules.items() if r.name == token.lower()}
        if not matched:
            raise UsageError(
                f"{option} の「{token}」に当たるルールがありません（`snslint rules` で一覧を表示）。",
                f"{option} '{token}' matches no rule (see `snslint rules`).",
            )
        out |= matched
    return out


def always_on() -> frozenset[str]:
    """Codes that no ignore can turn off: the personal-data rules that are not suppressible
    (PII003 my-number, PII008 credential; a plugin rule with ``suppressible = False`` too).

    The SNS meta rules are not suppressible in front matter either, but they are about
    snslint's own suppressions, so a project may ignore them.
    """
    return frozenset(c for c, r in registry().items() if not r.suppressible and r.family != "SNS")


def resolve_ignore(tokens: Iterable[str], *, option: str = "--ignore") -> tuple[set[str], set[str]]:
    """Codes an ignore list (``--ignore``, a config ``ignore`` or a ``per-file-ignores``
    entry) turns off, and the always-on codes (:func:`always_on`) it would have reached but
    leaves running (``PII`` -> the other PII rules, and ``{"PII003", "PII008"}`` kept).

    Raises:
        UsageError: a token names no rule, or names only always-on rules (``PII003``,
            ``my-number``, ``credential``): a My Number or a password in a post is never
            acceptable, so asking to ignore it is a mistake to report, not to obey.
    """
    keep = always_on()
    out: set[str] = set()
    kept: set[str] = set()
    for raw in tokens:
        codes = resolve([raw], option=option)
        if codes and codes <= keep:
            named = ", ".join(sorted(codes))
            raise UsageError(
                f"{option} の「{raw.strip()}」（{named}）は無効にできません。マイナンバーや"
                "パスワードなどは投稿に載せられないため、このルールは常に検査します。本文から消してください。",
                f"{option} '{raw.strip()}' ({named}) cannot be ignored: a My Number or a credential may "
                "never be posted, so this rule always runs. Remove it from the post instead.",
            )
        kept |= codes & keep
        out |= codes - keep
    return out, kept


RuleProblem = tuple["int | None", str, str]
"""One problem of a policy's rule entries: ``(line, ja, en)``, the line in the policy file."""


def rule_problems(policy: "Policy") -> list[RuleProblem]:
    """What is wrong with the policy's rule entries, in the policy's order: unknown rule
    codes, an ``error`` without a clause, settings the rule refuses (its ``Settings`` model),
    unknown codes in a clause's ``rules``. Empty when all is well.

    Lines are those of the file the policy was read from
    (:meth:`~snslint.settings.policy.Policy.line_of`); None for a policy built in code.
    """
    rules = registry()
    out: list[RuleProblem] = []
    for code, cfg in policy.rules.items():
        line = policy.line_of(("rules", code))
        rule = rules.get(code)
        if rule is None:
            out.append((
                line,
                f"未知のルールコード「{code}」です（`snslint rules` で一覧を表示）。",
                f"unknown rule code '{code}' (see `snslint rules`).",
            ))
            continue
        if cfg.severity == "error" and cfg.clause is None:
            out.append((
                line,
                f"ルール {code} をエラーにするには、根拠となる条項（clause）が必要です。",
                f"rule {code} at severity error must cite a clause.",
            ))
        problem = rule.validate_settings(cfg)
        if problem:
            out.append((
                line,
                f"ルール {code} の設定が正しくありません（{problem}）。",
                f"rule {code} has bad settings ({problem}).",
            ))
    for i, clause in enumerate(policy.clauses):
        for code in clause.rules:
            if code not in rules:
                out.append((
                    policy.line_of(("clauses", i, "rules")),
                    f"条項 {clause.ref} の rules に未知のルールコード「{code}」があります。",
                    f"clause {clause.ref} lists an unknown rule code '{code}'.",
                ))
    return out


_CHECKED: IdentityMemo[bool] = IdentityMemo(max_entries=64)
"""Policies whose rule entries :func:`check_policy` found sound (by identity: policies are
not changed after loading)."""


def check_policy(policy: "Policy") -> "Policy":
    """``policy`` itself, once its rule entries are known to be sound (:func:`rule_problems`
    finds nothing); checked once per policy object, a failure every time it is asked.

    Raises:
        PolicyError: the first problem, naming the policy file and the entry's line (from
            :attr:`~snslint.settings.policy.Policy.origin`; none for a policy built in code).
    """

    def check() -> bool:
        problems = rule_problems(policy)
        if problems:
            line, ja, en = problems[0]
            origin = policy.origin
            raise PolicyError(ja, en, path=origin.path if origin is not None else None, line=line)
        return True

    _CHECKED.get(policy, None, check)
    return policy
