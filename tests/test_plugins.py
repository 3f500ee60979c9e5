"""Third-party rules through the ``snslint.rules`` entry-point group (rules/registry.py), as a
package installed beside snslint would add them: a distribution with an ``entry_points.txt``
on ``sys.path``. The plugin's rule is listed by ``snslint rules``, runs in ``snslint check``
when selected (``--select`` or a policy entry, like a built-in rule the policy omits), and the
result cache's key covers the installed plugins (one installed or removed changes it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

PLUGIN = textwrap.dedent(
    '''
    """A city's own rule: the word 「至急」 in a post (a plugin example)."""
    from snslint.findings import Severity
    from snslint.rules.api import Rule
    from snslint.rules.registry import register


    @register
    class Urgent(Rule):
        code = "ZZZ901"
        name = "urgent-word"
        default_severity = Severity.INFO
        summary = "「至急」が使われています"
        summary_en = "The post says 至急"

        def check(self, ctx):
            at = ctx.body.find("至急")
            if at >= 0:
                yield ctx.finding(at, at + 2, "「至急」が使われています。", "The post says 至急.")
    '''
)

DRAFT = (
    "---\ncity: goshogawara\nplatform: facebook\nscheduled_at: 2026-12-07T10:00\n---\n"
    "【至急】12月8日（火）は大雪のため、市民図書館を臨時休館します。\n"
)


def _install_plugin(site: Path) -> None:
    """A distribution ``snslint-urgent`` 0.1 in ``site``: its module and its dist-info."""
    (site / "snslint_urgent.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "snslint_urgent-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: snslint-urgent\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[snslint.rules]\nurgent = snslint_urgent\n", encoding="utf-8")


def _run(folder: Path, site: Path | None, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-m", "snslint", *args], cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8"
    )


def test_a_plugin_rule_runs_is_listed_and_keys_the_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _install_plugin(site)
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "kyukan.txt").write_text(DRAFT, encoding="utf-8")

    listed = _run(work, site, "rules")
    assert listed.returncode == 0, listed.stderr
    assert "ZZZ901" in listed.stdout and "urgent-word" in listed.stdout

    selected = _run(work, site, "check", "kyukan.txt", "--format", "json", "--no-cache", "--select", "ZZZ901,CAT001")
    assert selected.returncode == 0, selected.stderr  # an info finding does not fail the run
    (finding,) = json.loads(selected.stdout)["findings"]
    assert (finding["code"], finding["text"], finding["severity"]) == ("ZZZ901", "至急", "info")

    omitted = _run(work, site, "check", "kyukan.txt", "--format", "json", "--no-cache")
    assert "ZZZ901" not in [f["code"] for f in json.loads(omitted.stdout)["findings"]]  # not in the policy

    fingerprint = "from snslint.run.cache.results import code_fingerprint; print(code_fingerprint())"
    env = {**os.environ, "PYTHONPATH": str(site)}
    with_plugin = subprocess.run([sys.executable, "-c", fingerprint], env=env, capture_output=True, text=True, check=True)
    without = subprocess.run([sys.executable, "-c", fingerprint], capture_output=True, text=True, check=True)
    assert with_plugin.stdout.strip() != without.stdout.strip()
    assert "ZZZ901" not in _run(work, None, "rules").stdout
