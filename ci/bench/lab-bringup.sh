#!/usr/bin/env bash
# Benchmarks netns lab bring-up/teardown per datapath (batched vs one fork per command) and BGP convergence.
# BGP: convergence per daemon (bird vs gobgpd). Needs root and the lab's Debian packages (faultlab doctor).
# Usage: ci/bench/lab-bringup.sh [RUNS] [--bgp-only]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_classpath
exec java -cp "$BENCH_CP" \
  dev.faultlab.backend.netns.bench.LabBringUpBench "$@"
