"""Is the JSON report byte-identical before and after a change? (a refactoring's proof)

Runs ``snslint check ... --format json --no-cache --at 2026-12-07T10:00`` from two source
trees on the same inputs and compares standard output, standard error and the exit status byte
for byte. The inputs:

- the bundled ``examples/drafts`` (each draft's city from its front matter);
- ``--count`` drafts written by :func:`corpus.generate` (deterministic for a seed), checked
  once with ``--city goshogawara`` and once with ``--city kisarazu``.

"Before" is a git revision, exported with ``git archive`` into a temporary folder and run with
``PYTHONPATH`` pointing at its ``src``; "after" is the working tree this script lives in. Both
run from the same folder with the same relative paths, so the reports can be compared as bytes.
Prints one line per case (equal or not, report size, SHA-256) and exits 1 when any differs.

Usage: ``python benchmarks/compare_output.py --before main [--count 2000]``
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

AT = "2026-12-07T10:00"
CITIES = ("goshogawara", "kisarazu")


def export(rev: str, dest: Path) -> Path:
    """Write the tree of git revision ``rev`` into ``dest``; returns its ``src`` folder."""
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest / "src"


def run(src: Path, args: list[str], cwd: Path) -> tuple[bytes, bytes, int]:
    """``python -m snslint check ARGS`` with ``src`` first on the import path."""
    env = dict(os.environ, PYTHONPATH=str(src), NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-m", "snslint", "check", *args, "--format", "json", "--no-cache", "--at", AT],
        cwd=cwd, env=env, capture_output=True,
    )
    return proc.stdout, proc.stderr, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision to compare against (e.g. main)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="snslint-compare-") as tmp:
        root = Path(tmp)
        before_src = export(opts.before, root / "before")
        after_src = REPO / "src"
        work = root / "work"
        work.mkdir()
        shutil.copytree(REPO / "examples" / "drafts", work / "examples")
        generate(work / "corpus", count=opts.count, seed=opts.seed)
        cases = [("examples", ["examples"])]
        cases += [(f"corpus-{opts.count}-{city}", ["corpus", "--city", city]) for city in CITIES]
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", opts.before],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
        print(f"before: {opts.before} ({rev}); after: working tree {REPO}")
        failed = 0
        for name, args in cases:
            old = run(before_src, args, work)
            new = run(after_src, args, work)
            same = old == new
            failed += not same
            digest = hashlib.sha256(new[0]).hexdigest()[:16]
            print(
                f"{name}: {'identical' if same else 'DIFFERENT'} "
                f"(stdout {len(new[0])} bytes, sha256 {digest}, stderr {len(new[1])} bytes, exit {new[2]})"
            )
            if not same:
                for label, a, b in zip(("stdout", "stderr", "exit"), old, new):
                    if a != b:
                        print(f"  {label} differs")
                for label, err in (("before", old[1]), ("after", new[1])):
                    if err:
                        print(f"  {label} stderr: {err.decode('utf-8', 'replace')[:300]}")
        print("byte-identical" if not failed else f"{failed} case(s) differ")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
