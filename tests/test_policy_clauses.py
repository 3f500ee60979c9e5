"""Every bundled policy lists the clauses of its document that bear on posting, with coverage.

The quoted wording is checked against the source documents where they are checked out beside
the repository (``../shared/policy-sources`` from the repository root, as in CI; or
``SNSLINT_POLICY_SOURCES``), normalizing only spaces and line breaks: PDF extraction breaks
lines mid-sentence, nothing else may differ.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from snslint.errors import PolicyError
from snslint.settings.policy import PolicyClause, bundled_ids, clause_coverage, load_bundled, load_policy_file

CITIES = ["goshogawara", "kagoshima", "kisarazu", "mine", "zushi"]

SOURCE_FILES = {
    "kisarazu": "kisarazu.txt",
    "kagoshima": "kagoshima.txt",
    "zushi": "zushi.md",
    "goshogawara": "goshogawara.txt",
    "mine": "mine.txt",
}

REPO = Path(__file__).resolve().parents[1]


def sources_dir() -> Path:
    """``SNSLINT_POLICY_SOURCES``, else ``../shared/policy-sources`` beside the repository."""
    env = os.environ.get("SNSLINT_POLICY_SOURCES")
    return Path(env) if env else REPO.parent / "shared" / "policy-sources"


def _spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_five_are_all_bundled() -> None:
    assert bundled_ids() == CITIES


@pytest.mark.parametrize("city", CITIES)
def test_every_clause_is_quoted_from_the_document(city: str) -> None:
    folder = sources_dir()
    if not folder.is_dir():
        pytest.skip(f"source documents not found at {folder}")
    document = _spaceless((folder / SOURCE_FILES[city]).read_text(encoding="utf-8"))
    policy = load_bundled(city)
    assert len(policy.clauses) >= 15, city
    for clause in policy.clauses:
        for part in clause.text.split("…"):  # an ellipsis marks an omission
            assert _spaceless(part) in document, f"{city} {clause.ref}: not the document's words: {part}"


@pytest.mark.parametrize("city", CITIES)
def test_every_cited_clause_is_listed(city: str) -> None:
    policy = load_bundled(city)
    listed = [c.ref for c in policy.clauses]
    assert len(listed) == len(set(listed)), f"{city}: a clause is listed twice"
    for code, cfg in policy.rules.items():
        if cfg.clause is not None:
            assert cfg.clause.ref in listed, f"{city} {code} cites {cfg.clause.ref}, which clauses: does not list"
    assert clause_coverage(policy).unlisted == ()


@pytest.mark.parametrize("city", CITIES)
def test_coverage_as_declared_and_backed_by_enabled_rules(city: str) -> None:
    policy = load_bundled(city)
    for row in clause_coverage(policy).rows:
        assert row.coverage == row.clause.coverage, f"{city} {row.clause.ref}: its rules are all off"
        if row.coverage == "human":
            # An enabled rule citing a clause checks part of it: the clause is not human-only.
            assert not row.rules, f"{city} {row.clause.ref}: human, but {row.rules} check it"
        else:
            assert row.rules, f"{city} {row.clause.ref}: {row.coverage} without an enabled rule"


@pytest.mark.parametrize("city", CITIES)
def test_checklist_questions_are_short_japanese_questions(city: str) -> None:
    table = clause_coverage(load_bundled(city))
    items = table.checklist()
    assert 3 <= len(items) <= 10, f"{city}: {len(items)} questions"
    for row in items:
        q = row.clause.question
        assert q.endswith("か") or q.endswith("か）") or re.search(r"か（[^）]*）$", q), (city, q)
        assert len(q) <= 80, (city, q)
        assert re.search(r"[ぁ-ん]", q), q
        assert row.clause.question_en.endswith("?"), (city, row.clause.ref)
    for row in table.rows:
        if row.coverage == "partial":
            assert row.clause.left, (city, row.clause.ref)


def test_shares_sum_to_one_and_count_every_clause() -> None:
    for city in CITIES:
        table = clause_coverage(load_bundled(city))
        counts = table.counts()
        assert sum(counts.values()) == len(load_bundled(city).clauses)
        assert abs(sum(table.shares().values()) - 1.0) < 1e-9


def test_goshogawara_asks_for_approval_and_copyright() -> None:
    table = clause_coverage(load_bundled("goshogawara"))
    by_ref = {r.clause.ref: r for r in table.rows}
    assert by_ref["第8条(1)"].coverage == "human"  # FORM006 is off: a person checks approval
    assert by_ref["第8条(1)"].off_rules == ("FORM006",)
    assert by_ref["第9条(5)"].coverage == "human"
    assert "著作権" in by_ref["第9条(5)"].question
    assert by_ref["第6条"].coverage == "automatic"
    assert by_ref["第6条"].rules == ("TIME001", "TIME002")


# --------------------------------------------------------------------------- the model


def test_human_clause_needs_a_question() -> None:
    with pytest.raises(ValueError):
        PolicyClause(ref="第1条", text="写真の著作権", coverage="human")
    assert PolicyClause(ref="第1条", text="写真の著作権", coverage="human", question="著作権を確認しましたか").question


def test_partial_clause_must_say_what_is_left() -> None:
    with pytest.raises(ValueError):
        PolicyClause(ref="第1条", text="正確な情報", coverage="partial", rules=["FORM008"])


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "city.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_turning_a_rule_off_moves_its_clause_to_people(tmp_path: Path) -> None:
    # A deployment that turns off the DM rule: 第7条2 is then only a person's to check,
    # with a question built from the clause.
    policy = load_policy_file(_write(tmp_path, "extends: goshogawara\nid: g2\nrules:\n  FORM005: off\n"))
    row = {r.clause.ref: r for r in clause_coverage(policy).rows}["第7条2"]
    assert row.coverage == "human" and row.off_rules == ("FORM005",)
    assert row.on_checklist
    assert row.question.startswith("第7条2「運用者及び利用者は") and row.question.endswith("に反していませんか")


def test_unknown_coverage_is_a_policy_error_with_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id: t\nname: 試験市\nsource: {title: 試験市SNS運用方針}\nclauses:\n"
        "  - ref: '1'\n    text: 政治活動\n    coverage: sometimes\n",
    )
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    assert err.value.line == 7  # the coverage key
    assert "clauses.0.coverage" in err.value.ja
