#!/usr/bin/env python3
"""Turns the results directory of run-all.sh into the markdown of docs/benchmarks.md: every table.

Usage: python3 benchmarks/tables.py [benchmarks/target/results]

Reads (each section is left out, with a note on stderr, when its file is missing):
  run-info.txt               commit, machine and load, written by run-all.sh       -> "Run" header
  recording-{1,2}-thread.json JMH, the recording rows                              -> one table per operation
  timed-rerun.json           JMH, TimedAspectBenchmark alone and longer            -> @Timed overhead tables
  end-to-end.txt             EndToEnd's RESULT lines                               -> end-to-end tables
  flush.json, flush.txt      JMH, and FlushBenchmark's RESULT lines                -> flush table, payloads line
  flush-now.{json,txt}       the same, points recorded now (discard only)          -> more rows of the flush table
  compression.{json,txt}     JMH, and CompressionBenchmark's RESULT lines          -> compression table
  distribution-encoding.{json,txt} the same for DistributionEncodingBenchmark       -> distribution delivery table
  heap.txt                   HeapPerSeries' RESULT lines                           -> heap table
  baseline-flush.json,       the same flush and heap harnesses at the engine before issue 13
  baseline-heap.txt                                                                -> "before" of its +25% targets

Times are JMH's scores with their 99.9% error; "vs anchor" divides by the competitor named in ANCHORS, on
the same thread count. A difference of two rows carries the error sqrt(e1^2 + e2^2). Standard library only.
"""
import glob
import json
import math
import os
import statistics
import sys

RESULT_PREFIX = "RESULT "

# DistributionEncodingBenchmark's points times values per point
DISTRIBUTION_ENCODING_VALUES = 10 * 10_000

ANCHORS = {
    "PreResolvedCounterBenchmark": "micrometer",
    "CounterByNameBenchmark": "micrometer",
    "CounterByNameManySeriesBenchmark": "micrometer",
    "HistogramBenchmark": "micrometerTimer",
    "DistributionBenchmark": "micrometer",
    "GaugeBenchmark": "micrometer",
    "SetBenchmark": "dogstatsd",
    "TimedAspectBenchmark": "micrometerTimedAspect",
    "TakenSlotsCounterBenchmark": "micrometer",
    "TakenSlotsHistogramBenchmark": "micrometerTimer",
}

# the rows whose records/s on 2 threads must be at least SCALING_TARGET times 1 thread's (issue 13)
SCALING_ROWS = [
    ("PreResolvedCounterBenchmark", "threadstats", "counter handle"),
    ("CounterByNameBenchmark", "threadstats", "counter by name"),
    ("GaugeBenchmark", "threadstats", "gauge handle"),
    ("HistogramBenchmark", "threadstats", "histogram handle"),
    ("DistributionBenchmark", "threadstats", "distribution handle"),
    ("SetBenchmark", "threadstatsByName", "set by name"),
    ("TimedAspectBenchmark", "threadstatsTimedAdvisor", "`@Timed` method"),
    ("TakenSlotsCounterBenchmark", "threadstats", "counter handle, cells taken by ended threads"),
    ("TakenSlotsHistogramBenchmark", "threadstats", "histogram handle, stripes taken by ended threads"),
]
SCALING_TARGET = 1.6

# flush cost and heap per series may grow at most this much over the baseline run (the engine before issue 13)
GROWTH_ALLOWED = 1.25

TIMED_ROWS = [
    ("bareCall", "the method called directly"),
    ("bareProxy", "CGLIB proxy, no advice"),
    ("passThroughInterceptor", "advisor whose `MethodInterceptor` only proceeds"),
    ("passThroughAspect", "`@Around` aspect that only proceeds"),
    ("threadstatsTimedAdvisor", "this starter's advisor"),
    ("micrometerTimedAspect", "Micrometer's `TimedAspect`, the anchor"),
]

# (library, how Spring AOP applies it, its row, the pass-through row of the same mechanism)
METERING = [
    ("threadstats", "`ProxyFactory` advisor with a `MethodInterceptor`", "threadstatsTimedAdvisor",
     "passThroughInterceptor"),
    ("Micrometer", "`AspectJProxyFactory` with an `@Around` aspect", "micrometerTimedAspect", "passThroughAspect"),
]

RUN_INFO = [
    ("commit", "commit"),
    ("dirty", "uncommitted changes"),
    ("started", "started"),
    ("finished", "finished"),
    ("cpu", "CPU"),
    ("nproc", "CPUs available (nproc)"),
    ("memory", "memory"),
    ("kernel", "kernel"),
    ("java", "java -version"),
    ("uptime-before", "uptime before"),
    ("uptime-after", "uptime after"),
    ("scope", "scope"),
    ("baseline", "baseline for flush and heap (engine before issue 13)"),
]


# ---- reading ----

def load_jmh(path):
    """{(class, method, params): (score, error, unit, B/op or None)} of a JMH JSON file, and its first row."""
    rows = {}
    first = None
    if not os.path.exists(path):
        return rows, first
    with open(path) as f:
        for result in json.load(f):
            first = first or result
            name = result["benchmark"].rsplit(".", 2)
            key = (name[-2], name[-1], tuple(sorted(result.get("params", {}).items())))
            primary = result["primaryMetric"]
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            rows[key] = (primary["score"], primary["scoreError"], primary["scoreUnit"], alloc)
    return rows, first


def load_results(path, harness):
    """The RESULT lines of one harness in a log, as dicts, in order."""
    results = []
    if not os.path.exists(path):
        return results
    with open(path, errors="replace") as f:
        for line in f:
            start = line.find(RESULT_PREFIX)
            if start < 0:
                continue
            try:
                result = json.loads(line[start + len(RESULT_PREFIX):])
            except ValueError:
                continue
            if result.get("harness") == harness:
                results.append(result)
    return results


def harness_results(directory, log, harness, what):
    """load_results of a log in the directory; says on stderr which section is left out when there are none."""
    path = os.path.join(directory, log)
    results = load_results(path, harness)
    if not results:
        missing(what, path)
    return results


def load_run_info(path):
    info = {}
    if not os.path.exists(path):
        return info
    with open(path) as f:
        for line in f:
            key, sep, value = line.partition(":")
            if sep:
                info[key.strip()] = value.strip()
    return info


# ---- formatting ----

def finite(number):
    return isinstance(number, (int, float)) and not math.isnan(number) and not math.isinf(number)


def fmt_time(score, error=None):
    digits = 0 if abs(score) >= 100 else 1
    text = f"{score:,.{digits}f}"
    if finite(error):
        text += f" ± {error:,.{digits}f}"
    return text


def fmt_alloc(alloc):
    if alloc is None:
        return "–"
    return "0" if abs(alloc) < 0.5 else f"{alloc:,.0f}"


def fmt_ratio(numerator, denominator):
    if not finite(numerator) or not finite(denominator) or denominator == 0:
        return "–"
    return f"{numerator / denominator:.2f}×"


def combined_error(*errors):
    if not all(finite(e) for e in errors):
        return float("nan")
    return math.sqrt(sum(e * e for e in errors))


def table(header, align, rows):
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def emit(text=""):
    print(text)


def missing(what, path):
    print(f"tables.py: no results in {os.path.basename(path)}, so no {what}", file=sys.stderr)


# ---- sections ----

def run_header(directory, jmh_row):
    path = os.path.join(directory, "run-info.txt")
    info = load_run_info(path)
    if not info:
        missing("run header", path)
        return
    emit("#### Run\n")
    rows = [(label, f"`{info[key]}`" if key == "commit" else info[key]) for key, label in RUN_INFO if key in info]
    if jmh_row:
        rows.append(("JMH", jmh_row.get("jmhVersion", "?")))
        rows.append(("JVM", f"{jmh_row.get('vmName', '?')} {jmh_row.get('vmVersion', '?')}"))
    emit(table(["", ""], ["---", "---"], rows))


def recording_tables(directory, one):
    """One table per operation; one is the load_jmh rows of recording-1-thread.json, which main read."""
    two, _ = load_jmh(os.path.join(directory, "recording-2-thread.json"))
    if not one and not two:
        missing("recording tables", os.path.join(directory, "recording-1-thread.json"))
    for benchmark, anchor in ANCHORS.items():
        methods = sorted({k[1] for k in list(one) + list(two) if k[0] == benchmark})
        if not methods:
            continue
        emit(f"#### {benchmark} (anchor: `{anchor}`)\n")
        rows = []
        for method in methods:
            key, anchor_key = (benchmark, method, ()), (benchmark, anchor, ())
            rows.append([f"`{method}`"] + recording_cells(one, key, anchor_key) + recording_cells(two, key, anchor_key))
        emit(table(["row", "1 thread ns/op", "vs anchor", "B/op", "2 threads ns/op", "vs anchor", "B/op"],
                   ["---", "---:", "---:", "---:", "---:", "---:", "---:"], rows))


def recording_cells(rows, key, anchor_key):
    if key not in rows:
        return ["–", "–", "–"]
    score, error, _, alloc = rows[key]
    ratio = fmt_ratio(score, rows[anchor_key][0]) if anchor_key in rows else "–"
    return [fmt_time(score, error), ratio, fmt_alloc(alloc)]


def scaling_table(one, two):
    """Records per second on 2 threads against 1, per kind: 2 x (ns/op on 1 thread) / (ns/op on 2 threads)."""
    out = []
    for benchmark, method, label in SCALING_ROWS:
        key = (benchmark, method, ())
        if key not in one or key not in two:
            continue
        ratio = 2 * one[key][0] / two[key][0]
        out.append([label, f"`{benchmark}.{method}`", fmt_time(one[key][0], one[key][1]),
                    fmt_time(two[key][0], two[key][1]), f"{ratio:.2f}×", verdict(ratio >= SCALING_TARGET)])
    if not out:
        return
    emit(f"#### Two threads against one (records/s; target at least {SCALING_TARGET}×)\n")
    emit(table(["kind", "row", "1 thread ns/op", "2 threads ns/op", "records/s, 2 threads vs 1", "verdict"],
               ["---", "---", "---:", "---:", "---:", "---"], out))


def verdict(met):
    return "met" if met else "**missed**"


def ratio_target(rows, benchmark, method, anchor, limit):
    """(ratio cell, met) of a row against another row of the same run, or None when either is missing."""
    key, anchor_key = (benchmark, method, ()), (benchmark, anchor, ())
    if key not in rows or anchor_key not in rows:
        return None
    ratio = rows[key][0] / rows[anchor_key][0]
    return f"{fmt_time(rows[key][0])} vs {fmt_time(rows[anchor_key][0])} ns ({ratio:.2f}×)", ratio <= limit


def targets_table(directory, one, two):
    """Issue 13's targets, each with what was measured and a verdict."""
    out = []
    comparisons = [
        ("counter handle ≤ Micrometer's cached counter", "PreResolvedCounterBenchmark", "threadstats", "micrometer", 1.0),
        ("histogram handle ≤ Micrometer's `Timer` (no percentiles)", "HistogramBenchmark", "threadstats",
         "micrometerTimer", 1.0),
        ("distribution handle ≤ Micrometer's `DistributionSummary`", "DistributionBenchmark", "threadstats",
         "micrometer", 1.0),
        ("by name with 2 tags ≤ 0.5× Micrometer's", "CounterByNameBenchmark", "threadstats", "micrometer", 0.5),
    ]
    for benchmark in ("PreResolvedCounterBenchmark", "GaugeBenchmark", "HistogramBenchmark", "DistributionBenchmark"):
        comparisons.append((f"timestamped ≤ 1.1× untimestamped ({benchmark.replace('Benchmark', '')} handle)",
                            benchmark, "threadstatsTimestamped", "threadstats", 1.1))
    for label, benchmark, method, anchor, limit in comparisons:
        for threads, rows in (("1 thread", one), ("2 threads", two)):
            measured = ratio_target(rows, benchmark, method, anchor, limit)
            if measured:
                out.append([label, threads, measured[0], verdict(measured[1])])
    timed = [rows for rows in (two,) if ("TimedAspectBenchmark", "bareProxy", ()) in rows]
    for rows in timed:
        proxy = rows[("TimedAspectBenchmark", "bareProxy", ())][0]
        ours = rows.get(("TimedAspectBenchmark", "threadstatsTimedAdvisor", ()))
        theirs = rows.get(("TimedAspectBenchmark", "micrometerTimedAspect", ()))
        if ours and theirs:
            ratio = (ours[0] - proxy) / (theirs[0] - proxy)
            out.append(["`@Timed` overhead ≤ 0.5× `TimedAspect`'s", "2 threads",
                        f"{fmt_time(ours[0] - proxy)} vs {fmt_time(theirs[0] - proxy)} ns ({ratio:.2f}×)",
                        verdict(ratio <= 0.5)])
    for threads, rows in (("1 thread", one), ("2 threads", two)):
        handles = [(k[0], v[3]) for k, v in rows.items() if k[1] in ("threadstats", "threadstatsTimestamped")
                   and k[0] in ("PreResolvedCounterBenchmark", "GaugeBenchmark", "HistogramBenchmark",
                                "DistributionBenchmark") and v[3] is not None]
        if handles:
            worst = max(handles, key=lambda h: h[1])
            out.append(["0 B per call for handles", threads, f"most: {fmt_alloc(worst[1])} B/op ({worst[0]})",
                        verdict(worst[1] < 0.5)])
    out.extend(growth_rows(directory))
    if out:
        emit("#### Targets (issue 13)\n")
        emit(table(["target", "threads", "measured", "verdict"], ["---", "---", "---", "---"], out))


def growth_rows(directory):
    """Flush cost and heap per series against the baseline run: at most GROWTH_ALLOWED times."""
    rows = []
    flush = flush_rows(directory, "flush.json", "flush-now.json")
    before = flush_rows(directory, "baseline-flush.json")
    for key in sorted((k for k in flush if k[1] == "discard"), key=lambda k: (k[0], not k[2])):
        series, _, timestamps = key
        label = f"flush of {series:,} counter series ({'timestamped, kept' if timestamps else 'now'}) ≤ +25%"
        if key not in before:
            rows.append([label, "–", "no baseline run", "not measured"])
            continue
        ms, baseline_ms = flush[key][0], before[key][0]
        rows.append([label, "–", f"{fmt_time(ms)} vs {fmt_time(baseline_ms)} ms before ({ms / baseline_ms:.2f}×)",
                     verdict(ms <= baseline_ms * GROWTH_ALLOWED)])
    heap_before = {r.get("kind", "counter"): r for r in load_results(os.path.join(directory, "baseline-heap.txt"),
                                                                       "heap") if r["library"] == "threadstats"}
    for r in load_results(os.path.join(directory, "heap.txt"), "heap"):
        if r["library"] != "threadstats":
            continue
        kind = r.get("kind", "counter")
        per_series = r["bytes"] / r["series"]
        if kind not in heap_before:
            rows.append([f"heap per {kind} series ≤ +25%", "–", "no baseline run", "not measured"])
            continue
        b = heap_before[kind]
        baseline = b["bytes"] / b["series"]
        rows.append([f"heap per {kind} series ≤ +25%", "–",
                     f"{per_series:,.0f} vs {baseline:,.0f} B before ({per_series / baseline:.2f}×)",
                     verdict(per_series <= baseline * GROWTH_ALLOWED)])
    return rows


# SketchLibraryBenchmark: the engine's former quantile sketch and its HyperLogLog against the libraries
SKETCH_ROWS = [
    ("quantile sketch: add one value", "addOurs", "ours (relative-error sketch, log mapping)", "addDdSketchCubicCollapsing"),
    ("", "addDdSketchLogarithmic", "DDSketch, logarithmic mapping", None),
    ("", "addDdSketchCubic", "DDSketch, cubic mapping", None),
    ("", "addDdSketchCubicCollapsing", "DDSketch, cubic, collapsing lowest (the engine's)", None),
    ("quantile sketch: merge 10,000 values", "mergeOurs", "ours", "mergeDdSketchCubicCollapsing"),
    ("", "mergeDdSketchLogarithmic", "DDSketch, logarithmic mapping", None),
    ("", "mergeDdSketchCubic", "DDSketch, cubic mapping", None),
    ("", "mergeDdSketchCubicCollapsing", "DDSketch, cubic, collapsing lowest (the engine's)", None),
    ("distinct count: add one member", "updateOursDistinct", "ours (HyperLogLog, 2^14 registers; the engine's)",
     None),
    ("", "updateHll8", "DataSketches `HllSketch` HLL_8", "updateOursDistinct"),
    ("", "updateHll4", "DataSketches `HllSketch` HLL_4", "updateOursDistinct"),
    ("distinct count: merge", "mergeOursDistinct", "ours (the engine's)", None),
    ("", "mergeHllUnion", "DataSketches `Union`", "mergeOursDistinct"),
]


def sketch_table(one):
    """The sketch libraries' costs (1 thread), each row with the ratio that decided the engine's choice."""
    rows = {k[1]: v for k, v in one.items() if k[0] == "SketchLibraryBenchmark"}
    if not rows:
        return
    emit("#### SketchLibraryBenchmark (1 thread)\n")
    out = []
    for operation, method, label, against in SKETCH_ROWS:
        if method not in rows:
            continue
        score, error = rows[method][0], rows[method][1]
        ratio = f"{fmt_ratio(score, rows[against][0])} of `{against}`" if against in rows else ""
        out.append([operation, label, f"`{method}`", fmt_time(score, error), ratio])
    emit(table(["operation", "implementation", "row", "ns/op", "ratio"], ["---", "---", "---", "---:", "---"], out))


def timed_tables(directory):
    path = os.path.join(directory, "timed-rerun.json")
    rows, _ = load_jmh(path)
    timed = {k[1]: v for k, v in rows.items() if k[0] == "TimedAspectBenchmark"}
    if not timed:
        missing("@Timed re-run tables", path)
        return
    proxy = timed.get("bareProxy")
    anchor = timed.get("micrometerTimedAspect")
    anchor_overhead = anchor[0] - proxy[0] if proxy and anchor else float("nan")
    emit("#### @Timed re-run (TimedAspectBenchmark alone, 1 thread)\n")
    out = []
    known = [name for name, _ in TIMED_ROWS]
    for name, description in TIMED_ROWS + [(n, "") for n in sorted(timed) if n not in known]:
        if name not in timed:
            continue
        score, error, _, alloc = timed[name]
        label = f"`{name}`" + (f" ({description})" if description else "")
        if proxy is None or name == "bareCall":
            overhead, versus = "–", "–"
        elif name == "bareProxy":
            overhead, versus = "0", "–"
        else:
            overhead = fmt_time(score - proxy[0], combined_error(error, proxy[1])) + " ns"
            versus = fmt_ratio(score - proxy[0], anchor_overhead)
        out.append([label, fmt_time(score, error), fmt_alloc(alloc), overhead, versus])
    emit(table(["row", "ns/op", "B/op", "overhead above `bareProxy`", "vs Micrometer's overhead"],
               ["---", "---:", "---:", "---:", "---:"], out))

    work = {}
    for library, mechanism, row, floor in METERING:
        if row in timed and floor in timed:
            (score, error, _, alloc), (floor_score, floor_error, _, floor_alloc) = timed[row], timed[floor]
            alloc_above = alloc - floor_alloc if alloc is not None and floor_alloc is not None else None
            work[library] = (mechanism, row, floor, score - floor_score, combined_error(error, floor_error),
                             alloc_above)
    if len(work) < len(METERING):
        return
    micrometer = work["Micrometer"][3]
    emit("The metering work alone: each library's row minus the pass-through advice of the same Spring AOP"
         " mechanism, as each library is really applied.\n")
    out = [[library, mechanism, f"`{row}` − `{floor}`", fmt_time(w, e) + " ns", fmt_alloc(a), fmt_ratio(w, micrometer)]
           for library, (mechanism, row, floor, w, e, a) in work.items()]
    emit(table(["library", "applied as", "rows", "metering work", "B/op above the floor", "vs Micrometer's"],
               ["---", "---", "---", "---:", "---:", "---:"], out))


def end_to_end_tables(directory):
    results = harness_results(directory, "end-to-end.txt", "end-to-end", "end-to-end tables")
    if not results:
        return
    emit("#### End to end\n")
    out = []
    previous = None
    for r in results:
        label = run_label(r)
        lost = r["recorded"] - r["received"]
        if r.get("checked"):
            lost_cell = f"**{lost:,}**" if r.get("passed") else f"**{lost:,}: FAILED**"
        else:
            lost_cell = f"{lost:,} ({percent(lost, r['recorded'])})" if lost else "0"
        per_second = r["recorded"] * 1e9 / r["elapsedNanos"] / 1e6 if r["elapsedNanos"] else float("nan")
        out.append([label if label != previous else "", r["library"], f"{r['recorded']:,}", f"{r['received']:,}",
                    lost_cell, f"{per_second:,.1f} M"])
        previous = label
    emit(table(["run", "library", "recorded", "received", "lost", "records/s"],
               ["---", "---", "---:", "---:", "---:", "---:"], out))

    ours = [r for r in results if r["library"] == "threadstats"]
    if ours:
        emit("threadstats' delivery in each run (the run fails, and says so, unless all of these but the"
             " requests and skipped ticks are 0 and nothing was lost):\n")
        out = [[run_label(r), r.get("requests", "–"), f"{r.get('compressedBytes', 0):,}", r.get("unparsableRequests", "–"),
                r.get("rejected", "–"), r.get("skippedFlushTicks", "–"), "passed" if r.get("passed") else "**FAILED**"]
               for r in ours]
        emit(table(["run", "requests", "bytes compressed", "unparsable (answered 400)", "rejected by the engine",
                    "flush ticks skipped", "check"], ["---", "---:", "---:", "---:", "---:", "---:", "---"], out))

    theirs = [r for r in results if r["library"] == "dogstatsd"]
    if theirs:
        emit("Where dogstatsd's loss happened: its client's own telemetry counts the calls its full queue dropped"
             " and the datagrams its sender could not write; Linux counts the datagrams it dropped at the fake"
             " agent's socket because its receive buffer was full (and, for the whole machine, `RcvbufErrors`"
             " in `/proc/net/snmp`). \"Lost after the queue\" is the rest of the loss: calls the queue took that"
             " never arrived.\n")
        out = []
        for r in theirs:
            lost = r["recorded"] - r["received"]
            out.append([run_label(r), f"{lost:,}", count(r.get("clientQueueDroppedCalls")),
                        count(r.get("lostAfterQueue")), count(r.get("clientSenderDroppedDatagrams")),
                        count(r.get("kernelDroppedDatagrams")), count(r.get("kernelRcvbufErrorsSystemWide")),
                        count(r.get("datagrams")), f"{r.get('receiveBufferKiB', 0):,} KiB"])
        emit(table(["run", "lost calls", "dropped by the client's queue (calls)", "lost after the queue (calls)",
                    "sender write failures (datagrams)", "dropped by the kernel at the socket (datagrams)",
                    "RcvbufErrors, whole machine", "datagrams received", "receive buffer"],
                   ["---"] + ["---:"] * 8, out))
        seen = []
        for r in theirs:
            if r.get("options") and r["options"] not in seen:
                seen.append(r["options"])
                emit("dogstatsd client options: " + ", ".join(f"`{k}` {json.dumps(v).strip(chr(34))}"
                                                            for k, v in r["options"].items()) + "\n")


def run_label(r):
    label = f"{r['threads']} thread{'s' if r['threads'] != 1 else ''}, {r['kind']}, "
    label += "handles" if r["api"] == "handle" else "by name"
    if r.get("rate"):
        label += f", held to {r['rate']:,} calls/s"
    if r.get("series", 16) != 16:
        label += f", {r['series']} series"
    return label


def percent(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "–"


def count(value):
    if value is None:
        return "–"
    return "n/a" if value < 0 else f"{value:,}"


def flush_key(params):
    """(series, delivery, timestamps) of a FlushBenchmark run; runs from before the timestamps param had them."""
    return int(params["series"]), params["delivery"], str(params.get("timestamps", "true")).lower() == "true"


def flush_rounds(directory, log):
    """The files of a flush step: its rounds (flush-1.json, flush-2.json, ...), or the one file of an older run."""
    stem, extension = os.path.splitext(log)
    rounds = sorted(glob.glob(os.path.join(directory, f"{stem}-[0-9]{extension}")))
    return rounds or [os.path.join(directory, log)]


def flush_rows(directory, *logs):
    """FlushBenchmark's JMH rows in the given JSON files, by flush_key. run-all.sh runs the flush steps in rounds
    that alternate this engine and the baseline (the machine drifts between minutes); a row is then the median of
    its rounds' scores, with the largest distance of a round from it as its error."""
    rounds = {}
    for log in logs:
        for path in flush_rounds(directory, log):
            for k, v in load_jmh(path)[0].items():
                if k[0] == "FlushBenchmark":
                    rounds.setdefault(flush_key(dict(k[2])), []).append(v)
    rows = {}
    for key, measured in rounds.items():
        if len(measured) == 1:
            rows[key] = measured[0]
            continue
        score = statistics.median(m[0] for m in measured)
        allocs = [m[3] for m in measured if m[3] is not None]
        rows[key] = (score, max(abs(m[0] - score) for m in measured), measured[0][2],
                     statistics.median(allocs) if allocs else None)
    return rows


def median_result(rounds):
    """One RESULT line of a row from its rounds: each count the median of the rounds' (the allocation and
    payload figures of a row, like its time); the other fields as the first round has them."""
    def counted(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return {field: statistics.median_low(r[field] for r in rounds) if counted(value) else value
            for field, value in rounds[0].items()}


def flush_section(directory):
    jmh_path = os.path.join(directory, "flush.json")
    rows = flush_rows(directory, "flush.json", "flush-now.json")
    rounds = {}
    for log in ("flush.txt", "flush-now.txt"):
        for path in flush_rounds(directory, log):
            for r in load_results(path, "flush"):
                rounds.setdefault(flush_key(r), []).append(r)
    results = {key: median_result(measured) for key, measured in rounds.items()}
    if not rows and not results:
        missing("flush table", jmh_path)
        return
    emit("#### FlushBenchmark\n")
    out = []
    for key in sorted(set(rows) | set(results), key=lambda k: (k[0], not k[2], k[1])):
        series, delivery, timestamps = key
        jmh = rows.get(key)
        r = results.get(key)
        own = r["flushingThreadBytesPerFlush"] + r["otherThreadsBytesPerFlush"] if r else None
        out.append([f"{series:,}", "past, kept for late points" if timestamps else "now", delivery,
                    fmt_time(jmh[0], jmh[1]) if jmh else "–", fmt_alloc(own),
                    fmt_alloc(r["flushingThreadBytesPerFlush"]) if r else "–",
                    fmt_alloc(r["otherThreadsBytesPerFlush"]) if r else "–",
                    fmt_alloc(own / series) if own is not None else "–", fmt_alloc(jmh[3]) if jmh else "–"])
    emit(table(["series", "points' time", "delivery", "ms per flush", "B allocated by the flush",
                "of which flushing thread", "other threads (delivery)", "B per series",
                "JMH B/op (includes the refill)"],
               ["---:", "---", "---", "---:", "---:", "---:", "---:", "---:", "---:"], out))
    payloads = [f"{series:,} series → {r['payloads']} payload{'s' if r['payloads'] != 1 else ''}, "
                f"{r['jsonBytes']:,} B JSON, {r['compressedBytes']:,} B compressed"
                for (series, delivery, timestamps), r in sorted(results.items())
                if delivery == "encode" and timestamps and "payloads" in r]
    if payloads:
        emit("Payloads of the last `encode` flush: " + "; ".join(payloads) + ".\n")


def compression_section(directory):
    """CompressionBenchmark: CPU per flush (JMH) and bytes sent (its RESULT lines), zstd1 beside deflate."""
    jmh_path = os.path.join(directory, "compression.json")
    rows, _ = load_jmh(jmh_path)
    results = {r["compression"]: r for r in load_results(os.path.join(directory, "compression.txt"), "compression")}
    if not rows and not results:
        missing("compression table", jmh_path)
        return
    emit("#### CompressionBenchmark\n")
    deflate = results.get("DEFLATE")
    deflate_jmh = rows.get(("CompressionBenchmark", "encode", (("compression", "DEFLATE"),)))
    out = []
    for name in ("ZSTD1", "DEFLATE"):
        jmh = rows.get(("CompressionBenchmark", "encode", (("compression", name),)))
        r = results.get(name)
        out.append([name.lower(), f"{r['series']:,}" if r else "–", fmt_time(jmh[0], jmh[1]) if jmh else "–",
                    fmt_ratio(jmh[0], deflate_jmh[0]) if jmh and deflate_jmh else "–",
                    f"{r['jsonBytes']:,}" if r else "–", f"{r['compressedBytes']:,}" if r else "–",
                    fmt_ratio(r["compressedBytes"], deflate["compressedBytes"]) if r and deflate else "–",
                    f"{r['jsonBytes'] / r['compressedBytes']:.1f}" if r else "–"])
    emit(table(["compression", "series", "ms per flush", "time vs deflate", "B JSON", "B sent", "bytes vs deflate",
                "ratio"], ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"], out))


def distribution_encoding_section(directory):
    """DistributionEncodingBenchmark: the delivery thread's time per raw value (JMH) and the bytes sent."""
    jmh_path = os.path.join(directory, "distribution-encoding.json")
    rows, _ = load_jmh(jmh_path)
    results = {r["values"]: r for r in load_results(os.path.join(directory, "distribution-encoding.txt"),
                                                      "distribution-encoding")}
    if not rows:
        missing("distribution delivery table", jmh_path)
        return
    emit("#### DistributionEncodingBenchmark\n")
    out = []
    for name, label in (("latencies", "latencies (ms, with fractions)"), ("wholeNumbers", "whole numbers (sizes)")):
        jmh = rows.get(("DistributionEncodingBenchmark", "encode", (("values", name),)))
        if not jmh:
            continue
        values = DISTRIBUTION_ENCODING_VALUES
        r = results.get(name)
        out.append([label, fmt_time(jmh[0], jmh[1]), f"{jmh[0] * 1e6 / values:,.0f}",
                    f"{jmh[3] / values:,.0f}" if finite(jmh[3]) else "–",
                    f"{r['jsonBytes']:,}" if r else "–", f"{r['compressedBytes']:,}" if r else "–",
                    f"{r['jsonBytes'] / r['compressedBytes']:.1f}" if r else "–"])
    emit(table(["values", "ms per 100,000 values", "ns per value", "B allocated per value", "B JSON", "B sent",
                "ratio"], ["---", "---:", "---:", "---:", "---:", "---:", "---:"], out))


def heap_table(directory):
    results = harness_results(directory, "heap.txt", "heap", "heap table")
    if not results:
        return
    emit("#### HeapPerSeries\n")
    names = {"threadstats": "threadstats", "micrometer": "Micrometer `DatadogMeterRegistry`"}
    out = []
    for r in results:
        held = "" if r["seriesHeld"] == r["series"] + 1 else f" (**held {r['seriesHeld']:,}**)"
        out.append([r.get("kind", "counter"), names.get(r["library"], r["library"]) + held, f"{r['series']:,}",
                    f"{r['bytes'] / 1e6:,.1f} MB", f"{r['bytes'] / r['series']:,.0f} B"])
    emit(table(["series kind", "library", "series", "heap", "per series"], ["---", "---", "---:", "---:", "---:"],
               out))


def main(directory):
    if not os.path.isdir(directory):
        print(f"tables.py: {directory} is not a directory (run benchmarks/run-all.sh first)", file=sys.stderr)
        return 2
    one_thread, jmh_row = load_jmh(os.path.join(directory, "recording-1-thread.json"))
    run_header(directory, jmh_row)
    recording_tables(directory, one_thread)
    two_threads, _ = load_jmh(os.path.join(directory, "recording-2-thread.json"))
    scaling_table(one_thread, two_threads)
    targets_table(directory, one_thread, two_threads)
    sketch_table(one_thread)
    timed_tables(directory)
    end_to_end_tables(directory)
    flush_section(directory)
    compression_section(directory)
    distribution_encoding_section(directory)
    heap_table(directory)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/results"))
