"""The pre-commit hook, for real: a temporary drafts repository uses this repository's
``.pre-commit-hooks.yaml`` as its ``repo:`` (a local path, at this checkout's HEAD commit),
``pre-commit install`` puts the hook in place, and ``git commit`` is blocked for a bad draft and
let through for a clean one.

pre-commit builds the hook's environment from the commit at ``rev:`` (so it tests what is
committed, not uncommitted edits) and pip-installs snslint and its dependencies from the
package registry into a fresh ``PRE_COMMIT_HOME``: about 15-30 s, once for the module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

BAD = """---
city: kagoshima
scheduled_at: 2026-12-02T10:00
---
【鹿児島市】年末年始のごみ収集日程はこちら https://bit.ly/3abcDEF をご覧ください。（環境局）
"""

GOOD = """---
city: kagoshima
platform: facebook
scheduled_at: 2026-12-02T10:00
approved_by: 広報課長
---
【お知らせ】12月7日（月）から市役所1階の総合案内で、年末年始のごみ収集日程表を配布します。
（環境局）
"""


def _git(*args: str, cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=check)


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def head() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    probe = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("not a git checkout (e.g. an sdist): pre-commit needs a commit at rev:")
    sha = probe.stdout.strip()
    shown = subprocess.run(["git", "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml"], cwd=ROOT)
    assert shown.returncode == 0, ".pre-commit-hooks.yaml must be committed at HEAD"
    return sha


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "広報課",
        "GIT_AUTHOR_EMAIL": "koho@example.jp",
        "GIT_COMMITTER_NAME": "広報課",
        "GIT_COMMITTER_EMAIL": "koho@example.jp",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def test_hook_blocks_a_bad_draft_and_lets_a_clean_one_through(tmp_path, head, env):
    repo = tmp_path / "drafts-repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n      - id: snslint\n        args: [--city, kagoshima]\n",
        encoding="utf-8",
    )
    (repo / "README.md").write_text("# 下書き\n", encoding="utf-8")
    _git("add", ".", cwd=repo, env=env)
    _git("commit", "-q", "--no-verify", "-m", "init", cwd=repo, env=env)
    subprocess.run([*_pre_commit(), "install"], cwd=repo, env=env, check=True, capture_output=True)

    # A clean draft is committed.
    (repo / "2026-12-07-gomi.txt").write_text(GOOD, encoding="utf-8")
    _git("add", "2026-12-07-gomi.txt", cwd=repo, env=env)
    ok = _git("commit", "-m", "ごみ収集日程表の配布", cwd=repo, env=env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout + ok.stderr

    # A draft with a shortened URL (an error under Kagoshima 5(7)) is blocked.
    (repo / "2026-12-08-short.txt").write_text(BAD, encoding="utf-8")
    _git("add", "2026-12-08-short.txt", cwd=repo, env=env)
    blocked = _git("commit", "-m", "短縮URLの告知", cwd=repo, env=env, check=False)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out and "URL001" in out and "2026-12-08-short.txt" in out
    log = _git("log", "--format=%s", cwd=repo, env=env).stdout.splitlines()
    assert log == ["ごみ収集日程表の配布", "init"]

    # `pre-commit run --all-files` agrees; fixing the draft makes it pass.
    run_all = subprocess.run([*_pre_commit(), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    assert run_all.returncode == 1, run_all.stdout
    (repo / "2026-12-08-short.txt").write_text(BAD.replace("https://bit.ly/3abcDEF", "https://www.city.kagoshima.lg.jp/kankyo/gomi.html"), encoding="utf-8")
    _git("add", "2026-12-08-short.txt", cwd=repo, env=env)
    fixed = _git("commit", "-m", "本来のURLに修正", cwd=repo, env=env, check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
