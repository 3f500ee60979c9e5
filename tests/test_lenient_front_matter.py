"""Front matter as city staff type it with a Japanese IME switched on.

Forgiven: full-width colons and spaces, ``2026/12/07 10:00``, ``令和8年12月7日 午前10時``, はい/いいえ,
a plain list of image paths (FORM003 then reports the missing alt text), katakana platform
names. What still cannot be read is one line in Japanese and English naming the key, with an
example of a right value or 「もしかして」; the body is still checked (with the draft's other
keys, or --city / the config's city), and the summary says a file had an error (exit 2).

Each CLI case runs ``python -m snslint`` in a temporary folder, as a user would.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from snslint.input.lenient_front_matter import did_you_mean, normalize_yaml, parse_loose_datetime
from support import run_cli as run

BODY = "【逗子市】12月の海岸清掃のお知らせです。詳しくは担当の携帯 090-1234-5678 まで。（環境都市課）\n"


def draft(folder: Path, name: str, front: str, body: str = BODY) -> str:
    (folder / name).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return name


def by_file(r: subprocess.CompletedProcess) -> tuple[dict, dict]:
    doc = json.loads(r.stdout)
    files = {Path(f["path"]).name: f for f in doc["files"]}
    found: dict[str, list[dict]] = {}
    for f in doc["findings"]:
        found.setdefault(Path(f["path"]).name, []).append(f)
    return files, found


def test_ime_slips_are_read_as_meant(tmp_path):
    draft(tmp_path, "colon.txt", "city：zushi\nplatform：facebook\nscheduled_at：2026-12-02T19:30")
    draft(tmp_path, "space.txt", "city:\u3000zushi\nplatform: facebook\nscheduled_at: 2026/12/02 19:30")
    draft(tmp_path, "era.txt", "city: zushi\nplatform: フェイスブック\nscheduled_at: 令和8年12月2日 午後7時30分")
    draft(tmp_path, "wide.txt", "city: zushi\nplatform: facebook\nscheduled_at: ２０２６年１２月２日（水）　１９：３０")
    r = run(tmp_path, "check", ".", "--format", "json")
    files, found = by_file(r)
    assert r.returncode == 1, r.stderr  # the errors below, no input error
    for name in ("colon.txt", "space.txt", "era.txt", "wide.txt"):
        assert files[name]["error"] is None, (name, files[name])
        assert files[name]["policy"] == "zushi"
        assert files[name]["post_time"].startswith("2026-12-02T19:30"), name
        assert files[name]["post_time_source"] == "front-matter"
        assert {"TIME001", "PII001"} <= {f["code"] for f in found[name]}, name


def test_hai_iie_and_plain_image_paths(tmp_path):
    draft(tmp_path, "yes.txt", "city: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T19:30\nemergency: はい")
    draft(tmp_path, "no.txt", "city: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T19:30\nemergency: いいえ")
    draft(tmp_path, "img.txt", "city: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T10:00\nimages: [images/kaigan.jpg]")
    r = run(tmp_path, "check", ".", "--format", "json")
    files, found = by_file(r)
    assert all(f["error"] is None for f in files.values()), files
    (yes,) = [f for f in found["yes.txt"] if f["code"] == "TIME001"]
    assert yes["severity"] == "info"  # the emergency exception
    (no,) = [f for f in found["no.txt"] if f["code"] == "TIME001"]
    assert no["severity"] == "error"
    (alt,) = [f for f in found["img.txt"] if f["code"] == "FORM003"]
    assert "kaigan.jpg" in alt["message"] and alt["severity"] == "error"  # zushi 3-4(4)


def test_unknown_key_gets_did_you_mean_and_the_body_is_still_checked(tmp_path):
    draft(tmp_path, "d.txt", "city: zushi\nplatform: facebook\nschedule_at: 2026-12-02T10:00")
    r = run(tmp_path, "check", "d.txt", "--format", "concise")
    assert r.returncode == 2, r.stdout
    lines = r.stdout.splitlines()
    (err,) = [ln for ln in lines if "エラー:" in ln and "Error:" in ln]
    assert "「schedule_at」" in err and "もしかして scheduled_at?" in err and "Did you mean scheduled_at?" in err
    assert "d.txt:4:" in err and "本文は検査しました" in err
    assert any("PII001" in ln for ln in lines)  # the mobile number in the body is reported
    assert "090-1234-5678" not in r.stdout
    assert "読み込みエラーのあったファイル 1" in lines[-1]  # never reads like a clean run


def test_unreadable_value_names_the_key_with_an_example(tmp_path):
    draft(tmp_path, "d.txt", "city: zushi\nplatform: facebook\nscheduled_at: 来週の月曜")
    r = run(tmp_path, "check", "d.txt", "--format", "concise")
    assert r.returncode == 2
    (err,) = [ln for ln in r.stdout.splitlines() if "エラー:" in ln]
    assert "「scheduled_at」" in err and "例: scheduled_at: 2026-12-07T10:00" in err
    assert "Traceback" not in r.stdout + r.stderr and "Input should" not in err


def test_a_date_without_a_time_is_not_guessed(tmp_path):
    draft(tmp_path, "d.txt", "city: zushi\nplatform: facebook\nscheduled_at: 令和8年12月7日")
    r = run(tmp_path, "check", "d.txt", "--format", "json")
    assert r.returncode == 2
    files, found = by_file(r)
    assert "時刻" in files["d.txt"]["error"] and "2026-12-07T10:00" in files["d.txt"]["error"]
    assert files["d.txt"]["post_time_source"] == "clock"
    assert "PII001" in {f["code"] for f in found["d.txt"]}


def test_broken_yaml_still_checks_the_body_with_city_from_the_command_line(tmp_path):
    draft(tmp_path, "d.txt", "city: zushi\nimages: [images/a.jpg\nplatform: facebook")
    r = run(tmp_path, "check", "d.txt", "--format", "concise")
    assert r.returncode == 2
    assert "--city" in r.stdout and "PII001" not in r.stdout  # no city known: the body waits
    r = run(tmp_path, "check", "d.txt", "--city", "zushi", "--format", "concise")
    assert r.returncode == 2
    (err,) = [ln for ln in r.stdout.splitlines() if "エラー:" in ln]
    assert "「images」" in err and "例: images:" in err and "本文は検査しました" in err
    assert "PII001" in r.stdout


def test_broken_yaml_uses_the_config_city(tmp_path):
    (tmp_path / "snslint.toml").write_text('city = "zushi"\n', encoding="utf-8")
    draft(tmp_path, "d.txt", "scheduled_at: [2026-12-02")
    r = run(tmp_path, "check", "d.txt", "--format", "json")
    assert r.returncode == 2
    files, found = by_file(r)
    assert files["d.txt"]["policy"] == "zushi" and files["d.txt"]["error"]
    assert "PII001" in {f["code"] for f in found["d.txt"]}


def test_rich_report_shows_the_error_and_the_findings(tmp_path):
    draft(tmp_path, "d.txt", "city: zushi\nplatform: facebook\nemergency: たぶん")
    r = run(tmp_path, "check", "d.txt", "--format", "rich")
    assert r.returncode == 2
    assert "「emergency」" in r.stdout and "はい／いいえ" in r.stdout
    assert "PII001" in r.stdout and "読み込みエラーのあったファイル 1" in r.stdout
    assert "問題は見つかりませんでした" not in r.stdout


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026/12/07 10:00", datetime(2026, 12, 7, 10, 0)),
        ("2026/12/7 9:05", datetime(2026, 12, 7, 9, 5)),
        ("2026年12月7日 10時", datetime(2026, 12, 7, 10, 0)),
        ("2026年12月7日(月) 10時半", datetime(2026, 12, 7, 10, 30)),
        ("令和8年12月7日 午後2時15分", datetime(2026, 12, 7, 14, 15)),
        ("令和元年5月1日 10:00", datetime(2019, 5, 1, 10, 0)),
        ("２０２６／１２／０７　１０：００", datetime(2026, 12, 7, 10, 0)),
        ("令和8年12月7日", date(2026, 12, 7)),
        ("2026/02/30 10:00", None),  # no such day
        ("2026/12/07 25:00", None),
        ("来週の月曜", None),
        ("2026-12-07T10:00", datetime(2026, 12, 7, 10, 0)),
    ],
)
def test_parse_loose_datetime(text, expected):
    assert parse_loose_datetime(text) == expected


def test_normalize_yaml_keeps_values_and_maps_offsets_back():
    text = "city：zushi\nimages:\n\u3000\u3000- path: a.jpg\n    alt: 海岸：清掃の様子\nlink: https://example.jp\n"
    norm, orig = normalize_yaml(text)
    assert norm.splitlines() == [
        "city: zushi",
        "images:",
        "  - path: a.jpg",
        "    alt: 海岸：清掃の様子",  # a value's colon is the author's
        "link: https://example.jp",
    ]
    assert len(orig) == len(norm) + 1
    i = norm.index("zushi")
    assert text[orig[i] : orig[i] + 5] == "zushi"


@pytest.mark.parametrize(
    "key, guess", [("schedule_at", "scheduled_at"), ("scheduledat", "scheduled_at"), ("emergancy", "emergency"), ("color", None)]
)
def test_did_you_mean(key, guess):
    assert did_you_mean(key) == guess
