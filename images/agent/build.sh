#!/usr/bin/env bash
# Builds faultlab/agent (the kubeconfig backend's node agent) on top of faultlab/node; cached like the node image.
#   images/agent/build.sh [--rebuild]
# For a real cluster, push the result where the nodes can pull it (or 'ctr -n k8s.io images import' it on each
# node) and pass its name with FAULTLAB_AGENT_IMAGE.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${FAULTLAB_AGENT_IMAGE:-faultlab/agent:1}"
"$here/../node/build.sh"
if [[ "${1:-}" != "--rebuild" ]] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image present (use --rebuild to build it again)"
  exit 0
fi
docker build -q -t "$image" --build-arg BASE="${FAULTLAB_NODE_IMAGE:-faultlab/node:1}" "$here" >/dev/null
echo "$image built"
