"""FORM009 (zushi 3-1(3)イ: 情報発信者の所属等を明らかにすること) accepts a facility that sends
its own posts (図書館, 公民館, 美術館, 保健所, センター...) and the posting account's own name as the
sender; its hint shows a filled example that passes FORM008 and FORM009 when pasted.

Each case runs ``python -m snslint`` in a temporary folder, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli as run

HEAD = "---\ncity: zushi\nplatform: facebook\nscheduled_at: 2026-12-02T10:00\n---\n"


def codes_by_file(folder: Path, *extra: str) -> tuple[dict[str, set[str]], dict]:
    r = run(folder, "check", ".", "--format", "json", *extra)
    doc = json.loads(r.stdout)
    out: dict[str, set[str]] = {Path(f["path"]).name: set() for f in doc["files"]}
    for f in doc["findings"]:
        out[Path(f["path"]).name].add(f["code"])
    return out, doc


SIGNED = {
    "library.txt": "12月のおはなし会は14日（土）午前10時からです。どなたでもどうぞ。（逗子市立図書館）\n",
    "kominkan.txt": "公民館まつりの出展団体を募集しています。\n沼間公民館\n",
    "museum.txt": "冬の企画展「海と暮らし」を開催中です。\n逗子市郷土資料館\n",
    "hokenjo.txt": "ノロウイルスによる食中毒に注意しましょう。手洗いが大切です。（鎌倉保健福祉事務所）\n",
    "center.txt": "子育て支援センターの冬休みのお知らせです。（逗子市子育て支援センター）\n",
    "bijutsukan.txt": "今週末は入館無料です。（逗子市立美術館）\n",
}

UNSIGNED = {
    "bare.txt": "明日は燃えるごみの収集日です。朝8時30分までに出してください。\n",
    "library-mention.txt": "図書の返却はお近くのポストへどうぞ。\n",  # no facility signs it
}


def test_facilities_sign_their_posts(tmp_path):
    for name, body in {**SIGNED, **UNSIGNED}.items():
        (tmp_path / name).write_text(HEAD + body, encoding="utf-8")
    got, _ = codes_by_file(tmp_path)
    for name in SIGNED:
        assert "FORM009" not in got[name], name
    for name in UNSIGNED:
        assert "FORM009" in got[name], name


def test_hint_is_a_filled_example_that_passes_when_pasted(tmp_path):
    (tmp_path / "d.txt").write_text(HEAD + UNSIGNED["bare.txt"], encoding="utf-8")
    _, doc = codes_by_file(tmp_path)
    (f,) = [f for f in doc["findings"] if f["code"] == "FORM009"]
    assert "〇〇" not in f["hint"]
    example = f["hint"].split("例:")[1].split("、")[0]
    assert example == "（問い合わせ：広報課）"
    (tmp_path / "d.txt").write_text(HEAD + UNSIGNED["bare.txt"].rstrip("\n") + example + "\n", encoding="utf-8")
    got, _ = codes_by_file(tmp_path)
    assert not {"FORM008", "FORM009", "PII001"} & got["d.txt"], got


def test_the_accounts_own_name_signs_the_post(tmp_path):
    (tmp_path / "zushi-library.yaml").write_text(
        "extends: zushi\nid: zushi-library\nname: 逗子市\naccounts:\n"
        "  - platform: x\n    handle: '@zushi_lib'\n    name: ずし図書室だより\n",
        encoding="utf-8",
    )
    body = "新着図書のご案内です。今月は郷土の本を集めました。\n#ずし図書室だより\n"
    (tmp_path / "d.txt").write_text(
        "---\nplatform: x\naccount: '@zushi_lib'\nscheduled_at: 2026-12-02T10:00\n---\n" + body, encoding="utf-8"
    )
    got, _ = codes_by_file(tmp_path, "--policy", "zushi-library.yaml")
    assert "FORM009" not in got["d.txt"]
    (tmp_path / "d.txt").write_text(
        "---\nplatform: x\naccount: '@zushi_lib'\nscheduled_at: 2026-12-02T10:00\n---\n新着図書のご案内です。\n", encoding="utf-8"
    )
    got, _ = codes_by_file(tmp_path, "--policy", "zushi-library.yaml")
    assert "FORM009" in got["d.txt"]
