#!/usr/bin/env bash
# The engine floor for `compose up` + wait healthy: the same calls as floor.sh (network create, then
# every container created concurrently), and the shortest wait the project's depends_on chain allows.
# Every service that depends on nothing is started at once; s2 is started the moment the engine reports
# s1 healthy, s3 the moment it reports s2 healthy (its health_status event, read from one /events
# stream opened before anything is created, no polling of the engine); it returns when the engine has
# reported every container healthy. What is left is the engine's own work and the health checks'
# interval: no tool can be faster. Reading the event file costs at most ~10 ms per wait (4 waits).
# usage: floor-healthy.sh PROJECT N IMAGE
set -euo pipefail
project=$1 n=$2 image=$3
. "$(dirname "$0")/engine-api.sh"
events=$(mktemp "${TMPDIR:-/tmp}/gwrun-floor-events.XXXXXX")
filters=$(printf '{"type":["container"],"event":["health_status"],"label":["com.docker.compose.project=%s"]}' "$project")
curl -sN --unix-socket "$sock" -G --data-urlencode "filters=$filters" http://docker/events >"$events" &
stream=$!
trap 'kill $stream 2>/dev/null || true; rm -f "$events"' EXIT
healthy() { grep -F '"health_status: healthy"' "$events" | grep -oE "\"name\":\"${project}-s[0-9]+-1\"" | sort -u | wc -l; }
await_healthy() { # container name
  local deadline=$(( $(date +%s) + 120 ))
  until grep -F '"health_status: healthy"' "$events" | grep -qF "\"name\":\"$1\""; do
    [ "$(date +%s)" -lt $deadline ] || { echo "$1 not healthy after 120 s" >&2; exit 1; }
    sleep 0.01
  done
}
create_network
pids=()
for i in $(seq 1 "$n"); do create "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
pids=()
for i in $(seq 1 "$n"); do
  if [ "$i" -lt 2 ] || [ "$i" -gt 3 ]; then start "$i" & pids+=($!); fi
done
for p in "${pids[@]}"; do wait "$p"; done
for i in 2 3; do
  [ "$i" -le "$n" ] || break
  await_healthy "${project}-s$((i - 1))-1"
  start "$i"
done
deadline=$(( $(date +%s) + 120 ))
until [ "$(healthy)" -ge "$n" ]; do
  [ "$(date +%s)" -lt $deadline ] || { echo "not every container healthy after 120 s" >&2; exit 1; }
  sleep 0.01
done
