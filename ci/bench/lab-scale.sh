#!/usr/bin/env bash
# Scale benchmark: faultlab `lab up` + `lab down` of N nodes x 4 pods (flannel-vxlan, bgp with bird, and bgp with
# faultlab's in-process speaker, `--bgp-daemon embedded`) against
# Mininet's equivalent topology in the same run (`mn --topo linear,N,4 --switch lxbr --controller none --test none`
# builds and tears down N switches and 4N hosts), for N = 8, 32, 100. Prints each wall time, faultlab's speed over
# Mininet's (Mininet's time / faultlab's, > 1 = faultlab faster) and the peak memory of everything the lab started
# (its recorded processes and their children, sampled every 0.3 s: RSS summed per process, and PSS, which counts
# shared pages once). Needs root; installs Debian's mininet and bridge-utils (lxbr needs brctl) when missing.
# Usage: sudo ci/bench/lab-scale.sh [N ...]      (default: 8 32 100)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(8 32 100)
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "lab-scale: '$n' is not a node count: give numbers, e.g. 8 32 100" >&2; exit 2; }
done
[[ $EUID -eq 0 ]] || { echo "lab-scale: needs root (namespaces, Mininet): run it with sudo" >&2; exit 2; }
if ! command -v mn >/dev/null || ! command -v brctl >/dev/null; then
  echo "lab-scale: installing mininet and bridge-utils (this benchmark's peer)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mininet bridge-utils >/dev/null
fi

state="$(mktemp -d /tmp/faultlab-scale.XXXXXX)"
work="$(mktemp -d /tmp/faultlab-scale-work.XXXXXX)"
export FAULTLAB_STATE_DIR="$state"
sampler=""
cleanup() {
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; fi
  java -jar target/faultlab.jar lab down --all >/dev/null 2>&1 || true
  rm -rf "$state" "$work"
}
trap cleanup EXIT

mvn -q -B -DskipTests package
faultlab=(java -jar target/faultlab.jar)
now() { date +%s.%N; }
elapsed() { awk -v from="$1" -v to="$2" 'BEGIN { printf "%.3f", to - from }'; }

# mininet N -> prints seconds
mininet() {
  local t0 t1
  t0=$(now)
  if ! mn --topo "linear,$1,4" --switch lxbr --controller none --test none >"$work/mn.log" 2>&1; then
    echo "lab-scale: mininet failed at N=$1:" >&2
    tail -5 "$work/mn.log" >&2
    echo "NaN"
    return
  fi
  t1=$(now)
  elapsed "$t0" "$t1"
}

# faultlab DATAPATH[:BGP_DAEMON] N -> prints "up down rss_mb pss_mb processes"
faultlab_run() {
  local t0 t1 t2 t3 id
  local lab_args=(--datapath "${1%%:*}")
  if [[ "$1" == *:* ]]; then lab_args+=(--bgp-daemon "${1#*:}"); fi
  python3 ci/bench/lab-rss.py "$state" >"$work/rss" &
  sampler=$!
  t0=$(now)
  if ! "${faultlab[@]}" lab up --nodes "$2" --pods-per-node 4 "${lab_args[@]}" >"$work/up.log" 2>&1; then
    kill "$sampler"; wait "$sampler" || true; sampler=""
    echo "lab-scale: faultlab lab up failed ($1, N=$2):" >&2
    tail -3 "$work/up.log" >&2
    "${faultlab[@]}" lab down --all >/dev/null 2>&1 || true
    echo "NaN NaN NaN NaN NaN"
    return
  fi
  t1=$(now)
  sleep 1 # the converged lab's steady state is part of the peak
  kill -TERM "$sampler"; wait "$sampler" || true; sampler=""
  id=$(awk 'NR == 1 { print $2 }' "$work/up.log")
  t2=$(now)
  "${faultlab[@]}" lab down "$id" >/dev/null
  t3=$(now)
  echo "$(elapsed "$t0" "$t1") $(elapsed "$t2" "$t3") $(cat "$work/rss")"
}

echo "faultlab lab up + lab down vs Mininet (mn --topo linear,N,4 --switch lxbr), N nodes x 4 pods"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-16s %4s %8s %8s %9s %9s %7s %9s %9s %6s\n' datapath N "up s" "down s" "total s" "mininet s" speedup \
  "RSS MB" "PSS MB" procs
for n in "${sizes[@]}"; do
  mn_seconds=$(mininet "$n")
  for datapath in flannel-vxlan bgp:bird bgp:embedded; do
    read -r up down rss pss procs <<<"$(faultlab_run "$datapath" "$n")"
    awk -v d="$datapath" -v n="$n" -v up="$up" -v down="$down" -v mn="$mn_seconds" -v rss="$rss" -v pss="$pss" \
      -v procs="$procs" 'BEGIN {
        if (up == "NaN" || mn == "NaN") { printf "%-16s %4d   failed (see above)\n", d, n; exit }
        total = up + down
        printf "%-16s %4d %8.2f %8.2f %9.2f %9.2f %6.1fx %9s %9s %6s\n", d, n, up, down, total, mn,
          (total > 0 ? mn / total : 0), rss, pss, procs }'
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
