"""What a cold ``snslint check`` imports: only what the run needs (issue 20).

A pre-commit hook pays every import on every commit, so the machine formats (json, concise,
github) must not load rich, a draft without a link must not load the Public Suffix List, and a
draft without non-ASCII hosts must not load the confusables table. Each case runs the real
command in a fresh interpreter and reads ``sys.modules`` at exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import atexit, json, sys
    OUT, REPORT = sys.argv.pop(1), sys.argv.pop(1)
    def _dump():
        scope = {}
        exec(REPORT, scope)
        with open(OUT, "w") as fh:
            json.dump(scope["value"], fh)
    atexit.register(_dump)
    from snslint.cli import main
    main()
    """
)
"""Runs ``snslint`` with the arguments after its first two; at exit, runs the second (Python
that sets ``value``) and writes ``value`` as JSON to the file named by the first."""

MODULES = "import sys\nvalue = sorted(sys.modules)"
LEXICON_BUILT = "from snslint.text.lexicon import LexiconSpec\nvalue = LexiconSpec.__pydantic_complete__"
FRONT_MATTER_BUILT = "from snslint.input.draft import FrontMatter\nvalue = FrontMatter.__pydantic_complete__"
CONFIG_BUILT = "from snslint.settings.config import ConfigModel\nvalue = ConfigModel.__pydantic_complete__"
PATTERNS_COMPILED = textwrap.dedent(
    """
    from snslint.rules.form import characters, sender
    value = [sender._patterns.cache_info().currsize, characters._machine_dependent.cache_info().currsize]
    """
)
VALIDATORS_BUILT = textwrap.dedent(
    """
    from pydantic import BaseModel
    built = set()
    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("snslint") and sub.__dict__.get("__pydantic_complete__"):
                built.add(f"{sub.__module__}.{sub.__qualname__}")
            walk(sub)
    walk(BaseModel)
    value = sorted(built)
    """
)


def run_probe(cwd: Path, report: str, *args: str) -> tuple[subprocess.CompletedProcess, object]:
    """Run ``snslint ARGS`` in a fresh interpreter in ``cwd``; its result and the ``value``
    that ``report`` computed at exit (see :data:`PROBE`)."""
    out = cwd / "probe.json"
    out.unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(out), report, *args], cwd=cwd, capture_output=True, text=True)
    return proc, json.loads(out.read_text()) if out.exists() else None


NO_LINK = (
    "---\ncity: goshogawara\nplatform: x\nscheduled_at: 2026-12-07T10:00\n---\n"
    "【除雪のお知らせ】\n12月8日（火）の朝から市内の幹線道路で除雪作業を行います。"
    "路上駐車はお控えください。\n"
)
WITH_LINK = NO_LINK.replace("お控えください。", "お控えください。詳しくは https://www.city.goshogawara.lg.jp/ をご覧ください。")


def modules_after(tmp_path: Path, text: str, *args: str) -> set[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    proc, modules = run_probe(tmp_path, MODULES, "check", str(draft), "--no-cache", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return set(modules)


@pytest.mark.parametrize("fmt", ["json", "concise", "github"])
def test_machine_formats_do_not_import_rich(tmp_path: Path, fmt: str) -> None:
    mods = modules_after(tmp_path, NO_LINK, "--format", fmt)
    assert "snslint.lint.engine" in mods  # the check really ran
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}


def test_rich_format_does_import_rich(tmp_path: Path) -> None:
    # the probe itself, so that the test above cannot pass because rich is never seen
    mods = modules_after(tmp_path, NO_LINK, "--format", "rich")
    assert "rich.console" in mods


def test_link_machinery_only_for_a_draft_with_a_link(tmp_path: Path) -> None:
    without = modules_after(tmp_path, NO_LINK, "--format", "json")
    assert "publicsuffixlist" not in without
    assert "confusable_homoglyphs" not in without
    with_link = modules_after(tmp_path, WITH_LINK, "--format", "json")
    assert "publicsuffixlist" in with_link
    # an ASCII host needs no confusables table (URL004 looks only at non-ASCII hosts)
    assert "confusable_homoglyphs" not in with_link


TLD_TRIE_BUILT = textwrap.dedent(
    """
    from snslint.text import links
    value = [links._ascii_label.cache_info().currsize, links._tld_pattern.cache_info().currsize]
    """
)


def test_a_url_without_a_scheme_does_not_compile_the_whole_tld_trie(tmp_path: Path) -> None:
    # "www.city.goshogawara.lg.jp/..." without https:// is read with the small per-letter TLD
    # tries: the pattern of all 1,400-odd TLDs took about 50 ms to compile.
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_LINK.replace("https://www.", "www.").replace(".jp/", ".jp/kurashi/"), encoding="utf-8")
    proc, built = run_probe(tmp_path, TLD_TRIE_BUILT, "check", str(draft), "--no-cache", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert built == [1, 0]  # the scheme-less path ran; the whole trie was never built


@pytest.mark.parametrize(("city", "compiled"), [("goshogawara", [0, 0]), ("zushi", [1, 1])])
def test_a_rule_the_policy_leaves_off_compiles_no_pattern(tmp_path: Path, city: str, compiled: list[int]) -> None:
    # FORM009 (the sender's department) and FORM010 (machine-dependent characters) are zushi's
    # rules: their patterns compile on their first check, so a goshogawara run never pays them.
    draft = tmp_path / "draft.txt"
    draft.write_text(NO_LINK.split("---\n", 2)[2] + "（問い合わせ：土木課）\n", encoding="utf-8")
    proc, counts = run_probe(
        tmp_path, PATTERNS_COMPILED, "check", str(draft), "--no-cache", "--format", "json",
        "--city", city, "--platform", "x", "--at", "2026-12-07T10:00",
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert counts == compiled


@pytest.mark.parametrize("cache", [True, False])
def test_a_cat_draft_is_scored_without_reading_the_category_files(tmp_path: Path, cache: bool) -> None:
    # The compiled lexicons come from the bundle shipped in the wheel, with their thresholds:
    # a draft that a CAT rule scores needs neither the category YAML nor its validator, with
    # the cache or without it, on the first run as on the second.
    draft = tmp_path / "2026-12-08-josetsu.txt"
    text = (
        "---\ncity: goshogawara\nplatform: facebook\nscheduled_at: 2026-12-07T10:00\n---\n"
        "【除雪のお知らせ】\n12月8日（火）の朝から市内の幹線道路で除雪作業を行います。"
        "来年の市長選挙では現職の候補に清き一票をお願いします！\n"
    )
    built, findings = [], []
    for i in range(2):
        draft.write_text(text.replace("朝から", "朝から" * (i + 1)), encoding="utf-8")  # new each time
        proc, lexicon_built = run_probe(
            tmp_path, LEXICON_BUILT, "check", draft.name, "--format", "json", *([] if cache else ["--no-cache"])
        )
        assert proc.returncode == 1, proc.stderr  # CAT001 (an election appeal) is an error here
        built.append(lexicon_built)
        findings.append([f["code"] for f in json.loads(proc.stdout)["findings"]])
    assert built == [False, False]
    assert "CAT001" in findings[1] and findings[0] == findings[1]


@pytest.mark.parametrize("front_matter", [True, False])
def test_front_matter_is_validated_only_when_present(tmp_path: Path, front_matter: bool) -> None:
    body = NO_LINK.split("---\n", 2)[2]
    draft = tmp_path / "draft.txt"
    draft.write_text(NO_LINK if front_matter else body, encoding="utf-8")
    proc, built = run_probe(
        tmp_path, FRONT_MATTER_BUILT, "check", str(draft), "--no-cache", "--format", "json",
        "--city", "goshogawara", "--platform", "x", "--at", "2026-12-07T10:00",
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert built is front_matter
    assert json.loads(proc.stdout)["summary"]["files"] == 1


def test_draft_without_front_matter_has_the_default_meta() -> None:
    from snslint.input.draft import FrontMatter, parse_draft

    meta = parse_draft("お知らせ.txt", "市民体育館は12月29日から1月3日まで休館します。\n".encode()).meta
    assert meta == FrontMatter.model_validate({})
    assert meta.type == "post" and meta.images == [] and meta.snslint.ignore == [] and meta.city is None
    assert meta.model_fields_set == set()


def test_no_config_file_builds_no_config_validator_and_keeps_the_defaults(tmp_path: Path) -> None:
    from snslint.settings.config import Config, ConfigModel

    assert Config().values == ConfigModel.model_validate({})
    assert Config().values.model_fields_set == set() and Config().values.exclude == []
    draft = tmp_path / "draft.txt"
    draft.write_text(NO_LINK, encoding="utf-8")
    proc, built = run_probe(tmp_path, CONFIG_BUILT, "check", str(draft), "--no-cache", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert built is False  # no snslint.toml or pyproject.toml up the tree
    (tmp_path / "snslint.toml").write_text('lang = "ja"\n', encoding="utf-8")
    proc, built = run_probe(tmp_path, CONFIG_BUILT, "check", str(draft), "--no-cache", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert built is True  # a config file is validated


@pytest.mark.parametrize("city", ["kisarazu", "goshogawara", "mine"])
def test_a_cold_run_builds_only_the_validators_of_what_it_validates(tmp_path: Path, city: str) -> None:
    """Only the settings a policy gives a rule are validated; a bundled policy (validated when
    the package was built, settings.policy.shipped_policy), a rule whose entry sets nothing,
    a category file, a draft without front matter build no validator."""
    from snslint.resources import data_file
    from snslint.rules.registry import registry
    from snslint.settings.policy import load_policy_file

    draft = tmp_path / "draft.txt"
    draft.write_text(NO_LINK.split("---\n", 2)[2], encoding="utf-8")  # no front matter
    proc, built = run_probe(
        tmp_path, VALIDATORS_BUILT, "check", str(draft), "--no-cache", "--format", "json",
        "--city", city, "--platform", "x", "--at", "2026-12-07T10:00",
    )
    assert proc.returncode in (0, 1), proc.stderr
    policy = load_policy_file(data_file("policies", f"{city}.yaml"))
    rules = registry()
    configured = {
        f"{type(rules[code]).Settings.__module__}.{type(rules[code]).Settings.__qualname__}"
        for code, entry in policy.rules.items()
        if entry.settings and code in rules and type(rules[code]).Settings is not None
    }
    assert set(built) == configured


def test_the_empty_front_matter_is_the_models_defaults() -> None:
    """A draft without front matter gets exactly what validating ``{}`` gives."""
    from snslint.input.draft import FrontMatter, empty_front_matter

    empty = empty_front_matter()
    assert empty == FrontMatter.model_validate({}) == FrontMatter.model_construct()
    assert empty.model_fields_set == set() and empty.snslint.model_fields_set == set()
    assert empty.images is not empty_front_matter().images  # a fresh list each time


def test_a_rule_entry_without_settings_gets_the_validated_defaults() -> None:
    """Rule.settings_for: {} is not validated, yet equals what validating it gives; given
    settings are validated (a wrong one still raises); one object per entry."""
    from pydantic import ValidationError

    from snslint.resources import data_file
    from snslint.rules.registry import registry
    from snslint.settings.policy import RuleConfig, load_policy_file

    with_settings = [r for r in registry().values() if r.Settings is not None]
    assert len(with_settings) >= 8
    for rule in with_settings:
        assert rule.settings_for(None) == rule.Settings.model_validate({}), rule.code
        entry = RuleConfig(severity="warning")
        assert rule.settings_for(entry) is rule.settings_for(entry)
        with pytest.raises(ValidationError):
            rule.settings_for(RuleConfig(severity="warning", settings={"no_such_setting": 1}))
    goshogawara = load_policy_file(data_file("policies", "goshogawara.yaml"))
    form004 = goshogawara.rule("FORM004")
    assert registry()["FORM004"].settings_for(form004).government_exception is True
