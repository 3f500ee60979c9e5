"""The CAT lexicons compiled ahead of time and shipped in the wheel (``rules/compiled_lexicons.json``).

A cold ``snslint check`` (a pre-commit hook, ``--no-cache``) used to parse the ten category
files, validate them and tokenize about 3,600 phrases before the first draft. The bundle holds
that result; these tests keep it honest: it equals what compiling the files gives now, a stale
or damaged entry is never used, and a policy's additions still compile on top of it.
"""

from __future__ import annotations

import json

import pytest

from snslint.resources import data_file
from snslint.text import lexicon as lexicon_mod
from snslint.text.analysis import tokenize
from snslint.text.lexicon import (
    BUNDLE_FILE,
    bundle_key,
    lexicon_files,
    lexicon_for,
    lexicon_to_plain,
    shipped_lexicon,
)

CODES = sorted(lexicon_files())


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test reads the bundle and compiles afresh (the caches are per process)."""
    caches = (lexicon_mod._bundle, lexicon_mod.shipped_lexicon, lexicon_mod.bundled_lexicon, lexicon_mod._compiled)
    for c in caches:
        c.cache_clear()
    yield
    for c in caches:
        c.cache_clear()


def test_every_category_file_is_in_the_bundle():
    shipped = json.loads(data_file("rules", BUNDLE_FILE).read_text(encoding="utf-8"))
    assert sorted(shipped) == CODES and len(CODES) >= 10


@pytest.mark.parametrize("code", CODES)
def test_the_bundle_is_current(code):
    """Fails after a category file or the dictionary changed without
    ``python -m snslint.text.lexicon`` (which rewrites the bundle)."""
    shipped = json.loads(data_file("rules", BUNDLE_FILE).read_text(encoding="utf-8"))[code]
    assert shipped["key"] == bundle_key(code), "stale bundle: run python -m snslint.text.lexicon"
    assert shipped["lexicon"] == lexicon_to_plain(lexicon_mod._compile_file(code))
    assert shipped_lexicon(code) is not None


def _patched_bundle(monkeypatch, change):
    data = json.loads(data_file("rules", BUNDLE_FILE).read_text(encoding="utf-8"))
    change(data)
    monkeypatch.setattr(lexicon_mod, "_bundle", lambda: data)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["CAT001"]["key"].update(file="0" * 64),  # the category file was edited since
        lambda d: d["CAT001"]["key"].update(dictionary="sudachipy 0.6.0; system.dic 1 00"),  # another dictionary
        lambda d: d["CAT001"]["key"].update(format=0),  # an older bundle format
        lambda d: d["CAT001"]["lexicon"].pop("entries"),  # damaged
        lambda d: d.pop("CAT001"),  # missing
        lambda d: d["CAT001"]["lexicon"]["entries"][0]["phrases"][0].pop(),  # a phrase row cut short
        lambda d: d["CAT001"]["lexicon"]["unless"].append(["選挙", "選挙", "選挙", None, False, "x"]),  # one too long
    ],
    ids=["edited-file", "other-dictionary", "old-format", "damaged", "missing", "short-phrase", "long-phrase"],
)
def test_a_stale_or_damaged_entry_is_compiled_instead(monkeypatch, change):
    _patched_bundle(monkeypatch, change)
    compiled = []
    real = lexicon_mod._compile_file
    monkeypatch.setattr(lexicon_mod, "_compile_file", lambda code: compiled.append(code) or real(code))
    assert shipped_lexicon("CAT001") is None
    lex = lexicon_for("CAT001")
    assert compiled == ["CAT001"]
    # ... and the compiled one finds what the shipped one would: an election appeal.
    ms = tokenize("市長選挙では現職の候補に清き一票をお願いします。")
    assert {m.entry.test_id for m in lex.find(ms)} >= {"clean-vote"}


def test_the_shipped_lexicon_is_used_without_compiling(monkeypatch):
    monkeypatch.setattr(lexicon_mod, "_compile_file", lambda code: pytest.fail(f"compiled {code}"))
    monkeypatch.setattr(lexicon_mod, "compile_phrase", lambda *a: pytest.fail("tokenized a bundled phrase"))
    lex = lexicon_for("CAT001")
    assert lex.code == "CAT001" and lex.thresholds is not None
    ms = tokenize("来月の市長選挙では現職の候補に清き一票をお願いします！")
    assert {m.entry.test_id for m in lex.find(ms)} >= {"clean-vote"}
    # an election notice only fires the benign test (a negative score)
    benign = lex.find(tokenize("市長選挙の期日前投票は市役所1階で行えます。"))
    assert [(m.entry.test_id, m.entry.score < 0) for m in benign] == [("election-admin", True)]


def test_a_policy_addition_compiles_on_top_of_the_bundle(monkeypatch):
    """mine's CAT003 exceptions: only the policy's own phrases are tokenized."""
    tokenized: list[str] = []
    real = lexicon_mod.compile_phrase.__wrapped__
    monkeypatch.setattr(lexicon_mod, "compile_phrase", lambda t, s=False: tokenized.append(t) or real(t, s))
    monkeypatch.setattr(lexicon_mod, "_compile_file", lambda code: pytest.fail(f"compiled {code}"))
    lex = lexicon_for("CAT003", unless=["求人情報", "合同企業説明会"])
    assert tokenized == ["求人情報", "合同企業説明会"]
    assert [p.text for p in lex.policy_unless] == ["求人情報", "合同企業説明会"]
    base = lexicon_for("CAT003")
    assert lex.entries == base.entries and lex is not base


def test_a_disabled_test_leaves_the_bundled_lexicon(monkeypatch):
    base = lexicon_for("CAT001")
    first = base.entries[0]
    lex = lexicon_for("CAT001", disable=[first.id or first.term])
    assert first not in lex.entries and len(lex.entries) == len(base.entries) - 1
