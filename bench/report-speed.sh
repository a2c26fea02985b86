#!/usr/bin/env bash
# Report speed and memory: memprof report --html against async-profiler's jfr-converter (--alloc, to HTML)
# on generated recordings of about 100 MB, 500 MB and 1 GB, alternating the two tools, N runs each.
# Prints medians of wall time and of peak RSS (GNU time's %M), the ratio memprof/converter, and the
# HTML sizes, as a Markdown table.
#   bench/report-speed.sh [sizes in MB, default "100 500 1000"] [runs, default 3] [kind, default memprof]
# Kinds (bench/GenerateRecording.java): memprof (memprof's settings, 300 stacks), real-like (the JDK's profile
# settings with the allocation events turned up, stack depth 128, about 5,000 distinct stacks 10-60 frames deep),
# many-stacks (the same, about 100,000 distinct stacks).
# Recordings go to bench/recordings/ (made once by bench/GenerateRecording.java; delete them to remake):
# bench-<MB>.jfr for memprof's kind, bench-<kind>-<MB>.jfr for the others.
set -euo pipefail
# sizes are one argument: report-speed.sh 100 500 would run the 100 MB recording 500 times
[ $# -le 3 ] || { echo 'usage: bench/report-speed.sh ["100 500 1000"] [runs] [memprof|real-like|many-stacks]' >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-100 500 1000}"
runs="${2:-3}"
kind="${3:-memprof}"
case "$kind" in
  memprof|real-like|many-stacks) ;;
  *) echo "bench: unknown kind $kind (memprof, real-like or many-stacks)" >&2; exit 2 ;;
esac
converter_version=4.2
converter="$HOME/.m2/repository/tools/profiler/jfr-converter/$converter_version/jfr-converter-$converter_version.jar"
recordings="$root/bench/recordings"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$recordings"

command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
[ -f "$converter" ] || mvn -B -q dependency:get -Dartifact="tools.profiler:jfr-converter:$converter_version" >&2
(cd "$root" && ./memprof --version >/dev/null) # builds memprof if needed, outside the timings

# one timed run: prints "wall_seconds peak_rss_kb"
timed() {
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; exit 1; }
  cat "$out/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
echo
echo "| recording | events | memprof wall | memprof peak RSS | converter wall | converter peak RSS | wall ratio | memprof HTML | converter HTML |"
echo "|---|---|---|---|---|---|---|---|---|"
for mb in $sizes; do
  jfr="$recordings/bench-$mb.jfr"
  [ "$kind" = memprof ] || jfr="$recordings/bench-$kind-$mb.jfr"
  if [ ! -f "$jfr" ]; then
    echo "bench: generating $jfr ..." >&2
    small_tlabs=(-XX:TLABSize=4k -XX:-ResizeTLAB -XX:TLABRefillWasteFraction=1)
    if [ "$kind" = memprof ]; then
      [ -f "$out/many-events.jfc" ] || java "$root/test-support/src/main/java/dev/memprof/testsupport/ManyEventsSettings.java" \
          "$root/recorder/src/main/resources/dev/memprof/recorder/memprof.jfc" "$out/many-events.jfc"
      java "${small_tlabs[@]}" "$root/bench/GenerateRecording.java" "$mb" "$jfr" "$out/many-events.jfc" >&2
    else
      java "${small_tlabs[@]}" -XX:FlightRecorderOptions:stackdepth=128 "$root/bench/GenerateRecording.java" "$mb" "$jfr" "$kind" >&2
    fi
  fi
  : > "$out/memprof"; : > "$out/converter"
  for i in $(seq "$runs"); do
    timed "$root/memprof" report "$jfr" --html -o "$out/memprof.html" --force >> "$out/memprof"
    timed java -jar "$converter" --alloc "$jfr" "$out/converter.html" >> "$out/converter"
  done
  m_wall=$(cut -d' ' -f1 "$out/memprof" | median); m_rss=$(cut -d' ' -f2 "$out/memprof" | median)
  c_wall=$(cut -d' ' -f1 "$out/converter" | median); c_rss=$(cut -d' ' -f2 "$out/converter" | median)
  samples=$(jfr summary "$jfr" | awk '$1 == "jdk.ObjectAllocationSample" { s = $2 } $1 ~ /TLAB$/ { t += $2 } END { printf "%.1fM samples, %.1fM TLAB", s / 1e6, t / 1e6 }')
  printf "| %s MB | %s | %.2f s | %d MB | %.2f s | %d MB | %.2f | %d KB | %d KB |\n" \
    "$(( $(stat -c %s "$jfr") >> 20 ))" "$samples" "$m_wall" "$(( m_rss / 1024 ))" "$c_wall" "$(( c_rss / 1024 ))" \
    "$(echo "$m_wall / $c_wall" | bc -l)" "$(( $(stat -c %s "$out/memprof.html") >> 10 ))" "$(( $(stat -c %s "$out/converter.html") >> 10 ))"
done
