"""The bundled policies validated ahead of time and shipped in the wheel
(``policies/compiled_policies.json``, :func:`snslint.settings.policy.shipped_policy`).

A cold ``snslint check`` used to parse the city's YAML and build pydantic's validator for the
policy models before the first draft. The shipped form is rebuilt with ``model_construct``;
these tests keep it honest: each entry equals what validating the file gives now (origin and
entry lines included), and a stale or damaged entry is never used.
"""

from __future__ import annotations

import json

import pytest

from snslint.resources import data_dir
from snslint.settings import policy as policy_mod
from snslint.settings.compiled import to_plain
from snslint.settings.policy import (
    SHIPPED_FILE,
    _load_policy_file,
    bundled_ids,
    load_bundled,
    shipped_key,
    shipped_policy,
)

CITIES = bundled_ids()


@pytest.fixture(autouse=True)
def _fresh():
    """Each test reads the shipped file and loads the bundled policies afresh."""
    saved = dict(policy_mod._BUNDLED)
    policy_mod._BUNDLED.clear()
    policy_mod._shipped.cache_clear()
    yield
    policy_mod._shipped.cache_clear()
    policy_mod._BUNDLED.clear()
    policy_mod._BUNDLED.update(saved)


def _validated(city: str):
    return _load_policy_file(data_dir("policies") / f"{city}.yaml")


def test_every_bundled_policy_is_shipped():
    shipped = json.loads((data_dir("policies") / SHIPPED_FILE).read_text(encoding="utf-8"))
    assert sorted(shipped) == CITIES and len(CITIES) == 5


@pytest.mark.parametrize("city", CITIES)
def test_the_shipped_policy_is_current(city):
    """Fails after a policy file or the schema changed without ``python -m
    snslint.settings.policy`` (which rewrites the file)."""
    row = json.loads((data_dir("policies") / SHIPPED_FILE).read_text(encoding="utf-8"))[city]
    validated = _validated(city)
    assert row["key"] == shipped_key(city), "stale: run python -m snslint.settings.policy"
    assert row["policy"] == json.loads(json.dumps(to_plain(validated), ensure_ascii=False))
    rebuilt = shipped_policy(city)
    assert rebuilt == validated
    assert rebuilt.origin == validated.origin  # the file and the lines of its rule entries
    assert rebuilt.model_dump(mode="json") == validated.model_dump(mode="json")


def test_load_bundled_rebuilds_without_validating(monkeypatch):
    monkeypatch.setattr(policy_mod, "_load_policy_file", lambda path: pytest.fail(f"validated {path}"))
    policy = load_bundled("goshogawara")
    assert policy.name == "五所川原市"
    assert policy.line_of(("rules", "CAT001")) is not None  # a policy error can still name the line


def _patched(monkeypatch, change):
    data = json.loads((data_dir("policies") / SHIPPED_FILE).read_text(encoding="utf-8"))
    change(data)
    monkeypatch.setattr(policy_mod, "_shipped", lambda: data)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["goshogawara"]["key"].update(file="0" * 64),  # the YAML was edited since
        lambda d: d["goshogawara"]["key"].update(format=0),  # an older layout
        lambda d: d["goshogawara"]["policy"].pop("rules"),  # damaged
        lambda d: d["goshogawara"]["policy"].update(rules="CAT001"),  # damaged: wrong shape
        lambda d: d["goshogawara"].update(lines=[]),  # the entry lines lost
        lambda d: d.pop("goshogawara"),  # missing
    ],
    ids=["edited-file", "old-format", "damaged", "wrong-shape", "no-lines", "missing"],
)
def test_a_stale_or_damaged_entry_is_validated_instead(monkeypatch, change):
    _patched(monkeypatch, change)
    validated = []
    real = policy_mod._load_policy_file
    monkeypatch.setattr(policy_mod, "_load_policy_file", lambda path: validated.append(path) or real(path))
    assert shipped_policy("goshogawara") is None
    policy = load_bundled("goshogawara")
    assert [p.name for p in validated] == ["goshogawara.yaml"]
    assert policy == _validated("goshogawara")


def test_no_shipped_file_validates_every_policy(monkeypatch):
    monkeypatch.setattr(policy_mod, "_shipped", lambda: {})
    assert all(shipped_policy(city) is None for city in CITIES)
    assert load_bundled("kisarazu") == _validated("kisarazu")


def test_write_shipped_writes_what_is_shipped(tmp_path):
    written = policy_mod.write_shipped(tmp_path)
    assert written.read_text(encoding="utf-8") == (data_dir("policies") / SHIPPED_FILE).read_text(encoding="utf-8")
