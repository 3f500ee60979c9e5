"""The README starts with the two set-up commands, and .ci/run runs exactly the test one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_starts_with_the_two_commands() -> None:
    blocks = _bash_blocks()
    assert blocks[0].strip().startswith("pip install . && snslint check examples/drafts")
    assert blocks[1].strip() == "pip install -e '.[test]' && pytest"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = _bash_blocks()[1].strip()
    assert command in ci.splitlines()


def test_examples_exist_for_every_city() -> None:
    cities = {p.parent.name for p in (ROOT / "examples" / "drafts").rglob("*") if p.suffix in (".txt", ".md")}
    assert cities == {"kisarazu", "kagoshima", "zushi", "goshogawara", "mine"}


def test_ci_also_runs_the_suite_on_the_lowest_declared_versions() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    readme = lines.index(_bash_blocks()[1].strip())
    lowest = next(i for i, ln in enumerate(lines) if "--resolution lowest-direct" in ln)
    runs = [i for i, ln in enumerate(lines) if ln.strip().endswith("-m pytest")]
    assert "set -euo pipefail" in lines  # any failing install or run fails CI
    assert readme < lowest < runs[-1]  # the README's command first, then the lowest versions
