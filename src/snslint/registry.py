"""The rule registry and plugin finder.

Built-in rule families are the modules named in :data:`BUILTIN_FAMILIES`; importing one runs
its ``@register`` decorators. Third-party rules join the same registry through the
``snslint.rules`` entry-point group: each entry point names a module (whose ``@register``
classes register on import) or a :class:`~snslint.rule.Rule` subclass. Built-ins are imported
directly rather than through entry points so that a source checkout works without install
metadata and start-up stays fast; plugins are discovered once per process.

``--select`` / ``--ignore`` tokens resolve here: a code (``PII003``), a family prefix
(``PII``) or a name (``my-number``).
"""

from __future__ import annotations

import importlib
from typing import Iterable, TypeVar

from snslint.errors import UsageError
from snslint.rule import Rule

BUILTIN_FAMILIES: tuple[str, ...] = (
    "snslint.rules.content",
    "snslint.rules.urls",
    "snslint.rules.timing",
    "snslint.rules.personal_data",
    "snslint.rules.platform",
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
    """All rules, built-in and plugins, keyed by code, in code order."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for module in BUILTIN_FAMILIES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
        _load_plugins()
    return dict(sorted(_RULES.items()))


def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if isinstance(obj, type) and issubclass(obj, Rule):
            register(obj)


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
