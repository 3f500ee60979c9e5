"""``--city``, front matter ``city:`` and the config's ``city`` take the city's name as staff
write it (木更津市, 木更津, Kisarazu City) as well as the policy id (kisarazu): the names come
from the policy itself (``name``, ``name_en``). An unknown name suggests the nearest one.

Each case runs ``python -m snslint`` in a temporary folder, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from snslint.settings.policy import resolve_city
from support import run_cli as run

DRAFT = """---
platform: facebook
scheduled_at: 2026-12-02T10:00
---
【お知らせ】年末年始のごみ収集日程は https://bit.ly/3abcDEF をご覧ください。（環境管理課）
"""


@pytest.mark.parametrize("city", ["木更津市", "木更津", "kisarazu", "Kisarazu City"])
def test_city_by_name_or_id_gives_the_same_check(tmp_path, city):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "check", "d.txt", "--city", city, "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    doc = json.loads(r.stdout)
    assert doc["files"][0]["policy"] == "kisarazu" and doc["files"][0]["error"] is None
    assert "URL001" in {f["code"] for f in doc["findings"]}


def test_front_matter_and_config_take_names_too(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT.replace("---\nplatform", "---\ncity: 逗子市\nplatform"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "snslint.toml").write_text('city = "鹿児島"\n', encoding="utf-8")
    r = run(tmp_path, "check", "a.txt", "b.txt", "--format", "json")
    files = {f["path"]: f["policy"] for f in json.loads(r.stdout)["files"]}
    assert files == {"a.txt": "zushi", "b.txt": "kagoshima"}


def test_unknown_city_suggests_the_nearest(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    r = run(tmp_path, "check", "d.txt", "--city", "木更律市")
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert "もしかして kisarazu（木更津市）?" in line and "Did you mean kisarazu" in line
    r = run(tmp_path, "check", "d.txt", "--city", "札幌市")
    assert r.returncode == 2 and "もしかして" not in r.stderr and "kisarazu（木更津市）" in r.stderr


@pytest.mark.parametrize(
    "name, pid", [("五所川原市", "goshogawara"), ("五所川原", "goshogawara"), ("美祢", "mine"), ("ＺＵＳＨＩ", "zushi"), ("mine", "mine")]
)
def test_resolve_city(name, pid):
    assert resolve_city(name) == pid
