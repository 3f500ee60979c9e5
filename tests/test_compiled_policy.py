"""Validated policies kept in the cache folder and rebuilt without validation (issue 20).

The rebuild (snslint.settings.compiled) must give back a policy equal to the validated one,
field for field and in its JSON form (the content cache keys on that); the store
(snslint.settings.policy.load_policy_file with the run's ArtifactStore) must validate each distinct file once, never store an
invalid one, and discard a damaged entry.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import snslint.run.cache.results as cache_mod
from snslint.errors import PolicyError
from snslint.resources import data_dir
from snslint.settings.compiled import from_plain, to_plain
from snslint.settings.policy import Policy, bundled_ids, load_bundled, load_policy_file

# A deployment's own file on a bundled policy: different hours, a closed day, an extra domain,
# a rule set to warning and one switched off.
OWN_POLICY = textwrap.dedent(
    """\
    extends: goshogawara
    id: goshogawara-kouhou
    name: 五所川原市（広報広聴課）
    posting_hours:
      days: [mon, tue, wed, thu, fri, sat]
      start: "09:00"
      end: "18:00"
      closed:
        dates: [2026-12-28]
    trusted_domains:
      - pref.aomori.lg.jp
      - goshogawara-kanko.jp
    rules:
      CAT001: warning
      FORM001: off
    """
)


@pytest.mark.parametrize("city", bundled_ids())
def test_every_bundled_policy_comes_back_equal(city: str) -> None:
    policy = load_policy_file(data_dir("policies") / f"{city}.yaml")  # validated, not the shipped form
    plain = json.loads(json.dumps(to_plain(policy), ensure_ascii=False))
    back = from_plain(Policy, plain)
    assert back == policy
    assert back.model_dump_json() == policy.model_dump_json()
    assert back.model_fields_set == policy.model_fields_set
    # every value has the validated one's type (models, not dicts; Severity, not str; time)
    assert _types(back) == _types(policy)


def _types(value, path="policy"):
    """Every value's type name by its path in the model tree."""
    out = {path: type(value).__name__}
    if isinstance(value, Policy.__mro__[1]):  # the policy models' base
        for name in type(value).model_fields:
            out |= _types(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            out |= _types(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            out |= _types(v, f"{path}[{k}]")
    return out


class CountingStore:
    """The run's ArtifactStore, counting what a load finds and what it saves."""

    def __init__(self, root: Path) -> None:
        from snslint.run.cache.artifacts import ArtifactStore

        self.inner = ArtifactStore(root)
        self.hits = self.saves = 0

    def load(self, kind, name, key):
        data = self.inner.load(kind, name, key)
        self.hits += data is not None
        return data

    def save(self, kind, name, key, data):
        self.saves += 1
        self.inner.save(kind, name, key, data)


def test_store_validates_a_file_once_and_rebuilds_it_equal(tmp_path: Path) -> None:
    own = tmp_path / "kouhou.yaml"
    own.write_text(OWN_POLICY, encoding="utf-8")
    store = CountingStore(tmp_path / "cache")
    first = load_policy_file(own, store)
    second = load_policy_file(own, store)
    assert (store.saves, store.hits) == (1, 1)  # the second came from the cache folder
    assert second is not first and second == first
    assert second.posting_hours.start.hour == 9 and second.rules["FORM001"].enabled is False
    assert cache_mod.policy_digest(second) == cache_mod.policy_digest(first)
    (stored,) = (tmp_path / "cache").rglob("policies/*.json")
    assert "goshogawara-kouhou" in stored.read_text(encoding="utf-8")


def test_changed_file_is_validated_again(tmp_path: Path) -> None:
    own = tmp_path / "kouhou.yaml"
    own.write_text(OWN_POLICY, encoding="utf-8")
    store = CountingStore(tmp_path / "cache")
    load_policy_file(own, store)
    own.write_text(OWN_POLICY.replace('start: "09:00"', 'start: "08:30"'), encoding="utf-8")
    changed = load_policy_file(own, store)
    assert (store.saves, store.hits) == (2, 0)
    assert (changed.posting_hours.start.hour, changed.posting_hours.start.minute) == (8, 30)


def test_invalid_policy_is_never_stored_and_fails_every_time(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(OWN_POLICY.replace('end: "18:00"', 'end: "08:00"'), encoding="utf-8")
    store = CountingStore(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(PolicyError, match="start must not be after end") as err:
            load_policy_file(bad, store)
        assert (err.value.path, err.value.line) == (str(bad), 4)  # posting_hours:
    assert store.saves == 0 and not list((tmp_path / "cache").rglob("*.json"))


def test_a_bad_rule_entry_names_file_and_line_from_the_cache_too(tmp_path: Path) -> None:
    # The schema takes an unknown rule code (it does not know the rules), so the policy is
    # stored; the registry refuses it on every load, naming the file and the entry's line,
    # also when the policy is rebuilt from the store with model_construct.
    from snslint.rules.registry import check_policy

    text = OWN_POLICY.replace("CAT001: warning", "CAT999: warning").replace(
        "rules:\n", "rules:\n  CAT002:\n    severity: warning\n    settings: {colour: red}\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    store = CountingStore(tmp_path / "cache")
    fresh = load_policy_file(bad, store)
    cached = load_policy_file(bad, store)
    assert (store.saves, store.hits) == (1, 1)
    for policy in (fresh, cached):
        assert policy.origin.path == str(bad)
        with pytest.raises(PolicyError) as err:
            check_policy(policy)
        assert (err.value.path, err.value.line) == (str(bad), lines.index("  CAT002:") + 1)
        assert "bad settings" in err.value.en and "colour" in err.value.en
    assert cached.line_of(("rules", "CAT999")) == lines.index("  CAT999: warning") + 1
    # The same bytes under another name: a cache hit, and the error names the file read now.
    copy = tmp_path / "copy.yaml"
    copy.write_text(text, encoding="utf-8")
    again = load_policy_file(copy, store)
    assert store.hits == 2
    with pytest.raises(PolicyError) as err:
        check_policy(again)
    assert err.value.path == str(copy)


def test_damaged_stored_policy_is_discarded(tmp_path: Path) -> None:
    own = tmp_path / "kouhou.yaml"
    own.write_text(OWN_POLICY, encoding="utf-8")
    store = CountingStore(tmp_path / "cache")
    good = load_policy_file(own, store)
    (stored,) = (tmp_path / "cache").rglob("policies/*.json")
    doc = json.loads(stored.read_text(encoding="utf-8"))
    doc["data"]["policy"]["rules"]["CAT001"]["severity"] = "off"  # checksum no longer matches
    stored.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    again = load_policy_file(own, store)
    assert store.saves == 2 and again == good
    assert again.rules["CAT001"].severity == good.rules["CAT001"].severity != "off"


def test_digest_is_the_same_for_equal_policies_and_differs_for_a_change(tmp_path: Path) -> None:
    own = tmp_path / "kouhou.yaml"
    own.write_text(OWN_POLICY, encoding="utf-8")
    a = load_policy_file(own)
    b = load_policy_file(own)
    own.write_text(OWN_POLICY.replace("goshogawara-kanko.jp", "goshogawara-kankou.jp"), encoding="utf-8")
    c = load_policy_file(own)
    assert a is not b and cache_mod.policy_digest(a) == cache_mod.policy_digest(b)
    assert cache_mod.policy_digest(c) != cache_mod.policy_digest(a)


@pytest.mark.parametrize("how", ["--policy", "config"])
def test_cli_reports_a_bad_rule_entry_alike_with_and_without_the_cache(tmp_path: Path, how: str) -> None:
    # The CLI checks the rule entries right after loading (--policy, or the config's policy):
    # exit 2 and one line naming file and line, the same on the run that stores the policy,
    # on the run that rebuilds it from the cache, and with --no-cache.
    from support import run_cli

    (tmp_path / "own.yaml").write_text(OWN_POLICY.replace("CAT001: warning", "ZZZ999: warning"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("【お知らせ】\n12月8日（火）は市役所の窓口を開けます。\n", encoding="utf-8")
    args = ["check", "a.txt", "--format", "json", "--at", "2026-12-07T10:00"]
    if how == "--policy":
        args += ["--policy", "own.yaml"]
    else:
        (tmp_path / "snslint.toml").write_text('policy = "own.yaml"\n', encoding="utf-8")
    runs = [run_cli(tmp_path, *args) for _ in range(2)] + [run_cli(tmp_path, *args, "--no-cache")]
    assert list((tmp_path / ".snslint_cache").rglob("policies/*.json"))  # the second was a hit
    line = OWN_POLICY.splitlines().index("  CAT001: warning") + 1
    for r in runs:
        assert (r.returncode, r.stdout) == (2, "")
        assert r.stderr == runs[0].stderr
    where = str(tmp_path / "own.yaml") if how == "config" else "own.yaml"
    assert runs[0].stderr.splitlines() == [
        f"{where}:{line}: エラー: 未知のルールコード「ZZZ999」です（`snslint rules` で一覧を表示）。"
        " / Error: unknown rule code 'ZZZ999' (see `snslint rules`)."
    ]


PROBE = textwrap.dedent(
    """
    import atexit, json, sys
    OUT = sys.argv.pop(1)
    def _dump():
        from snslint.settings.policy import Policy
        from snslint.text.lexicon import LexiconSpec
        with open(OUT, "w") as fh:
            json.dump({"policy_built": Policy.__pydantic_complete__, "lexicon_built": LexiconSpec.__pydantic_complete__}, fh)
    atexit.register(_dump)
    from snslint.cli import main
    main()
    """
)


@pytest.mark.parametrize("own", [True, False], ids=["own-policy", "bundled-policy"])
def test_second_cli_run_builds_no_policy_or_lexicon_validator(tmp_path: Path, own: bool) -> None:
    """A deployment's own policy is validated by the first run and rebuilt from the cache by
    the next; a bundled one comes validated in the wheel (tests/test_policy_bundle.py)."""
    (tmp_path / "own.yaml").write_text(OWN_POLICY, encoding="utf-8")
    chosen = ["--policy", "own.yaml"] if own else []
    draft = tmp_path / "2026-12-08-josetsu.txt"
    draft.write_text(
        "---\ncity: goshogawara\nplatform: facebook\nscheduled_at: 2026-12-07T10:00\n---\n"
        "【除雪のお知らせ】\n12月8日（火）の朝から市内の幹線道路で除雪作業を行います。"
        "来年の市長選挙では現職の候補に清き一票をお願いします！\n",
        encoding="utf-8",
    )
    outs, built = [], []
    for i in range(2):
        if i == 1:  # a new draft: the findings cannot come from the cache, the policy can
            text = draft.read_text(encoding="utf-8").replace("朝から", "早朝から")
            draft.write_text(text, encoding="utf-8")
        probe = tmp_path / f"built{i}.json"
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, str(probe), "check", draft.name, "--format", "json", "--at", "2026-12-07T10:00", *chosen],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        # CAT001 (election appeal): an error in the bundled policy, a warning in the own one
        assert proc.returncode == (0 if own else 1), proc.stderr
        outs.append(json.loads(proc.stdout))
        built.append(json.loads(probe.read_text()))
    # The first run validates an own policy; the category files come compiled in the wheel.
    assert built[0] == {"policy_built": own, "lexicon_built": False}
    assert built[1] == {"policy_built": False, "lexicon_built": False}
    assert [f["code"] for f in outs[1]["findings"]] == [f["code"] for f in outs[0]["findings"]]
    assert "CAT001" in {f["code"] for f in outs[1]["findings"]}
