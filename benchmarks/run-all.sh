#!/usr/bin/env bash
# Reproduces the tables of docs/benchmarks.md: builds the benchmarks jar, then runs the JMH rows on 1 and
# 2 threads with the GC profiler, the flush benchmark, the end-to-end harness and the heap measurement.
# About 15 minutes on 2 cores. Results go to benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
jmh=(-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc)

uptime | tee "$out/load-before.txt"
for threads in 1 2; do
	java -jar "$jar" "${jmh[@]}" -t "$threads" -e FlushBenchmark \
		-rf json -rff "$out/recording-${threads}-thread.json" | tee "$out/recording-${threads}-thread.txt"
done
# the @Timed rows again, alone and longer: their error bars in the suite are wide
java -jar "$jar" -f 1 -wi 5 -i 10 -w 1s -r 1s -prof gc -t 1 TimedAspect \
	-rf json -rff "$out/timed-rerun.json" | tee "$out/timed-rerun.txt"
java -jar "$jar" "${jmh[@]}" FlushBenchmark -rf json -rff "$out/flush.json" | tee "$out/flush.txt"

e2e=(java -cp "$jar" io.threadstats.benchmarks.EndToEnd --seconds 10 --warmup 3)
{
	"${e2e[@]}" --threads 2 --kind counter
	"${e2e[@]}" --threads 1 --kind counter
	"${e2e[@]}" --threads 2 --kind histogram
	"${e2e[@]}" --threads 2 --kind counter --api name
	"${e2e[@]}" --threads 2 --kind counter --rate 200000
} 2>&1 | tee "$out/end-to-end.txt"

java -Xmx4g -cp "$jar" io.threadstats.benchmarks.HeapPerSeries --series 100000 2>&1 | tee "$out/heap.txt"
uptime | tee "$out/load-after.txt"
