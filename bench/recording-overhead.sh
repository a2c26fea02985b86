#!/usr/bin/env bash
# Recording overhead: throughput of a real workload (H2, bench/H2Workload.java) unprofiled and under
# `memprof run` with memprof's default settings, alternating, N runs each, on the same machine in the
# same run. Prints the medians and their ratio.
#   bench/recording-overhead.sh [runs, default 5] [warm-up seconds, default 10] [measured seconds, default 20]
# COMPARE="<JVM options>" adds a third arm, memprof run with those options for the workload, which override
# memprof's own: e.g. COMPARE=-XX:FlightRecorderOptions=stackdepth=128 measures the previous stack depth.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"; warm="${2:-10}"; measured="${3:-20}"
h2_version=2.3.232
h2="$HOME/.m2/repository/com/h2database/h2/$h2_version/h2-$h2_version.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -f "$h2" ] || mvn -B -q dependency:get -Dartifact="com.h2database:h2:$h2_version" >&2
(cd "$root" && ./memprof --version >/dev/null) # builds memprof if needed
javac -d "$work/classes" -cp "$h2" "$root/bench/H2Workload.java"
workload=(java -Xmx512m -cp "$work/classes:$h2" H2Workload "$warm" "$measured")

ops() { grep -o 'ops_per_second=[0-9]*' | cut -d= -f2; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$work/plain"; : > "$work/memprof"; : > "$work/compare"
compare=(${COMPARE:-})
for i in $(seq "$runs"); do
  "${workload[@]}" | ops >> "$work/plain"
  "$root/memprof" run -o "$work/run.jfr" --force -- "${workload[@]}" 2>"$work/memprof.err" | ops >> "$work/memprof" \
    || { cat "$work/memprof.err" >&2; exit 1; }
  if [ ${#compare[@]} -gt 0 ]; then
    "$root/memprof" run -o "$work/compare.jfr" --force -- java "${compare[@]}" "${workload[@]:1}" 2>"$work/memprof.err" \
      | ops >> "$work/compare" || { cat "$work/memprof.err" >&2; exit 1; }
  fi
  echo "bench: run $i: unprofiled $(tail -1 "$work/plain") ops/s, memprof $(tail -1 "$work/memprof") ops/s$(
    [ ${#compare[@]} -gt 0 ] && echo ", memprof with ${compare[*]} $(tail -1 "$work/compare") ops/s")" >&2
done
plain=$(median < "$work/plain"); profiled=$(median < "$work/memprof")
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
echo "H2 $h2_version workload, median of $runs runs of ${measured}s after ${warm}s warm-up:"
echo "unprofiled: $plain ops/s; memprof run (default settings): $profiled ops/s; ratio: $(printf '%.3f' "$(echo "$profiled / $plain" | bc -l)")"
if [ ${#compare[@]} -gt 0 ]; then
  other=$(median < "$work/compare")
  echo "memprof run with ${compare[*]}: $other ops/s; ratio: $(printf '%.3f' "$(echo "$other / $plain" | bc -l)")"
fi
echo "recording of the last run: $(( $(stat -c %s "$work/run.jfr") >> 10 )) KB"
