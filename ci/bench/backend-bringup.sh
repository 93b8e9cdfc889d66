#!/usr/bin/env bash
# Side-by-side cluster bring-up/teardown time of the netns, docker and k3s backends (same spec, same run) with the
# ratio to netns; backends that cannot run here print why. Needs root, Docker running and images/node/build.sh done.
# Usage: ci/bench/backend-bringup.sh [RUNS] [DATAPATH]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -q -B -o test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.faultlab.backend.container.bench.BackendBringUpBench "${1:-3}" "${2:-flannel-vxlan}"
