"""A pydantic model's defaults without validation and without pydantic inspecting its factories.

``Model.model_construct()`` gives the defaults without building the model's validator, but
pydantic 2 (2.10 and later) asks ``inspect.signature`` of every default factory on each call,
to learn whether the factory takes the validated data; for ``list`` and ``dict`` that means
parsing their text signature. A cold run constructs the defaults of some twenty models (the
settings of each rule the policy leaves at its defaults, the configuration when there is no
file, the front matter of a draft without one). :func:`defaults_of` builds the same instance
from the fields' own defaults. Figures in the commit that added it;
``tests/test_model_defaults.py`` compares it with ``model_construct`` and validation.
"""

from __future__ import annotations

import copy
from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def defaults_of(cls: type[M]) -> M:
    """A new ``cls`` holding its defaults with no field set (``model_fields_set`` empty),
    equal to ``cls.model_construct()``, unvalidated.

    Each default factory is called without arguments (snslint's take none); a factory that is
    a model class gives that model's defaults in the same way (calling it would validate). A
    plain default that is a list, dict or set is deep-copied, as pydantic copies mutable
    defaults, so no two instances share one.

    Raises:
        TypeError: a field of ``cls`` has no default.
    """
    values = {}
    for name, info in cls.model_fields.items():
        factory = info.default_factory
        if factory is not None:
            if isinstance(factory, type) and issubclass(factory, BaseModel):
                values[name] = defaults_of(factory)
            else:
                values[name] = factory()  # type: ignore[call-arg]
        elif info.is_required():
            raise TypeError(f"{cls.__name__}.{name} has no default")
        else:
            default = info.default
            values[name] = copy.deepcopy(default) if isinstance(default, (list, dict, set)) else default
    return cls.model_construct(_fields_set=set(), **values)
