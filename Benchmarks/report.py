#!/usr/bin/env python3
"""Collect the rows of Benchmarks/run and print them as a Markdown table.

    report.py hyperfine ROWS WORKLOAD JSON REFERENCE [--compare] LABEL=BUDGET...
        one row per command of a hyperfine export; REFERENCE is the label the ratios are to;
        BUDGET is `x1.10` (ratio to the reference at most), `ms20` (median at most, in ms),
        several of those joined by commas (all must hold), or `-` (no budget: an anchor, shown
        for comparison). --compare: the export also holds each `lab …` command run with the old
        binary, labelled `lab (before) …`; each new row gets the ratio of its median to the old
        one's (and of its mean CPU time), and the old rows' ratios are to the old binary's
        reference when the reference is a lab command itself
    report.py row ROWS WORKLOAD LABEL MEDIAN MIN RATIO CPU BUDGET MET [VS_BEFORE]
        one row as given (memory figures)
    report.py missing ROWS WORKLOAD LABEL BUDGET WHY
        the row of a command that was not measured, and why
    report.py table ROWS [--compare]
        the Markdown table; --compare adds the column of ratios to the old binary
    report.py merge OUT ROUND_JSON...
        one export from the exports of several rounds of the same commands: each command's runs
        all together, its mean CPU time over the rounds, and its median in each round
        (`round_medians`), from which every ratio is then taken round by round
    report.py grid JSON [TASK_JSON]
        the globgrid table: each cell `… (E=N, F=N)` of the export with its ratio to the smallest
        cell and the marginal costs per exercise and per file; TASK_JSON, go-task's anchor

ROWS is a tab-separated file, one row per line, in the order they were added. Budgets are
judged on the median (a ratio over rounds: the median of the rounds' ratios); the minimum is shown because it is the figure least disturbed by other
work on the machine, and user+sys (hyperfine's mean) because CPU time hardly is.
"""

import json
import re
import statistics
import sys

BEFORE = "lab (before)"


def before_label(label):
    """The label of a lab command run with the old binary (--compare): `lab X` → `lab (before) X`."""
    return BEFORE + label[len("lab"):]


def is_before(label):
    return label.startswith(BEFORE)


def ratio_text(ratio):
    return "—" if ratio is None else ("%.2f" % ratio if ratio >= 0.1 else "%.2g" % ratio)


def times_text(ratio):
    return "%.0f" % ratio if ratio >= 10 else "%.2f" % ratio


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds < 1:
        return "%.1f ms" % (seconds * 1000)
    return "%.2f s" % seconds


def fmt_budget(budget):
    if "," in budget:
        return ", ".join(fmt_budget(b) for b in budget.split(","))
    if budget.startswith("x"):
        return "≤ %s×" % budget[1:]
    if budget.startswith("ms"):
        return "≤ %s ms" % budget[2:]
    return "—" if budget == "-" else budget


def met_text(budget, median, ratio):
    """yes, **no**, or — (no budget, or a ratio budget without a reference)."""
    verdicts = []  # (budget, met or None)
    for b in budget.split(","):
        if b.startswith("x"):
            verdicts.append((b, None if ratio is None else ratio <= float(b[1:])))
        elif b.startswith("ms"):
            verdicts.append((b, median * 1000 <= float(b[2:])))
    if not verdicts or any(v is None for _, v in verdicts):
        return "—"
    if all(v for _, v in verdicts):
        return "yes"
    if len(verdicts) == 1:
        return "**no**"
    return "**no** (%s)" % ", ".join(fmt_budget(b) for b, v in verdicts if not v)


def append(rows, fields):
    with open(rows, "a", encoding="utf-8") as f:
        f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in fields) + "\n")


def load(export):
    with open(export, encoding="utf-8") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def merge(out, exports):
    rounds = [load(export) for export in exports]
    merged = []
    for label in rounds[0]:
        results = [r[label] for r in rounds if label in r]
        times = [t for r in results for t in r["times"]]
        merged.append({
            "command": label, "times": times, "median": statistics.median(times), "min": min(times),
            "mean": statistics.mean(times), "user": statistics.mean(r["user"] for r in results),
            "system": statistics.mean(r["system"] for r in results),
            "round_medians": [r["median"] for r in results]})
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"results": merged}, f, indent=1)


def ratio_of(result, ref):
    """result's median over ref's; over rounds, the median of the rounds' ratios."""
    a, b = result.get("round_medians"), ref.get("round_medians")
    if a and b and len(a) == len(b) and all(b):
        return statistics.median(x / y for x, y in zip(a, b))
    return result["median"] / ref["median"] if ref["median"] else None


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
        ratio = ratio_of(result, ref) if ref else None
        text = "1.00 (reference)" if label == ref_label else ratio_text(ratio)
        cpu = fmt_time(result["user"] + result["system"])
        fields = [workload, label, fmt_time(median), fmt_time(result["min"]), text, cpu,
                  fmt_budget(budget), met_text(budget, median, ratio)]
        if compare:
            old = None if is_before(label) or not label.startswith("lab") else \
                results.get(before_label(label))
            # The CPU times beside: they move far less than the medians on a busy machine.
            old_cpu = old["user"] + old["system"] if old else 0
            fields.append("%s (CPU %s)" % (ratio_text(ratio_of(result, old)),
                                           ratio_text((result["user"] + result["system"]) / old_cpu)
                                           if old_cpu else "—")
                          if old and old["median"] else "—")
        append(rows, fields)


def grid(export, task_export=None):
    """The globgrid table, from the hyperfine export of its cells (labels `… (E=N, F=N)`): two
    values of E and two of F. Marginal costs are from the medians; the E×F term from the medians
    and from the mean CPU times (user+sys), which other work on the machine disturbs less."""
    cells = {}  # (binary, E, F) → (label, result); binary: "lab" or "lab (before)"
    for label, result in load(export).items():
        m = re.search(r"E=(\d+), F=(\d+)", label)
        if m:
            binary = BEFORE if is_before(label) else "lab"
            cells[(binary, int(m.group(1)), int(m.group(2)))] = (label, result)
    es = sorted({e for _, e, _ in cells})
    fs = sorted({f for _, _, f in cells})
    if len(es) != 2 or len(fs) != 2:
        print("(globgrid: not a grid of 2 × 2 cells: %d values of E, %d of F)" % (len(es), len(fs)))
        return
    (e0, e1), (f0, f1) = es, fs

    def median(binary, e, f):
        cell = cells.get((binary, e, f))
        return cell[1]["median"] if cell else None

    def cpu(binary, e, f):
        cell = cells.get((binary, e, f))
        return cell[1]["user"] + cell[1]["system"] if cell else None

    def per_unit(a, b, units):  # µs per unit between two medians
        return "—" if a is None or b is None else "%.1f µs" % ((b - a) / units * 1e6)

    print("| command | median | min | user+sys | ratio to E=%d/F=%d | per exercise (E %d→%d, "
          "same F) | per file (F %d→%d, same E) |" % (e0, f0, e0, e1, f0, f1))
    print("|---|---:|---:|---:|---:|---:|---:|")
    notes = []
    for binary in (BEFORE, "lab"):
        base = median(binary, e0, f0)
        for e in es:
            for f in fs:
                if (binary, e, f) not in cells:
                    continue
                label, result = cells[(binary, e, f)]
                ratio = "1.00 (reference)" if (e, f) == (e0, f0) else \
                    ratio_text(result["median"] / base if base else None)
                print("| `%s` | %s | %s | %s | %s | %s | %s |" % (
                    label, fmt_time(result["median"]), fmt_time(result["min"]),
                    fmt_time(cpu(binary, e, f)), ratio,
                    per_unit(median(binary, e0, f), median(binary, e1, f), e1 - e0),
                    per_unit(median(binary, e, f0), median(binary, e, f1), f1 - f0)))
        # cost = a + b·E + c·F + d·E·F fits the four cells exactly; d is what a cost linear in
        # E + F does not have.
        for what, cost in (("medians", median), ("CPU times", cpu)):
            corners = [cost(binary, e, f) for e in es for f in fs]
            if None in corners or not corners[3]:
                continue
            c00, c01, c10, c11 = corners
            d = (c11 - c10 - c01 + c00) / ((e1 - e0) * (f1 - f0))
            notes.append("%s: fitting a + b·E + c·F + d·E·F to the four %s, d = %.1f ns per "
                         "exercise and file; d·E·F is %.0f %% of the E=%d/F=%d cell (a cost "
                         "linear in E + F has d = 0)" % (binary, what, d * 1e9,
                                                        d * e1 * f1 / c11 * 100, e1, f1))
    if task_export:
        base, big = median("lab", e0, f0), median("lab", e1, f1)
        for label, result in load(task_export).items():
            print("| `%s` | %s | %s | %s | %s | — | — |" % (
                label, fmt_time(result["median"]), fmt_time(result["min"]),
                fmt_time(result["user"] + result["system"]),
                ratio_text(result["median"] / base if base else None)))
            if big:
                runs = len(result.get("times") or [])
                notes.append("go-task (its own hyperfine invocation, %d run%s): %s × lab's "
                             "E=%d/F=%d cell" % (runs, "" if runs == 1 else "s",
                                                 times_text(result["median"] / big), e1, f1))
    if notes:
        print()
        for note in notes:
            print("- " + note)


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
    elif kind == "merge":
        merge(rows, argv[3:])
    elif kind == "grid":
        grid(rows, argv[3] if len(argv) > 3 else None)
    else:
        sys.exit("unknown report: %s" % kind)


if __name__ == "__main__":
    main(sys.argv)
