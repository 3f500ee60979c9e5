"""The project's YAML limits hold with libyaml and with the pure-Python parser alike.

PyYAML 6.0.4's libyaml refuses deep nesting with its own English message before composing;
the pure-Python parser has no guard. Either way :func:`check_limits` must name the limit
the project set, at the same place.
"""

from __future__ import annotations

import pytest
import yaml

from snslint import safe_yaml
from snslint.safe_yaml import YamlLimitProblem, check_limits

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if getattr(yaml, "CSafeLoader", None) is not None:
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(safe_yaml, "loader_class", lambda: request.param)
    return request.param


@pytest.mark.parametrize("levels", [13, 30, 999, 3000])
def test_deep_flow_nesting_is_our_depth_problem_at_the_first_level_past_the_limit(loader: type, levels: int) -> None:
    text = "note: " + "[" * levels + "]" * levels + "\n"
    assert check_limits(text, 12) == YamlLimitProblem("depth", 0, 6 + 11)


def test_deep_block_nesting_is_found_too(loader: type) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(25)) + "  " * 25 + "v\n"
    problem = check_limits(text, 20)
    assert problem is not None and problem.kind == "depth" and problem.line == 20


def test_a_policy_shaped_mapping_within_the_limit_passes(loader: type) -> None:
    text = "id: x\nrules:\n  CAT003:\n    severity: warning\n    settings:\n      extra_terms: [セール, 半額]\n"
    assert check_limits(text, 12) is None


@pytest.mark.parametrize(
    "text, where",
    [
        ("a: &x 1\nb: *x\n", (0, 3)),
        ("a: [x]\nb: &y [1, 2]\n", (1, 3)),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", (0, 3)),
    ],
)
def test_anchors_and_aliases_are_refused_where_they_stand(loader: type, text: str, where: tuple[int, int]) -> None:
    problem = check_limits(text, 12)
    assert problem is not None and problem.kind == "alias" and (problem.line, problem.column) == where


def test_a_syntax_error_before_any_limit_is_the_parsers_error(loader: type) -> None:
    with pytest.raises(yaml.YAMLError):
        check_limits("a: [b\nc: d\n", 12)


def test_a_syntax_error_after_a_broken_limit_still_reports_the_limit(loader: type) -> None:
    assert check_limits("a: " + "[" * 40 + "\n", 12) == YamlLimitProblem("depth", 0, 3 + 11)
