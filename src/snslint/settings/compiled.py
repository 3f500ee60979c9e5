"""A validated pydantic model as plain JSON data, and back without validating it again.

A policy is validated once (:func:`snslint.settings.policy.load_policy_file`), and its
validated form is kept: the bundled policies in ``policies/compiled_policies.json``, shipped
in the wheel (:func:`snslint.settings.policy.shipped_policy`), a deployment's own policy in
``.snslint_cache/`` by a run with the cache (:func:`snslint.settings.policy.load_policy_file`
with a store). A later run rebuilds it here with ``model_construct``, which neither validates
nor builds pydantic's validator for the model (the policy models are ``defer_build``), the
largest part of loading a policy in a fresh process.

There is no second copy of the models: the rebuild reads each model's own fields and their
annotations (``model_fields``), so a field added to a model is carried with no change here. A
type this module does not know raises :class:`TypeError`, and the caller stores nothing; the
store also checks that the rebuilt model equals the validated one before writing it.

Plain form of a model: ``{"__set__": [names of the fields set explicitly], field: value, ...}``;
dates and times as ISO 8601 strings, enums as their values, tuples and sets as lists.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

_SCALARS = (str, int, float, bool)
_DATETIMES = (_dt.datetime, _dt.date, _dt.time)  # datetime before date: it is a date


def to_plain(model: BaseModel) -> dict[str, Any]:
    """``model`` (a pydantic model, nested models included) as plain JSON data.

    Raises:
        TypeError: a value of a type with no plain form here.
    """
    out: dict[str, Any] = {"__set__": sorted(model.model_fields_set)}
    for name in type(model).model_fields:
        out[name] = _plain(getattr(model, name))
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, BaseModel):
        return to_plain(value)
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, _DATETIMES):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _plain(v) for k, v in value.items()}
    raise TypeError(f"no plain form for {type(value).__name__}")


def from_plain(cls: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """Rebuild a ``cls`` that :func:`to_plain` wrote, with ``model_construct`` (no validation).

    Only for data that came from :func:`to_plain` of a validated model.

    Raises:
        TypeError, KeyError, ValueError: the data does not have the shape of ``cls``.
    """
    fields = {name: _build(info.annotation, data[name]) for name, info in cls.model_fields.items()}
    return cls.model_construct(_fields_set=set(data["__set__"]), **fields)


def _build(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if origin is Annotated:
        return _build(get_args(tp)[0], value)
    if origin is Union or origin is types.UnionType:
        if value is None:
            return None
        arms = [a for a in get_args(tp) if a is not type(None)]
        if len(arms) == 1:
            return _build(arms[0], value)
        # Left to right, the first arm the value fits (pydantic's lax order); a wrong pick
        # cannot reach a run: the store keeps a policy only when its rebuild is equal.
        for arm in arms:
            try:
                return _build_arm(arm, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"no arm of {tp} fits a stored value")
    if value is None:
        return None  # a field typed without None can still default to None
    if origin is Literal or tp is Any:
        return value
    if origin in (list, tuple, set, frozenset) and not isinstance(value, list):
        raise TypeError(f"{tp}: a stored value that is not a list")
    if origin is list:
        (item,) = get_args(tp) or (Any,)
        return [_build(item, v) for v in value]
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in value)
        if len(args) != len(value):
            raise ValueError(f"{tp} needs {len(args)} items")
        return tuple(_build(a, v) for a, v in zip(args, value))
    if origin in (set, frozenset):
        (item,) = get_args(tp) or (Any,)
        return origin(_build(item, v) for v in value)
    if origin is dict:
        key, item = get_args(tp) or (str, Any)
        if key is not str:
            raise TypeError(f"{tp}: only str keys are stored")
        if not isinstance(value, dict):
            raise TypeError(f"{tp}: a stored value that is not a mapping")
        return {k: _build(item, v) for k, v in value.items()}
    if origin is not None:
        raise TypeError(f"no rebuild for {tp}")
    if isinstance(tp, type):
        if issubclass(tp, BaseModel):
            return from_plain(tp, value)
        if issubclass(tp, enum.Enum):
            return tp(value)
        if issubclass(tp, _DATETIMES):
            return tp.fromisoformat(value)
        if tp in _SCALARS:
            if tp is float and isinstance(value, int) and not isinstance(value, bool):
                return float(value)  # JSON writes 1.0 as 1.0, but be sure
            return value
    raise TypeError(f"no rebuild for {tp!r}")


def _build_arm(arm: Any, value: Any) -> Any:
    """``value`` as union arm ``arm``, or TypeError / ValueError when it is not one."""
    if get_origin(arm) is Literal:
        if value in get_args(arm):
            return value
        raise ValueError("not one of the literal's values")
    if arm in _SCALARS and type(value) is not arm:
        raise TypeError("another scalar type")
    if isinstance(arm, type) and issubclass(arm, BaseModel) and not isinstance(value, dict):
        raise TypeError("not a model's plain form")
    return _build(arm, value)
