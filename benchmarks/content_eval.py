"""Measure the CAT rules on the development corpus (real text written by others).

Two parts.

1. Leave-one-website-out cross-validation (``--lowo``, the default): the tests that fire on
   each text are found once; then, for every website (the ``source`` host), the scores are
   fitted (``benchmarks/fit_scores.py``, same method and settings) on every *other* website's
   texts and applied to that website's texts with the runtime's decision (sum of fired tests'
   scores against the category's thresholds, the policy's severity above ``upper``, a level
   lower between). Reported per label and overall: right-code recall (any severity, and at
   warning or above), benign city posts with a CAT warning or an error, non-toxic chat lines
   with a CAT warning. Benign city posts and chat lines are held out by website as well.
2. The shipped scores through the real engine on the whole corpus (in-sample), per category:

- benign city posts with an error-level CAT finding (target: none);
- benign city posts with a CAT warning (target: at most 1 in 20);
- violations caught with the right code (target: at least 3 in 4 overall), by corpus label;
- labels with no CAT code (phishing: other rule families) reported separately;
- as information: posts with any CAT finding in the non-toxic chat set (false positives at
  warning or above) and the share caught in the toxic sets.

Every CAT rule is selected (``--select CAT``), so a category a city turns off still runs at its
default severity: the numbers describe the lexicons, not one city's choice of categories. Pass
``--policy-only`` to run only what the policy enables.

Usage: ``python benchmarks/content_eval.py [--city goshogawara] [--corpus DIR] [--lam 1.0]
[--no-lowo] [-v]`` (the cross-validation needs the ``fit`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from snslint.input.draft import parse_draft
from snslint.lint.engine import CheckOptions, check_draft
from snslint.findings import Severity
from snslint.settings.policy import load_bundled
from snslint.rules.registry import resolve

LABEL_TO_CODE = {
    "political": "CAT001",
    "religious": "CAT002",
    "ad": "CAT003",
    "discrimination": "CAT004",
    "defamation": "CAT005",
    "toxic": "CAT005",
    "obscene_spam": "CAT006",
    "incitement": "CAT007",
    "rumor": "CAT008",
    "confidential": "CAT009",
    "opinion": "CAT010",
    "personal_opinion": "CAT010",
    "provocation": "CAT011",
}
"""Corpus label -> the CAT code that should catch it (spam_phishing has none: URL/PII rules)."""

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "dev-corpus"

HEADLINE = ("political", "religious", "ad", "discrimination", "rumor")
"""Labels with their own recall target (>= 60% each under cross-validation)."""


def _policy_severities(city: str) -> dict[str, Severity]:
    """Each CAT code's severity under ``city`` with every CAT rule selected (an entry that is
    off runs at the rule's default severity, as ``--select CAT`` does)."""
    from snslint.rules.registry import registry

    policy = load_bundled(city)
    out = {}
    for code, rule in registry().items():
        if not code.startswith("CAT"):
            continue
        cfg = policy.rule(code)
        sev = cfg.severity if cfg is not None and cfg.enabled else rule.default_severity
        out[code] = Severity(getattr(sev, "value", sev))
    return out


def decide(total: float, lower: float, upper: float, base: Severity) -> Severity | None:
    """The runtime's decision for one category (see snslint.rules.content)."""
    if total < lower - 1e-9:
        return None
    return base if total >= upper - 1e-9 else base.demoted()


def lowo(city: str, corpus: Path, lam: float, verbose: bool) -> bool:
    """Leave-one-website-out cross-validation (see the module docstring); True if on target."""
    import numpy as np

    from fit_scores import LABEL_TO_CODE as FIT_LABELS, design, fit_design, load_rows, priors_of
    from snslint.text.lexicon import lexicon_files, lexicon_for, load_spec

    rows = load_rows(corpus)
    sev = _policy_severities(city)
    codes = list(lexicon_files())
    th = {code: load_spec(code).thresholds for code in codes}
    pri = {code: priors_of(code) for code in codes}
    designs = {code: design(rows, code) for code in codes}
    group_of = np.array([r.group for r in rows])
    groups = sorted(set(group_of))
    found: list[dict[str, Severity]] = [dict() for _ in rows]
    for g in groups:
        held = np.flatnonzero(group_of == g)
        for code in codes:
            fired_rows = [i for i in held if rows[i].fired[code]]
            if not fired_rows:
                continue  # nothing of this category fires on the website: no finding whatever the scores
            idx, X, y, w = designs[code]
            keep = group_of[idx] != g
            s = fit_design(X[keep], y[keep], w[keep], pri[code], th[code].lower, lam)
            for i in fired_rows:
                total = float(np.sum(s[list(rows[i].fired[code])]))
                d = decide(total, th[code].lower, th[code].upper, sev[code])
                if d is not None:
                    found[i][code] = d
    if verbose:
        names = {code: [e.test_id for e in lexicon_for(code).entries] for code in codes}
        for r, f in zip(rows, found):
            if r.kind == "violation" and FIT_LABELS.get(r.label) and FIT_LABELS[r.label] not in f:
                code = FIT_LABELS[r.label]
                print(f"  LOWO missed {r.label} ({code}) [{r.group}]: fired {[names[code][j] for j in sorted(r.fired[code])]}")
            if r.kind != "violation" and any(s.rank >= Severity.WARNING.rank for s in f.values()):
                print(f"  LOWO {r.kind} FP [{r.group}]: " + "; ".join(
                    f"{c} {s.value} {[names[c][j] for j in sorted(r.fired[c])]}" for c, s in f.items()))
    print(f"leave-one-website-out cross-validation: {len(groups)} websites, lam={lam}, policy {city}")
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r, f in zip(rows, found):
        if r.kind != "violation":
            continue
        code = FIT_LABELS.get(r.label)
        if code is None:
            continue
        per[r.label][0] += code in f
        per[r.label][1] += code in f and f[code].rank >= Severity.WARNING.rank
        per[r.label][2] += 1
    ok = True
    tot = [0, 0, 0]
    for label in sorted(per):
        a, b, n = per[label]
        tot = [tot[0] + a, tot[1] + b, tot[2] + n]
        mark = ""
        if label in HEADLINE:
            mark = "  (target >= 60%)" if a * 10 >= n * 6 else "  (target >= 60%: NOT met)"
            ok &= a * 10 >= n * 6
        print(f"  {label:16s} {FIT_LABELS[label]}  {a:3d}/{n:<3d} = {a / n:6.1%}   at warning+: {b / n:6.1%}{mark}")
    print(f"  overall                 {tot[0]:3d}/{tot[2]:<3d} = {tot[0] / tot[2]:6.1%}   at warning+: {tot[1] / tot[2]:6.1%}  (target >= 75%)")
    ok &= tot[0] * 4 >= tot[2] * 3
    for kind, name in (("benign", "benign city posts"), ("chat", "non-toxic chat lines")):
        sel = [f for r, f in zip(rows, found) if r.kind == kind]
        warn = sum(any(s.rank >= Severity.WARNING.rank for s in f.values()) for f in sel)
        err = sum(any(s is Severity.ERROR for s in f.values()) for f in sel)
        by = Counter(c for f in sel for c, s in f.items() if s.rank >= Severity.WARNING.rank)
        print(f"  {name}: {len(sel)}; with a CAT warning or error {warn} ({warn / len(sel):.1%}, target <= 5%), "
              f"with a CAT error {err} ({err / len(sel):.1%}{', target <= 1%' if kind == 'benign' else ''})  {dict(by)}")
        ok &= warn * 20 <= len(sel)
        if kind == "benign":
            ok &= err * 100 <= len(sel)
    print(f"  cross-validation targets {'met' if ok else 'NOT met'}\n")
    return ok


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(city: str, corpus: Path, policy_only: bool, verbose: bool) -> int:
    policy = load_bundled(city)
    options = CheckOptions(select=None if policy_only else frozenset(resolve(["CAT"])))

    def cat_findings(text: str):
        draft = parse_draft("draft.txt", text.encode("utf-8"))
        return [f for f in check_draft(draft, policy, options).findings if f.code.startswith("CAT")]

    print(f"policy: {city}  ({'policy rules only' if policy_only else 'all CAT rules selected'})\n")

    # ---------------------------------------------------------------- benign city posts
    benign = [r for r in _read(corpus / "benign_municipal_pages.dev.jsonl") if r["label"] == "benign"]
    err_by, warn_by = Counter(), Counter()
    err_posts = warn_posts = 0
    for r in benign:
        fs = cat_findings(r["text"])
        errs = [f for f in fs if f.severity is Severity.ERROR]
        warns = [f for f in fs if f.severity is Severity.WARNING]
        err_posts += bool(errs)
        warn_posts += bool(warns)
        for f in errs:
            err_by[f.code] += 1
        for f in warns:
            warn_by[f.code] += 1
        if verbose and (errs or warns):
            print(f"  benign FP: {[(f.code, f.severity.value, f.text) for f in errs + warns]} <- {r['text'][:60]!r}")
    n = len(benign)
    print(f"benign city posts: {n}")
    print(f"  with an error-level CAT finding: {err_posts}  (target 0)  {dict(err_by)}")
    print(f"  with a CAT warning:             {warn_posts}  ({warn_posts / n:.1%}, target <= 5%)  {dict(warn_by)}")

    # ---------------------------------------------------------------- violations
    rows = _read(corpus / "violations_pages.dev.jsonl")
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unmapped: Counter = Counter()
    wrong: Counter = Counter()
    for r in rows:
        label = r["label"]
        code = LABEL_TO_CODE.get(label)
        fs = cat_findings(r["text"])
        if code is None:
            unmapped[label] += 1
            if fs:
                wrong[label] += 1
            continue
        hit = any(f.code == code for f in fs)
        per_label[label][0] += hit
        per_label[label][1] += 1
        if verbose and not hit:
            print(f"  missed {label} ({code}): got {[f.code for f in fs]} <- {r['text'][:70]!r}")
    print("\nviolations caught with the right code:")
    caught = total = 0
    for label in sorted(per_label):
        c, t = per_label[label]
        caught += c
        total += t
        print(f"  {label:15s} {LABEL_TO_CODE[label]}  {c}/{t}")
    print(f"  overall         {caught}/{total} = {caught / max(total, 1):.1%}  (target >= 75%)")
    for label, k in sorted(unmapped.items()):
        print(f"  no CAT code: {label} x{k} (left to other rule families; {wrong[label]} got some CAT finding)")

    # ---------------------------------------------------------------- toxicity sets (information)
    nontoxic = _read(corpus / "nontoxic_general_inspection_ai.jsonl")
    fp = sum(1 for r in nontoxic if any(f.severity.rank >= 1 for f in cat_findings(r["text"])))
    print(f"\n(info) non-toxic chat lines with a CAT warning or error: {fp}/{len(nontoxic)} = {fp / len(nontoxic):.1%}")
    for name in ("toxic_inspection_ai.jsonl", "toxic_rtplx_ja_native.jsonl"):
        rows = _read(corpus / name)
        by = defaultdict(lambda: [0, 0])
        for r in rows:
            got = bool(cat_findings(r["text"]))
            by[r["label"]][0] += got
            by[r["label"]][1] += 1
        summary = ", ".join(f"{k} {c}/{t}" for k, (c, t) in sorted(by.items()))
        print(f"(info) {name}: any CAT finding: {summary}")

    ok = err_posts == 0 and warn_posts * 20 <= n and caught * 4 >= total * 3
    print(f"\ntargets {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--city", default="goshogawara")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--policy-only", action="store_true")
    ap.add_argument("--lam", type=float, default=1.0, help="fit_scores.py's pull toward the priors")
    ap.add_argument("--no-lowo", action="store_true", help="skip the cross-validation")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    ok = True
    if not args.no_lowo:
        ok = lowo(args.city, args.corpus, args.lam, args.verbose)
    print("shipped scores through the engine, whole corpus (in-sample):")
    return 0 if (run(args.city, args.corpus, args.policy_only, args.verbose) == 0 and ok) else 1


if __name__ == "__main__":
    sys.exit(main())
