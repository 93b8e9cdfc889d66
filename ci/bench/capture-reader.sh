#!/usr/bin/env bash
# Capture reader / diagnosis speed and memory against pcap4j's offline reading and tshark, on one generated
# capture (default 2,000,000 packets, ~300 MB) with the JVM heap capped at 128 MB to show the analysis streams (it also completes at 64 MB, slower).
# Needs tshark and libpcap. Usage: ci/bench/capture-reader.sh [PACKETS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_classpath
exec java -Xmx128m -cp "$BENCH_CP" \
  dev.faultlab.detect.bench.CaptureReaderBench "${1:-2000000}"
