#!/usr/bin/env bash
# How long memprof's HTML report takes to open and draw in headless Chromium: the time from navigation to the end
# of the page's drawing, which the page itself records (data-drawn-ms on its root element), N runs, and the median.
#   bench/html-draw.sh [recording, default bench/recordings/bench-500.jfr] [runs, default 5]
# Needs Chromium (apt-get install -y chromium) and the recording (bench/report-speed.sh makes it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recording="${1:-$root/bench/recordings/bench-500.jfr}"
runs="${2:-5}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "bench: needs Chromium at $chromium (apt-get install -y chromium)" >&2; exit 2; }
[ -f "$recording" ] || { echo "bench: no recording $recording (bench/report-speed.sh makes it)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$root/memprof" report "$recording" --html -o "$out/report.html" --force 2>/dev/null
echo "$(basename "$recording"): HTML $(( $(stat -c %s "$out/report.html") >> 10 )) KB"
for i in $(seq "$runs"); do
  # a fresh profile each time: nothing cached from the run before
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/profile-$i" \
      --window-size=1400,900 --dump-dom "file://$out/report.html" 2>/dev/null \
    | grep -o 'data-drawn-ms="[0-9]*"' | grep -o '[0-9]*' || { echo "bench: the page did not finish drawing" >&2; exit 1; }
done | sort -g | awk '{ v[NR] = $1; all = all " " $1 } END { printf "drawn after (ms):%s; median %d ms\n", all, v[int((NR + 1) / 2)] }'
