#!/usr/bin/env bash
# Capture reader / diagnosis speed and memory against pcap4j's offline reading and tshark, on one generated
# capture (default 2,000,000 packets, ~300 MB) with the JVM heap capped at 128 MB to show the analysis streams (it also completes at 64 MB, slower).
# Needs tshark and libpcap. Usage: ci/bench/capture-reader.sh [PACKETS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -q -B -o test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xmx128m -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.faultlab.detect.bench.CaptureReaderBench "${1:-2000000}"
