#!/usr/bin/env bash
# What each layer of `faultlab diagnose` costs on one capture, measured in the same run: the whole diagnosis, the
# diagnosis without each detector in turn (`--skip CAUSE`), and without any detector (reading, decoding, the
# hand-over between threads, conversation tracking, the JVM's and the command line's start). A detector's cost is
# the median, over the rounds, of the whole diagnosis's time minus the time without it, in the same round; the
# layers run in a rotated order each round, so that the VM's drift falls on all of them alike. This is the budget a
# speed target is split by: the layer "no detectors" is what is left with every detector free.
#
# Usage: ci/bench/diagnose-layers.sh [--packets N | --capture FILE] [--rounds R]
#   --packets  size of the generated capture (default 1000000; the traffic of diagnose-vs-tshark.sh)
#   --capture  use this capture instead (a customer's, say)
#   --rounds   rounds of every layer (default 5)
# Exits 2 on bad input. The findings differ between layers by design (a skipped detector names nothing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  echo "usage: $0 [--packets N | --capture FILE] [--rounds R]" >&2
  exit 2
}
packets=1000000
capture=""
rounds=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --packets) [[ $# -ge 2 ]] || usage; packets="$2"; shift 2 ;;
    --capture) [[ $# -ge 2 ]] || usage; capture="$2"; shift 2 ;;
    --rounds) [[ $# -ge 2 ]] || usage; rounds="$2"; shift 2 ;;
    *) usage ;;
  esac
done
bench_require_count --packets "$packets" 1000000
bench_require_count --rounds "$rounds" 5
bench_require_capture "$capture"
bench_require /usr/bin/time python3

work="$(mktemp -d /tmp/faultlab-bench-layers.XXXXXX)"
trap 'rm -rf "$work"' EXIT
BENCH_WORK="$work"
bench_capture "$capture" "$packets" "$work"
capture="$BENCH_CAPTURE"
# builds the jar and trains the AppCDS archive outside the timings; the same run checks that the capture is usable
./faultlab diagnose --json "$capture" >/dev/null
mapfile -t causes < <(./faultlab list --detectors | awk 'NR > 1 { print $1 }')
all_causes="$(IFS=,; echo "${causes[*]}")"

# layer name -> the --skip list ("" for the whole diagnosis)
names=("whole diagnosis")
skips=("")
for cause in "${causes[@]}"; do
  names+=("without $cause")
  skips+=("$cause")
done
names+=("no detectors")
skips+=("$all_causes")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; ${#names[@]} layers x $rounds rounds"
results=()
for round in $(seq "$rounds"); do
  for offset in $(seq 0 $(( ${#names[@]} - 1 ))); do
    layer=$(( (offset + round) % ${#names[@]} ))
    bench_warm "$capture"
    if [[ -z "${skips[$layer]}" ]]; then
      run="$(bench_timed ./faultlab diagnose --json "$capture")"
    else
      run="$(bench_timed ./faultlab diagnose --json --skip "${skips[$layer]}" "$capture")"
    fi
    [[ "${run##* }" == 0 ]] || { echo "$0: ${names[$layer]}: diagnose failed: $(head -1 "$work/err")" >&2; exit 1; }
    results+=("$round|$layer|$run")
  done
done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"

python3 - "${names[@]}" -- "${results[@]}" <<'EOF'
import statistics
import sys

split = sys.argv.index("--")
names, rows = sys.argv[1:split], sys.argv[split + 1:]
runs = {}  # (round, layer) -> (wall, cpu)
for row in rows:
    round_, layer, run = row.split("|")
    wall, _rss, cpu, _exit = run.split()
    runs[int(round_), int(layer)] = (float(wall), float(cpu))
rounds = sorted({r for r, _ in runs})
whole = {r: runs[r, 0] for r in rounds}
print(f"{'layer':<36} {'wall s':>7} {'CPU s':>6}   {'its cost (whole - this layer, paired)':<40}")
for layer, name in enumerate(names):
    walls = [runs[r, layer][0] for r in rounds]
    cpus = [runs[r, layer][1] for r in rounds]
    line = f"{name:<36} {statistics.median(walls):>7.2f} {statistics.median(cpus):>6.2f}"
    if layer > 0:
        wall_cost = statistics.median(whole[r][0] - runs[r, layer][0] for r in rounds)
        cpu_cost = statistics.median(whole[r][1] - runs[r, layer][1] for r in rounds)
        share = wall_cost / statistics.median(w for w, _ in whole.values())
        what = "every detector" if name == "no detectors" else name.removeprefix("without ")
        line += f"   {what}: {wall_cost:+.2f} s wall ({share:.0%}), {cpu_cost:+.2f} CPU s"
    print(line)
print(f"medians of {len(rounds)} rounds; 'no detectors' is reading, decoding, hand-over, conversation tracking and"
      " the start: what is left with every detector free")
EOF
