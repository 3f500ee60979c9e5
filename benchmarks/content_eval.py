"""Measure the CAT rules on the development corpus (real text written by others).

Runs the real engine with a bundled policy (default goshogawara) over
``../shared/dev-corpus`` and prints, per category:

- benign city posts with an error-level CAT finding (target: none);
- benign city posts with a CAT warning (target: at most 1 in 20);
- violations caught with the right code (target: at least 3 in 4 overall), by corpus label;
- labels with no CAT code (phishing: other rule families) reported separately;
- as information: posts with any CAT finding in the non-toxic chat set (false positives at
  warning or above) and the share caught in the toxic sets.

Every CAT rule is selected (``--select CAT``), so a category a city turns off still runs at its
default severity: the numbers describe the lexicons, not one city's choice of categories. Pass
``--policy-only`` to run only what the policy enables.

Usage: ``python benchmarks/content_eval.py [--city goshogawara] [--corpus DIR] [-v]``
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
    "provocation": "CAT011",
}
"""Corpus label -> the CAT code that should catch it (spam_phishing has none: URL/PII rules)."""

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "dev-corpus"


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
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    return run(args.city, args.corpus, args.policy_only, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
