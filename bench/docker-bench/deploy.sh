#!/usr/bin/env bash
# Blue-green deploy of N services as a plain bash script, the way the deployment docs script it:
# docker CLI, curl polling /health every 100 ms, one service after the other.
# usage: deploy.sh PREFIX N IMAGE PORT_BASE
set -euo pipefail
prefix=$1 n=$2 image=$3 base=$4
for i in $(seq 1 "$n"); do
  port=$((base + i))
  docker run -d --init --name "$prefix-s$i-next" -p "$port:8000" "$image" >/dev/null
  tries=0
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then echo "service $i never turned healthy" >&2; exit 1; fi
    sleep 0.1
  done
  docker stop "$prefix-s$i" >/dev/null
  docker rm "$prefix-s$i" >/dev/null
  docker rename "$prefix-s$i-next" "$prefix-s$i"
done
