"""benchmarks/data/own_eval.jsonl is a usable evaluation set, and benchmarks/own_eval.py reads it.

The set must cover every violation label the CAT rules answer for (about 25 texts each, about one
in ten marked hard), hold the benign city posts and chat lines the false-positive rates are
measured on, and stay separate from ../shared/dev-corpus (never a corpus line, never a long run
of one).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "own_eval.jsonl"
DATA_B = ROOT / "benchmarks" / "data" / "own_eval_b.jsonl"
CORPUS = ROOT.parent / "shared" / "dev-corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))
if not DATA.is_file():  # the sdist ships tests/ but not benchmarks/
    pytest.skip("benchmarks/ is not present", allow_module_level=True)

import own_eval  # noqa: E402

VIOLATIONS = ("political", "religious", "ad", "discrimination", "defamation", "provocation",
              "obscene_spam", "incitement", "rumor", "confidential", "personal_opinion")


def _rows() -> list[dict]:
    return own_eval.load(DATA) + own_eval.load(DATA_B)


@pytest.mark.parametrize(("path", "per_label", "hard_range", "benign", "chat"), [
    (DATA, (22, 30), (2, 4), 140, 55),
    (DATA_B, (9, 12), (1, 2), 35, 18),
])
def test_every_label_is_covered_and_mapped_to_a_cat_code(path, per_label, hard_range, benign, chat) -> None:
    rows = own_eval.load(path)
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == set(VIOLATIONS) | {"benign", "nontoxic"}
    for label in VIOLATIONS:
        assert per_label[0] <= labels[label] <= per_label[1], label
        assert own_eval.code_for(label) is not None and own_eval.code_for(label).startswith("CAT"), label
        hard = sum(1 for r in rows if r["label"] == label and r.get("hard"))
        assert hard_range[0] <= hard <= hard_range[1], (label, hard)
    assert labels["benign"] >= benign and labels["nontoxic"] >= chat
    assert own_eval.code_for("benign") is None and own_eval.code_for("nontoxic") is None


def test_rows_are_well_formed_and_distinct() -> None:
    rows = _rows()
    for r in rows:
        assert set(r) <= {"text", "label", "source", "hard"}, r
        assert r["text"].strip() == r["text"] and 5 <= len(r["text"]) <= 200, r["text"]
        assert r["source"] and r["source"].isascii(), r
        assert r.get("hard", True) is True
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/dev-corpus is not present")
def test_no_text_shares_a_long_run_with_the_dev_corpus() -> None:
    n = 20  # characters; longer than the stock phrases every city post shares
    corpus = set()
    for path in CORPUS.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                t = json.loads(line)["text"]
                corpus.update(t[i:i + n] for i in range(len(t) - n + 1))
    shared = [r["label"] for r in _rows()
              if any(r["text"][i:i + n] in corpus for i in range(len(r["text"]) - n + 1))]
    assert shared == []


def test_load_refuses_a_bad_line_with_a_one_line_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "本日は晴天です。", "label": "benign"}\n{"text": 3}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad.jsonl:2: .*needs text and label"):
        own_eval.load(bad)
    with pytest.raises(SystemExit, match="cannot read the evaluation set"):
        own_eval.load(tmp_path / "missing.jsonl")


def test_the_report_counts_a_catch_a_miss_and_a_false_positive(tmp_path: Path, capsys) -> None:
    data = tmp_path / "mini.jsonl"
    rows = [
        {"text": "来年の市長選挙では現職の佐藤候補に清き一票をお願いします！", "label": "political", "source": "flyer"},
        {"text": "今日の夕焼け、とてもきれいでした。", "label": "political", "source": "sns-reply", "hard": True},
        {"text": "燃やせるごみの収集日が年末年始は変わります。", "label": "benign", "source": "city-x"},
    ]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    status = own_eval.main(["--data", str(data), "-v"])
    out = capsys.readouterr().out
    assert status == 1  # 1 of 2 political texts caught: under the 60% target
    assert "political        CAT001   2   50.0%" in out
    assert "0/1" in out  # the hard case is the miss
    assert "今日の夕焼け" in out.split("misses")[1]
    assert "with a CAT warning or error:   0 =  0.0%" in out


def test_city_all_reports_once_per_bundled_policy(tmp_path: Path, capsys) -> None:
    from snslint.settings.policy import bundled_ids

    data = tmp_path / "mini.jsonl"
    data.write_text(json.dumps({"text": "市立図書館は月曜日が休館日です。", "label": "benign", "source": "city-x"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert own_eval.main(["--data", str(data), "--city", "all"]) == 0
    out = capsys.readouterr().out
    assert [line.split("policy ")[1].split()[0] for line in out.splitlines() if line.startswith("own evaluation set")] \
        == bundled_ids()
