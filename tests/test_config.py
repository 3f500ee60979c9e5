"""The config file: discovery upward, pyproject [tool.snslint], precedence, errors naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from snslint.cli import app
from snslint.settings.config import find_config, load_config

DRAFT = """---
platform: x
scheduled_at: 2026-12-02T10:00
---
【お知らせ】年末年始のごみ収集日程はこちら https://bit.ly/3abcDEF をご覧ください。
"""


def run(cwd: Path, *args: str, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


def policies_used(result) -> set[str]:
    return {f["policy"] for f in json.loads(result.stdout)["files"]}


def test_snslint_toml_city_zushi_is_used(tmp_path, monkeypatch):
    (tmp_path / "snslint.toml").write_text('city = "zushi"\nformat = "json"\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "draft.txt", monkeypatch=monkeypatch)
    assert policies_used(r) == {"zushi"}


def test_found_by_walking_up_and_cli_flag_wins(tmp_path, monkeypatch):
    (tmp_path / "snslint.toml").write_text('city = "kagoshima"\nformat = "json"\n', encoding="utf-8")
    sub = tmp_path / "drafts" / "2026-12"
    sub.mkdir(parents=True)
    (sub / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(sub, "d.txt", monkeypatch=monkeypatch)
    assert policies_used(r) == {"kagoshima"} and r.exit_code == 1  # URL001 is an error in Kagoshima
    r = run(sub, "d.txt", "--city", "kisarazu", monkeypatch=monkeypatch)
    assert policies_used(r) == {"kisarazu"} and r.exit_code == 0


def test_front_matter_city_wins_over_config_default(tmp_path, monkeypatch):
    (tmp_path / "snslint.toml").write_text('city = "zushi"\nformat = "json"\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT.replace("platform: x", "city: mine\nplatform: x"), encoding="utf-8")
    assert policies_used(run(tmp_path, "d.txt", monkeypatch=monkeypatch)) == {"mine"}


def test_pyproject_tool_table_and_plain_pyproject_skipped(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.snslint]\ncity = "kisarazu"\nfail-on = "warning"\nformat = "json"\nlang = "en"\n', encoding="utf-8"
    )
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no [tool.snslint]
    assert find_config(inner) == tmp_path / "pyproject.toml"
    (inner / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(inner, "d.txt", monkeypatch=monkeypatch)
    doc = json.loads(r.stdout)
    assert doc["files"][0]["policy"] == "kisarazu"
    (url,) = [f for f in doc["findings"] if f["code"] == "URL001"]
    assert url["severity"] == "warning" and "短縮" not in url["message"]  # lang = "en"
    assert r.exit_code == 1  # fail-on = "warning" from the file
    assert run(inner, "d.txt", "--fail-on", "error", monkeypatch=monkeypatch).exit_code == 0  # the flag wins


def test_relative_policy_is_relative_to_the_config_file(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "my-city.yaml").write_text(
        "extends: kisarazu\nrules:\n  URL001: off\n", encoding="utf-8"
    )
    (tmp_path / "conf" / "snslint.toml").write_text('policy = "my-city.yaml"\nformat = "json"\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "d.txt", "--config", "conf/snslint.toml", monkeypatch=monkeypatch)
    assert r.exit_code == 0, r.output
    assert not [f for f in json.loads(r.stdout)["findings"] if f["code"] == "URL001"]


def test_select_ignore_layering(tmp_path, monkeypatch):
    (tmp_path / "snslint.toml").write_text('city = "kagoshima"\nformat = "json"\nignore = ["URL001"]\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    codes = lambda r: {f["code"] for f in json.loads(r.stdout)["findings"]}  # noqa: E731
    assert "URL001" not in codes(run(tmp_path, "d.txt", monkeypatch=monkeypatch))
    assert "URL001" not in codes(run(tmp_path, "d.txt", "--ignore", "PII", monkeypatch=monkeypatch))  # union
    assert "URL001" in codes(run(tmp_path, "d.txt", "--select", "URL", monkeypatch=monkeypatch))  # fresh start


def test_exclude_and_per_file_ignores(tmp_path, monkeypatch):
    (tmp_path / "snslint.toml").write_text(
        'city = "kagoshima"\nformat = "json"\nexclude = ["archive"]\n'
        '[per-file-ignores]\n"events/*.txt" = ["url-shortener"]\n',
        encoding="utf-8",
    )
    for folder in ("archive", "events", "news"):
        (tmp_path / "drafts" / folder).mkdir(parents=True)
        (tmp_path / "drafts" / folder / "d.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["check", "drafts", "--show-suppressed"])
    doc = json.loads(r.stdout)
    # "archive" is relative to the config file's folder, so drafts/archive is still checked.
    assert len(doc["files"]) == 3
    (tmp_path / "snslint.toml").write_text(
        'city = "kagoshima"\nformat = "json"\nexclude = ["drafts/archive"]\n'
        '[per-file-ignores]\n"drafts/events/*.txt" = ["url-shortener"]\n',
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["check", "drafts", "drafts/archive/d.txt", "--show-suppressed"])
    doc = json.loads(r.stdout)
    assert sorted(Path(f["path"]).parent.name for f in doc["files"]) == ["events", "news"]
    assert [Path(f["path"]).parent.name for f in doc["findings"] if f["code"] == "URL001"] == ["news"]
    assert [s["reason"] for s in doc["suppressed"]] == ["per-file-ignores「drafts/events/*.txt」"]


@pytest.mark.parametrize(
    "text, key",
    [
        ('cty = "zushi"\n', "cty"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ('select = "URL"\n', "select"),
        ('format = "xml"\n', "format"),
        ('ignore = ["NOPE9"]\n', "NOPE9"),
        ('[per-file-ignores]\n"a/*.txt" = ["nope-rule"]\n', "nope-rule"),
        ('city = "zushi"\npolicy = "x.yaml"\n', "city and policy"),
        ("city = \n", "TOML"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(tmp_path, monkeypatch, text, key):
    (tmp_path / "snslint.toml").write_text(text, encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "d.txt", "--city", "zushi", monkeypatch=monkeypatch)
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in r.output
    assert key in lines[0] and "snslint.toml" in lines[0] and "エラー:" in lines[0] and "Error:" in lines[0]


def test_missing_explicit_config_is_exit_2(tmp_path, monkeypatch):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "d.txt", "--config", "nope.toml", monkeypatch=monkeypatch)
    assert r.exit_code == 2 and "nope.toml" in r.output and "not found" in r.output


def test_pyproject_key_named_with_its_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.snslint]\nlang = "fr"\n', encoding="utf-8")
    with pytest.raises(Exception) as exc:
        load_config(tmp_path / "pyproject.toml")
    assert "tool.snslint.lang" in exc.value.en
