"""snslint.model_defaults.defaults_of: a model's defaults without validation, equal to what
model_construct() and validating {} give, for every model a run constructs that way (each
rule's settings, the configuration, the front matter)."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from snslint.input.draft import FrontMatter, SnslintBlock, empty_front_matter
from snslint.model_defaults import defaults_of
from snslint.rules.registry import registry
from snslint.settings.config import Config, ConfigModel

SETTINGS = sorted(
    {type(rule).Settings for rule in registry().values() if type(rule).Settings is not None},
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)
MODELS = [*SETTINGS, ConfigModel, FrontMatter, SnslintBlock]


def test_every_rule_with_settings_is_covered():
    assert len(SETTINGS) >= 8


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__qualname__}")
def test_the_defaults_equal_model_construct_and_validation(cls):
    built = defaults_of(cls)
    assert type(built) is cls
    assert built == cls.model_construct() == cls.model_validate({})
    assert built.model_fields_set == set()
    assert built.model_dump() == cls.model_validate({}).model_dump()


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__qualname__)
def test_no_two_instances_share_a_mutable_default(cls):
    a, b = defaults_of(cls), defaults_of(cls)
    for name in cls.model_fields:
        value = getattr(a, name)
        if isinstance(value, (list, dict, set, BaseModel)):
            assert value is not getattr(b, name), name


def test_a_plain_mutable_default_is_copied_and_a_nested_model_is_not_validated():
    class Inner(BaseModel):
        tags: list[str] = ["広報"]

        def __init__(self, **data):  # validating goes through here; constructing does not
            raise AssertionError("validated")

    class Outer(BaseModel):
        inner: Inner = Field(default_factory=Inner)
        size: int = 3

    a, b = defaults_of(Outer), defaults_of(Outer)
    assert (a.size, a.inner.tags, a.inner.model_fields_set) == (3, ["広報"], set())
    a.inner.tags.append("防災")
    assert b.inner.tags == ["広報"]


def test_a_required_field_is_refused():
    class Needs(BaseModel):
        name: str

    with pytest.raises(TypeError, match="name"):
        defaults_of(Needs)


def test_the_callers_use_it():
    assert empty_front_matter() == FrontMatter.model_validate({})
    assert Config().values == ConfigModel.model_validate({})
