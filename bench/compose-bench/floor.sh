#!/usr/bin/env bash
# The engine floor for `compose up`: the calls a Compose implementation cannot avoid, as bare Engine
# API requests with curl on the socket, every service concurrently and no waiting at all (no health
# wait, no depends_on order): create the project network, then create and start each container with
# the same image, healthcheck, labels and network alias as the generated Compose file gives it.
# usage: floor.sh PROJECT N IMAGE
set -euo pipefail
project=$1 n=$2 image=$3
sock=${DOCKER_SOCK:-/var/run/docker.sock}
api() { curl -sf --unix-socket "$sock" -o /dev/null -H 'Content-Type: application/json' "$@"; }
net="${project}_default"
api -d "{\"Name\":\"$net\",\"CheckDuplicate\":true,\"Labels\":{\"com.docker.compose.project\":\"$project\",\"com.docker.compose.network\":\"default\"}}" \
  http://docker/networks/create
one() {
  local svc="s$1" name="${project}-s$1-1"
  api -d "{\"Image\":\"$image\",
    \"Labels\":{\"com.docker.compose.project\":\"$project\",\"com.docker.compose.service\":\"$svc\",\"com.docker.compose.container-number\":\"1\",\"com.docker.compose.oneoff\":\"False\"},
    \"Healthcheck\":{\"Test\":[\"CMD\",\"wget\",\"-q\",\"-O\",\"/dev/null\",\"http://127.0.0.1:8000/health\"],\"Interval\":250000000,\"Timeout\":2000000000,\"Retries\":3},
    \"HostConfig\":{\"Init\":true,\"NetworkMode\":\"$net\"},
    \"NetworkingConfig\":{\"EndpointsConfig\":{\"$net\":{\"Aliases\":[\"$svc\",\"$name\"]}}}}" \
    "http://docker/containers/create?name=$name"
  api -X POST "http://docker/containers/$name/start"
}
pids=()
for i in $(seq 1 "$n"); do one "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
