"""Parallel checking (snslint.run.pool via snslint.run.runner.check_paths): same results, same order.

The folder below mixes cities chosen by front matter, drafts with findings (personal data,
short URLs, post times outside office hours), unreadable and invalid drafts, and an empty
sub-folder, and is large enough (>= MIN_FILES_FOR_POOL) for the pool to be used.
"""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

import snslint.run.pool as workers
from snslint.run.cache.results import ContentCache
from snslint.run.runner import MIN_FILES_FOR_POOL, check_paths
from snslint.settings.chooser import PolicySource
from snslint.input.draft import parse_draft
from snslint.lint.engine import CheckOptions
from snslint.errors import InputError, PolicyError

CITIES = ("kisarazu", "kagoshima", "zushi", "goshogawara", "mine")
BODIES = (
    "【図書館休館のお知らせ】\n12月7日（月）は蔵書点検のため休館します。",
    "申込は担当の佐藤さん（090-2345-6789）までご連絡ください。",
    "詳しくは https://bit.ly/xyz987 をご覧ください。",
    "来年の市長選挙では現職の候補に清き一票をお願いします！",
    "12月8日（月）に市民体育館で健康まつりを開催します。",  # wrong weekday (火)
)


def _folder(root: Path) -> Path:
    drafts = root / "drafts"
    (drafts / "sub").mkdir(parents=True)
    (drafts / "empty").mkdir()
    n = 0
    for i in range(MIN_FILES_FOR_POOL + 6):
        city = CITIES[i % len(CITIES)]
        hour = 21 if i % 7 == 0 else 10
        folder = drafts / "sub" if i % 4 == 0 else drafts
        text = (
            f"---\ncity: {city}\nplatform: x\nscheduled_at: 2026-12-0{1 + i % 4}T{hour}:00\n---\n"
            f"{BODIES[i % len(BODIES)]}\n問い合わせ：総務課（第{i}号）\n"
        )
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        n += 1
    (drafts / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 20)
    (drafts / "bad-front.md").write_text("---\ncity: [unclosed\n---\n本文\n", encoding="utf-8")
    (drafts / "no-city.txt").write_text("---\nplatform: x\nscheduled_at: 2026-12-01T10:00\n---\n本文です。\n", encoding="utf-8")
    (drafts / "unknown-city.txt").write_text("---\ncity: atlantis\nscheduled_at: 2026-12-01T10:00\n---\n本文\n", encoding="utf-8")
    return drafts


def _plain(results) -> list[tuple]:
    out = []
    for r in results:
        err = r.error
        out.append(
            (
                r.path,
                [f.to_dict() for f in r.findings],
                None if err is None else (type(err).__name__, err.ja, err.en, err.path, err.line, err.column),
                r.encoding,
                r.policy_id,
                None if r.post_time is None else (r.post_time.at.isoformat(), r.post_time.source),
                r.redactions,
                None if r.draft is None else (r.draft.text, r.draft.meta.model_dump()),
            )
        )
    return out


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    return _folder(tmp_path_factory.mktemp("parallel"))


@pytest.fixture(scope="module")
def serial(drafts) -> list[tuple]:
    return _plain(check_paths([str(drafts), str(drafts / "empty")], PolicySource(), CheckOptions(), jobs=1))


def test_pool_gives_the_same_results_in_the_same_order(drafts, serial, monkeypatch):
    used = []
    real = workers.check_in_pool
    monkeypatch.setattr(workers, "check_in_pool", lambda *a, **k: used.append(len(a[0])) or real(*a, **k))
    parallel = _plain(check_paths([str(drafts), str(drafts / "empty")], PolicySource(), CheckOptions(), jobs=2))
    assert used, "the pool was not used"
    assert parallel == serial
    codes = {f["code"] for _, fs, *_ in serial for f in fs}
    assert {"PII001", "URL001", "TIME001"} <= codes  # the folder really exercises the rules
    errors = [e[0] for _, _, e, *_ in serial if e]
    assert errors.count("InputError") >= 3 and "PolicyError" in errors


def test_pool_with_cache_cold_and_warm_gives_the_same_results(drafts, serial, tmp_path):
    options = CheckOptions()
    cold = check_paths([str(drafts), str(drafts / "empty")], PolicySource(), options, jobs=2, cache=ContentCache(tmp_path, options))
    assert not list(tmp_path.rglob("*.lines"))  # the workers' shards were merged at the end
    entries = (tmp_path / "v3" / "results.pack").read_text(encoding="utf-8").splitlines()
    assert len(entries) == MIN_FILES_FOR_POOL + 6  # written by the workers; errors are not cached
    warm_cache = ContentCache(tmp_path, options)
    warm = check_paths([str(drafts), str(drafts / "empty")], PolicySource(), options, jobs=1, cache=warm_cache)
    assert warm_cache.hits == len(entries)
    assert _plain(cold) == _plain(warm) == serial


def test_explicit_city_in_pool(drafts):
    # bad-front.md's body is checked against the clock (its front matter is unreadable):
    # one clock for both runs.
    from datetime import datetime

    from snslint.rules.context import JST

    now = datetime(2026, 12, 2, 10, 0, tzinfo=JST)
    a = check_paths([str(drafts)], PolicySource(city="zushi"), CheckOptions(), now, jobs=1)
    b = check_paths([str(drafts)], PolicySource(city="zushi"), CheckOptions(), now, jobs=2)
    assert _plain(a) == _plain(b)
    assert {r.policy_id for r in b if r.error is None} == {"zushi"}


def test_spawned_workers_rebuild_the_same_state(drafts, serial, monkeypatch):
    """Where fork is missing (macOS, Windows) workers start empty and rebuild from plain data."""
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    assert _plain(check_paths([str(drafts), str(drafts / "empty")], PolicySource(), CheckOptions(), jobs=2)) == serial


def test_too_few_files_stay_in_process(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text("---\ncity: mine\nscheduled_at: 2026-12-01T10:00\n---\n本文\n", encoding="utf-8")
    monkeypatch.setattr(workers, "check_in_pool", lambda *a, **k: pytest.fail("pool used for 3 files"))
    assert len(check_paths([str(tmp_path)], PolicySource(), CheckOptions(), jobs=4)) == 3


def test_a_plain_function_chooser_stays_in_process(drafts, serial, monkeypatch):
    def chooser(draft):
        return PolicySource()(draft)

    monkeypatch.setattr(workers, "check_in_pool", lambda *a, **k: pytest.fail("an opaque chooser cannot be shipped"))
    results = check_paths([str(drafts), str(drafts / "empty")], chooser, CheckOptions(), jobs=2)
    assert _plain(results) == serial


def test_policy_source_pickles_as_plain_data_and_chooses_the_same():
    explicit = PolicySource(city="mine")
    explicit(parse_draft("x.txt", b"hello"))  # loads and remembers mine
    assert explicit.loaded
    clone = pickle.loads(pickle.dumps(explicit))
    assert clone == explicit and clone.loaded == {}
    assert clone(parse_draft("x.txt", b"---\ncity: zushi\n---\nx")).id == "mine"
    src = PolicySource(default_city="mine")
    clone = pickle.loads(pickle.dumps(src))
    for text, expect in ((b"---\ncity: zushi\n---\nx", "zushi"), (b"x", "mine")):
        d = parse_draft("x.txt", text)
        assert clone(d).id == src(d).id == expect
    with pytest.raises(PolicyError):
        PolicySource()(parse_draft("x.txt", b"no city anywhere"))
    assert PolicySource(city="kagoshima")(parse_draft("x.txt", b"---\ncity: zushi\n---\nx")).id == "kagoshima"


def test_encode_decode_round_trip_keeps_errors():
    from snslint.lint.engine import FileResult

    r = FileResult(path="p.txt", error=InputError("読めません。", "cannot read.", path="p.txt", line=3, column=2))
    back = workers.decode(pickle.loads(pickle.dumps(workers.encode(r))))
    assert type(back.error) is InputError
    assert (back.error.ja, back.error.en, back.error.path, back.error.line, back.error.column) == ("読めません。", "cannot read.", "p.txt", 3, 2)


def test_chunk_size_bounds():
    assert workers.chunk_size(10, 2) == 1
    assert workers.chunk_size(2000, 2) == 32
    assert 1 <= workers.chunk_size(200, 2) <= 32


# ---------------------------------------------------------------------- progress


class _Recorder:
    def __init__(self, *a, **k):
        self.total = None
        self.advanced = 0
        self.stopped = False
        _Recorder.made.append(self)

    def start(self, total):
        self.total = total

    def advance(self, n=1):
        assert self.total is not None, "advance before start"
        self.advanced += n

    def stop(self):
        self.stopped = True


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_file(drafts, jobs):
    _Recorder.made = []
    rec = _Recorder()
    results = check_paths([str(drafts), str(drafts / "empty")], PolicySource(), CheckOptions(), jobs=jobs, progress=rec)
    checked = len(results) - 1  # the empty folder is not a file
    assert rec.total == rec.advanced == checked and rec.stopped


class _FakeTTY:
    def __init__(self):
        self.written = []

    def isatty(self):
        return True

    def write(self, s):
        self.written.append(s)

    def flush(self):
        pass


@pytest.mark.parametrize(("fmt", "shown"), [("concise", True), ("json", False), ("sarif", False), ("github", False)])
def test_cli_progress_bar_only_for_people_on_a_terminal(drafts, monkeypatch, fmt, shown):
    import io
    import sys

    import snslint.run.progress
    from snslint.cli.check import CheckArgs, _check

    _Recorder.made = []
    monkeypatch.setattr(snslint.run.progress, "RichProgress", _Recorder)
    monkeypatch.setattr(sys, "stderr", _FakeTTY())
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.chdir(drafts.parent)
    _check(CheckArgs(paths=[str(drafts / "sub")], format=fmt, no_cache=True, jobs=1))
    assert bool(_Recorder.made) is shown


def test_cli_no_progress_bar_when_stderr_is_not_a_terminal(drafts, monkeypatch):
    import io
    import sys

    import snslint.run.progress
    from snslint.cli.check import CheckArgs, _check

    _Recorder.made = []
    monkeypatch.setattr(snslint.run.progress, "RichProgress", _Recorder)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.chdir(drafts.parent)
    _check(CheckArgs(paths=[str(drafts / "sub")], format="concise", no_cache=True, jobs=1))
    assert _Recorder.made == []


def test_rich_progress_stays_hidden_below_its_threshold(monkeypatch):
    from snslint.run.progress import RichProgress

    bar = RichProgress(min_files=300)
    bar.start(299)
    bar.advance(299)
    bar.stop()
    assert bar._bar is None


def _die(path):
    import os

    os._exit(3)


def test_a_dying_worker_raises_instead_of_hanging(drafts, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    monkeypatch.setattr(workers, "_check_in_worker", _die)
    with pytest.raises(BrokenProcessPool):
        check_paths([str(drafts)], PolicySource(), CheckOptions(), jobs=2)


def test_stdin_is_read_by_the_parent_in_its_place(drafts, monkeypatch):
    import io
    import sys

    text = b"---\ncity: kisarazu\nscheduled_at: 2026-12-01T10:00\n---\n\xe9\x80\xa3\xe7\xb5\xa1\xe3\x81\xaf 090-1111-2222 \xe3\x81\xbe\xe3\x81\xa7\n"
    runs = []
    for jobs in (1, 2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
        runs.append(_plain(check_paths([str(drafts / "sub"), "-", str(drafts)], PolicySource(), CheckOptions(), jobs=jobs)))
    assert runs[0] == runs[1]
    stdin_row = [r for r in runs[1] if r[0] == "-"]
    assert len(stdin_row) == 1 and [f["code"] for f in stdin_row[0][1]] == ["PII001"]


@pytest.mark.parametrize("files,jobs", [(1, 2), (10, 2), (95, 2), (1999, 2), (2000, 4), (333, 3)])
def test_batches_keep_every_path_in_order_and_end_small(files, jobs):
    paths = [f"d{i}.txt" for i in range(files)]
    got = workers.batches(paths, jobs)
    assert [p for b in got for p in b] == paths and all(got)
    size = workers.chunk_size(files, jobs)
    assert max(map(len, got)) <= size
    if size >= 4:  # the last round is cut finer, so no worker waits a whole batch at the end
        assert all(len(b) <= size // 4 for b in got[-jobs:])
