#!/usr/bin/env bash
# Builds the docker backend's node image (faultlab/node) from Debian packages: no container registry needed.
# Cached: an image already present is reused unless --rebuild is given. Needs root, docker and debootstrap.
#   images/node/build.sh [--rebuild]
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian), FAULTLAB_NODE_IMAGE (default faultlab/node:1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${FAULTLAB_NODE_IMAGE:-faultlab/node:1}"
base="faultlab/node-base:bookworm"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=iproute2,iptables,conntrack,gobgpd,ethtool,procps,kmod,iputils-ping,socat,tcpdump

rebuild=false
[[ "${1:-}" == "--rebuild" ]] && rebuild=true

present() { docker image inspect "$1" >/dev/null 2>&1; }

if ! $rebuild && present "$image"; then
  echo "$image present (use --rebuild to build it again)"
  exit 0
fi
command -v docker >/dev/null || { echo "docker not found: apt-get install docker.io" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "docker daemon not running: start it (setsid dockerd &)" >&2; exit 1; }

if $rebuild || ! present "$base"; then
  command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install debootstrap" >&2; exit 1; }
  rootfs="$(mktemp -d /tmp/faultlab-node-rootfs.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  echo "debootstrap bookworm ($packages) from $mirror ..."
  debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
fi
docker build -q -t "$image" --build-arg BASE="$base" "$here" >/dev/null
echo "$image built"
