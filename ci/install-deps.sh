#!/usr/bin/env bash
# Installs what faultlab needs on a fresh Debian/Ubuntu machine (run as root). Safe to run again.
set -euo pipefail
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
)
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
