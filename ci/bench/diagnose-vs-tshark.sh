#!/usr/bin/env bash
# End-to-end speed and memory of `./faultlab diagnose --json F` (JVM start included, through the launcher with
# its AppCDS archive) against `tshark -r F -q -z expert` and `tcpdump -r F -w /dev/null` (the cost of just
# reading and copying every record), measured in the same run on the same generated captures. A fourth row is a
# gauge, not a peer: ScanFloor (src/test/java/.../bench), the least a JVM program that looks at every TCP segment
# pays - start, read, parse, one 4-tuple table - so the distance between it and diagnose is what the diagnosis's
# own work costs.
#
# Usage: ci/bench/diagnose-vs-tshark.sh [--sizes 1000000,10000000] [--runs 3] [--tshark-all]
#   --sizes       packet counts of the synthetic captures (default 1 M and 10 M)
#   --runs        rounds per capture, each running every tool once (default 3): the table shows each tool's median
#                 round and the range; the ratio is tshark's median over diagnose's, and the range of the rounds'
#                 own ratios. One round is not enough here: on this VM the same jar on the same capture took
#                 1.66-2.10 CPU s in six runs in a row.
#   --tshark-all  also run tshark on captures above 2 M packets (slow, and its RSS grows to several GB)
# The captures (10-packet healthy TCP conversations, every 50th connect's SYN retried and never answered; see
# SyntheticCapture) are written to a temporary directory and removed at exit. Needs tshark, tcpdump, GNU time.
#
# Targets (issue 10): diagnose of the 1 M capture >= 10x faster than tshark end to end, >= 4 M packets/s on the
# 10 M capture, peak RSS <= 300 MB.
#
# The figures, each round's profile and everything measured and not kept: ci/bench/diagnose-vs-tshark.md;
# where the CPU goes now: ci/bench/profile-diagnose.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sizes="1000000,10000000"
runs=3
tshark_all=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --tshark-all) tshark_all=true; shift ;;
    *) echo "usage: $0 [--sizes N,M] [--runs N] [--tshark-all]" >&2; exit 2 ;;
  esac
done
bench_require_count --runs "$runs" 3
bench_require tshark tcpdump /usr/bin/time python3

mvn -q -B test-compile
./faultlab --version >/dev/null   # builds the jar and the AppCDS archive outside the timings
work="$(mktemp -d /tmp/faultlab-bench-diagnose.XXXXXX)"
trap 'rm -rf "$work"' EXIT
BENCH_WORK="$work"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
results=()
IFS=, read -r -a counts <<<"$sizes"
for count in "${counts[@]}"; do
  file="$work/synthetic-$count.pcap"
  packets="$(bench_synthetic_capture "$file" "$count")"
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  echo "capture: $packets packets, $mb MB"
  for round in $(seq "$runs"); do
    bench_warm "$file"
    diagnose="$(bench_timed ./faultlab diagnose --json "$file")"
    grep -q '"cause"' "$work/out" || { echo "$0: diagnose found nothing in $file" >&2; exit 1; }
    bench_warm "$file"
    tcpdump_run="$(bench_timed tcpdump -r "$file" -w /dev/null)"
    bench_warm "$file"
    floor_run="$(bench_timed java -Xshare:auto -XX:TieredStopAtLevel=1 -cp target/test-classes \
      dev.faultlab.detect.bench.ScanFloor "$file")"
    if [[ "$count" -le 2000000 ]] || $tshark_all; then
      bench_warm "$file"
      tshark_run="$(bench_timed tshark -r "$file" -q -z expert)"
    else
      tshark_run="- - - skipped"
    fi
    results+=("$packets|$diagnose|$tshark_run|$tcpdump_run|$floor_run")
  done
  rm -f "$file"
done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"

python3 - "${results[@]}" <<'EOF'
import sys

NAMES = ["faultlab diagnose --json", "tshark -r F -q -z expert", "tcpdump -r F -w /dev/null", "JVM floor (ScanFloor)"]
FLOOR = NAMES[3]
rounds = {}
for row in sys.argv[1:]:
    packets, *runs = row.split("|")
    parsed = {}
    for name, run in zip(NAMES, runs):
        seconds, rss, cpu, status = run.split()
        parsed[name] = None if seconds == "-" else (float(seconds), int(rss) / 1024, float(cpu), status)
    rounds.setdefault(int(packets), []).append(parsed)


def median_round(runs):
    """The run with the median wall time (the lower one of an even count), so that its columns belong together."""
    return sorted(runs, key=lambda r: r[0])[(len(runs) - 1) // 2]


print(f"{'packets':>10} {'tool':<26} {'seconds':>8} {'range':>11} {'CPU s':>6} {'packets/s':>11} {'peak RSS':>8}"
      f"  ratio (wall)")
for packets, each in rounds.items():
    ours_median = median_round([r[NAMES[0]] for r in each])[0]
    for name in NAMES:
        runs = [r[name] for r in each if r[name] is not None]
        short = name.replace(" -r F", "")
        if not runs:
            print(f"{packets:>10} {short:<26} {'skipped (--tshark-all)':>27}")
            continue
        seconds, rss, cpu, status = median_round(runs)
        spread = f"{min(r[0] for r in runs):.2f}-{max(r[0] for r in runs):.2f}"
        failed = [r[3] for r in runs if r[3] != "0"]
        note = f" (exit {failed[0]})" if failed else ""
        ratio = ""
        if name != NAMES[0]:
            per_round = [r[name][0] / r[NAMES[0]][0] for r in each if r[name] is not None]
            if name == FLOOR:
                ratio = (f"diagnose takes {ours_median / seconds:.1f}x its time"
                         f" (rounds {1 / max(per_round):.1f}-{1 / min(per_round):.1f}){note}")
            else:
                ratio = (f"diagnose is {seconds / ours_median:.2f}x as fast"
                         f" (rounds {min(per_round):.2f}-{max(per_round):.2f}){note}")
        print(f"{packets:>10} {short:<26} {seconds:>8.2f} {spread:>11} {cpu:>6.2f}"
              f" {packets / max(seconds, 1e-3):>11,.0f} {rss:>5.0f} MB  {ratio}")
print(f"{len(next(iter(rounds.values())))} rounds per capture: each tool's median round (seconds, CPU s, packets/s,"
      f" peak RSS) and the range of its wall times")
EOF
