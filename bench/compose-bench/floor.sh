#!/usr/bin/env bash
# The engine floor for `compose up`: the calls a Compose implementation cannot avoid, as bare Engine
# API requests with curl on the socket, every service concurrently and no waiting at all (no health
# wait, no depends_on order): create the project network, then create and start each container with
# the same image, healthcheck, labels and network alias as the generated Compose file gives it.
# usage: floor.sh PROJECT N IMAGE
set -euo pipefail
project=$1 n=$2 image=$3
. "$(dirname "$0")/engine-api.sh"
create_network
one() { create "$1"; start "$1"; }
pids=()
for i in $(seq 1 "$n"); do one "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
