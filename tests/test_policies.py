"""The five bundled city policies, and how a broken or extending policy file is reported.

Where the shared source documents are checked out beside the repository
(``../shared/policy-sources``, or ``SNSLINT_POLICY_SOURCES``), every quoted clause is also
checked against the document's own words.
"""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path

import pytest

from snslint.errors import PolicyError
from snslint.findings import Severity
from snslint.rules.registry import check_policy
from snslint.settings.policy import bundled_ids, load_bundled, load_policy_file
from snslint.resources import data_dir

CITIES = ["goshogawara", "kagoshima", "kisarazu", "mine", "zushi"]

TITLES = {
    "kisarazu": "木更津市公式ソーシャルネットワーキングサービス運用方針",
    "kagoshima": "鹿児島市ソーシャルメディア運用ガイドライン",
    "zushi": "逗子市ソーシャルメディア利活用ガイドライン",
    "goshogawara": "五所川原市公式SNSページ運用方針",
    "mine": "美祢市公式ＳＮＳ運用方針",
}

EFFECTIVE = {
    "kisarazu": "令和６年２月２９日",
    "kagoshima": "",  # the guideline gives no date
    "zushi": "2024年(令和6年)3月改訂",
    "goshogawara": "令和8年4月2日",
    "mine": "令和７年８月１日",
}

DOMAINS = {
    "kisarazu": ["city.kisarazu.lg.jp"],
    "kagoshima": ["city.kagoshima.lg.jp"],
    "zushi": ["city.zushi.lg.jp"],
    "goshogawara": ["city.goshogawara.lg.jp"],
    "mine": ["city.mine.lg.jp"],
}

HOURS = {  # (start, end) on Mon-Fri; kagoshima's is the documented default
    "kisarazu": (time(8, 30), time(17, 15)),
    "kagoshima": (time(8, 30), time(17, 15)),
    "zushi": (time(8, 30), time(17, 0)),
    "goshogawara": (time(8, 30), time(17, 15)),
    "mine": (time(8, 30), time(17, 15)),
}

HOURS_REF = {
    "kisarazu": "6",
    "kagoshima": "5(9)",
    "zushi": "フェイスブック6",
    "goshogawara": "第6条",
    "mine": "第4 2(5)",
}

CODES = (
    [f"TIME{i:03d}" for i in range(1, 4)]
    + [f"URL{i:03d}" for i in range(1, 6)]
    + [f"PII{i:03d}" for i in range(1, 9)]
    + [f"CAT{i:03d}" for i in range(1, 12)]
    + [f"FORM{i:03d}" for i in range(1, 10)]
)

# An error may rest on a clause written for users' comments only where a city plainly cannot
# post what it forbids its users: political, religious, discriminatory, defamatory, obscene
# or illegal content (PII003: giving out a My Number is itself unlawful).
USERS_LIST_ERRORS = {"CAT001", "CAT002", "CAT004", "CAT005", "CAT006", "CAT007", "PII003"}

SOURCE_FILES = {
    "kisarazu": "kisarazu.txt",
    "kagoshima": "kagoshima.txt",
    "zushi": "zushi.md",
    "goshogawara": "goshogawara.txt",
    "mine": "mine.txt",
}


def _sources_dir() -> Path:
    env = os.environ.get("SNSLINT_POLICY_SOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "policy-sources"


def _squash(text: str) -> str:
    """Drop whitespace and Markdown emphasis: PDF extraction breaks lines mid-word."""
    return re.sub(r"[\s*]+", "", text)


# --------------------------------------------------------------------------- the five


def test_exactly_the_five_cities_are_bundled() -> None:
    assert bundled_ids() == CITIES


@pytest.mark.parametrize("city", CITIES)
def test_policy_loads_with_its_source(city: str) -> None:
    policy = load_bundled(city)
    assert policy.id == city
    assert policy.name == TITLES[city][: len(policy.name)]  # 市名 opens the title
    assert policy.name.endswith("市")
    assert policy.name_en.endswith("City")
    assert policy.source.title == TITLES[city]
    assert policy.source.effective == EFFECTIVE[city]
    assert policy.timezone == "Asia/Tokyo"
    assert policy.extends is None


@pytest.mark.parametrize("city", CITIES)
def test_every_catalog_rule_is_configured(city: str) -> None:
    policy = load_bundled(city)
    missing = [code for code in CODES if code not in policy.rules]
    assert not missing, f"{city} does not configure {missing}"
    assert "TIME004" not in policy.rules  # planned, not built


@pytest.mark.parametrize("city", CITIES)
def test_every_error_cites_a_clause_of_the_document(city: str) -> None:
    policy = load_bundled(city)
    errors = {code: cfg for code, cfg in policy.rules.items() if cfg.severity == Severity.ERROR}
    assert errors, city
    for code, cfg in errors.items():
        assert cfg.clause is not None and cfg.clause.ref and cfg.clause.text, (city, code)
        if cfg.clause.users_list:
            assert code in USERS_LIST_ERRORS, f"{city} {code}: an error on a users' list clause"


@pytest.mark.parametrize("city", CITIES)
def test_every_clause_quotes_the_document(city: str) -> None:
    folder = _sources_dir()
    if not folder.is_dir():
        pytest.skip(f"source documents not found at {folder} (set SNSLINT_POLICY_SOURCES)")
    policy = load_bundled(city)
    document = _squash((folder / SOURCE_FILES[city]).read_text(encoding="utf-8"))
    assert _squash(policy.source.title) in document
    hours = policy.posting_hours
    clauses = [("posting_hours", hours.clause), ("exception", hours.exception)]
    clauses += [(code, cfg.clause) for code, cfg in policy.rules.items()]
    quoted = 0
    for where, clause in clauses:
        if clause is None:
            continue
        for part in clause.text.split("…"):  # an ellipsis marks an omission
            assert _squash(part) in document, f"{city} {where} {clause.ref}: not the document's words: {part}"
        quoted += 1
    assert quoted >= 20


@pytest.mark.parametrize("city", CITIES)
def test_official_domains(city: str) -> None:
    policy = load_bundled(city)
    assert policy.official_domains == DOMAINS[city]
    assert set(policy.official_domains).isdisjoint(policy.trusted_domains)
    assert policy.official_contacts.mail_domains == DOMAINS[city]


@pytest.mark.parametrize("city", CITIES)
def test_posting_hours(city: str) -> None:
    hours = load_bundled(city).posting_hours
    assert (hours.start, hours.end) == HOURS[city]
    assert hours.days == ["mon", "tue", "wed", "thu", "fri"]
    assert hours.closed.national_holidays is True
    assert hours.closed.year_end is not None
    assert (hours.closed.year_end.start, hours.closed.year_end.end) == ("12-29", "01-03")
    assert hours.clause is not None and HOURS_REF[city] in hours.clause.ref
    assert hours.exception is not None and hours.exception.text


@pytest.mark.parametrize("city", ["kisarazu", "zushi", "goshogawara", "mine"])
def test_hours_set_by_the_document_are_errors(city: str) -> None:
    policy = load_bundled(city)
    for code in ("TIME001", "TIME002"):
        cfg = policy.rules[code]
        assert cfg.severity == Severity.ERROR
        assert cfg.clause == policy.posting_hours.clause


def test_kagoshima_hours_are_a_default_so_only_a_warning() -> None:
    policy = load_bundled("kagoshima")
    assert policy.accounts == []
    for code in ("TIME001", "TIME002"):
        assert policy.rules[code].severity == Severity.WARNING
        assert policy.rules[code].clause.ref == "5(9)"
    assert "3(1)エ" in policy.posting_hours.clause.ref


def test_url_shorteners_error_only_where_the_document_forbids_them() -> None:
    kagoshima = load_bundled("kagoshima").rules["URL001"]
    assert kagoshima.severity == Severity.ERROR
    assert kagoshima.clause.ref == "5(7)"
    assert "ＵＲＬ短縮サービス" in kagoshima.clause.text
    for city in ("kisarazu", "zushi", "goshogawara", "mine"):
        cfg = load_bundled(city).rules["URL001"]
        assert cfg.severity == Severity.WARNING, city
        assert cfg.clause is None, city


def test_zushi_publishes_its_contacts() -> None:
    contacts = load_bundled("zushi").official_contacts
    assert contacts.phones == ["046-873-1111", "046-873-4520", "046-872-4520"]
    assert contacts.mail_domains == ["city.zushi.lg.jp"]


def test_cities_that_publish_no_phone_list_none() -> None:
    for city in ("kisarazu", "kagoshima", "goshogawara", "mine"):
        assert load_bundled(city).official_contacts.phones == [], city


def test_kisarazu_accounts_from_section_3() -> None:
    policy = load_bundled("kisarazu")
    assert [a.platform for a in policy.accounts] == ["facebook", "x", "youtube", "line"]
    assert all(a.replies is False for a in policy.accounts)  # 8 原則返信しない
    x = policy.account_for("@kisarazu_city", None)
    assert x is not None and x.url == "https://twitter.com/kisarazu_city"
    assert policy.account_for(None, "line").url == "https://page.line.me/kisarazu"


def test_mine_accounts_from_4_2_1() -> None:
    policy = load_bundled("mine")
    x = policy.account_for("mine_citykouhou", None)  # handles compare without @ and case
    assert x is not None and x.platform == "x" and x.url == "https://x.com/mine_citykouhou"
    insta = policy.account_for(None, "instagram")
    assert insta is not None and insta.url == "https://www.instagram.com/minecity_official"
    assert all(a.replies is False for a in policy.accounts)  # 第4 2(6)


def test_goshogawara_pages_from_the_table() -> None:
    policy = load_bundled("goshogawara")
    assert policy.account_for(None, "line").handle == "五所川原市"
    assert policy.account_for("もぐもぐ五所川原", None).platform == "instagram"
    assert policy.account_for(None, "facebook") is None  # two pages: ask for the handle


def test_users_list_marks_clauses_written_for_users() -> None:
    kisarazu = load_bundled("kisarazu").rules
    assert kisarazu["CAT001"].clause.users_list is True  # 10: 利用者に対する禁止事項
    assert kisarazu["CAT001"].severity == Severity.ERROR
    assert kisarazu["CAT003"].severity == Severity.WARNING  # advertising: milder
    goshogawara = load_bundled("goshogawara").rules
    assert goshogawara["CAT001"].clause.users_list is False  # 第9条 binds 運用者 too
    assert goshogawara["CAT001"].clause.ref == "第9条(4)"


def test_mine_allows_some_advertising() -> None:
    cfg = load_bundled("mine").rules["CAT003"]
    assert cfg.severity != "off" and cfg.severity.rank <= Severity.WARNING.rank
    assert "2(2)エ" in cfg.note and "2(4)ウ" in cfg.note


def test_form_rules_follow_the_documents() -> None:
    p = {city: load_bundled(city).rules for city in CITIES}
    assert p["zushi"]["FORM003"].severity == Severity.ERROR and p["zushi"]["FORM003"].clause.ref == "3-4(4)"
    assert p["goshogawara"]["FORM005"].clause.ref == "第7条2"
    assert [c for c in CITIES if p[c]["FORM005"].enabled] == ["goshogawara"]
    assert [c for c in CITIES if p[c]["FORM009"].enabled] == ["zushi"]
    assert p["zushi"]["FORM009"].severity == Severity.INFO
    assert p["zushi"]["FORM007"].clause.ref == "3-5(1)"
    for city in CITIES:
        approval = p[city]["FORM006"]
        assert not approval.enabled, city
        assert approval.clause is not None, f"{city}: FORM006 names the clause a deployment turns on"
    refs = {c: p[c]["FORM004"].clause.ref for c in CITIES if p[c]["FORM004"].clause}
    assert refs["kisarazu"] == "8" and refs["goshogawara"] == "第8条2" and refs["mine"] == "第4 2(6)"


# --------------------------------------------------------------------------- errors

MINIMAL = "id: testcity\nname: テスト市\nsource:\n  title: テスト市SNS運用方針\n"


def _write(tmp_path: Path, text: str, name: str = "city.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        check_policy(load_policy_file(path))  # the schema, then the rule entries
    err = info.value
    assert err.path == str(path)
    return err


def test_minimal_policy_loads(tmp_path: Path) -> None:
    policy = load_policy_file(_write(tmp_path, MINIMAL))
    assert policy.id == "testcity" and policy.rules == {}


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, MINIMAL + "official_domains: [city.test.lg.jp\nrules: {}\n"))
    assert err.line is not None and err.line >= 5
    assert "YAML" in err.ja


def test_wrong_type_names_field_and_line(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, MINIMAL + 'posting_hours:\n  start: "25:99"\n'))
    assert "posting_hours.start" in err.en and "posting_hours.start" in err.ja
    assert err.line == 6


def test_unquoted_time_is_a_policy_error(tmp_path: Path) -> None:
    # YAML 1.1 reads 17:15 as the base-60 number 1035.
    err = _error(_write(tmp_path, MINIMAL + 'posting_hours:\n  start: "08:30"\n  end: 17:15\n'))
    assert "posting_hours.end" in err.en and err.line == 7
    assert '"17:15"' in err.en


def test_unknown_key_names_it(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, MINIMAL + "colour: red\n"))
    assert "colour" in err.ja and "unknown" in err.en
    assert err.line == 5


def test_unknown_rule_code(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, MINIMAL + "rules:\n  CAT001: warning\n  XYZ999: warning\n"))
    assert "XYZ999" in err.ja and "XYZ999" in err.en
    assert err.line == 7


def test_the_engine_refuses_a_bad_rule_entry_before_the_first_draft(tmp_path: Path) -> None:
    # A library caller that loads a policy and checks drafts without the CLI: the engine asks
    # the registry before the policy's first draft, so the unknown code is not silently run
    # without, and the error names the policy file and the entry's line.
    from snslint.lint.engine import CheckOptions, check_draft, check_path
    from snslint.input.draft import parse_draft
    from snslint.settings.chooser import PolicySource

    bad = _write(tmp_path, MINIMAL + "rules:\n  CAT001: warning\n  XYZ999: warning\n")
    draft = _write(tmp_path, "【お知らせ】\n市民プールは12月から休館します。\n", "a.txt")
    result = check_path(str(draft), PolicySource(policy_file=str(bad)), CheckOptions())
    assert isinstance(result.error, PolicyError) and result.findings == []
    assert (result.error.path, result.error.line) == (str(bad), 7) and "XYZ999" in result.error.en
    with pytest.raises(PolicyError, match="XYZ999"):
        check_draft(parse_draft("a.txt", draft.read_bytes()), load_policy_file(bad), CheckOptions())


def test_error_without_clause_is_refused(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, MINIMAL + "rules:\n  URL001:\n    severity: warning\n  CAT001:\n    severity: error\n"))
    assert "CAT001" in err.en and "clause" in err.en
    assert err.line == 8


def test_unknown_extends_target(tmp_path: Path) -> None:
    err = _error(_write(tmp_path, "extends: osaka\nid: osaka\n"))
    assert "osaka" in err.ja and err.line == 1
    for city in CITIES:
        assert city in err.en


def test_unknown_city_lists_the_five() -> None:
    with pytest.raises(PolicyError) as info:
        load_bundled("osaka")
    for city in CITIES:
        assert city in info.value.ja and city in info.value.en


# --------------------------------------------------------------------------- extends


def test_extends_kagoshima_overrides_hours_and_rules(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "\n".join(
            [
                "extends: kagoshima",
                "id: kagoshima-kouhou",
                "posting_hours:",
                '  start: "09:00"',
                '  end: "18:00"',
                "accounts:",
                "  - platform: x",
                '    handle: "@kagoshima_kouhou"',
                "    replies: false",
                '    posting_hours: {days: [mon, tue, wed, thu, fri, sat], start: "10:00", end: "16:00"}',
                "rules:",
                "  URL001: off",
                "  TIME001: {severity: error}",
                "",
            ]
        ),
    )
    policy = load_policy_file(path)
    base = load_bundled("kagoshima")
    assert policy.id == "kagoshima-kouhou"
    assert policy.extends == "kagoshima"
    # mappings merge key by key: the hours change, their clause and closed days stay
    assert (policy.posting_hours.start, policy.posting_hours.end) == (time(9, 0), time(18, 0))
    assert policy.posting_hours.clause == base.posting_hours.clause
    assert policy.posting_hours.closed == base.posting_hours.closed
    # a rule turned off; a rule raised to error keeps the bundled clause it needs
    assert not policy.rules["URL001"].enabled
    assert policy.rules["TIME001"].severity == Severity.ERROR
    assert policy.rules["TIME001"].clause == base.rules["TIME001"].clause
    # everything else as bundled
    assert policy.rules["CAT004"] == base.rules["CAT004"]
    assert len(policy.rules) == len(base.rules)
    assert policy.source == base.source and policy.official_domains == base.official_domains
    # lists replace: the account and its own hours
    account = policy.account_for("@kagoshima_kouhou", None)
    assert account is not None and account.replies is False
    assert account.posting_hours.start == time(10, 0) and "sat" in account.posting_hours.days


def test_extends_error_in_the_child_names_the_child_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "extends: goshogawara\nid: goshogawara-lib\nrules:\n  FORM006: error\n")
    # FORM006 is off in goshogawara but carries its clause (第8条(1)): raising it is allowed
    assert load_policy_file(path).rules["FORM006"].severity == Severity.ERROR
    bad = _write(tmp_path, "extends: goshogawara\nid: x\nrules:\n  CAT999: warning\n", "bad.yaml")
    err = _error(bad)
    assert "CAT999" in err.en and err.line == 4


def _readme_examples() -> list[str]:
    readme = (data_dir("policies") / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    return [b for b in blocks if b.lstrip().startswith("extends:")]


@pytest.mark.parametrize("index", range(len(_readme_examples())))
def test_readme_extends_examples_load(tmp_path: Path, index: int) -> None:
    text = _readme_examples()[index]
    policy = load_policy_file(_write(tmp_path, text))
    assert policy.extends in CITIES


def test_readme_has_extends_examples() -> None:
    assert len(_readme_examples()) >= 2
