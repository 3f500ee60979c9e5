"""Measure the CAT rules on an evaluation set written for this project, never fitted on.

``benchmarks/data/own_eval.jsonl`` holds Japanese texts written by hand for this benchmark, in
the style of the web pages and SNS posts the CAT rules meet (campaign posts, church and temple
invitations, shop promotions, giveaways, dating spam, threats and 闇バイト recruiting,
「拡散希望」 rumors, leaked internal matters, an official account's opinions, insults), plus
benign city posts full of traps (early voting, candidate registration, shrine festivals,
heritage churches, premium vouchers, ふるさと納税, human-rights lectures, fraud warnings and rumor
corrections that quote the wording they warn about) and everyday non-toxic chat lines. None of
it comes from ``../shared/dev-corpus``, so a gap between this report and
``benchmarks/content_eval.py`` shows how far the rules are fitted to the development corpus.

``benchmarks/data/own_eval_b.jsonl`` is a second, smaller batch in the same format (10 texts per
violation label, 40 city posts, 20 chat lines), written after CAT vocabulary had been added from
the first batch's misses (commit be9cecb): the first batch is no longer an unseen measure, the
second is. Keep it that way: read its misses to learn what kind of wording fails, never to add
its words.

One JSON object per line: ``text``, ``label`` (a ``content_eval.LABEL_TO_CODE`` label, or
``benign`` for a city post, or ``nontoxic`` for a chat line), ``source`` (a made-up style tag
such as ``sns-reply``, ``flyer``, ``city-x``) and optionally ``hard: true`` for subtle wording
(about one text in ten per label).

Runs the real engine the way ``content_eval.py`` does (its label -> code map and its engine
imports are reused; every CAT rule selected, policy ``--city``) and prints:

- per violation label: right-code recall at any severity and at warning or above, recall on the
  hard cases, and the share with any CAT finding;
- benign city posts and chat lines: the share with a CAT warning or error and with a CAT error,
  by code, against issue 16's targets (warning <= 5%, error <= 1% for city posts);
- with ``-v``: every miss (with the codes it got instead) and every false positive (code,
  severity, matched text).

Usage: ``python benchmarks/own_eval.py [--city goshogawara|all] [--data FILE ...] [--hard-only] [-v]``
(default: both batches, one report each)
(``--city all``: one report per bundled city policy, as issue 16 asks the traps to stay clean for
all five). Exit 1 when a target of issue 16 is not met, 0 otherwise (as ``content_eval.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import content_eval  # noqa: E402  (benchmarks/ is not a package)
from content_eval import LABEL_TO_CODE  # noqa: E402

DEFAULT_DATA = (Path(__file__).resolve().parent / "data" / "own_eval.jsonl",
                Path(__file__).resolve().parent / "data" / "own_eval_b.jsonl")
"""The first batch (since be9cecb no longer unseen by the CAT vocabulary) and the second."""

BENIGN_SETS = {"benign": "benign city posts", "nontoxic": "non-toxic chat lines"}
"""Labels of texts that must pass, and how the report names them."""

ALSO_ACCEPTED = {"defamation": ("CAT004", "CAT011"), "provocation": ("CAT005",)}
"""Codes the dev corpus README accepts besides the label's own (reported in a separate column)."""

HEADLINE = ("political", "religious", "ad", "discrimination", "rumor")
"""Labels with their own recall target in issue 16 (>= 60% each; >= 75% overall)."""


def code_for(label: str) -> str | None:
    """The CAT code that should catch ``label`` (``None`` for benign sets and unmapped labels).

    ``personal_opinion`` falls back to the map's ``opinion`` entry when the map lacks it.
    """
    code = LABEL_TO_CODE.get(label)
    if code is None and label == "personal_opinion":
        code = LABEL_TO_CODE.get("opinion")
    return code


def load(path: Path) -> list[dict]:
    """The evaluation rows of ``path`` (JSON lines); raises ``SystemExit`` with a one-line
    message when the file is missing or a line is not a JSON object with ``text`` and ``label``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise SystemExit(f"評価データを読めません / cannot read the evaluation set: {path}: {e.strerror}")
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{n}: JSON ではありません / not JSON: {e.msg}")
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "label" not in row:
            raise SystemExit(f"{path}:{n}: text と label が必要です / needs text and label")
        rows.append(row)
    return rows


def make_checker(city: str, policy_only: bool):
    """A function ``text -> list[Finding]`` giving the CAT findings of the real engine for one
    draft under ``city``'s bundled policy, every CAT rule selected unless ``policy_only``."""
    ce = content_eval
    policy = ce.load_bundled(city)
    options = ce.CheckOptions(select=None if policy_only else frozenset(ce.resolve(["CAT"])))

    def cat_findings(text: str):
        draft = ce.parse_draft("draft.txt", text.encode("utf-8"))
        return [f for f in ce.check_draft(draft, policy, options).findings if f.code.startswith("CAT")]

    return cat_findings


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def run(city: str, data: Path, policy_only: bool, hard_only: bool, verbose: bool) -> int:
    """Evaluate and print the report; returns the exit status (1 if a target is not met)."""
    rows = load(data)
    if hard_only:
        rows = [r for r in rows if r.get("hard")]
    check = make_checker(city, policy_only)
    warn_rank = content_eval.Severity.WARNING.rank
    error = content_eval.Severity.ERROR
    print(f"own evaluation set: {data.name}, {len(rows)} texts; policy {city} "
          f"({'policy rules only' if policy_only else 'all CAT rules selected'})"
          f"{'; hard cases only' if hard_only else ''}\n")

    # label -> [n, right, right at warning+, right or accepted, any CAT, hard n, hard right]
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    misses: list[tuple[str, dict, list]] = []
    benign: dict[str, list] = {k: [] for k in BENIGN_SETS}
    unknown: Counter = Counter()
    for r in rows:
        label = r["label"]
        fs = check(r["text"])
        if label in BENIGN_SETS:
            benign[label].append((r, fs))
            continue
        code = code_for(label)
        if code is None:
            unknown[label] += 1
            continue
        right = [f for f in fs if f.code == code]
        s = per[label]
        s[0] += 1
        s[1] += bool(right)
        s[2] += any(f.severity.rank >= warn_rank for f in right)
        s[3] += bool(right) or any(f.code in ALSO_ACCEPTED.get(label, ()) for f in fs)
        s[4] += bool(fs)
        if r.get("hard"):
            s[5] += 1
            s[6] += bool(right)
        if not right:
            misses.append((label, r, fs))

    ok = True
    print("violations caught with the right code (recall):")
    print(f"  {'label':16s} {'code':6s} {'n':>3s}  {'right':>6s}  {'warn+':>6s}  {'r/alt':>6s}  {'anyCAT':>6s}  hard")
    tot = [0] * 7
    for label in sorted(per):
        s = per[label]
        tot = [a + b for a, b in zip(tot, s)]
        n = s[0]
        mark = ""
        if label in HEADLINE:
            met = s[1] * 10 >= n * 6
            ok &= met
            mark = "  (>= 60%)" if met else "  (>= 60%: NOT met)"
        hard = f"{s[6]}/{s[5]}" if s[5] else "-"
        print(f"  {label:16s} {code_for(label):6s} {n:3d}  {s[1] / n:6.1%}  {s[2] / n:6.1%}  {s[3] / n:6.1%}  "
              f"{s[4] / n:6.1%}  {hard:>4s}{mark}")
    if tot[0]:
        met = tot[1] * 4 >= tot[0] * 3
        ok &= met
        print(f"  {'overall':16s} {'':6s} {tot[0]:3d}  {tot[1] / tot[0]:6.1%}  {tot[2] / tot[0]:6.1%}  "
              f"{tot[3] / tot[0]:6.1%}  {tot[4] / tot[0]:6.1%}  {tot[6]}/{tot[5]}"
              f"  ({tot[1]}/{tot[0]}; target >= 75% {'met' if met else 'NOT met'})")
    print("  right: right code at any severity; warn+: at warning or error; r/alt: right or a code the\n"
          "  corpus README also accepts (defamation CAT004/CAT011, provocation CAT005); anyCAT: any CAT finding")
    for label, k in sorted(unknown.items()):
        print(f"  no CAT code for label {label!r} x{k} (skipped)")

    print("\nbenign texts with a CAT finding (false positives):")
    fps: list[tuple[str, dict, list]] = []
    for key, name in BENIGN_SETS.items():
        sel = benign[key]
        if not sel:
            continue
        n = len(sel)
        warn = [(r, fs) for r, fs in sel if any(f.severity.rank >= warn_rank for f in fs)]
        err = [(r, fs) for r, fs in sel if any(f.severity is error for f in fs)]
        info = sum(1 for _, fs in sel if fs) - len(warn)
        by = Counter(f"{f.code}:{f.severity.value}" for _, fs in warn for f in fs if f.severity.rank >= warn_rank)
        hard = [(r, fs) for r, fs in sel if r.get("hard")]
        hard_warn = sum(1 for r, fs in hard if any(f.severity.rank >= warn_rank for f in fs))
        met_w = len(warn) * 20 <= n
        met_e = key != "benign" or len(err) * 100 <= n
        ok &= met_w and met_e
        print(f"  {name}: {n}")
        print(f"    with a CAT warning or error: {len(warn):3d} = {len(warn) / n:5.1%}  (target <= 5%{'' if met_w else ': NOT met'})"
              f"  hard cases {hard_warn}/{len(hard)}")
        print(f"    with a CAT error:            {len(err):3d} = {len(err) / n:5.1%}"
              f"{'  (target <= 1%' + ('' if met_e else ': NOT met') + ')' if key == 'benign' else ''}")
        print(f"    info only:                   {info:3d}   by code: {dict(sorted(by.items()))}")
        fps += [(name, r, fs) for r, fs in sel if fs]

    if verbose:
        print("\nmisses (label, got instead, text):")
        for label, r, fs in misses:
            got = ",".join(sorted({f"{f.code}:{f.severity.value}" for f in fs})) or "-"
            print(f"  {label:16s} {'H ' if r.get('hard') else '  '}{got:28s} {_short(r['text'])}")
        print("\nfalse positives on benign texts (set, findings, text):")
        for name, r, fs in fps:
            got = "; ".join(f"{f.code}:{f.severity.value}「{f.text}」" for f in fs)
            print(f"  {name.split()[0]:8s} {'H ' if r.get('hard') else '  '}{got}\n      {_short(r['text'], 80)}")

    print(f"\ntargets {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--city", default="goshogawara", help="a bundled city policy, or 'all'")
    ap.add_argument("--data", type=Path, nargs="+", default=list(DEFAULT_DATA), help="one or more JSONL files")
    ap.add_argument("--policy-only", action="store_true", help="run only the CAT rules the policy enables")
    ap.add_argument("--hard-only", action="store_true", help="only the texts marked hard")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    if args.city == "all":
        from snslint.settings.policy import bundled_ids

        cities = bundled_ids()
    else:
        cities = [args.city]
    status = 0
    for city in cities:
        for data in args.data:
            status = max(status, run(city, data, args.policy_only, args.hard_only, args.verbose))
            print()
    return status


if __name__ == "__main__":
    sys.exit(main())
