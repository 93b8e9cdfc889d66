#!/usr/bin/env bash
# Benchmark: the whole fault matrix run serially (--parallel 1), then RUNS times side by side (--parallel, sized
# to the machine unless --parallel N is given), then serially again, in one invocation on the same machine.
# Prints the wall time of each, the parallel/serial ratios against the mean of the two serial runs (which
# bracket the parallel ones, so a load change during the benchmark weighs on both sides; target <= 0.5 on 2
# cores) and each parallel run's pass count (target: every run passes, RUNS times in a row), plus the machine's
# load before and after, since other jobs skew it. Needs root (netns backend).
#
#   ci/bench/scenario-matrix.sh [--runs 5] [--parallel N] [--only a,b] [--target-ratio 0.5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=5
target=0.5
parallel=()
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --parallel) parallel=(--parallel "$2"); shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    --target-ratio) target="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--parallel N] [--only SCENARIO,...] [--target-ratio R]" >&2; exit 2 ;;
  esac
done
out="$(mktemp -d /tmp/faultlab-bench-matrix.XXXXXX)"
cd "$root"
./faultlab --version >/dev/null   # build the jar outside the timed part

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# one matrix run: NAME ARGS...; records wall seconds and exit status under $out/NAME.*
matrix() {
  local name="$1"; shift
  local start status=0 load_start
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  start=$(now)
  ./faultlab matrix --json "${only[@]}" --out "$out/$name" "$@" >"$out/$name.json" 2>"$out/$name.log" || status=$?
  echo "$(now) - $start" | bc >"$out/$name.wall"
  echo "$status" >"$out/$name.status"
  echo "$load_start -> $(cut -d' ' -f1 /proc/loadavg)" >"$out/$name.load"
  echo "  $name: $(cat "$out/$name.wall") s, exit $status" >&2
}

echo "cores $(nproc), load before $(load)" | tee "$out/load" >&2
matrix serial-before --parallel 1
for i in $(seq 1 "$runs"); do
  matrix "parallel-$i" "${parallel[@]}"
done
matrix serial-after --parallel 1
echo "load after $(load)" | tee -a "$out/load" >&2

python3 - "$out" "$runs" "$target" <<'PY'
import json, pathlib, sys
out, runs, target = pathlib.Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
def result(name):
    wall = float((out / f"{name}.wall").read_text())
    load = (out / f"{name}.load").read_text().strip()
    try:
        cases = json.loads((out / f"{name}.json").read_text())["runs"]
    except (ValueError, KeyError):
        cases = []
    passed = sum(1 for c in cases if c["passed"])
    why = next((l.split(", ", 1)[1].strip() for l in (out / f"{name}.log").read_text().splitlines()
                if l.startswith("running ")), "")
    failed = [c["scenario"] + ("/" + c["variant"] if c["variant"] else "") + " " + c["run"] for c in cases if not c["passed"]]
    return wall, passed, len(cases), why, failed, load
serials, all_passed = [], True
for name in ("serial-before", "serial-after"):
    wall, passed, total, _, failed, load = result(name)
    serials.append(wall)
    all_passed &= passed == total and total > 0
    print(f"{name:13} (--parallel 1): {wall:6.1f} s  {passed}/{total} passed  load {load}" + (f"  FAILED: {', '.join(failed)}" if failed else ""))
serial = sum(serials) / len(serials)
print(f"serial mean: {serial:6.1f} s")
ratios = []
for i in range(1, runs + 1):
    wall, passed, total, why, failed, load = result(f"parallel-{i}")
    ratios.append(wall / serial)
    all_passed &= passed == total and total > 0
    print(f"parallel {i}: {wall:6.1f} s  {passed}/{total} passed  ratio {wall / serial:.2f}  load {load}" + (f"  FAILED: {', '.join(failed)}" if failed else ""))
    if i == 1:
        print(f"            ({why})")
ratios.sort()
median = ratios[len(ratios) // 2]
print(f"parallel/serial: median {median:.2f}, range {ratios[0]:.2f}-{ratios[-1]:.2f} (target <= {target}): "
      f"{'OK' if median <= target else 'TOO SLOW'}; {runs} parallel and 2 serial runs {'all passed' if all_passed else 'NOT all passed'}")
print((out / "load").read_text().strip().replace("\n", "; "))
PY
echo "details: $out"
