"""How fast `snslint serve` answers a check once it is running (target: < 50 ms a draft).

Starts the real command (`python -m snslint serve --port N`) as a subprocess, waits for its
start message (policies and dictionary loaded, engine warmed up), then posts a typical draft
to /api/check over one keep-alive connection: the first answer, then `--rounds` more, each a
slightly different draft (a number in the text changes, as while someone types). Prints the
first answer's time and the median, 95th percentile and maximum of the rest, wall-clock per
request as the page sees it (HTTP, JSON, check, filters, rendering the result).

    .venv/bin/python benchmarks/web_latency.py              # 50 rounds
    .venv/bin/python benchmarks/web_latency.py --rounds 200

Exit status 1 when the median is 50 ms or more. The draft below is written for this script.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import time

TARGET_MS = 50.0

DRAFT = """---
city: goshogawara
platform: x
scheduled_at: 2026-12-02T10:00
---
【冬の交通安全運動のお知らせ】
12月{n}日から12月31日まで、冬の交通安全運動を実施します。
路面の凍結やスリップ事故に注意し、スピードを控えめに、車間距離を十分にとりましょう。
夕暮れ時は早めのライト点灯を心がけてください。歩行者の方は反射材の着用をお願いします。
詳しくは市ホームページをご覧ください。https://www.city.goshogawara.lg.jp/
問い合わせ：総務課 0173-35-2111
#交通安全 #五所川原市
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="checks after the first (default 50)")
    args = parser.parse_args()
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "snslint", "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        if "http://" not in line:
            print(f"snslint serve did not start: {line.strip()}", file=sys.stderr)
            return 2
        ready = time.perf_counter() - started
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times: list[float] = []
        for i in range(args.rounds + 1):
            body = json.dumps({"text": DRAFT.format(n=1 + i % 28), "lang": "ja"}).encode("utf-8")
            t0 = time.perf_counter()
            conn.request("POST", "/api/check", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = json.loads(response.read())
            times.append((time.perf_counter() - t0) * 1000)
            if response.status != 200 or data.get("error"):
                print(f"check failed: {response.status} {data.get('error')}", file=sys.stderr)
                return 2
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    first, rest = times[0], sorted(times[1:])
    median = statistics.median(rest)
    p95 = rest[min(len(rest) - 1, int(0.95 * len(rest)))]
    print(f"server ready after {ready:.2f} s (start, policies, dictionary, warm-up)")
    print(f"first check     {first:6.1f} ms")
    print(f"next {len(rest):>4} checks median {median:.1f} ms, p95 {p95:.1f} ms, max {rest[-1]:.1f} ms")
    print(f"target: median < {TARGET_MS:.0f} ms -> {'met' if median < TARGET_MS else 'NOT met'}")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
