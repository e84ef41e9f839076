#!/usr/bin/env bash
# Reproduces every table of docs/benchmarks.md: builds the benchmarks jar, then runs the JMH rows on 1 and
# 2 threads with the GC profiler, the @Timed rows again alone, the flush benchmark, the end-to-end harness,
# the heap measurement, and the flush and heap of the engine before issue 13. About 40 minutes on 2 cores.
# Results go to benchmarks/target/results/ (emptied first), where `python3 benchmarks/tables.py` turns them into the tables:
#   run-info.txt                       commit (and whether the tree was dirty), machine, java, load before/after
#   recording-{1,2}-thread.{json,txt}  JMH, every recording row
#   timed-rerun.{json,txt}             JMH, TimedAspectBenchmark alone and longer
#   flush-N.{json,txt}                 JMH, FlushBenchmark, round N of 3; the .txt holds its RESULT lines (own allocation, payloads)
#   flush-now-N.{json,txt}             the same, points recorded now instead of timestamped (discard only)
#   end-to-end.txt                     EndToEnd, five runs, with RESULT lines
#   heap.txt                           HeapPerSeries (counter and histogram series), with RESULT lines
#   baseline-flush-N.{json,txt}        the same FlushBenchmark (discard rows) built at $BASELINE, the engine
#   baseline-heap.txt                  before issue 13, and HeapPerSeries there: the "before" of its +25% limit
# With --flush-only it runs the flush rows alone (and the heap, which the flush limits go with): for a change that
# touches only the flush. tables.py then prints the flush and heap tables and those targets.
# A step that fails (a JMH error, an end-to-end run that lost data, a heap check) does not stop the others;
# the script then exits 1 naming it, and its figures must not be published.
set -euo pipefail
cd "$(dirname "$0")/.."

only=${1:-}
if [ -n "$only" ] && [ "$only" != --flush-only ]; then
	echo "usage: $0 [--flush-only]" >&2
	exit 2
fi

jar=benchmarks/target/benchmarks.jar
# the last commit before issue 13's engine: flush cost and heap per series are compared with it
baseline=${BASELINE:-59345b0}
out=benchmarks/target/results
info="$out/run-info.txt"
jmh=(-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -foe true)
# two forks for the recording rows: one fork's JIT and heap layout can move a row by a nanosecond,
# enough to flip a verdict between runs
recording=(-f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc -foe true)
failed=()

# runs "$@", its output (stdout and stderr) shown and appended to the log $1; remembers a failure
step() {
	local log=$1
	shift
	if ! "$@" 2>&1 | tee -a "$log"; then
		failed+=("$(basename "$log"): $*")
	fi
}

changes=$(git status --porcelain --untracked-files=no | wc -l)
mvn -B -q -pl benchmarks -am package -DskipTests
rm -rf "$out"
mkdir -p "$out"
{
	echo "commit: $(git rev-parse --short HEAD)"
	if [ "$changes" -eq 0 ]; then echo "dirty: no"; else echo "dirty: yes, $changes tracked files changed"; fi
	echo "started: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "nproc: $(nproc)"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "kernel: $(uname -sr)"
	echo "java: $(java -version 2>&1 | paste -sd ';' - | sed 's/;/; /g')"
	echo "uptime-before: $(uptime)"
	if [ -n "$only" ]; then echo "scope: flush and heap rows only ($only)"; fi
} > "$info"
cat "$info"

if [ -z "$only" ]; then
for threads in 1 2; do
	# the sketch libraries' rows are single-threaded comparisons: 1 thread only
	excluded='FlushBenchmark|CompressionBenchmark|DistributionEncodingBenchmark'
	if [ "$threads" -eq 2 ]; then excluded="$excluded|SketchLibraryBenchmark"; fi
	step "$out/recording-${threads}-thread.txt" java -jar "$jar" "${recording[@]}" -t "$threads" -e "$excluded" \
		-rf json -rff "$out/recording-${threads}-thread.json"
done
# the @Timed rows again, alone and longer: their error bars in the suite are wide
step "$out/timed-rerun.txt" java -jar "$jar" -f 1 -wi 5 -i 10 -w 1s -r 1s -prof gc -foe true -t 1 TimedAspect \
	-rf json -rff "$out/timed-rerun.json"
step "$out/compression.txt" java -jar "$jar" "${jmh[@]}" CompressionBenchmark -rf json -rff "$out/compression.json"
step "$out/distribution-encoding.txt" java -jar "$jar" "${jmh[@]}" DistributionEncodingBenchmark \
	-rf json -rff "$out/distribution-encoding.json"

e2e=(java -cp "$jar" io.threadstats.benchmarks.EndToEnd --seconds 10 --warmup 3)
step "$out/end-to-end.txt" "${e2e[@]}" --threads 2 --kind counter
step "$out/end-to-end.txt" "${e2e[@]}" --threads 1 --kind counter
step "$out/end-to-end.txt" "${e2e[@]}" --threads 2 --kind histogram
# held to 8 M values/s: at their top speed on 2 cores the writers outrun delivery (docs/benchmarks.md)
step "$out/end-to-end.txt" "${e2e[@]}" --threads 2 --kind distribution --rate 8000000
step "$out/end-to-end.txt" "${e2e[@]}" --threads 2 --kind counter --api name
step "$out/end-to-end.txt" "${e2e[@]}" --threads 2 --kind counter --rate 200000
fi

for kind in counter histogram; do
	step "$out/heap.txt" java -Xmx4g -cp "$jar" io.threadstats.benchmarks.HeapPerSeries --series 100000 --kind "$kind"
done

# The baseline: the engine at $baseline, measured by today's flush and heap harnesses (copied over its own,
# so both sides are measured the same way), in a throwaway worktree.
before=$(mktemp -d)
if git worktree add -q --detach "$before" "$baseline"; then
	cp benchmarks/src/main/java/io/threadstats/benchmarks/{FlushBenchmark,HeapPerSeries,Options,ResultLine}.java \
		"$before/benchmarks/src/main/java/io/threadstats/benchmarks/"
	if (cd "$before" && mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true -Dspring-javaformat.skip=true \
		-Dcheckstyle.skip=true); then
		echo "baseline: $(git rev-parse --short "$baseline")" >> "$info"
		baseline_jar="$before/$jar"
		for kind in counter histogram; do
			step "$out/baseline-heap.txt" java -Xmx4g -cp "$before/$jar" io.threadstats.benchmarks.HeapPerSeries \
				--series 100000 --kind "$kind"
		done
	else
		failed+=("baseline build at $baseline")
	fi
else
	failed+=("baseline worktree at $baseline")
fi

# The flush rows in rounds that alternate this engine and the baseline, so that both see the same machine:
# one flush of 100,000 series swings by half between minutes (and JVMs) here; tables.py takes each row's median.
for round in 1 2 3; do
	step "$out/flush-$round.txt" java -jar "$jar" "${jmh[@]}" FlushBenchmark -rf json -rff "$out/flush-$round.json"
	step "$out/flush-now-$round.txt" java -jar "$jar" "${jmh[@]}" FlushBenchmark -p delivery=discard \
		-p timestamps=false -rf json -rff "$out/flush-now-$round.json"
	if [ -n "${baseline_jar:-}" ]; then
		step "$out/baseline-flush-$round.txt" java -jar "$baseline_jar" "${jmh[@]}" FlushBenchmark \
			-p delivery=discard -p timestamps=true,false -rf json -rff "$out/baseline-flush-$round.json"
	fi
done
git worktree remove --force "$before" 2>/dev/null || true

{
	echo "finished: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "uptime-after: $(uptime)"
} >> "$info"
tail -n 2 "$info"

if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED steps (do not publish their figures):" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "all steps passed; the tables: python3 benchmarks/tables.py $out"
