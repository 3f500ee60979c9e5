"""``snslint init`` as a new city PR office would use it: in a fresh drafts repository, ``snslint
init --city 逗子市`` writes ``snslint.toml`` and ``.pre-commit-config.yaml``; ``pre-commit install``;
then a draft with a staff member's mobile number and a personal gmail address cannot be
committed, and the findings are on screen (masked). A draft with only an info finding is
committed, and its finding is still shown (``verbose: true``). Existing files are never
overwritten.

The hook is ``repo: local`` with ``language: system``: pre-commit runs the installed snslint
(this test puts the test environment's ``bin`` first on PATH), so no environment is built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

STAFF_PHONE = "090-3141-5926"
PRIVATE_MAIL = "kaigan.tanaka1987@gmail.com"

LEAKY = f"""---
platform: facebook
scheduled_at: 2026-12-02T10:00
---
【逗子海岸清掃】12月5日（土）朝9時から海岸清掃を行います。
当日の連絡は担当の田中（{STAFF_PHONE}、{PRIVATE_MAIL}）までお願いします。（環境都市課）
"""

INFO_ONLY = """---
platform: facebook
scheduled_at: 2026-12-02T10:00
---
【逗子海岸清掃】12月5日（土）朝9時から海岸清掃を行います。集合は①番駐車場です。
（問い合わせ：環境都市課 046-873-1111）
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "広報課",
        "GIT_AUTHOR_EMAIL": "koho@example.jp",
        "GIT_COMMITTER_NAME": "広報課",
        "GIT_COMMITTER_EMAIL": "koho@example.jp",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    }


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")


def _snslint() -> list[str]:
    exe = BIN / "snslint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "snslint"]


def _pre_commit() -> list[str]:
    exe = BIN / "pre-commit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pre_commit"]


@pytest.mark.slow
def test_init_hook_blocks_personal_data_and_shows_findings(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = _env(tmp_path)
    repo = tmp_path / "drafts"
    repo.mkdir()
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    init = _run([*_snslint(), "init", "--city", "逗子市"], repo, env)
    assert init.returncode == 0, init.stderr
    assert "snslint.toml" in init.stdout and ".pre-commit-config.yaml" in init.stdout
    assert 'city = "zushi"' in (repo / "snslint.toml").read_text(encoding="utf-8")
    assert _run([*_pre_commit(), "install"], repo, env).returncode == 0

    (repo / "2026-12-05-kaigan.txt").write_text(LEAKY, encoding="utf-8")
    _run(["git", "add", "."], repo, env)
    blocked = _run(["git", "commit", "-m", "海岸清掃の告知"], repo, env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out
    assert "PII001" in out and "PII002" in out  # the findings are on screen
    assert STAFF_PHONE not in out and PRIVATE_MAIL not in out  # masked
    assert _run(["git", "log", "--oneline"], repo, env).returncode != 0  # nothing committed

    # An info finding passes the hook and is still shown.
    (repo / "2026-12-05-kaigan.txt").write_text(INFO_ONLY, encoding="utf-8")
    _run(["git", "add", "."], repo, env)
    ok = _run(["git", "commit", "-m", "海岸清掃の告知"], repo, env)
    out = ok.stdout + ok.stderr
    assert ok.returncode == 0, out
    assert "Passed" in out and "FORM010" in out


def test_init_never_overwrites(tmp_path):
    env = _env(tmp_path)
    (tmp_path / "snslint.toml").write_text('city = "kisarazu"\n', encoding="utf-8")
    r = _run([*_snslint(), "init", "--city", "zushi"], tmp_path, env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "snslint.toml").read_text(encoding="utf-8") == 'city = "kisarazu"\n'
    assert "既にあるため変更しませんでした" in r.stdout and "snslint.toml" in r.stdout
    assert (tmp_path / ".pre-commit-config.yaml").exists()
    before = (tmp_path / ".pre-commit-config.yaml").read_bytes()
    r = _run([*_snslint(), "init"], tmp_path, env)
    assert r.returncode == 0 and (tmp_path / ".pre-commit-config.yaml").read_bytes() == before


def test_init_config_is_valid_and_blocks_personal_warnings(tmp_path):
    env = _env(tmp_path)
    assert _run([*_snslint(), "init", "--city", "zushi"], tmp_path, env).returncode == 0
    (tmp_path / "d.txt").write_text(LEAKY, encoding="utf-8")
    r = _run([*_snslint(), "check", "d.txt", "--format", "concise"], tmp_path, env)
    assert r.returncode == 1, r.stdout + r.stderr  # warnings only, yet the run fails
    assert "[警告]" in r.stdout and "[エラー]" not in r.stdout
    # Without the init config the same draft passes (warnings do not fail by default).
    (tmp_path / "snslint.toml").unlink()
    r = _run([*_snslint(), "check", "d.txt", "--city", "zushi", "--format", "concise"], tmp_path, env)
    assert r.returncode == 0, r.stdout


def test_init_unknown_city_is_exit_2_with_a_suggestion(tmp_path):
    r = _run([*_snslint(), "init", "--city", "逗了市"], tmp_path, _env(tmp_path))
    assert r.returncode == 2 and "もしかして zushi" in r.stderr
    assert not (tmp_path / "snslint.toml").exists()


def _readme_block(lang: str, after: str) -> str:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(after) :]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_readme_pre_commit_snippet_works_as_written(tmp_path):
    """The README's .pre-commit-config.yaml and snslint.toml, copied as they are."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = _env(tmp_path)
    repo = tmp_path / "drafts"
    repo.mkdir()
    _run(["git", "init", "-q"], repo, env)
    heading = "## pre-commit（下書きリポジトリ / a drafts repository）"
    (repo / ".pre-commit-config.yaml").write_text(_readme_block("yaml", heading), encoding="utf-8")
    (repo / "snslint.toml").write_text(_readme_block("toml", heading), encoding="utf-8")
    assert _run([*_pre_commit(), "install"], repo, env).returncode == 0
    (repo / "d.txt").write_text(LEAKY, encoding="utf-8")
    _run(["git", "add", "."], repo, env)
    blocked = _run(["git", "commit", "-m", "告知"], repo, env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0 and "PII001" in out and "PII002" in out, out


def test_readme_staff_draft_example_reads(tmp_path):
    """The front matter the 「広報担当の方へ」 section shows is read as written."""
    import textwrap

    # Inside a list item: rendered Markdown shows it without the item's indentation.
    text = textwrap.dedent(_readme_block("text", "## 広報担当の方へ / For PR staff"))
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    r = _run([*_snslint(), "check", "d.txt", "--city", "zushi", "--format", "json"], tmp_path, _env(tmp_path))
    import json

    doc = json.loads(r.stdout)
    assert doc["files"][0]["error"] is None and doc["files"][0]["post_time"].startswith("2026-12-07T10:00")
    assert doc["files"][0]["post_time_source"] == "front-matter"
