#!/usr/bin/env bash
# Blue-green deploy of the demo image (runbooks/demo-image) at N = 1, 5, 20 services, measured side
# by side in one run, alternating the tools and taking the median of several runs:
#   gwrun    bin/gwrun on a runbook with one `parallel` step per service (whole process, JVM start
#            included; the AppCDS archive is made before timing starts)
#   bash     docker CLI + curl polling /health every 100 ms, service after service (the docs' way)
#   ansible  ansible-playbook with community.docker.docker_container + uri until/retries
#            (installed with apt if missing; the column is skipped with a notice if that fails)
#   floor    the same container operations as bare Engine API calls, concurrent, no waiting
# Each deploy, per service: start <svc>-next from the other version on the other port, wait until
# /health answers (floor: no wait), stop and remove <svc>, rename <svc>-next to <svc>.
#
# After the table, the fixed cost any gwrun run pays, measured the same way: a bare JVM
# (`java -version`), `gwrun version` (the JVM with gwrun's jar and command line) and `gwrun check`
# of the one-service runbook (plus parsing and checking), none of which touches the engine.
#
# usage: bench/docker-bench.sh            (NS="1 5 20" RUNS=5 by default; needs the built jar)
#        NS="5" RUNS=3 bench/docker-bench.sh
#        TOOLS="gwrun gwrun-noprewarm bash floor" NS=1 bench/docker-bench.sh
#          (gwrun-noprewarm: gwrun with GWRUN_PREWARM=0, to see what the module prewarm saves)
#        TOOLS="packaged baseline bash floor" NS=1 BASELINE=old.tar.gz bench/docker-bench.sh
#          (packaged: the release archive in dist/target, its jlink runtime and CDS archives, as users
#          run it; baseline: the release archive BASELINE, e.g. one built from main, in the same rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NS=${NS:-"1 5 20"}
RUNS=${RUNS:-5}
prefix="gwb$(date +%s%N | tail -c 7)"
work=$(mktemp -d "${TMPDIR:-/tmp}/gwrun-docker-bench.XXXXXX")
here="$root/bench/docker-bench"

cleanup() {
  docker ps -aq --filter "name=^$prefix-" | xargs -r docker rm -f >/dev/null 2>&1 || true
  # By tag, not by id: the same build elsewhere (another bench running at once) has the same image id,
  # and `docker rmi -f ID` would remove its tags too.
  # The images built FROM the -checked ones go first.
  docker rmi "$prefix-demo:v1" "$prefix-demo:v2" >/dev/null 2>&1 || true
  docker images --format '{{.Repository}}:{{.Tag}}' --filter "reference=$prefix-demo" | xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f cli/target/gwrun.jar ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
docker info >/dev/null 2>&1 || { echo "no Docker Engine answers" >&2; exit 2; }

have_ansible=1
if [[ " ${TOOLS:-gwrun bash ansible floor} " != *" ansible "* ]]; then
  have_ansible=0   # not asked for: nothing to install
elif ! command -v ansible-playbook >/dev/null || ! python3 -c 'import docker' 2>/dev/null; then
  echo "installing Debian's ansible and python3-docker for the ansible column…" >&2
  if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ansible python3-docker >/dev/null 2>&1; }; then
    echo "NOTICE: could not install ansible; the ansible column is skipped" >&2
    have_ansible=0
  fi
fi

# Two versions of the demo image, built FROM scratch with busybox-static: no registry needed.
cp -r runbooks/demo-image "$work/ctx" && cp /bin/busybox "$work/ctx/busybox"
# HEALTHCHECK NONE: no tool here reads the engine's health status (all poll /health over HTTP), and
# 2 x 20 containers each exec'ing a 200 ms health check would load the machine under measurement.
for v in v1 v2; do
  docker build -q --build-arg VERSION=$v -t "$prefix-demo:$v-checked" "$work/ctx" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }
  # The label makes this run's image ids its own (see cleanup).
  printf 'FROM %s\nHEALTHCHECK NONE\nLABEL dev.gwrun.bench=%s\n' "$prefix-demo:$v-checked" "$prefix" | docker build -q -t "$prefix-demo:$v" - >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }
done

# gwrun: one parallel step per service (parallel takes a fixed list of steps, so the runbook is written per N).
gen_runbook() {
  local n=$1 f="$work/deploy-$1.gwrun"
  {
    echo 'runbook "bench-blue-green" {'
    echo '  param prefix: string'
    echo '  param image: string'
    echo '  param port_base: int'
    echo '  fn deploy(i) {'
    echo '    let svc = "${prefix}-s${i}"'
    echo '    let port = port_base + i'
    echo '    docker.run(name: "${svc}-next", image: image, ports: ["${port}:8000"], init: true)'
    echo '    wait until http.get("http://127.0.0.1:${port}/health", timeout: 2s).status == 200 every 100ms timeout 30s'
    echo '    docker.stop(svc, timeout: 10s)'
    echo '    docker.rm(svc)'
    echo '    docker.rename("${svc}-next", svc)'
    echo '  }'
    echo '  parallel {'
    for i in $(seq 1 "$n"); do echo "    step \"service $i\" { deploy($i) }"; done
    echo '  }'
    echo '}'
  } > "$f"
  echo "$f"
}

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

run_tool() { # tool n image port_base
  local tool=$1 n=$2 image=$3 base=$4 t0 rc=0
  t0=$(date +%s%N)
  case $tool in
    gwrun)   bin/gwrun run "$work/deploy-$n.gwrun" -p prefix="$prefix" -p image="$image" -p port_base="$base" >"$work/out" 2>&1 || rc=$? ;;
    gwrun-noprewarm) GWRUN_PREWARM=0 bin/gwrun run "$work/deploy-$n.gwrun" -p prefix="$prefix" -p image="$image" -p port_base="$base" >"$work/out" 2>&1 || rc=$? ;;
    packaged) "$packaged" run "$work/deploy-$n.gwrun" -p prefix="$prefix" -p image="$image" -p port_base="$base" >"$work/out" 2>&1 || rc=$? ;;
    baseline) "$baseline" run "$work/deploy-$n.gwrun" -p prefix="$prefix" -p image="$image" -p port_base="$base" >"$work/out" 2>&1 || rc=$? ;;
    bash)    "$here/deploy.sh" "$prefix" "$n" "$image" "$base" >"$work/out" 2>&1 || rc=$? ;;
    ansible) ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
             ansible-playbook "$here/deploy.yml" -e prefix="$prefix" -e n="$n" -e image="$image" -e port_base="$base" >"$work/out" 2>&1 || rc=$? ;;
    floor)   "$here/floor.sh" "$prefix" "$n" "$image" "$base" >"$work/out" 2>&1 || rc=$? ;;
  esac
  local took; took=$(ms "$t0")
  if [ $rc -ne 0 ]; then echo "$tool failed (exit $rc) at N=$n:" >&2; cat "$work/out" >&2; exit 1; fi
  # Every tool must leave each service running the new version on the new port.
  for i in $(seq 1 "$n"); do
    docker inspect -f '{{.State.Running}} {{.Config.Image}}' "$prefix-s$i" 2>/dev/null | grep -qx "true $image" \
      || { echo "$tool did not deploy $image to $prefix-s$i" >&2; exit 1; }
  done
  echo "$took"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

read -r -a tools <<<"${TOOLS:-gwrun bash ansible floor}"
if [ $have_ansible = 0 ]; then
  kept=(); for t in "${tools[@]}"; do [ "$t" = ansible ] || kept+=("$t"); done; tools=("${kept[@]}")
fi
bin/gwrun version >/dev/null   # makes the AppCDS archive if the jar is new, outside the timings
# The release archives, unpacked once (their CDS archives were made when they were packaged).
release() { # tarball dir
  mkdir -p "$2" && tar -C "$2" -xzf "$1" && for d in "$2"/gwrun-*; do echo "$d/bin/gwrun"; done
}
for t in "${tools[@]}"; do
  case $t in
    packaged)
      tarballs=(dist/target/gwrun-*-linux-x64.tar.gz)
      [ -f "${tarballs[0]}" ] || { echo "packaged: build the release first (mvn -q -B -DskipTests package)" >&2; exit 2; }
      packaged=$(release "${tarballs[0]}" "$work/packaged") ;;
    baseline)
      [ -f "${BASELINE:-}" ] || { echo "baseline: set BASELINE to a release archive" >&2; exit 2; }
      baseline=$(release "$BASELINE" "$work/baseline") ;;
  esac
done

declare -A floors=() bashes=()
extra=""; for t in "${tools[@]}"; do case $t in gwrun|bash|ansible|floor) ;; *) extra="$extra $t" ;; esac; done
printf '%-4s %10s %10s %10s %10s %12s %12s' N gwrun_ms bash_ms ansible_ms floor_ms gwrun/bash gwrun/floor
for t in $extra; do printf ' %24s' "${t}_ms (/bash)"; done; echo
for n in $NS; do
  gen_runbook "$n" >/dev/null
  # Start state: every service runs v1 on port block A.
  base_a=$((20000 + RANDOM % 10000)); base_b=$((base_a + 100))
  for i in $(seq 1 "$n"); do docker run -d --init --name "$prefix-s$i" -p "$((base_a + i)):8000" "$prefix-demo:v1" >/dev/null; done
  cur=v1; curbase=$base_a
  declare -A times=()
  for r in $(seq 1 "$RUNS"); do
    # Rotate the order every run so no tool always goes first (or after the same neighbour).
    k=$(( (r - 1) % ${#tools[@]} ))
    order=("${tools[@]:$k}" "${tools[@]:0:$k}")
    for t in "${order[@]}"; do
      if [ $cur = v1 ]; then next=v2 nextbase=$base_b; else next=v1 nextbase=$base_a; fi
      took=$(run_tool "$t" "$n" "$prefix-demo:$next" "$nextbase")
      times[$t]="${times[$t]:-} $took"
      cur=$next curbase=$nextbase
      # The floor does not wait: let the containers it started finish starting before the next tool.
      sleep 0.5
    done
  done
  med() { if [ -n "${times[$1]:-}" ]; then echo ${times[$1]} | tr ' ' '\n' | median; else echo "-"; fi; }
  g=$(med gwrun) b=$(med bash) a=$(med ansible) f=$(med floor)
  floors[$n]=$f bashes[$n]=$b
  ratio() { if [ "$1" = - ] || [ "$2" = - ]; then echo -; else awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", x / y}'; fi; }
  printf '%-4s %10s %10s %10s %10s %12s %12s' "$n" "$g" "$b" "$a" "$f" "$(ratio "$g" "$b")" "$(ratio "$g" "$f")"
  for t in $extra; do printf ' %24s' "$(med "$t") ($(ratio "$(med "$t")" "$b"))"; done; echo
  docker ps -aq --filter "name=^$prefix-" | xargs -r docker rm -f >/dev/null
  unset times
done
echo "(median of $RUNS runs each, wall time of the whole process in ms; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

# The fixed cost of any gwrun run, alternating the three the same way.
gen_runbook 1 >/dev/null
declare -A fixed=()
for r in $(seq 1 "$RUNS"); do
  for what in jvm version check; do
    t0=$(date +%s%N)
    case $what in
      jvm)     java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version >/dev/null 2>&1 ;;
      version) bin/gwrun version >/dev/null ;;
      check)   bin/gwrun check "$work/deploy-1.gwrun" >/dev/null ;;
    esac
    fixed[$what]="${fixed[$what]:-} $(ms "$t0")"
  done
done
fm() { echo ${fixed[$1]} | tr ' ' '\n' | median; }
echo "fixed costs (ms, median of $RUNS): java -version $(fm jvm), gwrun version $(fm version), gwrun check of the N=1 runbook $(fm check)"
# What gwrun run cannot go under: its own start, parse and check (gwrun check, which touches no engine) plus the
# engine's own work (the floor). Set against the bash script, this is the least ratio gwrun could show.
for n in $NS; do
  f=${floors[$n]:-} b=${bashes[$n]:-}
  if [ -n "$f" ] && [ "$f" != - ] && [ -n "$b" ] && [ "$b" != - ]; then
    echo "N=$n: gwrun check + floor = $(( $(fm check) + f )) ms, $(awk -v x="$(( $(fm check) + f ))" -v y="$b" 'BEGIN {printf "%.2f", x / y}') x bash (what gwrun run cannot go under)"
  fi
done
