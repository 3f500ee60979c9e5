"""policies/README.md is a guide a city follows: its figures and its worked example must be
what snslint really prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.resources import data_dir
from snslint.settings.policy import clause_coverage, load_bundled

GUIDE = (data_dir("policies") / "README.md").read_text(encoding="utf-8")
NAMES = {"木更津市": "kisarazu", "鹿児島市": "kagoshima", "逗子市": "zushi", "五所川原市": "goshogawara", "美祢市": "mine"}


def _block(kind: str, starts: str) -> str:
    blocks = [b for b in re.findall(rf"```{kind}\n(.*?)```", GUIDE, flags=re.S) if b.startswith(starts)]
    assert len(blocks) == 1, (kind, starts)
    return blocks[0]


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_japanese_comes_first_and_the_guide_has_its_steps() -> None:
    assert GUIDE.index("## 市を追加する（手順）") < GUIDE.index("# City policies (English)")
    steps = re.findall(r"(?m)^(\d+)\. \*\*", GUIDE[GUIDE.index("## 市を追加する") : GUIDE.index("## 作業例")])
    assert steps == [str(i) for i in range(1, 11)]


def test_coverage_table_is_what_the_policies_say() -> None:
    rows = re.findall(r"(?m)^\| (\S+市) \| (\d+) \| (\d+)（(\d+)%） \| (\d+)（(\d+)%） \| (\d+)（(\d+)%） \|$", GUIDE)
    assert sorted(r[0] for r in rows) == sorted(NAMES)
    for name, total, auto, auto_pct, part, part_pct, human, human_pct in rows:
        table = clause_coverage(load_bundled(NAMES[name]))
        counts, shares = table.counts(), table.shares()
        assert int(total) == len(table.rows), name
        assert (int(auto), int(part), int(human)) == (counts["automatic"], counts["partial"], counts["human"]), name
        assert int(auto_pct) == round(shares["automatic"] * 100), name
        assert int(part_pct) == round(shares["partial"] * 100), name
        assert int(human_pct) == round(shares["human"] * 100), name


def test_worked_example_validates_and_prints_what_the_guide_shows(cli, tmp_path: Path) -> None:
    document = _block("text", "朝霧市公式SNS運用方針")
    (tmp_path / "朝霧市SNS運用方針.txt").write_text(document, encoding="utf-8")
    (tmp_path / "asagiri.yaml").write_text(_block("yaml", "id: asagiri"), encoding="utf-8")
    r = cli("policy", "validate", "asagiri.yaml", "--source", "朝霧市SNS運用方針.txt")
    assert r.exit_code == 0
    assert f"$ snslint policy validate asagiri.yaml --source 朝霧市SNS運用方針.txt\n{r.output}" in GUIDE
    shares = cli("policy", "coverage", "asagiri.yaml").output.splitlines()[-1]
    assert f"…\n{shares}\n```" in GUIDE
    # the line validate prints for the fresh starter, as the guide quotes it
    (tmp_path / "asagiri.yaml").unlink()
    assert cli("policy", "new", "asagiri", "--from", "goshogawara").exit_code == 0
    out = cli("policy", "validate", "asagiri.yaml", "--source", "朝霧市SNS運用方針.txt").output
    quoted = re.search(r"(?m)^asagiri\.yaml:\d+: エラー: ルール CAT001 .*$", GUIDE).group(0)
    assert quoted in out.splitlines()


def test_worked_example_draft_is_checked_as_the_guide_shows(cli, tmp_path: Path) -> None:
    (tmp_path / "asagiri.yaml").write_text(_block("yaml", "id: asagiri"), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(
        "---\nscheduled_at: 2026-12-02T08:45\n---\n"
        "朝霧湖ウォーキング大会のお知らせです。\n市長選挙では現職の山田候補に清き一票をお願いします！\n",
        encoding="utf-8",
    )
    r = cli("check", "draft.txt", "--policy", "asagiri.yaml", "--format", "rich")
    assert r.exit_code == 1
    assert "TIME001" in r.output and "CAT001" in r.output
    shown = _block("console", "$ snslint check 下書き.txt --policy asagiri.yaml")
    for line in shown.splitlines()[1:]:
        if line != "…":
            assert line in r.output.splitlines(), line
