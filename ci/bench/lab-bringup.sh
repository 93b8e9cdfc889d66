#!/usr/bin/env bash
# Benchmarks netns lab bring-up/teardown per datapath (batched vs one fork per command) and BGP convergence.
# BGP: convergence per daemon (bird vs gobgpd). Needs root and the lab's Debian packages (faultlab doctor).
# Usage: ci/bench/lab-bringup.sh [RUNS] [--bgp-only]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -q -B -o test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.faultlab.backend.netns.bench.LabBringUpBench "$@"
