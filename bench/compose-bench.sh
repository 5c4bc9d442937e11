#!/usr/bin/env bash
# `compose up` until healthy, of a generated project of N = 1, 5, 20 services, measured side by side
# in one run, alternating the tools (the order rotates every run) and taking the median of several:
#   gwrun  the whole bin/gwrun process (JVM start included; the AppCDS archive is made before timing)
#          running a runbook whose one step is compose.up(compose.project(files: …)), which waits
#          for every service to be healthy (wait: true is the default)
#   v1     Debian's docker-compose 1.29: `up -d`, then a shell loop polling `docker inspect` every
#          100 ms until every container is healthy (v1 has no --wait) — compose-bench/v1-up.sh
#   floor  the engine floor as issue 16 words it: the same network and container create/start calls as
#          bare Engine API requests (curl on the socket), all services concurrently, no waiting at all —
#          compose-bench/floor.sh. It does not wait for health, so it is not the same job: with a
#          service_healthy chain, up + wait healthy cannot end before the chain's health checks pass.
#   floorw the engine floor of the same job: the same calls, every container created concurrently, every
#          service that depends on nothing started at once, s2 and s3 started the moment the engine's
#          event stream reports their dependency healthy, ending when it has reported all healthy
#          (compose-bench/floor-healthy.sh). gwrun/floorw is the ratio the 1.15× goal is judged on;
#          gwrun/floor is printed too.
# Each service runs the demo image (runbooks/demo-image, busybox httpd, FROM scratch) with a
# healthcheck (wget /health every 250 ms, the same interval for every contender: the Compose file's
# healthcheck for gwrun and v1, the same Healthcheck in the floors' create calls); s2 waits for s1 and s3 for s2 to be healthy
# (depends_on: condition: service_healthy), the chain across the first three services.
# Everything is removed between runs (docker rm -f and network rm by project, not timed).
#
# Then `compose config` of one large file: the largest file of cli/src/test/resources/compose-corpus/
# that docker-compose 1.29 accepts (or, without that corpus, a generated file of 200 services):
# `gwrun compose config` (whole process; the loader the compose module uses) against `docker-compose config`.
#
# CPU time (user + sys, of the process and its children) is printed beside the wall time of compose config.
#
# usage: bench/compose-bench.sh              (NS="1 5 20" RUNS=5 by default; needs the built jar)
#        NS="20" RUNS=3 TOOLS="v1 floor" bench/compose-bench.sh
#        NS="" bench/compose-bench.sh      (compose config only)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NS=${NS-"1 5 20"}
RUNS=${RUNS:-5}
runs=$RUNS
. bench/lib.sh
prefix="gwcb$(date +%s%N | tail -c 7)"
work=$(mktemp -d "${TMPDIR:-/tmp}/gwrun-compose-bench.XXXXXX")
here="$root/bench/compose-bench"
image="$prefix-svc:1"

down() { # project
  docker ps -aq --filter "label=com.docker.compose.project=$1" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network ls -q --filter "label=com.docker.compose.project=$1" | xargs -r docker network rm >/dev/null 2>&1 || true
}
cleanup() {
  for p in $(docker ps -a --format '{{.Label "com.docker.compose.project"}}' | grep "^$prefix" | sort -u); do down "$p"; done
  docker network ls --format '{{.Name}}' | grep "^$prefix" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f cli/target/gwrun.jar ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
docker info >/dev/null 2>&1 || { echo "no Docker Engine answers" >&2; exit 2; }
command -v docker-compose >/dev/null || { echo "docker-compose (Debian's 1.29) is not installed" >&2; exit 2; }
command -v curl >/dev/null && [ -x /usr/bin/time ] || { echo "the floors need curl and the config figures /usr/bin/time (apt-get install curl time)" >&2; exit 2; }

cp -r runbooks/demo-image "$work/ctx" && cp /bin/busybox "$work/ctx/busybox"
docker build -q -t "$image" "$work/ctx" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }

gen_project() { # n -> path of the generated Compose file
  local n=$1 f="$work/compose-$1.yml"
  {
    echo "services:"
    for i in $(seq 1 "$n"); do
      echo "  s$i:"
      echo "    image: $image"
      echo "    pull_policy: never"
      echo "    init: true"
      echo "    healthcheck:"
      echo "      test: [\"CMD\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:8000/health\"]"
      echo "      interval: 250ms"
      echo "      timeout: 2s"
      echo "      retries: 3"
      if [ "$i" -ge 2 ] && [ "$i" -le 3 ]; then
        echo "    depends_on:"
        echo "      s$((i - 1)):"
        echo "        condition: service_healthy"
      fi
    done
  } > "$f"
  echo "$f"
}

cat > "$work/up.gwrun" <<'GW'
runbook "bench-compose-up" {
  param file: string
  param project: string
  step "up" {
    compose.up(compose.project(files: [file], project_name: project))
  }
}
GW

read -r -a tools <<<"${TOOLS:-gwrun v1 floor floorw}"
# bin/gwrun makes its two AppCDS archives on first use of a new jar (5-10 s each): the small one for
# version/check/compose config, the run one for run. Both outside the timings.
bin/gwrun version >/dev/null
printf 'runbook "warm" {\n  step "warm" {\n    log("warm")\n  }\n}\n' > "$work/warm.gwrun"
bin/gwrun run --state "$work/state" "$work/warm.gwrun" >/dev/null
if [[ " ${tools[*]} " == *" gwrun "* ]] && ! bin/gwrun check "$work/up.gwrun" >"$work/check.out" 2>&1; then
  echo "NOTICE: this gwrun has no compose module yet; the gwrun column is skipped:" >&2
  sed 's/^/  /' "$work/check.out" >&2
  kept=(); for t in "${tools[@]}"; do [ "$t" = gwrun ] || kept+=("$t"); done; tools=("${kept[@]}")
fi

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

run_tool() { # tool n file project
  local tool=$1 n=$2 file=$3 project=$4 t0 rc=0
  t0=$(date +%s%N)
  case $tool in
    gwrun) bin/gwrun run "$work/up.gwrun" -p file="$file" -p project="$project" >"$work/out" 2>&1 || rc=$? ;;
    v1)    "$here/v1-up.sh" "$project" "$file" >"$work/out" 2>&1 || rc=$? ;;
    floor) "$here/floor.sh" "$project" "$n" "$image" >"$work/out" 2>&1 || rc=$? ;;
    floorw) "$here/floor-healthy.sh" "$project" "$n" "$image" >"$work/out" 2>&1 || rc=$? ;;
    *)     echo "unknown tool $tool (gwrun, v1, floor, floorw)" >&2; exit 2 ;;
  esac
  local took; took=$(ms "$t0")
  if [ $rc -ne 0 ]; then echo "$tool failed (exit $rc) at N=$n:" >&2; cat "$work/out" >&2; exit 1; fi
  local running
  running=$(docker ps -q --filter "label=com.docker.compose.project=$project" | wc -l)
  [ "$running" -eq "$n" ] || { echo "$tool left $running of $n containers running" >&2; cat "$work/out" >&2; exit 1; }
  if [ "$tool" != floor ]; then  # the plain floor does not wait; the others must leave every service healthy
    local bad
    bad=$(docker ps -q --filter "label=com.docker.compose.project=$project" | xargs docker inspect -f '{{.State.Health.Status}}' | grep -vcx healthy || true)
    [ "$bad" -eq 0 ] || { echo "$tool returned with $bad of $n containers not healthy" >&2; exit 1; }
  fi
  echo "$took"
}

ratio() { if [ "$1" = - ] || [ "$2" = - ]; then echo -; else awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", x / y}'; fi; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

if [ -n "$NS" ]; then
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  printf '%-4s %9s %9s %9s %9s %9s %12s %13s %12s\n' N gwrun_ms v1_ms floor_ms floorw_ms gwrun/v1 gwrun/floor gwrun/floorw floorw/v1
fi
for n in $NS; do
  file=$(gen_project "$n")
  declare -A times=()
  for r in $(seq 1 "$RUNS"); do
    k=$(( (r - 1) % ${#tools[@]} ))
    order=("${tools[@]:$k}" "${tools[@]:0:$k}")
    for t in "${order[@]}"; do
      project="$prefix-$t-$n-$r"
      took=$(run_tool "$t" "$n" "$file" "$project")
      times[$t]="${times[$t]:-} $took"
      down "$project"
      sleep 0.5
    done
  done
  med() { if [ -n "${times[$1]:-}" ]; then echo ${times[$1]} | tr ' ' '\n' | median; else echo "-"; fi; }
  g=$(med gwrun) v=$(med v1) f=$(med floor) w=$(med floorw)
  printf '%-4s %9s %9s %9s %9s %9s %12s %13s %12s\n' "$n" "$g" "$v" "$f" "$w" "$(ratio "$g" "$v")" "$(ratio "$g" "$f")" "$(ratio "$g" "$w")" "$(ratio "$w" "$v")"
  for t in "${tools[@]}"; do echo "     $t:${times[$t]:-}"; done
  unset times
done
if [ -n "$NS" ]; then
  echo "(median of $RUNS runs each, wall time of the whole process in ms, up to every service healthy except"
  echo " the plain floor, which does not wait; load average before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "(floorw/v1 is the best gwrun/v1 any tool could reach: the engine's work and the health chain's waits alone)"
fi

# compose config of one large file.
corpus=cli/src/test/resources/compose-corpus
big=""
if [ -d "$corpus" ]; then
  while read -r _ f; do
    if (cd "$(dirname "$f")" && docker-compose -f "$(basename "$f")" config >/dev/null 2>&1); then big=$root/$f; break; fi
  done < <(find "$corpus" -type f \( -name '*.yml' -o -name '*.yaml' \) -printf '%s %p\n' | sort -rn)
fi
if [ -z "$big" ]; then
  big="$work/large.yml"
  {
    echo "x-common: &common"
    echo "  restart: unless-stopped"
    echo "  labels: {tier: bench}"
    echo "services:"
    for i in $(seq 1 200); do
      echo "  svc$i:"
      echo "    <<: *common"
      echo "    image: \${REGISTRY:-example.org}/svc$i:\${TAG:-latest}"
      echo "    environment:"
      echo "      SERVICE: svc$i"
      echo "      PEER: svc$(( i % 200 + 1 ))"
      echo "    ports: [\"$((30000 + i)):8080\"]"
      echo "    healthcheck: {test: [\"CMD\", \"true\"], interval: 10s, retries: 3}"
      [ "$i" -gt 1 ] && echo "    depends_on: {svc$((i - 1)): {condition: service_started}}"
      echo "    volumes: [\"data$i:/data\"]"
    done
    echo "volumes:"
    for i in $(seq 1 200); do echo "  data$i: {}"; done
  } > "$big"
  echo "(no compose corpus: a generated file of 200 services)"
fi
echo "compose config of ${big#"$root/"} ($(wc -c <"$big") bytes):"
declare -A cfg=() cpu=()
for r in $(seq 1 "$RUNS"); do
  for t in gwrun v1; do
    case $t in
      gwrun) cmd=("$root/bin/gwrun" compose config -f "$big") ;;
      v1)    cmd=(docker-compose -f "$big" config) ;;
    esac
    t0=$(date +%s%N)
    (cd "$(dirname "$big")" && /usr/bin/time -f '%U %S' -o "$work/cpu" "${cmd[@]}") >/dev/null 2>&1 || { echo "$t compose config failed on $big" >&2; exit 1; }
    cfg[$t]="${cfg[$t]:-} $(ms "$t0")"
    cpu[$t]="${cpu[$t]:-} $(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")"
  done
done
cm() { echo ${cfg[$1]} | tr ' ' '\n' | median; }
cc() { echo ${cpu[$1]} | tr ' ' '\n' | median; }
echo "  wall: gwrun $(cm gwrun) ms, docker-compose config $(cm v1) ms, gwrun/v1 $(ratio "$(cm gwrun)" "$(cm v1)")"
echo "  cpu:  gwrun $(cc gwrun) ms, docker-compose config $(cc v1) ms, gwrun/v1 $(ratio "$(cc gwrun)" "$(cc v1)")"
echo "  (median of $RUNS, alternating; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
