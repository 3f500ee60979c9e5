"""Every rule documents itself with examples, and every example must hold (as in proselint).

A rule's ``failing`` examples must give at least one finding of that rule, its ``passing``
examples none, when the rule is selected under the example's city policy and the findings go
through the filters stage as the CLI's do (where the SNS meta rules are found). A rule without
both kinds of examples fails here; its documentation sections are checked in test_rule_docs.py.
"""

from __future__ import annotations

import pytest

from snslint.rules.registry import registry
from support import reported

RULES = registry()


def _cases(kind: str):
    for code, rule in RULES.items():
        for i, example in enumerate(getattr(rule, kind)):
            yield pytest.param(code, example, id=f"{code}-{kind}-{i}")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and rule.summary_en, code
    assert rule.failing, f"{code} needs failing examples"
    assert len(rule.passing) >= len(rule.failing), f"{code} needs at least as many passing examples"


@pytest.mark.parametrize("code, example", list(_cases("failing")))
def test_failing_example_is_caught(code, example) -> None:
    got = reported(example.draft, example.city, at=example.at, select=code, platform=example.platform)
    assert any(f.code == code for f in got), f"{code} missed: {example.draft!r}"


@pytest.mark.parametrize("code, example", list(_cases("passing")))
def test_passing_example_is_clean(code, example) -> None:
    got = reported(example.draft, example.city, at=example.at, select=code, platform=example.platform)
    assert not [f for f in got if f.code == code], f"{code} false positive: {[(f.text, f.message_ja) for f in got]}"
