"""Values memoized by the identity of the object they were computed from.

Policies and their rule entries are pydantic models holding dicts and lists: not hashable,
and hashing their content on every draft is the cost a memo is there to avoid. They are also
never changed after loading. So work derived from one (the rules a policy enables, a rule's
compiled lexicon, a policy's digest for cache keys) is kept by ``id(obj)``, together with
the object itself: while the entry exists the object is alive, so its id cannot be reused by
another object, and the ``is`` check on every look-up makes that explicit.
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """A bounded memo keyed by ``(id(obj), extra)``, checked with ``is`` on ``obj``.

    Args:
        max_entries: entries kept before the memo is emptied (a long-lived process that loads
            many policies does not grow without bound); at least 1.

    Raises:
        ValueError: ``max_entries`` is below 1.
    """

    def __init__(self, max_entries: int = 256) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._entries: dict[tuple[int, Hashable], tuple[object, V]] = {}

    def get(self, obj: object, extra: Hashable, compute: Callable[[], V]) -> V:
        """The value for ``obj`` and ``extra``; ``compute()`` gives it the first time."""
        key = (id(obj), extra)
        known = self._entries.get(key)
        if known is not None and known[0] is obj:
            return known[1]
        value = compute()
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key] = (obj, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
