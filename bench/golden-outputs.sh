#!/usr/bin/env bash
# Writes every report variant of every .jfr in a folder, so a refactoring can be checked byte for byte:
#   bench/golden-outputs.sh <recordings-dir> <out-dir>      (before the change, then after, into another folder)
#   diff -r before/ after/                                  (identical when nothing changed)
# fixtures/ (the checked-in recordings) is such a folder: bench/golden-outputs.sh fixtures <out-dir>.
# Per recording: text, json, html, collapsed, each for the views allocations, leaks and native; a --from/--to
# range; text read by the JDK's parser (-Dmemprof.reader=jdk); `check` against itself, against the folder's first
# recording, and --update-baseline into a JSON baseline; each command's stderr and exit code beside its output.
# Uses cli/target/memprof.jar (build it first: mvn -B -o -q -DskipTests -am -pl cli package), or $MEMPROF_JAR.
set -uo pipefail
[ $# -eq 2 ] || { echo 'usage: bench/golden-outputs.sh <recordings-dir> <out-dir>' >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${MEMPROF_JAR:-$root/cli/target/memprof.jar}"
recordings="$(cd "$1" && pwd)"
out="$2"
[ -f "$jar" ] || { echo "golden-outputs: no $jar: build the CLI first" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
first="$(ls "$recordings"/*.jfr | head -1)"

# one command: its stdout into <name>, stderr into <name>.err, exit code into <name>.rc; the output folder's path
# (in "wrote ..." lines) is written as <out>, so two runs into different folders compare equal
run() {
  local name="$1"; shift
  java "$@" >"$out/$name.tmp" 2>"$out/$name.err.tmp"
  echo $? >"$out/$name.rc"
  sed "s#$out#<out>#g" "$out/$name.tmp" >"$out/$name" && rm "$out/$name.tmp"
  sed "s#$out#<out>#g" "$out/$name.err.tmp" >"$out/$name.err" && rm "$out/$name.err.tmp"
}

for jfr in "$recordings"/*.jfr; do
  r="$(basename "$jfr" .jfr)"
  echo "golden-outputs: $r" >&2
  for view in allocations leaks native; do
    run "$r.$view.txt" -jar "$jar" report "$jfr" --view "$view"
    run "$r.$view.json" -jar "$jar" report "$jfr" --view "$view" --format json
    run "$r.$view.collapsed" -jar "$jar" report "$jfr" --view "$view" --format collapsed
    run "$r.$view.html.out" -jar "$jar" report "$jfr" --view "$view" --html --force -o "$out/$r.$view.html"
  done
  run "$r.range.txt" -jar "$jar" report "$jfr" --from 1s --to 3s
  run "$r.range.json" -jar "$jar" report "$jfr" --from 1s --to 3s --format json
  run "$r.jdk-reader.txt" -Dmemprof.reader=jdk -jar "$jar" report "$jfr"
  run "$r.check-self.txt" -jar "$jar" check "$jfr" --baseline "$jfr"
  rm -f "$out/$r.check-first.md"
  run "$r.check-first.txt" -jar "$jar" check "$jfr" --baseline "$first" --force \
      --junit-xml "$out/$r.check-first.junit.xml" --markdown "$out/$r.check-first.md"
  rm -f "$out/$r.baseline.json"  # --update-baseline and --markdown would keep what an earlier run wrote
  run "$r.update-baseline.txt" -jar "$jar" check "$jfr" --baseline "$out/$r.baseline.json" --update-baseline
  run "$r.check-json-baseline.txt" -jar "$jar" check "$jfr" --baseline "$out/$r.baseline.json"
done
