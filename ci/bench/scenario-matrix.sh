#!/usr/bin/env bash
# Benchmark: wall time of every fault-matrix run and of the whole matrix (target: under 3 minutes on the
# reference machine, 2 cores), against a peer measured in the same invocation: a bare lab brought up and
# removed with 'faultlab lab up/down' (the fixed cost every run pays). Needs root (netns backend).
#
#   ci/bench/scenario-matrix.sh [--only a,b] [--target-seconds 180]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target=180
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only=(--only "$2"); shift 2 ;;
    --target-seconds) target="$2"; shift 2 ;;
    *) echo "usage: $0 [--only SCENARIO,...] [--target-seconds N]" >&2; exit 2 ;;
  esac
done
out="$(mktemp -d /tmp/faultlab-bench.XXXXXX)"
cd "$root"
./faultlab --version >/dev/null   # build the jar outside the timed part

now() { date +%s.%N; }

# Peer: one bare 2-node lab up and down, as every run's fixed cost.
peer_start=$(now)
lab_id=$(./faultlab lab up --nodes 2 --pods-per-node 1 --datapath flannel-vxlan | awk '/faultlab lab down/ {print $NF}')
./faultlab lab down "$lab_id" >/dev/null
peer=$(echo "$(now) - $peer_start" | bc)

matrix_start=$(now)
status=0
./faultlab matrix --json "${only[@]}" --out "$out/matrix" >"$out/matrix.json" 2>"$out/progress.log" || status=$?
matrix=$(echo "$(now) - $matrix_start" | bc)

python3 - "$out/matrix.json" "$out/matrix" "$matrix" "$peer" "$target" "$status" <<'PY'
import json, re, sys, pathlib
matrix_file, out_dir, total, peer, target, status = sys.argv[1:]
total, peer, target = float(total), float(peer), float(target)
runs = json.load(open(matrix_file))["runs"]
names = [r["scenario"] + ("/" + r["variant"] if r["variant"] else "") + " · " + r["run"] for r in runs]
width = max([len(n) for n in names] + [3])
print(f"{'run':{width}} {'wall s':>7} {'lab up s':>9} {'verdict':>8}")
ups = []
for name, r in zip(names, runs):
    up = None
    if r.get("report"):
        report = pathlib.Path(out_dir, r["report"]).with_name("report.json")
        for line in json.load(open(report)).get("log", []):
            m = re.match(r"\[\s*([\d.]+)s\] lab \S+ is up", line)
            if m:
                up = float(m.group(1)); ups.append(up); break
    print(f"{name:{width}} {r['elapsedSeconds']:7.1f} {up if up is not None else float('nan'):9.1f} "
          f"{'pass' if r['passed'] else 'FAIL':>8}")
print()
print(f"matrix: {len(runs)} runs in {total:.1f} s (target {target:.0f} s): {'OK' if total < target else 'TOO SLOW'}"
      f"; matrix {'passed' if status == '0' else 'FAILED'}")
print(f"peer:   bare 2-node lab up+down {peer:.2f} s; matrix = {total / peer:.1f} x peer, "
      f"{total / peer / max(1, len(runs)):.2f} x peer per run")
if ups:
    print(f"        lab bring-up inside runs: mean {sum(ups) / len(ups):.2f} s = {sum(ups) / len(ups) / peer:.2f} x peer")
PY
echo "details: $out"
