"""check_batch: many drafts read and tokenized first, then checked, with check_path's results.

A run checks drafts in batches (the serial loop and each worker) so that Sudachi's lattice
search runs in one loop over a batch's bodies instead of between the rules. The results must
be exactly what checking each path alone gives, errors and cache hits included, and a body is
tokenized ahead only when the check would tokenize it anyway.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import snslint.lint.engine as engine
from snslint.lint.engine import MASK_TOKENIZE_LIMIT, CheckOptions, check_batch, check_path
from snslint.run.cache.results import ContentCache
from snslint.settings.chooser import PolicySource

AT = datetime(2026, 12, 7, 10, 0)

DRAFTS = {
    "josetsu.txt": "---\ncity: goshogawara\nplatform: x\n---\n【除雪のお知らせ】12月8日（火）朝から市内の幹線道路で除雪作業を行います。\n",
    "senkyo.txt": "---\ncity: goshogawara\nplatform: facebook\n---\n来月の市長選挙では現職の候補に清き一票をお願いします！\n",
    "denwa.txt": "---\ncity: kisarazu\n---\n担当の携帯 090-1234-5678 までご連絡ください。\n",
    "bad-front-matter.txt": "---\ncity: goshogawara\nplatform: [x\n---\n図書館は12月29日から休館します。\n",
    "unknown-city.txt": "---\ncity: atlantis\n---\n本日は晴天なり。\n",
    "empty.txt": "",
}


def _write(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in DRAFTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths + [str(tmp_path / "missing.txt")]


def _plain(result) -> tuple:
    err = result.error
    return (
        result.path,
        [f.to_dict() for f in result.findings],
        None if err is None else (type(err).__name__, err.ja, err.en, err.line),
        result.redactions,
    )


def test_a_batch_gives_what_each_path_gives_alone(tmp_path: Path) -> None:
    paths = _write(tmp_path)
    options = CheckOptions(at=AT)
    source = PolicySource(city=None)
    alone = [_plain(check_path(p, source, options)) for p in paths]
    batched = [_plain(r) for r in check_batch(paths, source, options)]
    assert batched == alone
    codes = {Path(p).name: {f["code"] for f in fs} for p, fs, _, _ in batched}
    assert "CAT001" in codes["senkyo.txt"] and "PII001" in codes["denwa.txt"]  # really checked
    errors = {Path(p).name: e[0] for p, _, e, _ in batched if e is not None}
    # no city for the empty draft (no front matter, no --city): a policy error, as alone
    assert set(errors) == {"bad-front-matter.txt", "unknown-city.txt", "missing.txt", "empty.txt"}


def test_a_batch_through_the_cache_gives_the_same_and_hits_the_second_time(tmp_path: Path) -> None:
    paths = _write(tmp_path)
    options = CheckOptions(at=AT)
    source = PolicySource(city=None)
    cache = ContentCache(tmp_path / "cache", options)
    first = [_plain(r) for r in check_batch(paths, source, options, cache=cache)]
    puts = []
    real_put = cache.put
    cache.put = lambda key, result: puts.append(key) or real_put(key, result)
    second = [_plain(r) for r in check_batch(paths, source, options, cache=cache)]
    assert second == first == [_plain(check_path(p, source, options)) for p in paths]
    assert puts == []  # every checkable draft came from the cache


def test_bodies_are_tokenized_ahead_only_when_the_check_would(tmp_path: Path, monkeypatch) -> None:
    ahead: list[int] = []
    real = engine.Analysis

    class Counting(real):
        def __init__(self, body: str) -> None:
            super().__init__(body)
            ahead.append(len(body))

    monkeypatch.setattr(engine, "Analysis", Counting)
    short = tmp_path / "short.txt"
    short.write_text("市役所の窓口は12月29日から1月3日まで休みます。\n", encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("お知らせ。" * (MASK_TOKENIZE_LIMIT // 5 + 10), encoding="utf-8")
    source = PolicySource(city="kisarazu")
    # --select URL: no selected rule reads morphemes; for the short body the masking pass
    # (PII005/PII006, unselected) would, so it is tokenized ahead; the long one is not.
    check_batch([str(short), str(long)], source, CheckOptions(at=AT, select=frozenset({"URL001"})))
    assert ahead == [len(short.read_text(encoding="utf-8"))]
    ahead.clear()
    check_batch([str(short)], source, CheckOptions(at=AT))
    assert len(ahead) == 1


def test_a_body_the_tokenizer_fails_on_is_left_to_the_check(tmp_path: Path, monkeypatch) -> None:
    """A failure while tokenizing ahead is not the batch's: the check meets it as before (a
    rule's crash, reported for that file only)."""
    paths = _write(tmp_path)
    options = CheckOptions(at=AT)
    source = PolicySource(city=None)
    import snslint.text.analysis as analysis

    def broken(text: str, mode: str = "C"):
        if "清き一票" in text:
            raise RuntimeError("tokenizer failure")
        return real_tokenize(text, mode)

    real_tokenize = analysis.tokenize
    monkeypatch.setattr(analysis, "tokenize", broken)
    alone = [_plain(check_path(p, source, options)) for p in paths]
    batched = [_plain(r) for r in check_batch(paths, source, options)]
    assert batched == alone
    crashed = [e for p, _, e, _ in batched if p.endswith("senkyo.txt")][0]
    assert crashed is not None and crashed[0] == "RuleCrash"


def test_a_run_over_a_filled_cache_starts_workers_only_for_what_is_left(tmp_path: Path, monkeypatch) -> None:
    import snslint.run.pool as pool
    from snslint.run.runner import MIN_FILES_FOR_POOL, check_paths

    folder = tmp_path / "drafts"
    folder.mkdir()
    template = "---\ncity: kisarazu\nscheduled_at: 2026-12-08T10:00\n---\n第{n}回 市民ギャラリー展示のお知らせです。問い合わせは 090-1234-{n:04d} まで。\n"
    for n in range(MIN_FILES_FOR_POOL + 4):
        (folder / f"d{n:03d}.txt").write_text(template.format(n=n), encoding="utf-8")
    options = CheckOptions()
    source = PolicySource(city=None)
    cache = ContentCache(tmp_path / "cache", options)
    first = [_plain(r) for r in check_paths([str(folder)], source, options, jobs=2, cache=cache)]
    cache.compact(force=True)

    sent: list[int] = []
    real = pool.check_in_pool
    monkeypatch.setattr(pool, "check_in_pool", lambda paths, *a, **k: sent.append(len(paths)) or real(paths, *a, **k))
    again = ContentCache(tmp_path / "cache", options)
    second = [_plain(r) for r in check_paths([str(folder)], source, options, jobs=2, cache=again)]
    assert second == first and sent == [] and again.hits == len(first)

    # Edit every draft: nothing is settled by the cache, the workers check them all.
    for path in folder.iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace("お知らせです", "ご案内です"), encoding="utf-8")
    third = [_plain(r) for r in check_paths([str(folder)], source, options, jobs=2, cache=ContentCache(tmp_path / "cache", options))]
    assert sent == [len(first)]
    assert [f["code"] for _, fs, _, _ in third for f in fs] == [f["code"] for _, fs, _, _ in first for f in fs]
