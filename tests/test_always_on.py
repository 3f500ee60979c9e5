"""PII003 (my-number) and PII008 (credential) stay on whatever an ignore list says: the
command line (``--ignore``), the config's ``ignore`` and its ``per-file-ignores``. Naming one
of them is an error (exit 2) that says why; a prefix such as ``PII`` turns off the other
personal-data rules and a note on stderr says that the two still run.

Each case runs ``python -m snslint`` in a temporary folder, as a user would.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from snslint.text.check_digits import my_number_check_digit
from support import run_cli as run

MY_NUMBER = "23456789012" + str(my_number_check_digit("23456789012"))

DRAFT = f"""---
city: kisarazu
platform: facebook
scheduled_at: 2026-12-02T10:00
---
【窓口のご案内】申請書の記入例です。
個人番号 {MY_NUMBER} の欄は、窓口で職員と一緒にご記入ください。
お問い合わせは担当の携帯 090-1234-5678 まで。（市民課）
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def codes(r: subprocess.CompletedProcess) -> set[str]:
    return {f["code"] for f in json.loads(r.stdout)["findings"]}


@pytest.mark.parametrize("token", ["PII003", "my-number", "pii008", "credential", "PII003,PII008"])
def test_naming_an_always_on_rule_in_ignore_is_exit_2_with_why(folder, token):
    r = run(folder, "check", "d.txt", "--ignore", token, "--format", "json")
    assert r.returncode == 2, r.stdout + r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert "無効にできません" in line and "cannot be ignored" in line
    assert "マイナンバー" in line and r.stdout == ""
    assert MY_NUMBER not in r.stderr


def test_ignore_prefix_turns_off_the_others_and_says_the_two_stay_on(folder):
    r = run(folder, "check", "d.txt", "--ignore", "PII", "--format", "json")
    assert r.returncode == 1, r.stderr
    found = codes(r)
    assert "PII003" in found and "PII001" not in found
    assert "PII003, PII008" in r.stderr and "cannot be ignored" in r.stderr


def test_plain_ignore_of_another_rule_prints_no_note(folder):
    r = run(folder, "check", "d.txt", "--ignore", "PII001", "--format", "json")
    assert r.returncode == 1
    assert "PII003" in codes(r) and "PII001" not in codes(r)
    assert r.stderr == ""


def test_config_ignore_naming_my_number_is_a_config_error(folder):
    (folder / "snslint.toml").write_text('ignore = ["PII003"]\n', encoding="utf-8")
    r = run(folder, "check", "d.txt", "--format", "json")
    assert r.returncode == 2
    assert "snslint.toml" in r.stderr and "無効にできません" in r.stderr


def test_config_ignore_prefix_keeps_my_number(folder):
    (folder / "snslint.toml").write_text('ignore = ["PII"]\n', encoding="utf-8")
    r = run(folder, "check", "d.txt", "--format", "json")
    assert r.returncode == 1
    assert "PII003" in codes(r) and "PII001" not in codes(r)
    assert "cannot be ignored" in r.stderr


def test_per_file_ignores_cannot_silence_my_number(folder):
    (folder / "snslint.toml").write_text('[per-file-ignores]\n"*.txt" = ["PII"]\n', encoding="utf-8")
    r = run(folder, "check", "d.txt", "--format", "json", "--show-suppressed")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert "PII003" in {f["code"] for f in doc["findings"]}
    assert "PII001" not in {f["code"] for f in doc["findings"]}
    (folder / "snslint.toml").write_text('[per-file-ignores]\n"*.txt" = ["my-number"]\n', encoding="utf-8")
    r = run(folder, "check", "d.txt", "--format", "json")
    assert r.returncode == 2 and "per-file-ignores" in r.stderr
