"""The one answer to "which policy checks this draft".

:class:`PolicySource` is the policy chooser of every run (the CLI builds it from its options
and the config; library callers and tests build it directly). It is plain data so that a
worker process can rebuild the same choice (:mod:`snslint.run.pool`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from snslint.errors import PolicyError
from snslint.settings.policy import Policy, load_bundled, load_policy_file

if TYPE_CHECKING:  # pragma: no cover
    from snslint.input.draft import Draft

PolicyChooser = Callable[["Draft"], Policy]
"""Picks the policy for a draft; raises :class:`~snslint.errors.PolicyError` when none applies.
:class:`PolicySource` is the one the project uses; any callable of this shape is accepted by
:func:`snslint.lint.engine.check_path` and (in one process) :func:`snslint.run.runner.check_paths`."""


@dataclass(frozen=True)
class PolicySource:
    """How to choose each draft's policy, as plain data a worker process can rebuild.

    The order of precedence is the CLI's: ``city`` / ``policy_file`` (``--city`` /
    ``--policy``) win for every draft; else the draft's front matter ``city:``; else the
    config's policy file ``default_file``; else the config's ``default_city``; else the
    draft gets a :class:`~snslint.errors.PolicyError`.

    Attributes:
        city: ``--city``, a bundled policy id.
        policy_file: ``--policy``, a policy YAML file (as given).
        default_city: the config's ``city``.
        default_file: the config's policy file.
        loaded: policies the caller already loaded, by ``"city:ID"`` / ``"file:PATH"``; never
            pickled (a worker started by ``spawn`` loads them again; one started by ``fork``
            inherits them).

    Calling a source with a draft returns its policy (it is a :data:`PolicyChooser`).

    Raises (when called):
        PolicyError: no city anywhere, an unknown city, or an unreadable or invalid policy
            file; the error names the draft's path when the policy does not.
    """

    city: str | None = None
    policy_file: str | None = None
    default_city: str | None = None
    default_file: str | None = None
    loaded: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    store: Any = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"city": self.city, "policy_file": self.policy_file, "default_city": self.default_city, "default_file": self.default_file}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        object.__setattr__(self, "loaded", {})
        object.__setattr__(self, "store", None)

    def _load(self, kind: str, name: str) -> Policy:
        key = f"{kind}:{name}"
        policy = self.loaded.get(key)
        if policy is None:
            policy = load_bundled(name, self.store) if kind == "city" else load_policy_file(name, self.store)
            self.loaded[key] = policy
        return policy

    def __call__(self, draft: "Draft") -> Policy:
        if self.city or self.policy_file:
            return self._load("city", self.city) if self.city else self._load("file", self.policy_file)
        if not draft.meta.city and self.default_file:
            return self._load("file", self.default_file)
        city = draft.meta.city or self.default_city
        if not city:
            raise PolicyError(
                "どの市のポリシーで検査するか指定してください（--city、--policy、またはフロントマターの city:）。",
                "say which city's policy to use (--city, --policy, or city: in front matter).",
                path=draft.path,
            )
        try:
            return load_bundled(city, self.store)
        except PolicyError as exc:
            exc.path = exc.path or draft.path
            raise
