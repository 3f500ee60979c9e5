"""snslint.identity_memo: values kept by the identity of the object they came from."""

from __future__ import annotations

import pytest

from snslint.identity_memo import IdentityMemo


class Entry:
    """An unhashable stand-in for a policy entry (it holds a list, like a RuleConfig)."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms


def test_computes_once_per_object_and_extra_key() -> None:
    memo: IdentityMemo[int] = IdentityMemo()
    calls: list[str] = []
    a, b = Entry(["選挙"]), Entry(["選挙"])  # equal content, different objects

    def count(obj: Entry, tag: str) -> int:
        calls.append(tag)
        return len(obj.terms)

    assert memo.get(a, "CAT001", lambda: count(a, "a1")) == 1
    assert memo.get(a, "CAT001", lambda: count(a, "again")) == 1
    assert memo.get(a, "CAT002", lambda: count(a, "a2")) == 1
    assert memo.get(b, "CAT001", lambda: count(b, "b1")) == 1
    assert memo.get(None, "CAT001", lambda: count(a, "none")) == 1
    assert memo.get(None, "CAT001", lambda: count(a, "none again")) == 1
    assert calls == ["a1", "a2", "b1", "none"]


def test_a_reused_id_never_returns_another_objects_value() -> None:
    """The entry keeps its object; a look-up with a different object under the same id (as
    after the first one was freed) computes again instead of trusting the id."""
    memo: IdentityMemo[str] = IdentityMemo()
    a = Entry(["a"])
    memo.get(a, None, lambda: "a's value")
    impostor = Entry(["b"])
    memo._entries[(id(impostor), None)] = memo._entries.pop((id(a), None))  # simulate id reuse
    assert memo.get(impostor, None, lambda: "b's value") == "b's value"


def test_bounded() -> None:
    memo: IdentityMemo[int] = IdentityMemo(max_entries=3)
    keep = [Entry([str(i)]) for i in range(10)]
    for i, obj in enumerate(keep):
        memo.get(obj, None, lambda i=i: i)
        assert len(memo) <= 3
    with pytest.raises(ValueError):
        IdentityMemo(max_entries=0)
