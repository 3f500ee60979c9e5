"""Fit the CAT tests' scores on the development corpus and write them into ``rules/cat*.yaml``.

The package only *reads* scores; this script is the one place they are computed. Method: for
each category, L2-regularised logistic regression (maximum a posteriori with a Gaussian prior)
over the binary features "test j fired in the post", solved by L-BFGS-B (scipy)::

    P(post violates the category) = sigmoid(sum_j s_j x_j - lower)
    minimise  sum_i w_i log(1 + exp(-y_i z_i))  +  lam/2 * sum_j (s_j - prior_j)^2

The intercept is fixed at the category's ``lower`` threshold, so a score keeps one meaning
across categories (``lower`` = as likely as not, ``upper`` = about 9 to 1 with the default
2/4), and the penalty pulls each score toward its hand-set ``prior`` instead of toward zero:
vocabulary that the small corpus never shows keeps its prior rather than being zeroed
(SpamAssassin's rescoring keeps a rule's sign likewise). Bounds keep each score's sign: a
benign-context test never becomes evidence for a violation, nor the reverse.

Samples: violations of the category are positives; benign city posts, the non-toxic chat lines
and violations of unrelated categories are negatives (related ones, e.g. defamation and
provocation, are left out of each other's negatives). ``spam_phishing`` rows are left out:
they belong to other rule families. Texts are read from ``../shared/dev-corpus`` (``--corpus``)
and never written anywhere.

Usage: ``python benchmarks/fit_scores.py [--corpus DIR] [--lam 1.0] [--dry-run]``
(requires the ``fit`` extra: ``pip install -e '.[fit]'``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import content_eval  # noqa: E402  (benchmarks/ is not a package)
from snslint.text.analysis import Analysis  # noqa: E402
from snslint.text.lexicon import Lexicon, lexicon_files, lexicon_for, lexicon_group, load_spec

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "dev-corpus"

# The corpus labels and their codes: one map, content_eval.py's (the measurement this fit serves).
LABEL_TO_CODE = content_eval.LABEL_TO_CODE
"""Corpus label -> the CAT code that should catch it (spam_phishing has none)."""

RELATED = {
    "CAT004": {"CAT005", "CAT011"},
    "CAT005": {"CAT004", "CAT011", "CAT010"},
    "CAT011": {"CAT005", "CAT004", "CAT010"},
    "CAT010": {"CAT005", "CAT011", "CAT001"},
    "CAT001": {"CAT010"},
    "CAT007": {"CAT008"},
    "CAT008": {"CAT007", "CAT004"},
    "CAT003": {"CAT006"},
    "CAT006": {"CAT003"},
}
"""Categories whose violations are not used as negatives of each other (texts overlap)."""

NEG_WEIGHT = {"benign": 2.0, "nontoxic_general": 1.0, "other": 0.5}
"""Sample weights of the negatives: a benign city post counts double (precision first: a
false alarm on what a city really posts costs trust), another category's violation half."""


@dataclass
class Row:
    """One corpus text reduced to what the fit needs (the text itself is dropped)."""

    label: str
    group: str
    kind: str  # "violation", "benign" or "chat"
    fired: dict[str, frozenset[int]]  # category code -> indices of the tests that fired


def website(source: str) -> str:
    """The website a corpus row comes from (its host; a dataset's name for non-URL sources)."""
    if source.startswith(("http://", "https://")):
        host = urlparse(source).netloc.lower()
        return host[4:] if host.startswith("www.") else host
    return source.split("@")[0].split(" ")[0]


def lexicons() -> dict[str, Lexicon]:
    """The bundled lexicon of every category, in code order."""
    return {code: lexicon_for(code) for code in lexicon_files()}


def extract(texts: list[str]) -> list[dict[str, frozenset[int]]]:
    """For each text, the tests that fire per category (indices into ``Lexicon.entries``)."""
    lexs = lexicons()
    group = lexicon_group(tuple(lexs.values()))
    out = []
    for text in texts:
        ms = Analysis(text).morphemes
        scan = group.scan(ms)
        row = {}
        for code, lex in lexs.items():
            index = {e: i for i, e in enumerate(lex.entries)}
            row[code] = frozenset(index[e] for e in lex.fired(ms, scan))
        out.append(row)
    return out


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_rows(corpus: Path) -> list[Row]:
    """Violations, benign city posts and non-toxic chat lines with their fired tests."""
    raw = []
    for r in _read(corpus / "violations_pages.dev.jsonl"):
        raw.append((r, "violation"))
    for r in _read(corpus / "benign_municipal_pages.dev.jsonl"):
        if r["label"] == "benign":
            raw.append((r, "benign"))
    for r in _read(corpus / "nontoxic_general_inspection_ai.jsonl"):
        raw.append((r, "chat"))
    fired = extract([r["text"] for r, _ in raw])
    return [Row(r["label"], website(r.get("source", "")), kind, f) for (r, kind), f in zip(raw, fired)]


def design(rows: list[Row], code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``code``'s training data: row indices used, the 0/1 feature matrix (row x test),
    targets (1 = a violation of ``code``) and sample weights (see the module docstring)."""
    idx, y, w = [], [], []
    related = RELATED.get(code, set())
    for i, r in enumerate(rows):
        if r.kind == "violation":
            target = LABEL_TO_CODE.get(r.label)
            if target is None:
                continue
            if target == code:
                idx.append(i), y.append(1.0), w.append(1.0)
            elif target not in related:
                idx.append(i), y.append(0.0), w.append(NEG_WEIGHT["other"])
        else:
            idx.append(i), y.append(0.0), w.append(NEG_WEIGHT["benign" if r.kind == "benign" else "nontoxic_general"])
    n_tests = len(load_spec(code).entries)
    X = np.zeros((len(idx), n_tests))
    for k, i in enumerate(idx):
        for j in rows[i].fired[code]:
            X[k, j] = 1.0
    return np.array(idx, dtype=int), X, np.array(y), np.array(w)


def fit_design(X: np.ndarray, y: np.ndarray, w: np.ndarray, priors: np.ndarray, lower: float, lam: float) -> np.ndarray:
    """The MAP scores for features ``X``, targets ``y``, weights ``w`` (module docstring)."""
    from scipy.optimize import minimize

    if X.shape[0] == 0 or X.shape[1] == 0:
        return priors.copy()
    active = X.any(axis=0)  # a test that never fires keeps its prior exactly
    out = priors.copy()
    if not active.any():
        return out
    Xa, pa = X[:, active], priors[active]
    sign = np.where(y > 0, 1.0, -1.0)

    def loss(s: np.ndarray) -> tuple[float, np.ndarray]:
        z = Xa @ s - lower
        m = -sign * z
        nll = np.sum(w * np.logaddexp(0.0, m))
        g_z = -sign * w / (1.0 + np.exp(-m))
        diff = s - pa
        return nll + 0.5 * lam * float(diff @ diff), Xa.T @ g_z + lam * diff

    bounds = [(0.0, 30.0) if p >= 0 else (-30.0, 0.0) for p in pa]
    res = minimize(loss, pa.copy(), jac=True, method="L-BFGS-B", bounds=bounds)
    out[active] = res.x
    return out


def fit_category(rows: list[Row], code: str, priors: np.ndarray, lower: float, lam: float) -> np.ndarray:
    """The MAP scores of ``code``'s tests on ``rows``."""
    _, X, y, w = design(rows, code)
    return fit_design(X, y, w, priors, lower, lam)


def priors_of(code: str) -> np.ndarray:
    """The hand-set prior of each bundled test (its ``prior``, else its current score, else
    the threshold its strength stands for)."""
    spec = load_spec(code)
    th = spec.thresholds
    out = []
    for e in spec.entries:
        if e.prior is not None:
            out.append(e.prior)
        elif e.score is not None:
            out.append(e.score)
        else:
            out.append(th.upper if e.strength == "strong" else th.lower)
    return np.array(out, dtype=float)


def fit_all(rows: list[Row], lam: float) -> dict[str, np.ndarray]:
    """Fitted scores of every category."""
    out = {}
    for code in lexicon_files():
        spec = load_spec(code)
        out[code] = fit_category(rows, code, priors_of(code), spec.thresholds.lower, lam)
    return out


_ID_LINE = re.compile(r"^(?P<indent>\s*)- (?P<open>\{)?id: (?P<id>[a-z0-9-]+)(?P<rest>.*)$")


def write_scores(code: str, scores: np.ndarray) -> None:
    """Write ``scores`` into ``code``'s file: a ``score:`` after each test's ``id``, replacing
    the old one; the rest of the file (comments, order, layout) is kept as written."""
    path = lexicon_files()[code]
    spec = load_spec(code)
    by_id = {e.id: float(s) for e, s in zip(spec.entries, scores)}
    if len(by_id) != len(spec.entries) or "" in by_id:
        raise SystemExit(f"{path.name}: every test needs a distinct id to receive a score")
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _ID_LINE.match(line)
        if m and m.group("id") in by_id:
            value = f"{by_id[m.group('id')]:.2f}"
            if m.group("open"):  # flow style: {id: x, score: 1.23, ...}
                rest = re.sub(r"^, score: -?[0-9.]+", "", m.group("rest"))
                out.append(f"{m.group('indent')}- {{id: {m.group('id')}, score: {value}{rest}")
            else:
                out.append(line)
                pad = m.group("indent") + "  "
                if i + 1 < len(lines) and lines[i + 1].strip().startswith("score:"):
                    i += 1
                out.append(f"{pad}score: {value}")
        else:
            out.append(line)
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--lam", type=float, default=1.0, help="strength of the pull toward the priors")
    ap.add_argument("--dry-run", action="store_true", help="print the scores, write nothing")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    rows = load_rows(args.corpus)
    fitted = fit_all(rows, args.lam)
    for code, scores in fitted.items():
        spec = load_spec(code)
        pri = priors_of(code)
        moved = sum(abs(a - b) > 0.05 for a, b in zip(scores, pri))
        print(f"{code}: {len(scores)} tests, {moved} moved from their prior")
        if args.dry_run:
            for e, s, p in zip(spec.entries, scores, pri):
                if abs(s - p) > 0.05:
                    print(f"    {e.id or e.term[0]:<28} prior {p:+.2f} -> {s:+.2f}")
        else:
            write_scores(code, scores)
    if not args.dry_run:
        # The compiled bundle shipped in the wheel carries the scores too.
        from snslint.text.lexicon import write_bundle

        print(f"rewrote {write_bundle()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
