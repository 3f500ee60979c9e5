"""Time budgets for the hostile inputs of issue 14 (a benchmark, not a test).

Each probe writes its input into a temporary folder, runs ``snslint`` as a subprocess and
checks the outcome (exit code, output size) and the wall time against its budget; a probe
that exceeds its timeout counts as a hang. The tests in ``tests/test_bounded_work.py`` run
smaller versions of the same inputs without timing them; here the full sizes from the issue
are timed, one round each by default (the machine is shared: keep ``--rounds`` small).

    .venv/bin/python benchmarks/probes.py              # all probes, one round
    .venv/bin/python benchmarks/probes.py --rounds 3 --only many-urls

Budgets are for 2 cores with other work running; they are about 3x what an idle machine takes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

FRONT = "---\ncity: zushi\nscheduled_at: 2026-12-02T10:00\n---\n"


@dataclass
class Probe:
    name: str
    what: str
    setup: Callable[[Path], list[str]]  # writes the input, returns the snslint arguments
    budget_s: float
    exit_codes: tuple[int, ...]
    max_output: int = 50_000_000


def _dev_zero(option: str) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        (folder / "d.txt").write_text(FRONT + "おはなし会を開きます。\n", encoding="utf-8")
        return ["check", "d.txt", option, "/dev/zero"]

    return setup


def _fifo(option: str) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        (folder / "d.txt").write_text(FRONT + "おはなし会を開きます。\n", encoding="utf-8")
        os.mkfifo(folder / "settings.fifo")
        return ["check", "d.txt", option, "settings.fifo"]

    return setup


def _long_line(folder: Path) -> list[str]:
    line = " ".join(f"https://bit.ly/a{i}" for i in range(4800))  # ~100 KB on one line
    (folder / "long.txt").write_text(FRONT + line + "\n", encoding="utf-8")
    return ["check", "long.txt", "--format", "rich", "--no-cache", "--select", "URL001"]


def _many_urls(folder: Path) -> list[str]:
    body = "\n".join(f"https://www.city.zushi.lg.jp/page{i}.html" for i in range(24000)) + "\nＡ\n"  # ~990 KB
    (folder / "many.txt").write_text(FRONT + body, encoding="utf-8")
    return ["check", "many.txt", "--format", "concise", "--no-cache", "--select", "URL", "--max-bytes", "2000000"]


def _alias_policy(folder: Path) -> list[str]:
    terms = "\n".join(f"    - 語{i}" for i in range(600))
    rules = "\n".join(f"  CAT00{k}:\n    terms: *t" for k in range(1, 6))
    (folder / "p.yaml").write_text(f"extends: zushi\nid: mine\nlist: &t\n{terms}\nrules:\n{rules}\n", encoding="utf-8")
    (folder / "d.txt").write_text(FRONT + "おはなし会を開きます。\n", encoding="utf-8")
    return ["check", "d.txt", "--policy", "p.yaml"]


PROBES = [
    Probe("policy-dev-zero", "--policy /dev/zero", _dev_zero("--policy"), 5.0, (2,)),
    Probe("config-dev-zero", "--config /dev/zero", _dev_zero("--config"), 5.0, (2,)),
    Probe("policy-fifo", "--policy FIFO (no writer)", _fifo("--policy"), 5.0, (2,)),
    Probe("config-fifo", "--config FIFO (no writer)", _fifo("--config"), 5.0, (2,)),
    Probe("alias-policy", "a policy reusing a term list through YAML aliases", _alias_policy, 5.0, (2,)),
    Probe("long-line", "4,800 short URLs on one 100 KB line, rich", _long_line, 120.0, (0, 1), max_output=5_000_000),
    Probe("many-urls", "24,000 URLs and one full-width character (990 KB)", _many_urls, 15.0, (0, 1)),
]


def run_probe(probe: Probe, rounds: int) -> tuple[bool, str]:
    times = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            args = probe.setup(folder)
            started = time.perf_counter()
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "snslint", *args], cwd=folder, capture_output=True,
                    timeout=probe.budget_s * 4,
                )
            except subprocess.TimeoutExpired:
                return False, f"hang (> {probe.budget_s * 4:.0f} s)"
            times.append(time.perf_counter() - started)
            out = len(proc.stdout) + len(proc.stderr)
            if proc.returncode not in probe.exit_codes or b"Traceback" in proc.stderr:
                return False, f"exit {proc.returncode}: {proc.stderr[-300:].decode('utf-8', 'replace')}"
            if out > probe.max_output:
                return False, f"output {out:,} bytes > {probe.max_output:,}"
    median = statistics.median(times)
    ok = median <= probe.budget_s
    return ok, f"{median:6.2f} s (budget {probe.budget_s:.0f} s), output {out:,} bytes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", action="append", help="probe name (repeatable)")
    args = parser.parse_args()
    failed = 0
    for probe in PROBES:
        if args.only and probe.name not in args.only:
            continue
        ok, detail = run_probe(probe, args.rounds)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {probe.name:<16} {detail}  — {probe.what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
