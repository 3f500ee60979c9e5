"""What a cold ``snslint check`` imports: only what the run needs (issue 20).

A pre-commit hook pays every import on every commit, so the machine formats (json, concise,
github) must not load rich, a draft without a link must not load the Public Suffix List, and a
draft without non-ASCII hosts must not load the confusables table. Each case runs the real
command in a fresh interpreter and reads ``sys.modules`` at exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import atexit, json, sys
    OUT = sys.argv.pop(1)
    def _dump():
        with open(OUT, "w") as fh:
            json.dump(sorted(sys.modules), fh)
    atexit.register(_dump)
    from snslint.cli import main
    main()
    """
)

NO_LINK = (
    "---\ncity: goshogawara\nplatform: x\nscheduled_at: 2026-12-07T10:00\n---\n"
    "【除雪のお知らせ】\n12月8日（火）の朝から市内の幹線道路で除雪作業を行います。"
    "路上駐車はお控えください。\n"
)
WITH_LINK = NO_LINK.replace("お控えください。", "お控えください。詳しくは https://www.city.goshogawara.lg.jp/ をご覧ください。")


def modules_after(tmp_path: Path, text: str, *args: str) -> set[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), "check", str(draft), "--no-cache", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return set(json.loads(out.read_text()))


@pytest.mark.parametrize("fmt", ["json", "concise", "github"])
def test_machine_formats_do_not_import_rich(tmp_path: Path, fmt: str) -> None:
    mods = modules_after(tmp_path, NO_LINK, "--format", fmt)
    assert "snslint.lint.engine" in mods  # the check really ran
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}


def test_rich_format_does_import_rich(tmp_path: Path) -> None:
    # the probe itself, so that the test above cannot pass because rich is never seen
    mods = modules_after(tmp_path, NO_LINK, "--format", "rich")
    assert "rich.console" in mods


def test_link_machinery_only_for_a_draft_with_a_link(tmp_path: Path) -> None:
    without = modules_after(tmp_path, NO_LINK, "--format", "json")
    assert "publicsuffixlist" not in without
    assert "confusable_homoglyphs" not in without
    with_link = modules_after(tmp_path, WITH_LINK, "--format", "json")
    assert "publicsuffixlist" in with_link
    # an ASCII host needs no confusables table (URL004 looks only at non-ASCII hosts)
    assert "confusable_homoglyphs" not in with_link
