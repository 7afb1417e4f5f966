#!/usr/bin/env python3
"""Collect the rows of Benchmarks/run and print them as a Markdown table.

    report.py hyperfine ROWS WORKLOAD JSON REFERENCE [--compare] LABEL=BUDGET...
        one row per command of a hyperfine export; REFERENCE is the label the ratios are to;
        BUDGET is `x1.10` (ratio to the reference at most), `ms20` (median at most, in ms) or
        `-` (no budget: an anchor, shown for comparison). --compare: the export also holds each
        `lab …` command run with the old binary, labelled `lab (before) …`; each new row gets
        the ratio of its median to the old one's, and the old rows' ratios are to the old
        binary's reference when the reference is a lab command itself
    report.py row ROWS WORKLOAD LABEL MEDIAN MIN RATIO CPU BUDGET MET [VS_BEFORE]
        one row as given (memory figures)
    report.py missing ROWS WORKLOAD LABEL BUDGET WHY
        the row of a command that was not measured, and why
    report.py table ROWS [--compare]
        the Markdown table; --compare adds the column of ratios to the old binary

ROWS is a tab-separated file, one row per line, in the order they were added. Budgets are
judged on the median; the minimum is shown because it is the figure least disturbed by other
work on the machine, and user+sys (hyperfine's mean) because CPU time hardly is.
"""

import json
import sys

BEFORE = "lab (before)"


def before_label(label):
    """The label of a lab command run with the old binary (--compare): `lab X` → `lab (before) X`."""
    return BEFORE + label[len("lab"):]


def is_before(label):
    return label.startswith(BEFORE)


def ratio_text(ratio):
    return "—" if ratio is None else ("%.2f" % ratio if ratio >= 0.1 else "%.2g" % ratio)


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


def met_text(budget, median, ratio):
    """yes, **no**, or — (no budget, or a ratio budget without a reference)."""
    if budget.startswith("x"):
        return "—" if ratio is None else ("yes" if ratio <= float(budget[1:]) else "**no**")
    if budget.startswith("ms"):
        return "yes" if median * 1000 <= float(budget[2:]) else "**no**"
    return "—"


def append(rows, fields):
    with open(rows, "a", encoding="utf-8") as f:
        f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in fields) + "\n")


def load(export):
    with open(export, encoding="utf-8") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def hyperfine(rows, workload, export, reference, specs):
    compare = bool(specs) and specs[0] == "--compare"
    if compare:
        specs = specs[1:]
    results = load(export)
    for spec in specs:
        label, _, budget = spec.rpartition("=")
        result = results.get(label)
        if result is None:
            continue  # not run: its own row says why
        # An old binary's row is measured against the old binary's reference, when there is one.
        ref_label = reference
        if is_before(label) and reference.startswith("lab") and before_label(reference) in results:
            ref_label = before_label(reference)
        ref = results.get(ref_label)
        median = result["median"]
        ratio = median / ref["median"] if ref and ref["median"] else None
        text = "1.00 (reference)" if label == ref_label else ratio_text(ratio)
        cpu = fmt_time(result["user"] + result["system"])
        fields = [workload, label, fmt_time(median), fmt_time(result["min"]), text, cpu,
                  fmt_budget(budget), met_text(budget, median, ratio)]
        if compare:
            old = results.get(before_label(label)) if label.startswith("lab") and not is_before(label) else None
            fields.append(ratio_text(median / old["median"]) if old and old["median"] else "—")
        append(rows, fields)


def table(rows, compare=False):
    if compare:
        print("| workload | command | median | min | ratio | vs before | user+sys | budget | met |")
        print("|---|---|---:|---:|---:|---:|---:|---|---|")
    else:
        print("| workload | command | median | min | ratio | user+sys | budget | met |")
        print("|---|---|---:|---:|---:|---:|---|---|")
    try:
        with open(rows, encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except FileNotFoundError:
        lines = []
    for fields in lines:
        fields = (fields + [""] * 9)[:9]
        fields[1] = "`%s`" % fields[1]
        if compare:  # the ratio to the old binary beside the ratio to the reference
            fields = fields[:5] + [fields[8] or "—"] + fields[5:8]
        else:
            fields = fields[:8]
        print("| " + " | ".join(fields) + " |")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    kind, rows = argv[1], argv[2]
    if kind == "hyperfine":
        hyperfine(rows, argv[3], argv[4], argv[5], argv[6:])
    elif kind == "row":
        append(rows, argv[3:12])
    elif kind == "missing":
        append(rows, [argv[3], argv[4], "—", "—", "—", "—", fmt_budget(argv[5]), argv[6]])
    elif kind == "table":
        table(rows, compare="--compare" in argv[3:])
    else:
        sys.exit("unknown report: %s" % kind)


if __name__ == "__main__":
    main(sys.argv)
