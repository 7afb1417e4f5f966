#!/usr/bin/env python3
"""Collect the rows of Benchmarks/run and print them as a Markdown table.

    report.py hyperfine ROWS WORKLOAD JSON REFERENCE LABEL=BUDGET...
        one row per command of a hyperfine export; REFERENCE is the label the ratios are to;
        BUDGET is `x1.10` (ratio to the reference at most), `ms20` (median at most, in ms) or
        `-` (no budget: an anchor, shown for comparison)
    report.py row ROWS WORKLOAD LABEL MEDIAN MIN RATIO CPU BUDGET MET
        one row as given (memory figures)
    report.py missing ROWS WORKLOAD LABEL BUDGET WHY
        the row of a command that was not measured, and why
    report.py table ROWS
        the Markdown table

ROWS is a tab-separated file, one row per line, in the order they were added. Budgets are
judged on the median; the minimum is shown because it is the figure least disturbed by other
work on the machine, and user+sys (hyperfine's mean) because CPU time hardly is.
"""

import json
import sys


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds < 1:
        return "%.1f ms" % (seconds * 1000)
    return "%.2f s" % seconds


def fmt_budget(budget):
    if budget.startswith("x"):
        return "≤ %s×" % budget[1:]
    if budget.startswith("ms"):
        return "≤ %s ms" % budget[2:]
    return "—" if budget == "-" else budget


def append(rows, fields):
    with open(rows, "a", encoding="utf-8") as f:
        f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in fields) + "\n")


def hyperfine(rows, workload, export, reference, specs):
    with open(export, encoding="utf-8") as f:
        results = {r["command"]: r for r in json.load(f)["results"]}
    ref = results.get(reference)
    ref_median = ref["median"] if ref else None
    for spec in specs:
        label, _, budget = spec.rpartition("=")
        result = results.get(label)
        if result is None:
            continue  # not run: its own row says why
        median = result["median"]
        ratio = median / ref_median if ref_median else None
        if label == reference:
            ratio_text = "1.00 (reference)"
        else:
            ratio_text = "—" if ratio is None else ("%.2f" % ratio if ratio >= 0.1 else "%.2g" % ratio)
        if budget.startswith("x"):
            met = "—" if ratio is None else ("yes" if ratio <= float(budget[1:]) else "**no**")
        elif budget.startswith("ms"):
            met = "yes" if median * 1000 <= float(budget[2:]) else "**no**"
        else:
            met = "—"
        cpu = fmt_time(result["user"] + result["system"])
        append(rows, [workload, label, fmt_time(median), fmt_time(result["min"]), ratio_text, cpu,
                      fmt_budget(budget), met])


def table(rows):
    print("| workload | command | median | min | ratio | user+sys | budget | met |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    try:
        with open(rows, encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except FileNotFoundError:
        lines = []
    for fields in lines:
        fields = (fields + [""] * 8)[:8]
        fields[1] = "`%s`" % fields[1]
        print("| " + " | ".join(fields) + " |")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    kind, rows = argv[1], argv[2]
    if kind == "hyperfine":
        hyperfine(rows, argv[3], argv[4], argv[5], argv[6:])
    elif kind == "row":
        append(rows, argv[3:11])
    elif kind == "missing":
        append(rows, [argv[3], argv[4], "—", "—", "—", "—", fmt_budget(argv[5]), argv[6]])
    elif kind == "table":
        table(rows)
    else:
        sys.exit("unknown report: %s" % kind)


if __name__ == "__main__":
    main(sys.argv)
