#!/usr/bin/env bash
# The engine floor: the same container operations as bare Engine API calls (curl on the socket),
# services concurrently, and no waiting logic at all: create, start, stop the old, remove it, rename.
# usage: floor.sh PREFIX N IMAGE PORT_BASE
set -euo pipefail
prefix=$1 n=$2 image=$3 base=$4
sock=${DOCKER_SOCK:-/var/run/docker.sock}
api() { curl -sf --unix-socket "$sock" -o /dev/null "$@"; }
one() {
  local i=$1 port=$(($base + $1))
  api -H 'Content-Type: application/json' \
    -d "{\"Image\":\"$image\",\"ExposedPorts\":{\"8000/tcp\":{}},\"HostConfig\":{\"Init\":true,\"PortBindings\":{\"8000/tcp\":[{\"HostPort\":\"$port\"}]}}}" \
    "http://docker/containers/create?name=$prefix-s$i-next"
  api -X POST "http://docker/containers/$prefix-s$i-next/start"
  api -X POST "http://docker/containers/$prefix-s$i/stop?t=10"
  api -X DELETE "http://docker/containers/$prefix-s$i"
  api -X POST "http://docker/containers/$prefix-s$i-next/rename?name=$prefix-s$i"
}
pids=()
for i in $(seq 1 "$n"); do one "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
