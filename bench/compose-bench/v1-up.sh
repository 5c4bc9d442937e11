#!/usr/bin/env bash
# Debian's docker-compose 1.29 (v1) has no `up --wait`: `up -d`, then a shell loop until every
# container of the project reports healthy (polled every 100 ms, as a person's script would).
# usage: v1-up.sh PROJECT FILE
set -euo pipefail
project=$1 file=$2
docker-compose -p "$project" -f "$file" up -d --quiet-pull 2>&1
ids=$(docker-compose -p "$project" -f "$file" ps -q)
deadline=$(( $(date +%s) + 120 ))
until [ -z "$(docker inspect -f '{{.State.Health.Status}}' $ids | grep -vx healthy)" ]; do
  [ "$(date +%s)" -lt $deadline ] || { echo "not healthy after 120 s" >&2; exit 1; }
  sleep 0.1
done
