"""The masking pass (snslint.lint.redaction): no report, file or cache entry shows personal data.

First the cases the issue found one by one (FORM009's first line, FORM001's overflow, rich
source lines when the PII rules did not run, a comment on the ``scheduled_at:`` line under
TIME002, the cache's files), then a property test: drafts generated with My Numbers, phone
numbers, e-mail addresses, card numbers and passwords beside other violations (shortened
URLs, campaigning, over-long X posts, front-matter comments, suppression reasons), checked in
every format, with and without ``--select``/``--ignore`` and the cache; no raw value may
appear in stdout, stderr, the ``--output`` file or any file of ``.snslint_cache``.
"""

from __future__ import annotations

import os
import random
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from snslint.text.check_digits import luhn_valid, my_number_check_digit
from snslint.cli import app
from snslint.lint.redaction import Masker, mask_free_text
from support import result

PHONE = "090-3141-5926"
MAIL = "sakura.hanako@gmail.com"
MY_NUMBER = "12345678901" + str(my_number_check_digit("12345678901"))
CARD = "4111-1111-1111-1111"
PASSWORD = "Hana2026spring"
RAW = (PHONE, MAIL, MY_NUMBER, CARD, PASSWORD)
LINE = f"申込は実行委員 {PHONE}、{MAIL}、番号 {MY_NUMBER}、カード {CARD}、パスワード：{PASSWORD} まで。"


def invoke(tmp: Path, *args: str) -> tuple[int, str]:
    """Run ``snslint`` in ``tmp`` (the cache lands there); ``(exit code, stdout + stderr +
    every file the run wrote)``."""
    old = os.getcwd()
    os.chdir(tmp)
    try:
        res = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    written = []
    for path in sorted(tmp.rglob("*")):
        if path.is_file() and path.suffix not in (".txt", ".md"):
            written.append(path.read_bytes().decode("utf-8", "replace"))
    out = tmp / "out.report"
    return res.exit_code, res.stdout + res.stderr + "\n".join(written) + (out.read_text("utf-8") if out.exists() else "")


def leaks(output: str, raw_values: tuple[str, ...] = RAW) -> list[str]:
    """The raw values (as written, NFKC, or digits only for numbers) found in ``output``."""
    found = []
    for raw in raw_values:
        forms = {raw, unicodedata.normalize("NFKC", raw)}
        digits = "".join(ch for ch in unicodedata.normalize("NFKC", raw) if ch.isdigit())
        if len(digits) >= 8:
            forms.add(digits)
        found += [form for form in forms if form in output]
    return found


# --------------------------------------------------------------------------- the cases


def test_form009_text_quotes_the_first_line_masked() -> None:
    r = result(f"{LINE}\n図書館でおはなし会を開きます。\n", "zushi", at="2026-12-02T10:00")
    form009 = [f for f in r.findings if f.code == "FORM009"]
    assert form009 and "申込は実行委員" in form009[0].text
    assert not leaks(form009[0].text)
    assert "090-****-5926" in form009[0].text and "****-****-****-1111" in form009[0].text


def test_form001_overflow_of_a_long_x_post_is_masked() -> None:
    body = "市民会館で防災講演会を開催します。" * 9 + LINE
    r = result(body, "kisarazu", platform="x", at="2026-12-02T10:00")
    over = [f for f in r.findings if f.code == "FORM001"]
    assert over and over[0].end - over[0].start > 30
    assert not leaks(over[0].text)


@pytest.mark.parametrize("select", ["URL", "CAT", "FORM009"])
def test_rich_source_lines_are_masked_when_no_pii_rule_runs(tmp_path: Path, select: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # wide enough to show the whole line, uncut
    (tmp_path / "d.txt").write_text(
        "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n"
        f"{LINE} https://bit.ly/3xYz 来年の市長選挙では現職の佐藤候補に清き一票をお願いします！\n",
        encoding="utf-8",
    )
    code, out = invoke(tmp_path, "check", "d.txt", "--format", "rich", "--select", select, "--no-cache")
    shown = {"URL": "bit.ly/3xYz", "CAT": "清き一票", "FORM009": "申込は実行委員"}[select]
    assert code in (0, 1) and shown in out, out  # the source line (cut around the span) is shown
    assert not leaks(out), out


@pytest.mark.parametrize("ignore", [["--ignore", "PII001,PII002,PII004"], ["--ignore", "PII"]])
def test_ignored_pii_rules_still_mask(tmp_path: Path, ignore: list[str]) -> None:
    (tmp_path / "d.txt").write_text(f"---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n{LINE}\n", encoding="utf-8")
    for fmt in ("rich", "concise", "json", "sarif", "github"):
        code, out = invoke(tmp_path, "check", "d.txt", "--format", fmt, *ignore)
        assert code in (0, 1) and not leaks(out), (fmt, out)


def test_config_ignore_pii_still_masks(tmp_path: Path) -> None:
    (tmp_path / "snslint.toml").write_text('ignore = ["PII"]\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text(f"---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n{LINE}\n", encoding="utf-8")
    code, out = invoke(tmp_path, "check", "d.txt", "--format", "rich")
    assert code in (0, 1) and "申込は実行委員" in out and not leaks(out), out


def test_a_comment_on_the_scheduled_at_line_is_masked_under_time002(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(
        f"---\ncity: goshogawara\nscheduled_at: 2026-11-23T18:30  # 連絡 {PHONE} {MAIL}\n---\n"
        "体育祭を開催します。\n",
        encoding="utf-8",
    )
    code, out = invoke(tmp_path, "check", "d.txt", "--format", "rich", "--select", "TIME002", "--no-cache")
    assert code == 1 and "TIME002" in out and "# 連絡 090-****-5926" in out, out
    assert not leaks(out), out


def test_the_cache_holds_no_raw_value(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(
        f"---\ncity: zushi\nplatform: x\nscheduled_at: 2026-12-02T10:00 # {PHONE}\n---\n"
        + LINE + "\n" + "市民会館で防災講演会を開催します。" * 12 + LINE + "\n",
        encoding="utf-8",
    )
    first = invoke(tmp_path, "check", "d.txt", "--format", "json")
    cache_files = [p for p in (tmp_path / ".snslint_cache").rglob("*") if p.is_file()]
    assert any(p.suffix in (".lines", ".pack") for p in cache_files)
    blob = "".join(p.read_bytes().decode("utf-8", "replace") for p in cache_files)
    assert "FORM009" in blob and not leaks(blob)
    second = invoke(tmp_path, "check", "d.txt", "--format", "json")
    assert first == second and not leaks(second[1])


def test_input_error_quoting_a_front_matter_value_is_masked(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(f"---\ncity: zushi\nscheduled_at: {PHONE}\n---\n本文\n", encoding="utf-8")
    for fmt in ("rich", "concise", "json", "sarif", "github"):
        code, out = invoke(tmp_path, "check", "d.txt", "--format", fmt)
        assert code == 2 and not leaks(out), (fmt, out)


def test_masker_free_text_and_spans() -> None:
    text = f"連絡は {PHONE} まで（携帯 ０９０－３１４１－５９２６）"
    start = text.index(PHONE)
    masker = Masker(text, [(start, start + len(PHONE), "090-****-5926")])
    # The raw value and its NFKC form in a message are masked; a span cut through it too.
    assert masker.free(f"「{PHONE}」") == "「090-****-5926」"
    assert masker.span(0, start + 5) == text[:start] + "*****"
    # The full-width number is no redaction here: the patterns still find it.
    assert "３１４１" not in masker.free(text)
    # Idempotent, and harmless on text without values.
    assert masker.free(masker.free(text)) == masker.free(text)
    assert mask_free_text("令和8年12月2日 10:00 市民会館") == "令和8年12月2日 10:00 市民会館"


# --------------------------------------------------------------------------- property test


def _phone(rng: random.Random) -> str:
    a, b = rng.randint(1000, 9999), rng.randint(1000, 9999)
    return rng.choice(["{p}-{a}-{b}", "{p}{a}{b}", "{p} {a} {b}"]).format(p=rng.choice(["070", "080", "090"]), a=a, b=b)


def _my_number(rng: random.Random) -> str:
    base = "".join(rng.choice("0123456789") for _ in range(11))
    n = base + str(my_number_check_digit(base))
    return rng.choice(["", "-", " "]).join((n[:4], n[4:8], n[8:]))


def _card(rng: random.Random) -> str:
    while True:
        n = "4" + "".join(rng.choice("0123456789") for _ in range(15))
        if luhn_valid(n):
            return "-".join(n[i : i + 4] for i in range(0, 16, 4))


def _mail(rng: random.Random) -> str:
    local = "".join(rng.choice("abcdefghijkmnpqrstuvwxyz") for _ in range(rng.randint(6, 10)))
    return f"{local}{rng.randint(10, 99)}@{rng.choice(['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp'])}"


def _password(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRabcdefghjkmnpqr23456789") for _ in range(rng.randint(9, 14)))


VIOLATIONS = [
    "詳しくは https://bit.ly/3kXw9Qz をご覧ください。",
    "来年の市長選挙では現職の佐藤候補に清き一票をお願いします！",
    "今だけ全品半額、お得なキャンペーン実施中！",
    "○月○日に開催します。",
]


@st.composite
def drafts(draw):
    """A draft with personal values in the body (first line, beside violations, past X's
    limit) and in front-matter comments and a suppression reason; the raw values too."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    values = {
        "phone": _phone(rng), "my": _my_number(rng), "card": _card(rng), "mail": _mail(rng), "pw": _password(rng),
    }
    snippets = [
        f"携帯 {values['phone']} まで",
        f"個人番号 {values['my']} を記入",
        f"カード番号 {values['card']} で決済",
        f"連絡先 {values['mail']} へ",
        f"パスワード：{values['pw']}。",
    ]
    rng.shuffle(snippets)
    lines = []
    for i, snip in enumerate(snippets):
        where = draw(st.sampled_from(["alone", "before", "after"]))
        v = VIOLATIONS[(i + draw(st.integers(0, 3))) % len(VIOLATIONS)]
        lines.append(snip if where == "alone" else f"{v}{snip}" if where == "before" else f"{snip}、{v}")
    if draw(st.booleans()):  # an over-long X post: the values past the limit
        lines.insert(0, "市民会館で防災講演会を開催します。" * draw(st.integers(8, 12)))
    city = draw(st.sampled_from(["zushi", "goshogawara", "kagoshima", "kisarazu", "mine"]))
    comment = draw(st.sampled_from(["", f"  # 担当 {values['phone']}", f"  # {values['mail']} パスワード：{values['pw']}"]))
    fm = [f"city: {city}", "platform: x", f"scheduled_at: {draw(st.sampled_from(['2026-11-23T18:30', '2026-12-02T10:00']))}{comment}"]
    if draw(st.booleans()):
        fm += ["snslint:", "  ignore:", "    - code: URL001", f"      reason: 担当 {values['phone']} が了承（{values['mail']}）"]
    return "---\n" + "\n".join(fm) + "\n---\n" + "\n".join(lines) + "\n", tuple(values.values())


OPTIONS = [[], ["--select", "URL"], ["--select", "CAT,FORM"], ["--select", "TIME"], ["--ignore", "PII"],
           ["--ignore", "PII001,PII002,PII004"], ["--show-suppressed"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    draft=drafts(),
    fmt=st.sampled_from(["rich", "concise", "json", "sarif", "github"]),
    options=st.sampled_from(OPTIONS),
    cache=st.booleans(),
    to_file=st.booleans(),
)
def test_no_raw_value_in_any_format_option_or_file(draft, fmt, options, cache, to_file) -> None:
    text, raw = draft
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "draft.txt").write_text(text, encoding="utf-8")
        args = ["check", "draft.txt", "--format", fmt, *options]
        args += [] if cache else ["--no-cache"]
        args += ["--output", "out.report"] if to_file else []
        runs = [invoke(folder, *args)] + ([invoke(folder, *args)] if cache else [])  # the second run reads the cache
        for code, out in runs:
            assert code in (0, 1), out
            assert not leaks(out, raw), (leaks(out, raw), out)
        if cache:
            assert runs[0] == runs[1]


def test_an_older_cache_layout_is_deleted_on_the_first_write(tmp_path: Path) -> None:
    old = tmp_path / ".snslint_cache" / "v2"
    old.mkdir(parents=True)
    (old / "results.pack").write_text(f"an entry of an older snslint quoting {PHONE}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(f"---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n{LINE}\n", encoding="utf-8")
    code, out = invoke(tmp_path, "check", "d.txt", "--format", "json")
    assert code in (0, 1) and not old.exists() and not leaks(out)


def test_masking_twice_changes_nothing_even_for_a_one_character_value() -> None:
    masker = Masker("森さんへ", [(0, 1, "森*")])
    once = masker.free("森さんへ 090-3141-5926")
    assert masker.free(once) == once


SENSITIVE_CODES = sorted(code for code, rule in __import__("snslint.rules.registry", fromlist=["registry"]).registry().items() if rule.sensitive)


@pytest.mark.parametrize("code", SENSITIVE_CODES)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_shows_a_personal_data_rules_examples_masked(code: str, fmt: str) -> None:
    """The example drafts of PII rules are made up, but a made-up My Number with a valid check
    digit is still one: ``snslint explain`` masks them as a report would, in both formats."""
    from snslint.cli import app
    from snslint.text.pii import find_personal_values

    result = CliRunner().invoke(app, ["explain", code, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "*" in result.output  # the examples are there, masked
    for line in result.output.splitlines():
        assert not find_personal_values(line), (code, line)
