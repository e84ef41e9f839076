#!/usr/bin/env python3
"""Turns the JMH JSON results of run-all.sh into the markdown tables of docs/benchmarks.md.

Usage: python3 benchmarks/tables.py benchmarks/target/results
Each row shows time per operation (with JMH's 99.9% error), its ratio to the table's anchor (the
competitor named in ANCHORS) and the allocation per operation, for 1 and for 2 threads.
"""
import json
import os
import sys

ANCHORS = {
    "PreResolvedCounterBenchmark": "micrometer",
    "CounterByNameBenchmark": "micrometer",
    "HistogramBenchmark": "micrometerTimer",
    "DistributionBenchmark": "micrometer",
    "GaugeBenchmark": "micrometer",
    "TimedAspectBenchmark": "micrometerTimedAspect",
}


def load(path):
    rows = {}
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        for result in json.load(f):
            name = result["benchmark"].rsplit(".", 2)
            key = (name[-2], name[-1], tuple(sorted(result.get("params", {}).items())))
            primary = result["primaryMetric"]
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            rows[key] = (primary["score"], primary["scoreError"], primary["scoreUnit"], alloc)
    return rows


def fmt_time(score, error):
    if not isinstance(error, (int, float)) or error != error:
        return f"{score:,.1f}"
    if score >= 100:
        return f"{score:,.0f} ± {error:,.0f}"
    return f"{score:,.1f} ± {error:,.1f}"


def fmt_alloc(alloc):
    if alloc is None:
        return "–"
    return "0" if alloc < 0.5 else f"{alloc:,.0f}"


def cells(rows, key, anchor_key):
    if key not in rows:
        return ["–", "–", "–"]
    score, error, _, alloc = rows[key]
    ratio = "–"
    if anchor_key in rows:
        ratio = f"{score / rows[anchor_key][0]:.2f}×"
    return [fmt_time(score, error), ratio, fmt_alloc(alloc)]


def main(directory):
    one = load(os.path.join(directory, "recording-1-thread.json"))
    two = load(os.path.join(directory, "recording-2-thread.json"))
    for benchmark, anchor in ANCHORS.items():
        methods = sorted({k[1] for k in list(one) + list(two) if k[0] == benchmark})
        if not methods:
            continue
        print(f"#### {benchmark} (anchor: `{anchor}`)\n")
        print("| row | 1 thread ns/op | vs anchor | B/op | 2 threads ns/op | vs anchor | B/op |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for method in methods:
            key = (benchmark, method, ())
            anchor_key = (benchmark, anchor, ())
            print("| " + " | ".join([f"`{method}`"] + cells(one, key, anchor_key) + cells(two, key, anchor_key)) + " |")
        print()
    flush = load(os.path.join(directory, "flush.json"))
    if flush:
        print("#### FlushBenchmark\n")
        print("| series | delivery | ms per flush | B allocated per flush |")
        print("| ---: | --- | ---: | ---: |")
        for key in sorted(flush, key=lambda k: (int(dict(k[2])["series"]), dict(k[2])["delivery"])):
            params = dict(key[2])
            score, error, _, alloc = flush[key]
            print(f"| {int(params['series']):,} | {params['delivery']} | {fmt_time(score, error)} | {fmt_alloc(alloc)} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/results")
