#!/usr/bin/env bash
# Side-by-side cluster bring-up/teardown time of the netns, docker and k3s backends (same spec, same run) with the
# ratio to netns; backends that cannot run here print why. Needs root, Docker running and images/node/build.sh done.
# Usage: ci/bench/backend-bringup.sh [RUNS] [DATAPATH]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_classpath
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
exec java -cp "$BENCH_CP" \
  dev.faultlab.container.bench.BackendBringUpBench "${1:-3}" "${2:-flannel-vxlan}"
