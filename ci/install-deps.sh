#!/usr/bin/env bash
# Installs what faultlab needs on a fresh Debian/Ubuntu machine (run as root). Safe to run again.
#   ci/install-deps.sh                 the embedded (netns) backend: lab, capture, detectors, scenarios
#   ci/install-deps.sh --with-docker   also Docker, a running dockerd and the docker backend's node images
#                                      (built locally from Debian packages: no registry needed)
set -euo pipefail
with_docker=false
[[ "${1:-}" == "--with-docker" ]] && with_docker=true
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: must run as root (sudo ci/install-deps.sh)" >&2
  exit 2
fi
packages=(
  openjdk-17-jdk-headless maven gcc libc6-dev      # build: Java, Maven, the static C workload
  iproute2 iptables nftables conntrack ethtool procps kmod   # the lab's datapath and host state
  gobgpd bird2                                      # routing daemons for the bgp datapath
  libpcap0.8 tcpdump tshark                         # live capture (pcap4j uses libpcap) and checks
  socat netcat-openbsd hping3                       # test traffic
  python3                                           # the benchmarks' summaries (ci/bench)
  curl unzip ca-certificates                        # async-profiler from Maven Central (ci/bench/profile-diagnose.sh)
  time                                              # GNU time: peak RSS in ci/bench/diagnose-vs-tshark.sh
  chromium                                          # headless check that HTML reports render (ComparisonPageTest)
)
$with_docker && packages+=(docker.io debootstrap)
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  echo "install-deps: installing ${missing[*]}" >&2
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if $with_docker; then
  if ! docker info >/dev/null 2>&1; then
    echo "install-deps: starting dockerd" >&2
    # A machine image snapshotted while dockerd ran keeps its pid files; dockerd then refuses to start
    # ("pid file found"). docker info failed, so no daemon serves the socket: a pid file is stale unless
    # its pid is a live dockerd/containerd (the pid may since belong to an unrelated process).
    for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile" 2>/dev/null || true)"
      comm=""
      [[ "$pid" =~ ^[0-9]+$ ]] && comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
      if [[ "$comm" != dockerd && "$comm" != containerd ]]; then
        echo "install-deps: removing stale $pidfile" >&2
        rm -f "$pidfile"
      fi
    done
    setsid dockerd >/var/log/faultlab-dockerd.log 2>&1 < /dev/null &
    for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    if ! docker info >/dev/null 2>&1; then
      echo "install-deps: dockerd did not start within 60 s; the end of /var/log/faultlab-dockerd.log:" >&2
      tail -n 5 /var/log/faultlab-dockerd.log >&2
      exit 2
    fi
  fi
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bash "$here/images/node/build.sh"
fi
