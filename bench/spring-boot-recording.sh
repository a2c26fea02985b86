#!/usr/bin/env bash
# A recording of a real application for the report benchmarks: the Spring Boot sample (samples/spring-boot) under
# `memprof run` with memprof's default settings, under HTTP load from four curl clients (pages, JSON reads, review
# POSTs valid and not) for N seconds after it is ready, then stopped (SIGTERM) so memprof writes the file.
#   bench/spring-boot-recording.sh <out.jfr> [load seconds, default 30] [port, default 18481]
# Needs the sample built (mvn -B -q -DskipTests -pl samples/spring-boot -am package) and curl.
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 3 ] || { echo 'usage: bench/spring-boot-recording.sh <out.jfr> [load seconds] [port]' >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "$1")"
seconds="${2:-30}"
port="${3:-18481}"
jar="$root/samples/spring-boot/target/memprof-sample-spring-boot.jar"
[ -f "$jar" ] || { echo "bench: no $jar (mvn -B -q -DskipTests -pl samples/spring-boot -am package)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: needs curl" >&2; exit 2; }
base="http://localhost:$port"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

"$root/memprof" run --force --ready-when-http "$base/actuator/health" -o "$out" -- java -Dserver.port="$port" -jar "$jar" \
  >"$log" 2>&1 &
memprof=$!
until curl -sf -o /dev/null "$base/actuator/health"; do
  kill -0 "$memprof" 2>/dev/null || { cat "$log" >&2; echo "bench: the sample did not start" >&2; exit 1; }
  sleep 1
done

# one client: a mix of requests, one after another, until the time is up
client() {
  local end=$(( $(date +%s) + seconds )) i=$1
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$(( (i * 1103515245 + 12345) % 2147483648 ))
    local book=$(( i % 500 + 1 )) page=$(( i % 25 )) author=$(( i % 50 + 1 ))
    curl -s "$base/?page=$page" "$base/books/$book" "$base/api/books?page=$page" "$base/api/books?q=river" \
      "$base/api/books/$book" "$base/api/authors/$author/books" >/dev/null
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"reviewer":"ann","rating":4,"text":"A fine read."}' \
      "$base/api/books/$book/reviews"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"reviewer":"","rating":9,"text":"x"}' \
      "$base/api/books/$book/reviews"
  done
}
for c in 1 2 3 4; do client "$c" & done
wait $(jobs -p | grep -v "^$memprof$")
kill -TERM "$memprof"
wait "$memprof" || true # memprof stops the app, writes the file and exits with the app's code (143 after SIGTERM)
[ -s "$out" ] || { cat "$log" >&2; echo "bench: no recording written" >&2; exit 1; }
echo "$out: $(( $(stat -c %s "$out") >> 20 )) MB"
