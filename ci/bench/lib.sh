# Sourced by the ci/bench scripts: moves to the repository root and defines bench_classpath, bench_require,
# bench_require_count, bench_require_capture, bench_synthetic_capture, bench_capture, bench_warm and bench_timed.
# shellcheck shell=bash
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# Compiles main and test classes and sets BENCH_CP to their classpath with every test-scope dependency
# (the bench mains live under src/test). The classpath goes through a temp file removed right away, since the
# callers exec java and an EXIT trap would never run.
bench_classpath() {
  mvn -q -B test-compile
  local cp_file
  cp_file="$(mktemp)"
  mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test \
    || { rm -f "$cp_file"; return 1; }
  BENCH_CP="target/classes:target/test-classes:$(cat "$cp_file")"
  rm -f "$cp_file"
}

# Exits 2 with one line naming the first of the given commands that is missing (ci/install-deps.sh installs them).
bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found: run ci/install-deps.sh" >&2; exit 2; }
  done
}

# Exits 2 with one line unless $2, the value given to option $1, is a count ($3: an example for the line).
bench_require_count() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$0: $1 takes a count, e.g. $1 $3" >&2; exit 2; }
}

# Exits 2 with one line unless $1, the value given to --capture, is empty (none given) or a file.
bench_require_capture() {
  [[ -z "$1" || -f "$1" ]] || { echo "$0: $1: no such file (give a capture with --capture FILE)" >&2; exit 2; }
}

# Writes the bench's synthetic capture (SyntheticCapture: healthy 10-packet conversations, every 50th connect's SYN
# retried unanswered) of about $2 packets to $1 and prints the count written. Needs the test classes compiled
# (mvn -q -B test-compile, or bench_classpath).
bench_synthetic_capture() {
  java -cp target/test-classes dev.faultlab.detect.bench.SyntheticCapture "$1" "$2"
}

# Sets BENCH_CAPTURE to the capture to measure: $1 (what --capture gave) as an absolute path, or when it is empty the
# synthetic capture of about $2 packets, written into the directory $3 (the caller's scratch directory).
bench_capture() {
  if [[ -n "$1" ]]; then
    BENCH_CAPTURE="$(realpath "$1")"
    return
  fi
  mvn -q -B test-compile
  BENCH_CAPTURE="$3/synthetic-$2.pcap"
  echo "capture: $(bench_synthetic_capture "$BENCH_CAPTURE" "$2") packets (generated)"
}

# Reads a capture once, untimed, so that the timed run after it finds the whole file in the page cache. The reference
# VM's memory reclaim (DAMON) evicts a large capture's pages within minutes: fincore showed 0.54 of the 10 M
# capture's 1.8 GB resident a few minutes after a run. A run that reads from disk times the disk, not the tool, and
# whichever tool ran first in a round would pay for the others.
bench_warm() {
  cat "$1" >/dev/null
}

# Runs a command under GNU time; prints "seconds peak-kB cpu-seconds exit" on stdout, and leaves the command's output
# in $BENCH_WORK/out and its errors in $BENCH_WORK/err (BENCH_WORK: the caller's scratch directory). CPU seconds
# (user + system) say more than wall time on a machine shared with other jobs.
bench_timed() {
  local exit=0
  /usr/bin/time -f "%e %M %U %S" -o "$BENCH_WORK/time" "$@" >"$BENCH_WORK/out" 2>"$BENCH_WORK/err" || exit=$?
  local wall rss user sys
  read -r wall rss user sys < <(tail -1 "$BENCH_WORK/time")
  echo "$wall $rss $(python3 -c "print(round($user + $sys, 2))") $exit"
}
