"""The content cache (snslint.run.cache): keys, invalidation, corrupt entries, what it stores.

Every test uses its own cache folder under ``tmp_path``; drafts carry ``scheduled_at`` (a
draft checked with the clock as its post time is never cached, tested below).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import snslint.run.cache.results as cache_mod
from snslint.run.cache.artifacts import ArtifactStore
from snslint.run.cache.folder import CACHE_DIR_NAME
from snslint.run.cache.results import ContentCache, code_fingerprint
from snslint.run.runner import check_paths
from snslint.settings.chooser import PolicySource
from snslint.cli import app
from snslint.input.draft import read_draft
from snslint.lint.engine import CheckOptions, check_path

from snslint.settings.policy import load_bundled

PII_DRAFT = (
    "---\ncity: kisarazu\nscheduled_at: 2026-12-02T10:00\n---\n"
    "【市民まつりのお知らせ】\n連絡は山田さん 090-1234-5678 まで。マイナンバーは123456789018です。\n"
    "短縮URL https://bit.ly/abc123 もご覧ください。\n"
)
CLEAN_DRAFT = "---\ncity: kisarazu\nscheduled_at: 2026-12-02T10:00\n---\n本日は晴天です。図書館は通常どおり開館しています。\n"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _entries(root: Path) -> list[Path]:
    """The files that hold result entries: the pack and the shards (not compiled lexicons)."""
    return sorted(p for p in root.rglob("*") if p.name == "results.pack" or p.suffix == ".lines")


def _lines(root: Path) -> list[str]:
    """Every entry line in the cache folder."""
    return [ln for p in _entries(root) for ln in p.read_text(encoding="utf-8").splitlines() if ln]


def _summary(result) -> tuple:
    """Everything a reporter reads of a result, as comparable plain data."""
    return (
        result.path,
        [f.to_dict() for f in result.findings],
        result.encoding,
        result.policy_id,
        (result.post_time.at.isoformat(), result.post_time.source) if result.post_time else None,
        result.redactions,
        result.draft.text if result.draft else None,
    )


@pytest.fixture
def source() -> PolicySource:
    return PolicySource(city="kisarazu")


def test_second_check_is_served_from_cache_and_equals_a_fresh_check(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options = CheckOptions()
    fresh = check_path(path, source, options)
    first = ContentCache(tmp_path / "c", options)
    cold = check_path(path, source, options, cache=first)
    assert (first.hits, first.misses, first.writes) == (0, 1, 1)
    second = ContentCache(tmp_path / "c", options)
    warm = check_path(path, source, options, cache=second)
    assert (second.hits, second.writes) == (1, 0)
    assert {f.code for f in fresh.findings} >= {"PII001", "PII003", "URL001"}
    assert _summary(warm) == _summary(cold) == _summary(fresh)
    assert warm.post_time == fresh.post_time  # same zone object too (JST), not just the offset


def _hits_after_change(tmp_path, source, *, text=PII_DRAFT, policy=None, options=None, monkey=None):
    """Check once, apply a change, check again with a new cache object: the second's hits."""
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options0 = CheckOptions()
    check_path(path, source, options0, cache=ContentCache(tmp_path / "c", options0))
    if text != PII_DRAFT:
        _write(tmp_path, "a.txt", text)
    if monkey is not None:
        monkey()
    chooser = (lambda d: policy) if policy is not None else source
    again = ContentCache(tmp_path / "c", options or options0)
    check_path(path, chooser, options or options0, cache=again)
    return again.hits


def test_unchanged_everything_hits(tmp_path, source):
    assert _hits_after_change(tmp_path, source) == 1


def test_content_change_misses(tmp_path, source):
    assert _hits_after_change(tmp_path, source, text=PII_DRAFT.replace("市民まつり", "市民運動会")) == 0


def test_policy_change_misses(tmp_path, source):
    base = load_bundled("kisarazu")
    stricter = base.model_copy(update={"name": base.name + "（改訂）"})
    assert _hits_after_change(tmp_path, source, policy=stricter) == 0


def test_option_change_misses(tmp_path, source):
    assert _hits_after_change(tmp_path, source, options=CheckOptions(platform="x")) == 0
    assert _hits_after_change(tmp_path, source, options=CheckOptions(ignore=frozenset({"URL001"}))) == 0


def test_snslint_version_change_misses(tmp_path, source, monkeypatch):
    assert _hits_after_change(tmp_path, source, monkey=lambda: monkeypatch.setattr(cache_mod, "__version__", "99.0")) == 0


def test_dictionary_version_change_misses(tmp_path, source, monkeypatch):
    import snslint.text.analysis

    bump = lambda: monkeypatch.setattr(snslint.text.analysis, "dictionary_version", lambda: "sudachipy-9+core-1")  # noqa: E731
    assert _hits_after_change(tmp_path, source, monkey=bump) == 0


def test_code_fingerprint_follows_bundled_data(tmp_path, monkeypatch):
    """An edited lexicon or policy file (same version number) changes the fingerprint."""
    import snslint.resources

    for kind in ("policies", "rules"):
        (tmp_path / kind).mkdir()
        (tmp_path / kind / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(snslint.resources, "data_dir", lambda kind: tmp_path / kind)
    before = code_fingerprint()
    assert code_fingerprint() == before
    (tmp_path / "rules" / "x.yaml").write_text("a: 22\n", encoding="utf-8")
    assert code_fingerprint() != before


def test_clock_post_time_is_never_cached(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT.replace("scheduled_at: 2026-12-02T10:00\n", ""))
    options = CheckOptions()
    cache = ContentCache(tmp_path / "c", options)
    draft = read_draft(path)
    assert cache.key(draft, source(draft)) is None
    result = check_path(path, source, options, cache=cache)
    assert result.post_time.source == "clock"
    assert _entries(tmp_path / "c") == [] and cache.writes == 0
    # With --at the post time is fixed, so the same draft is cached.
    fixed = CheckOptions(at=datetime(2026, 12, 2, 10, 0))
    cache2 = ContentCache(tmp_path / "c", fixed)
    check_path(path, source, fixed, cache=cache2)
    assert cache2.writes == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated (a run killed mid-write)
        lambda raw: b"\x00\xff garbage",  # not UTF-8, not an entry
        lambda raw: raw.replace("090-****-5678".encode(), "090-1234-5678".encode()),  # edited: checksum fails
        lambda raw: json.dumps({"format": 1, "check": "x", "payload": []}).encode(),  # wrong shape
        lambda raw: raw.rsplit(b"\t", 1)[0] + b'\t{"key": "x"}\n',  # payload swapped
    ],
    ids=["truncated", "garbage", "tampered", "wrong-shape", "payload-swapped"],
)
def test_corrupt_entry_is_discarded_and_rebuilt(tmp_path, source, damage):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options = CheckOptions()
    first = ContentCache(tmp_path / "c", options)
    fresh = check_path(path, source, options, cache=first)
    first.close()
    (entry,) = _entries(tmp_path / "c")
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    cache = ContentCache(tmp_path / "c", options)
    again = check_path(path, source, options, cache=cache)
    assert (cache.hits, cache.discarded, cache.writes) == (0, 1, 1)
    assert _summary(again) == _summary(fresh)
    cache.compact()  # the damaged line is left out, the rebuilt one kept
    assert _entries(tmp_path / "c") == [tmp_path / "c" / f"v{cache_mod.FORMAT_VERSION}" / "results.pack"]
    assert (tmp_path / "c" / f"v{cache_mod.FORMAT_VERSION}" / "results.pack").read_bytes() == good


def test_empty_cache_file_is_no_entry(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options = CheckOptions()
    first = ContentCache(tmp_path / "c", options)
    check_path(path, source, options, cache=first)
    first.close()
    (entry,) = _entries(tmp_path / "c")
    entry.write_bytes(b"")
    cache = ContentCache(tmp_path / "c", options)
    check_path(path, source, options, cache=cache)
    assert (cache.hits, cache.misses, cache.discarded, cache.writes) == (0, 1, 0, 1)


def test_entry_of_another_key_is_not_trusted(tmp_path, source):
    """A valid entry copied under another draft's key is discarded (its key is inside)."""
    a = _write(tmp_path, "a.txt", PII_DRAFT)
    b = _write(tmp_path, "b.txt", CLEAN_DRAFT)
    options = CheckOptions()
    cache = ContentCache(tmp_path / "c", options)
    check_path(a, source, options, cache=cache)
    check_path(b, source, options, cache=cache)
    cache.close()
    (shard,) = _entries(tmp_path / "c")
    line_a, line_b = _lines(tmp_path / "c")
    key_b = line_b.split("\t", 1)[0]
    forged = key_b + "\t" + line_a.split("\t", 1)[1]  # a's checksum and payload under b's key
    shard.write_text(f"{line_a}\n{forged}\n", encoding="utf-8")
    again = ContentCache(tmp_path / "c", options)
    check_path(a, source, options, cache=again)
    check_path(b, source, options, cache=again)
    assert (again.hits, again.discarded) == (1, 1)


def test_runs_merge_into_one_pack_and_a_second_run_hits(tmp_path, source):
    """Each cache object appends to a shard of its own; compact() merges them (newest wins),
    leaves one pack and no shards, and a later object hits every draft from the pack."""
    a = _write(tmp_path, "a.txt", PII_DRAFT)
    b = _write(tmp_path, "b.txt", CLEAN_DRAFT)
    options = CheckOptions()
    one, two = ContentCache(tmp_path / "c", options), ContentCache(tmp_path / "c", options)
    check_path(a, source, options, cache=one)
    check_path(b, source, options, cache=two)
    assert len(_entries(tmp_path / "c")) == 2  # two shards
    two.compact()
    assert [p.name for p in _entries(tmp_path / "c")] == ["results.pack"]
    assert len(_lines(tmp_path / "c")) == 2
    later = ContentCache(tmp_path / "c", options)
    check_path(a, source, options, cache=later)
    check_path(b, source, options, cache=later)
    assert (later.hits, later.writes) == (2, 0)
    later.compact()  # nothing new: the pack is left as it was
    assert len(_lines(tmp_path / "c")) == 2


def test_the_end_of_a_run_merges_only_when_worth_it(tmp_path, source, monkeypatch):
    """compact(force=False), as a run ends: a small shard next to a big pack stays a shard
    (read with the pack, so the next object still hits); MERGE_SHARDS shards are merged."""
    monkeypatch.setattr(cache_mod, "MERGE_SHARDS", 3)
    options = CheckOptions()
    paths = [_write(tmp_path, f"{i}.txt", PII_DRAFT.replace("市民まつり", f"市民まつり{i}")) for i in range(32)]
    first = ContentCache(tmp_path / "c", options)
    for path in paths[:30]:  # the pack: thirty entries
        check_path(path, source, options, cache=first)
    first.compact(force=False)  # no pack yet: merged
    assert [p.name for p in _entries(tmp_path / "c")] == ["results.pack"]
    pack = (tmp_path / "c" / f"v{cache_mod.FORMAT_VERSION}" / "results.pack").read_bytes()
    for path in paths[30:]:  # two more runs, one new draft each: shards under 1/8 of the pack
        run = ContentCache(tmp_path / "c", options)
        check_path(path, source, options, cache=run)
        run.compact(force=False)
    assert len(_entries(tmp_path / "c")) == 3  # the pack, untouched, and two shards
    assert (tmp_path / "c" / f"v{cache_mod.FORMAT_VERSION}" / "results.pack").read_bytes() == pack
    later = ContentCache(tmp_path / "c", options)
    for path in paths:
        check_path(path, source, options, cache=later)
    assert (later.hits, later.misses) == (32, 0)
    third = ContentCache(tmp_path / "c", options)
    check_path(_write(tmp_path, "x.txt", PII_DRAFT.replace("市民まつり", "花火大会")), source, options, cache=third)
    third.compact(force=False)  # the third shard reaches MERGE_SHARDS: merged
    assert [p.name for p in _entries(tmp_path / "c")] == ["results.pack"]
    assert len(_lines(tmp_path / "c")) == 33


def test_pack_keeps_the_newest_entries(tmp_path, source, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 2)
    options = CheckOptions()
    cache = ContentCache(tmp_path / "c", options)
    paths = [_write(tmp_path, f"{i}.txt", PII_DRAFT.replace("市民まつり", f"市民まつり{i}")) for i in range(3)]
    for path in paths:
        check_path(path, source, options, cache=cache)
    cache.compact()
    assert len(_lines(tmp_path / "c")) == 2
    later = ContentCache(tmp_path / "c", options)
    for path in paths:
        check_path(path, source, options, cache=later)
    assert later.hits == 2 and later.misses == 1  # the oldest was dropped


def test_entries_hold_no_raw_personal_data_and_no_draft_text(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options = CheckOptions()
    check_path(path, source, options, cache=ContentCache(tmp_path / "c", options))
    (entry,) = _entries(tmp_path / "c")
    raw = entry.read_text(encoding="utf-8")
    assert "090-****-5678" in raw  # the masked form, as the finding holds it
    for secret in ("1234-5678", "123456789018", "山田", "市民まつりのお知らせ"):
        assert secret not in raw


def test_cache_folder_has_its_gitignore_and_no_temp_files(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    options = CheckOptions()
    check_path(path, source, options, cache=ContentCache(tmp_path / "c", options))
    root = tmp_path / "c"
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (root / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not [p for p in root.rglob(".snslint-*.tmp")]  # the atomic writer's temporaries
    outside = {p for p in tmp_path.iterdir()} - {root}
    assert outside == {tmp_path / "a.txt"}


def test_unwritable_cache_folder_does_not_fail_the_run(tmp_path, source):
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    blocker = tmp_path / "c"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    options = CheckOptions()
    cache = ContentCache(blocker, options)
    result = check_path(path, source, options, cache=cache)
    assert cache.writes == 0 and result.findings


# ---------------------------------------------------------------------- through the CLI


def _cli(tmp_path, *args):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def test_cli_reads_the_cache_and_no_cache_ignores_it(tmp_path):
    """A planted (well-formed) entry shows in the output, so the second run really read the
    cache; ``--no-cache`` checks again and shows the real message."""
    _write(tmp_path, "a.txt", PII_DRAFT)
    first = _cli(tmp_path, "a.txt", "--format", "json")
    (entry,) = _entries(tmp_path / CACHE_DIR_NAME)
    assert entry.name == "results.pack"  # the run merged its shard into the pack
    key, _, body = entry.read_text(encoding="utf-8").rstrip("\n").split("\t")
    payload = json.loads(body)
    payload["findings"][0]["message_ja"] = payload["findings"][0]["message_en"] = "PLANTED"
    body = json.dumps(payload, ensure_ascii=False)
    entry.write_text(f"{key}\t{hashlib.sha256(body.encode('utf-8')).hexdigest()}\t{body}\n", encoding="utf-8")
    second = _cli(tmp_path, "a.txt", "--format", "json")
    assert "PLANTED" in second.stdout
    third = _cli(tmp_path, "a.txt", "--format", "json", "--no-cache")
    assert third.stdout == first.stdout and "PLANTED" not in third.stdout


def test_cli_output_is_identical_with_and_without_cache(tmp_path):
    for i in range(3):
        _write(tmp_path, f"d{i}.txt", PII_DRAFT.replace("市民まつり", f"市民まつり{i}"))
    _write(tmp_path, "clean.txt", CLEAN_DRAFT)
    outs = [_cli(tmp_path, ".", "--format", "json", "-j", "1").stdout for _ in range(2)]
    nocache = _cli(tmp_path, ".", "--format", "json", "--no-cache", "-j", "1").stdout
    assert outs[0] == outs[1] == nocache
    assert len(_lines(tmp_path / CACHE_DIR_NAME)) == 4


def test_cli_no_cache_writes_nothing(tmp_path):
    _write(tmp_path, "a.txt", PII_DRAFT)
    _cli(tmp_path, "a.txt", "--no-cache")
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_check_paths_with_cache_keeps_folder_order(tmp_path, source):
    for name in ("b.txt", "a.txt", "c.md"):
        _write(tmp_path, name, CLEAN_DRAFT)
    options = CheckOptions()
    cache = ContentCache(tmp_path / "c", options)
    first = check_paths([str(tmp_path)], source, options, cache=cache)
    second = check_paths([str(tmp_path)], source, options, cache=ContentCache(tmp_path / "c", options))
    assert [Path(r.path).name for r in first] == ["a.txt", "b.txt", "c.md"]
    assert [_summary(r) for r in first] == [_summary(r) for r in second]


# ---------------------------------------------------------------------- compiled lexicons


def _compile_counting(calls):
    import snslint.text.lexicon as lexicon_mod

    real = getattr(lexicon_mod, "_compile", None) or lexicon_mod._compiled.__wrapped__

    def compile_fn(*args):
        calls.append(args)
        return real(*args)

    return compile_fn


def _signature(lex):
    return (lex.code, lex.label, lex.label_en, lex.entries, lex.unless, lex.unless_window, lex.policy_unless)


LEX_ARGS = ("CAT001", json.dumps([]), json.dumps(["期日前投票"], ensure_ascii=False), json.dumps([]))


def test_compiled_lexicon_is_stored_and_rebuilt_equal(tmp_path):
    import snslint.text.lexicon as lexicon_mod

    calls: list = []
    store = ArtifactStore(tmp_path)
    first = lexicon_mod.compiled_through(store, *LEX_ARGS, compile_fn=_compile_counting(calls))
    second = lexicon_mod.compiled_through(ArtifactStore(tmp_path), *LEX_ARGS, compile_fn=_compile_counting(calls))
    assert len(calls) == 1  # the second came from disk
    assert second is not first and _signature(second) == _signature(first)
    assert (tmp_path / ".gitignore").exists()
    # The rebuilt lexicon finds what the compiled one finds.
    from snslint.text.analysis import tokenize

    ms = tokenize("来年の市長選挙では現職の候補に清き一票をお願いします！")
    assert [(m.entry.term, m.start, m.end) for m in second.find(ms)] == [(m.entry.term, m.start, m.end) for m in first.find(ms)]
    assert first.find(ms)


def test_compiled_lexicon_key_follows_arguments_and_versions(tmp_path, monkeypatch):
    import snslint.text.lexicon as lexicon_mod

    calls: list = []
    store = ArtifactStore(tmp_path)
    lexicon_mod.compiled_through(store, *LEX_ARGS, compile_fn=_compile_counting(calls))
    other = (LEX_ARGS[0], LEX_ARGS[1], json.dumps([]), LEX_ARGS[3])
    lexicon_mod.compiled_through(store, *other, compile_fn=_compile_counting(calls))
    monkeypatch.setattr(lexicon_mod, "__version__", "99.0")
    lexicon_mod.compiled_through(store, *LEX_ARGS, compile_fn=_compile_counting(calls))
    assert len(calls) == 3


def test_damaged_compiled_lexicon_is_discarded(tmp_path):
    import snslint.text.lexicon as lexicon_mod

    calls: list = []
    store = ArtifactStore(tmp_path)
    good = lexicon_mod.compiled_through(store, *LEX_ARGS, compile_fn=_compile_counting(calls))
    (stored,) = tmp_path.rglob("CAT001-*.json")
    doc = json.loads(stored.read_text(encoding="utf-8"))
    doc["data"]["entries"] = doc["data"]["entries"][:1]  # checksum no longer matches
    stored.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    again = lexicon_mod.compiled_through(store, *LEX_ARGS, compile_fn=_compile_counting(calls))
    assert len(calls) == 2 and _signature(again) == _signature(good)


def test_a_check_without_a_cache_writes_no_compiled_lexicon(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "a.txt", PII_DRAFT)
    check_paths([path], PolicySource(city="kisarazu"), CheckOptions())
    assert not (tmp_path / cache_mod.CACHE_DIR_NAME).exists()


def test_the_result_cache_hands_its_artifact_store_to_the_lexicons(tmp_path):
    options = CheckOptions()
    cache = ContentCache(tmp_path / "c", options)
    saved: list = []
    real_save = cache.artifacts.save
    cache.artifacts.save = lambda *a: (saved.append(a[:2]), real_save(*a))
    # A policy loaded afresh: a lexicon it adds to (mine's CAT003 exceptions) is compiled in
    # this process, through the store; one it leaves as shipped (CAT001) needs no copy.
    from snslint.resources import data_file

    policy_file = str(data_file("policies", "mine.yaml"))
    check_paths([_write(tmp_path, "a.txt", PII_DRAFT)], PolicySource(policy_file=policy_file), options, cache=cache)
    assert ("lexicons", "CAT003") in saved and ("lexicons", "CAT001") not in saved
    assert list((tmp_path / "c").rglob("CAT003-*.json"))


@pytest.mark.parametrize("module", ["rules/timing.py", "text/lexicon.py", "lint/engine.py", "settings/policy.py"])
def test_code_fingerprint_follows_every_stage_of_the_package(module):
    """An edited rule, matcher, engine or policy schema (same version number) changes the
    fingerprint, wherever in the package the module lives."""
    import os

    import snslint

    path = Path(snslint.__file__).resolve().parent / module
    st = path.stat()
    before = code_fingerprint()
    try:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        assert code_fingerprint() != before
    finally:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert code_fingerprint() == before


def test_code_fingerprint_follows_an_upgraded_library(monkeypatch, tmp_path):
    """A reinstalled jpholiday (new holidays) changes the fingerprint."""
    import importlib.util

    fake = tmp_path / "jpholiday" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text("# v1\n", encoding="utf-8")
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: importlib.util.spec_from_file_location(name, fake) if name == "jpholiday" else real_find_spec(name, *a),
    )
    before = code_fingerprint()
    fake.write_text("# version 2\n", encoding="utf-8")
    assert code_fingerprint() != before


def test_a_finding_as_plain_data_is_asdict_and_comes_back_whole(tmp_path, source):
    """What the cache and the workers carry of a finding: ``dataclasses.asdict`` with the
    severity as its value, every container copied (nothing shared with the finding), and
    :meth:`Finding.from_dict` gives the same finding back."""
    from dataclasses import asdict

    from snslint.findings import Finding

    ad = "---\ncity: kisarazu\nscheduled_at: 2026-12-02T10:00\n---\n新商品のご購入は当店へ。今なら半額セール、お得なクーポンもあります！\n"
    findings = [
        f
        for text in (PII_DRAFT, ad)
        for f in check_path(_write(tmp_path, f"d{len(text)}.txt", text), source, CheckOptions()).findings
    ]
    assert any(f.clause is not None for f in findings)
    assert any(isinstance(v, (dict, list)) for f in findings for v in f.extra.values())  # nested evidence
    for f in findings:
        plain = f.to_dict()
        assert plain == {**asdict(f), "severity": f.severity.value}
        assert Finding.from_dict(plain) == f and Finding.from_dict(plain).extra == f.extra
        for key, value in f.extra.items():
            if isinstance(value, (dict, list)):
                assert plain["extra"][key] is not value
        assert json.loads(json.dumps(plain)) == plain
