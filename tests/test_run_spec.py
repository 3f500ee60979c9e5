"""One check run as data: the command line's arguments -> one RunSpec (snslint.cli.check.run_spec),
executed by snslint.run.spec.execute, and the same findings as `snslint check` prints.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from snslint.cli.check import CheckArgs, run_spec
from snslint.errors import PolicyError, UsageError
from snslint.lint.engine import CheckOptions
from snslint.run.spec import RunSpec, execute
from snslint.settings.chooser import PolicySource
from support import run_cli

CONFIG = """\
city = "kisarazu"
exclude = ["templates/*"]
ignore = ["PII"]
[per-file-ignores]
"events/*.txt" = ["URL001"]
"""

DRAFTS = {
    # A shortened link (URL001, a warning in Kisarazu's policy).
    "notices/pool.txt": "---\nplatform: x\n---\n【木更津市】市民プールの冬季営業のお知らせです。詳しくは https://bit.ly/3xYzAbc をご覧ください。\n",
    # The same kind of link, in a folder whose per-file ignore turns URL001 off.
    "events/marathon.txt": "---\nplatform: x\n---\n【木更津市】潮干狩りマラソンの参加者を募集します。申し込みは https://bit.ly/4mRtHon から。\n",
    # Excluded by the config: never read.
    "templates/blank.txt": "---\nplatform: x\n---\n【木更津市】〇〇のお知らせ。https://bit.ly/xxxx\n",
}

AT = "2026-12-07T10:00"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "snslint.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in DRAFTS.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_run_spec_gathers_the_config_the_policy_and_the_options(project: Path) -> None:
    notes: list[str] = []
    spec = run_spec(CheckArgs(paths=["notices", "events", "templates"], at=AT, jobs=1), note=notes.append)
    assert spec.paths == ["notices/pool.txt", "events/marathon.txt"]  # templates/ excluded
    assert spec.policies == PolicySource(default_city="kisarazu") and spec.loaded == {}
    assert spec.options.at == datetime(2026, 12, 7, 10, 0) and spec.options.select is None
    # The config's ignore = ["PII"] reaches every PII rule but the two that always run, and says so.
    assert {"PII001", "PII005"} <= spec.options.ignore and not {"PII003", "PII008"} & spec.options.ignore
    assert len(notes) == 1 and "PII003, PII008" in notes[0]
    assert spec.per_file_ignores == {"events/*.txt": frozenset({"URL001"})}
    assert spec.jobs == 1 and spec.cache is True
    assert run_spec(CheckArgs(paths=["notices"], at="now")).cache is False  # a new key every run
    assert run_spec(CheckArgs(paths=["notices"], no_cache=True)).cache is False


def test_run_spec_loads_and_checks_the_policy_it_is_given(project: Path) -> None:
    (project / "own.yaml").write_text("extends: kisarazu\nid: kisarazu-kouhou\nrules:\n  ZZZ999: warning\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="ZZZ999") as err:  # stopped before any draft
        run_spec(CheckArgs(paths=["notices"], policy="own.yaml", at=AT))
    assert (err.value.path, err.value.line) == ("own.yaml", 4)
    (project / "own.yaml").write_text("extends: kisarazu\nid: kisarazu-kouhou\nrules:\n  URL001: info\n", encoding="utf-8")
    spec = run_spec(CheckArgs(paths=["notices"], policy="own.yaml", at=AT, no_cache=True))
    assert list(spec.loaded) == ["kisarazu-kouhou"] and spec.policies.policy_file == "own.yaml"
    with pytest.raises(UsageError, match="--city and --policy"):
        run_spec(CheckArgs(paths=["notices"], policy="own.yaml", city="zushi"))


def test_execute_checks_filters_and_gives_the_checklists(project: Path) -> None:
    spec = run_spec(CheckArgs(paths=["notices", "events", "templates"], at=AT, jobs=1, no_cache=True), note=lambda _: None)
    outcome = execute(spec)
    found = {r.path: [(f.code, f.line, f.column) for f in r.findings] for r in outcome.results}
    assert found == {"notices/pool.txt": [("URL001", 4, 30)], "events/marathon.txt": []}
    # The per-file ignore silenced the second link, and says which entry did.
    ((finding, reason),) = outcome.suppressed
    assert (finding.path, finding.code, reason) == ("events/marathon.txt", "URL001", "per-file-ignores「events/*.txt」")
    assert list(outcome.checklists()) == ["kisarazu"] and outcome.checklists()["kisarazu"]


def test_a_library_caller_builds_a_spec_without_the_command_line(project: Path) -> None:
    # No config, no per-file ignores: the same draft keeps its finding, under Zushi's policy too.
    options = CheckOptions(at=datetime(2026, 12, 7, 10, 0))
    outcome = execute(RunSpec(paths=["events"], policies=PolicySource(city="kisarazu"), options=options, cache=False))
    assert [(r.path, [f.code for f in r.findings]) for r in outcome.results] == [("events/marathon.txt", ["URL001"])]
    assert outcome.suppressed == [] and outcome.results[0].policy_id == "kisarazu"
    spec = replace(RunSpec(paths=["events"], policies=PolicySource(city="zushi"), options=options), cache=False)
    assert execute(spec).results[0].policy_id == "zushi"


def test_the_command_line_prints_what_execute_found(project: Path) -> None:
    spec = run_spec(CheckArgs(paths=["notices", "events"], at=AT, no_cache=True), note=lambda _: None)
    expected = [(f.path, f.code, f.line, f.column) for r in execute(spec).results for f in r.findings]
    proc = run_cli(project, "check", "notices", "events", "--at", AT, "--no-cache", "--format", "json")
    assert proc.returncode == 0, proc.stderr  # a warning does not fail the run
    printed = [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(proc.stdout)["findings"]]
    assert printed == expected == [("notices/pool.txt", "URL001", 4, 30)]
