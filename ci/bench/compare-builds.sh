#!/usr/bin/env bash
# Is a change to the diagnosis faster, and does it give the same findings? Builds two revisions, each in its own
# git worktree with its own launcher, jar and AppCDS archive, and runs `./faultlab diagnose --json` of each on one
# capture in ABBA rounds (before, after, after, before). Prints each side's median wall and CPU seconds and peak
# RSS, the paired after/before ratios per round (the VM's speed drifts by up to a third within minutes, so only
# rounds run side by side compare), and whether every run's JSON findings were byte-identical.
#
# Usage: ci/bench/compare-builds.sh [--packets N | --capture FILE] [--rounds R] BEFORE AFTER
#   BEFORE, AFTER  git revisions (a commit, a branch, HEAD~2); AFTER may be "." for this checkout as it is
#   --packets      size of the generated capture (default 1000000; the traffic of diagnose-vs-tshark.sh)
#   --capture      use this capture instead
#   --rounds       ABBA rounds (default 6: 12 runs per side)
# Exits 0 when the findings are identical, 3 when they differ (the first differing lines are printed), 2 on bad
# input. Builds offline from ~/.m2 when it can (the revisions usually share their dependencies).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  echo "usage: $0 [--packets N | --capture FILE] [--rounds R] BEFORE AFTER" >&2
  exit 2
}
packets=1000000
capture=""
rounds=6
revisions=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --packets) [[ $# -ge 2 ]] || usage; packets="$2"; shift 2 ;;
    --capture) [[ $# -ge 2 ]] || usage; capture="$2"; shift 2 ;;
    --rounds) [[ $# -ge 2 ]] || usage; rounds="$2"; shift 2 ;;
    -*) usage ;;
    *) revisions+=("$1"); shift ;;
  esac
done
[[ ${#revisions[@]} -eq 2 ]] || usage
bench_require_count --packets "$packets" 1000000
bench_require_count --rounds "$rounds" 6
bench_require_capture "$capture"
for revision in "${revisions[@]}"; do
  [[ "$revision" == . ]] || git rev-parse --verify --quiet "$revision^{commit}" >/dev/null \
    || { echo "$0: $revision is not a revision of this repository (try a commit, a branch or HEAD~1)" >&2; exit 2; }
done
bench_require /usr/bin/time python3 cmp

work="$(mktemp -d /tmp/faultlab-compare.XXXXXX)"
worktrees=()
cleanup() {
  for tree in "${worktrees[@]}"; do
    git worktree remove --force "$tree" >/dev/null 2>&1 || true
  done
  git worktree prune
  rm -rf "$work"
}
trap cleanup EXIT

# The checkout of each side: this one for ".", else a detached worktree of the revision. Each launcher builds its
# own jar and trains its own AppCDS archive (outside the timings).
sides=()
for i in 0 1; do
  revision="${revisions[$i]}"
  if [[ "$revision" == . ]]; then
    dir="$PWD"
  else
    dir="$work/side$i"
    git worktree add --quiet --detach "$dir" "$revision"
    worktrees+=("$dir")
  fi
  dirty=""
  [[ "$revision" == . && -n "$(git status --porcelain)" ]] && dirty=" and uncommitted changes"
  echo "building $revision ($(git -C "$dir" rev-parse --short HEAD)$dirty)" >&2
  (cd "$dir" && (mvn -o -q -B -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package >/dev/null) \
    && ./faultlab --version >/dev/null) || { echo "$0: $revision does not build" >&2; exit 2; }
  sides+=("$dir")
done

bench_capture "$capture" "$packets" "$work"
capture="$BENCH_CAPTURE"

# One run: "wall cpu rss-kB" appended to the side's results, the JSON kept for the comparison of findings.
run() {
  local side=$1 round=$2 turn=$3
  bench_warm "$capture"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${sides[$side]}/faultlab" diagnose --json "$capture" \
    >"$work/findings-$side-$round-$turn.json" 2>"$work/err" \
    || { echo "$0: the diagnosis of side $side failed:" >&2; cat "$work/err" >&2; exit 1; }
  awk -v r="$round" '{printf "%s %s %.2f %s\n", r, $1, $2 + $3, $4}' "$work/time" >>"$work/times-$side"
}
for round in $(seq "$rounds"); do
  run 0 "$round" 1
  run 1 "$round" 1
  run 1 "$round" 2
  run 0 "$round" 2
done

first="$work/findings-0-1-1.json"
differing=""
for json in "$work"/findings-*.json; do
  cmp -s "$first" "$json" || { differing="$json"; break; }
done

python3 - "$work/times-0" "$work/times-1" "${revisions[0]}" "${revisions[1]}" <<'EOF'
import statistics, sys

def rounds(path):
    runs = {}
    for line in open(path):
        r, wall, cpu, rss = line.split()
        runs.setdefault(r, []).append((float(wall), float(cpu), int(rss)))
    return runs

before, after = rounds(sys.argv[1]), rounds(sys.argv[2])
for name, side in ((sys.argv[3], before), (sys.argv[4], after)):
    runs = [x for r in side.values() for x in r]
    print(f'{name:<14} wall {statistics.median(x[0] for x in runs):.2f} s '
          f'({min(x[0] for x in runs):.2f}-{max(x[0] for x in runs):.2f}), '
          f'CPU {statistics.median(x[1] for x in runs):.2f} s, peak RSS {max(x[2] for x in runs) // 1024} MB')
for i, what in ((0, 'wall'), (1, 'CPU')):
    ratios = [statistics.mean(x[i] for x in after[r]) / statistics.mean(x[i] for x in before[r]) for r in before]
    faster = sum(1 for q in ratios if q < 1)
    print(f'{what:<4} after/before per round: median {statistics.median(ratios):.3f} '
          f'({min(ratios):.3f}-{max(ratios):.3f}), after lower in {faster} of {len(ratios)} rounds')
EOF
if [[ -n "$differing" ]]; then
  echo "findings: DIFFER ($(basename "$first") and $(basename "$differing")); the first differing lines:"
  diff <(python3 -m json.tool "$first") <(python3 -m json.tool "$differing") | head -5 || true
  exit 3
fi
echo "findings: identical in all $((4 * rounds)) runs"
