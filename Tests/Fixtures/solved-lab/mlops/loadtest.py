"""Send a bounded number of POST /predict requests from C concurrent workers and report
throughput and latency percentiles.

    python3 loadtest.py --url http://127.0.0.1:8000 --requests 500 --concurrency 8 --batch 16

Only point it at servers you run (localhost): it is a load generator.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import threading
import time
import urllib.parse


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def worker(url: urllib.parse.SplitResult, batches: list[bytes], latencies: list[float],
           errors: list[str], lock: threading.Lock, next_index: list[int]) -> None:
    # One keep-alive connection per worker, like a real client pool.
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
    try:
        while True:
            with lock:
                if next_index[0] >= len(batches):
                    return
                body = batches[next_index[0]]
                next_index[0] += 1
            started = time.perf_counter()
            try:
                conn.request("POST", "/predict", body=body, headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                error = None if response.status == 200 else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as e:
                error = type(e).__name__
                conn.close()  # start over with a fresh connection
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
            elapsed_ms = (time.perf_counter() - started) * 1000
            with lock:
                if error is None:
                    latencies.append(elapsed_ms)
                else:
                    errors.append(error)
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1, help="inputs per request")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 256 and args.batch >= 1):
        parser.error("keep it bounded: 1-100000 requests, 1-256 workers, batch >= 1")

    rng = random.Random(args.seed)
    batches = [
        json.dumps({"inputs": [[round(rng.uniform(0.1, 8), 2), round(rng.uniform(0.05, 2), 2),
                                rng.randint(0, 30)] for _ in range(args.batch)]}).encode()
        for _ in range(args.requests)
    ]
    url = urllib.parse.urlsplit(args.url)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    next_index = [0]
    threads = [
        threading.Thread(target=worker, args=(url, batches, latencies, errors, lock, next_index))
        for _ in range(args.concurrency)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started

    latencies.sort()
    print(f"requests={args.requests}")
    print(f"errors={len(errors)}")
    print(f"concurrency={args.concurrency}")
    print(f"batch={args.batch}")
    print(f"rps={args.requests / wall:.1f}")
    print(f"inputs_per_s={args.requests * args.batch / wall:.1f}")
    for p in (50, 95, 99):
        print(f"p{p}_ms={percentile(latencies, p):.2f}")
    print(f"max_ms={latencies[-1] if latencies else 0:.2f}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
