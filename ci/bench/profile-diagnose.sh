#!/usr/bin/env bash
# Where `./faultlab diagnose` spends its CPU: runs it once through the launcher (same JVM flags, same AppCDS
# archive) under async-profiler, and prints the share of CPU samples per part of the pipeline - each detector,
# conversation tracking, reading and decoding, the command line, GC, JIT - and the hottest methods. Issue 10 asks
# to profile before optimizing; this is that profile, repeatable, on the bench's synthetic capture or on any
# capture a customer sent.
#
# Usage: ci/bench/profile-diagnose.sh [--packets N | --capture FILE] [--alloc] [--html] [--out DIR]
#   --packets  size of the generated capture (default 3000000; the same traffic as diagnose-vs-tshark.sh)
#   --capture  profile the diagnosis of this capture instead (pcap, pcapng, snoop; plain or compressed)
#   --alloc    profile the bytes allocated (by part, by type, by allocating method) instead of CPU time: what
#              makes the young collections
#   --html     also write a flame graph (a second run, since async-profiler writes one format per run)
#   --out      where profile.collapsed, summary.txt, findings.json (and profile.html) go (default
#              target/profile-diagnose)
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, the linux-x64 or linux-arm64 jar, which
# carries the native agent), checked against the SHA-256 pinned below and cached under ~/.cache/faultlab. It
# samples each thread's CPU time (event=ctimer: timer_create per thread), which needs no perf_events, so it works
# in VMs and containers where perf has no hardware counters. On this 2-core VM a sample lands every ~3 ms whatever
# the interval asked for, so profile a few million packets, not a few thousand. Needs python3, curl and unzip
# (ci/install-deps.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly AP_VERSION=4.6
declare -A AP_SHA256=(
  [x64]=5299f13e7eeb7187e39d0c61552f03ecc2441045d95ae3734104ccff3ad8dc94
  [arm64]=34846ee360a42d374489da14379d7c4e7dfc307cfa71128faa509ae1152740fc
)

packets=3000000
capture=""
html=false
event="ctimer,interval=1ms"
out="target/profile-diagnose"
usage() {
  echo "usage: $0 [--packets N | --capture FILE] [--alloc] [--html] [--out DIR]" >&2
  exit 2
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --packets) [[ $# -ge 2 ]] || usage; packets="$2"; shift 2 ;;
    --capture) [[ $# -ge 2 ]] || usage; capture="$2"; shift 2 ;;
    --alloc) event="alloc,total"; shift ;;
    --html) html=true; shift ;;
    --out) [[ $# -ge 2 ]] || usage; out="$2"; shift 2 ;;
    *) usage ;;
  esac
done
bench_require_count --packets "$packets" 3000000
bench_require_capture "$capture"
bench_require python3 unzip curl sha256sum

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "$0: async-profiler has no Linux build for $(uname -m) on Maven Central" >&2; exit 2 ;;
esac
cache="${XDG_CACHE_HOME:-$HOME/.cache}/faultlab/async-profiler-$AP_VERSION-$arch"
agent="$cache/linux-$arch/libasyncProfiler.so"
if [[ ! -f "$agent" ]]; then
  mkdir -p "$cache"
  jar="$cache/async-profiler.jar"
  url="https://repo1.maven.org/maven2/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-$arch.jar"
  curl -fsSL -o "$jar" "$url" || { echo "$0: could not download $url: check the network to Maven Central" >&2; exit 2; }
  echo "${AP_SHA256[$arch]}  $jar" | sha256sum -c --quiet - \
    || { rm -f "$jar"; echo "$0: $url does not have the pinned SHA-256: not using it" >&2; exit 2; }
  unzip -q -o "$jar" "linux-$arch/libasyncProfiler.so" -d "$cache"
  rm -f "$jar"
fi

./faultlab --version >/dev/null   # builds the jar and the AppCDS archive outside the profile
mkdir -p "$out"
work="$(mktemp -d /tmp/faultlab-profile.XXXXXX)"
trap 'rm -rf "$work"' EXIT
bench_capture "$capture" "$packets" "$work"
capture="$BENCH_CAPTURE"

# One diagnosis through the launcher, the agent added with JAVA_TOOL_OPTIONS (the JVM announces it on stderr).
profiled() {
  bench_warm "$capture"
  JAVA_TOOL_OPTIONS="-agentpath:$agent=start,event=$event,threads,file=$1" \
    ./faultlab diagnose --json "$capture" >"$out/findings.json" 2>"$work/err" \
    || { echo "$0: the diagnosis failed:" >&2; grep -v JAVA_TOOL_OPTIONS "$work/err" >&2; exit 1; }
}
profiled "$out/profile.collapsed"
if $html; then
  profiled "$out/profile.html"
fi

python3 - "$out/profile.collapsed" "${event%%,*}" <<'EOF' | tee "$out/summary.txt"
import collections, re, sys

# alloc: each stack ends in the allocated type (java.lang.Long_[i]) and counts bytes; ctimer: samples of CPU time
alloc = sys.argv[2] == 'alloc'

# a sample's part: the innermost detector on its stack, else the innermost other part of the pipeline; on the
# reader's thread, everything but the hand-over is reading (elsewhere, a packet's accessors are its consumer's)
DETECTOR = re.compile(r'dev/faultlab/detect/detectors/(\w+)Detector\.')
PARTS = [(re.compile(p), name) for p, name in [
    (r'capture/read/BatchQueue|capture/read/PacketPrefetcher\.(hand|next)', 'hand-over between threads'),
    (r'dev/faultlab/detect/tcp/', 'conversation tracking'),
    (r'dev/faultlab/detect/Diagnosis', 'dispatch to detectors'),
    (r'picocli/|dev/faultlab/cli/', 'command line'),
]]
THREADS = [(re.compile(p), name) for p, name in [
    (r'^\[faultlab-read-', 'reader'), (r'^\[faultlab-packets-', 'packet-only detectors'),
    (r'^\[main ', 'main: start, conversations, end'), (r'^\[GC Thread', 'GC'), (r'^\[C[12] CompilerThre', 'JIT'),
]]

def kebab(name):
    return re.sub(r'(?<!^)(?=[A-Z])', '-', name).lower()

threads, parts, leaves, sites = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip('\n').rpartition(' ')
    frames, n = stack.split(';'), int(count)
    if alloc:
        leaves[re.sub(r'_\[\w\]$', '', frames[-1])] += n
        sites[frames[-2] if len(frames) > 2 else '?'] += n
        frames = frames[:-1]
    else:
        leaves[frames[-1]] += n
    total += n
    thread = next((name for p, name in THREADS if p.search(frames[0])), 'other JVM threads')
    threads[thread] += n
    part = None
    for frame in reversed(frames[1:]):
        m = DETECTOR.search(frame)
        if m:
            part = 'detector ' + kebab(m.group(1))
            break
    if part is None:
        part = next((name for f in reversed(frames[1:]) for p, name in PARTS if p.search(f)), None)
        if thread == 'reader' and part != 'hand-over between threads':
            part = 'reading and decoding'
    parts[part or ('GC' if thread == 'GC' else 'JIT' if thread == 'JIT' else 'JVM and other')] += n

if total == 0:
    sys.exit('no samples: the diagnosis ended before the profiler sampled it')
print(f'{total / 1e6:.0f} MB allocated (sampled per TLAB)\n' if alloc
      else f'{total} CPU samples (about one per 1-3 ms of CPU per thread)\n')
print(f'{"thread":<36} {"share":>6}')
for name, n in threads.most_common():
    print(f'{name:<36} {100 * n / total:5.1f}%')
print(f'\n{"part (innermost on the stack)":<36} {"share":>6}')
for name, n in parts.most_common():
    print(f'{name:<36} {100 * n / total:5.1f}%')
tops = [('types allocated', leaves), ('allocating methods', sites)] if alloc else [('hottest methods (self)', leaves)]
for title, counts in tops:
    print(f'\n{title:<72} {"share":>6}')
    for name, n in counts.most_common(15):
        print(f'{name[-72:]:<72} {100 * n / total:5.1f}%')
EOF
echo "written: $out/profile.collapsed$($html && echo ", $out/profile.html"), $out/summary.txt, $out/findings.json"
