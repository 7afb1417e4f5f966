"""Evaluate the model on a labelled set, in process or against a running server.

    python3 evaluate.py                                   # in process, model.json
    python3 evaluate.py --url http://127.0.0.1:8000       # through POST /predict
    python3 evaluate.py --min-accuracy 0.8 --json         # a gate for CI
    python3 evaluate.py --baseline baselines/production.json   # a release gate

Each line of the data file is {"inputs": [...], "label": 0 or 1}. Prints accuracy,
precision, recall and per-batch latency; exits 1 when accuracy is below --min-accuracy,
or when accuracy or recall fell more than --max-regression below the baseline's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_examples(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict_local(batch: list[list[float]]) -> list[dict]:
    from model import Model

    if not hasattr(predict_local, "model"):
        predict_local.model = Model.load(HERE / "model.json")
    return predict_local.model.predict(batch)


def predict_http(url: str, batch: list[list[float]]) -> list[dict]:
    request = urllib.request.Request(
        url.rstrip("/") + "/predict",
        data=json.dumps({"inputs": batch}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["predictions"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def evaluate(examples: list[dict], batch_size: int, url: str | None) -> dict:
    tp = fp = tn = fn = 0
    latencies_ms = []
    for start in range(0, len(examples), batch_size):
        batch = examples[start : start + batch_size]
        t0 = time.perf_counter()
        if url:
            predictions = predict_http(url, [e["inputs"] for e in batch])
        else:
            predictions = predict_local([e["inputs"] for e in batch])
        latencies_ms.append((time.perf_counter() - t0) * 1000)
        for example, prediction in zip(batch, predictions):
            predicted, actual = prediction["label"], example["label"]
            tp += predicted == 1 and actual == 1
            fp += predicted == 1 and actual == 0
            tn += predicted == 0 and actual == 0
            fn += predicted == 0 and actual == 1
    n = tp + fp + tn + fn
    return {
        "examples": n,
        "accuracy": round((tp + tn) / n, 4) if n else 0.0,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "batch_size": batch_size,
        "latency_ms_p50": round(percentile(latencies_ms, 50), 3) if latencies_ms else 0.0,
        "latency_ms_p95": round(percentile(latencies_ms, 95), 3) if latencies_ms else 0.0,
    }


GATED_METRICS = ("accuracy", "recall")


def regressions(report: dict, baseline: dict, max_regression: float) -> list[str]:
    """Metrics that dropped by more than max_regression compared with the baseline."""
    found = []
    for metric in GATED_METRICS:
        if metric not in baseline:
            continue
        drop = float(baseline[metric]) - float(report[metric])
        if drop > max_regression + 1e-9:
            found.append(
                f"{metric} regressed from {baseline[metric]} to {report[metric]} "
                f"(-{drop:.4f}, allowed -{max_regression})"
            )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "eval.jsonl")
    parser.add_argument("--url", help="evaluate through a running server instead of in process")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--min-accuracy", type=float, default=0.75)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--baseline", type=Path, help="JSON report of the model in production")
    parser.add_argument("--max-regression", type=float, default=0.02,
                        help="largest allowed drop of accuracy or recall against --baseline")
    args = parser.parse_args()
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")

    report = evaluate(load_examples(args.data), args.batch_size, args.url)
    problems = []
    if report["accuracy"] < args.min_accuracy:
        problems.append(f"accuracy {report['accuracy']} is below {args.min_accuracy}")
    if args.baseline:
        with open(args.baseline, encoding="utf-8") as f:
            problems += regressions(report, json.load(f), args.max_regression)
    report["passed"] = not problems
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:<16}{value}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
