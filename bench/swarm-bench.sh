#!/usr/bin/env bash
# A rolling update of a replicated Swarm service of N = 3 and 10 tasks, parallelism 1, start-first, no delay,
# measured side by side in one run (the order of the tools rotates every run; medians of RUNS runs):
#   gwrun    the whole bin/gwrun process running one swarm.update(service, env: …, parallelism: 1), which
#            returns once the update converged (every new task running and healthy, update completed);
#            gwrun_call_ms is the call alone (its "updating" to its "updated" log event: no JVM start)
#   cli      `docker service update --detach` (on this engine it returns at once) plus the wait loop a
#            script needs: `docker service inspect` of the update state every 100 ms until completed
#   engine   the sum of the engine's own task start times: for each new task, from its creation to Swarm
#            recording it running (healthy, for a task with a healthcheck), as `docker inspect` of the task says
# Then, per run, how soon each tool saw the convergence, as differences of three instants:
#   healthy    the last new task turning healthy: the latest Status.Timestamp of the service's running tasks
#              (Swarm records a task with a healthcheck running when its container turns healthy)
#   completed  the engine declaring the update completed: the service's UpdateStatus.CompletedAt
#   detected   gwrun: the time of its "updated service" log event (--events), when swarm.update returned;
#              cli: when its wait loop ended
# The goal is detected - healthy <= 0.2 s. Swarm declares an update completed only once its monitor window
# (update_config.monitor; 5s unless set) has passed since the last task turned healthy, and no tool that waits
# for the update to complete, the CLI's progress included, can see it sooner: so the service's update uses a
# short window, MONITOR (100ms by default), the one a user sets for fast feedback, and the bench says so.
# Each task runs busybox httpd (runbooks/demo-image) with a healthcheck every 250 ms.
#
# Makes a single-node swarm of the engine if it is in none (--advertise-addr 127.0.0.1) and leaves it after.
#
# usage: bench/swarm-bench.sh            (NS="3 10" RUNS=3 MONITOR=100ms by default; needs the built jar)
set -euo pipefail
cd "$(dirname "$0")/.."
NS=${NS:-"3 10"}
MONITOR=${MONITOR:-100ms}
RUNS=${RUNS:-3}
prefix="gwsb$(date +%s%N | tail -c 7)"
work=$(mktemp -d "${TMPDIR:-/tmp}/gwrun-swarm-bench.XXXXXX")
image="$prefix-svc:1"
made_swarm=false

cleanup() {
  docker service ls -q --filter "name=$prefix" | xargs -r docker service rm >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do [ -z "$(docker ps -aq --filter "label=com.docker.swarm.service.name" --filter "name=$prefix")" ] && break; sleep 0.5; done
  docker rmi -f "$image" >/dev/null 2>&1 || true
  if $made_swarm; then docker swarm leave --force >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f cli/target/gwrun.jar ] || { echo "build first: mvn -q -B -DskipTests package -pl cli -am" >&2; exit 2; }
docker info >/dev/null 2>&1 || { echo "no Docker Engine answers" >&2; exit 2; }
case "$(docker info --format '{{.Swarm.LocalNodeState}}')" in
  inactive) docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null; made_swarm=true ;;
  active) ;;
  *) echo "the engine's swarm state is $(docker info --format '{{.Swarm.LocalNodeState}}')" >&2; exit 2 ;;
esac

cp -r runbooks/demo-image "$work/ctx" && cp /bin/busybox "$work/ctx/busybox"
docker build -q -t "$image" "$work/ctx" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }

cat > "$work/update.gwrun" <<'GW'
runbook "bench-swarm-update" {
  param service: string
  param value: string
  param monitor: duration
  step "update" {
    swarm.update(service, env: {"BENCH": value}, parallelism: 1, delay: 0s, order: "start-first", monitor: monitor, timeout: 5m)
  }
}
GW
bin/gwrun version >/dev/null   # makes the AppCDS archive if the jar is new, outside the timings

now_ns() { date +%s%N; }

# The engine's figures for the update just finished: "<sum of task start ms> <last healthy ns> <completed ns>": for
# each task of the current spec, its creation to Swarm recording it running (healthy); the latest of those; and
# the update's completion.
engine_figures() { # service
  local svc=$1
  docker service ps -q --filter desired-state=running "$svc" | xargs docker inspect --format '{{.CreatedAt.UnixNano}} {{.Status.Timestamp.UnixNano}}' \
    > "$work/tasks"
  awk '{s += ($2 - $1) / 1e6; if ($2 > m) m = $2} END {printf "%.0f %.0f ", s, m}' "$work/tasks"
  docker service inspect --format '{{.UpdateStatus.CompletedAt.UnixNano}}' "$svc"
}

# The times of gwrun's "updating service" and "updated service" log events (the update sent, its convergence
# seen), in ns since the epoch.
gwrun_times_ns() { # events file
  python3 - "$1" <<'PY'
import json, sys, datetime
def ns(t):
    base, frac = t.rstrip("Z").split(".")
    secs = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(secs) * 10**9 + int(frac.ljust(9, "0")[:9])
sent = saw = None
for line in open(sys.argv[1]):
    e = json.loads(line)
    text = e.get("text", "") if e.get("type") == "log" else ""
    if "swarm: updating service" in text: sent = ns(e["time"])
    if "swarm: updated service" in text: saw = ns(e["time"])
print(sent or 0, saw or 0)
PY
}

ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (a - b) / 1e6}'; }

# -> "<wall ms> <engine sum ms> <call ms or -> <detected - healthy ms> <detected - completed ms> <completed - healthy ms>"
run_tool() { # tool service value
  local tool=$1 svc=$2 value=$3 t0 t1 rc=0 detected call=-
  t0=$(now_ns)
  case $tool in
    gwrun) bin/gwrun run "$work/update.gwrun" -p service="$svc" -p value="$value" -p monitor="$MONITOR" --events "$work/events.jsonl" >"$work/out" 2>&1 || rc=$? ;;
    cli)
      docker service update --detach --quiet --env-add "BENCH=$value" --update-parallelism 1 --update-delay 0s --update-order start-first \
        --update-monitor "$MONITOR" "$svc" >"$work/out" 2>&1 || rc=$?
      while [ $rc -eq 0 ]; do
        state=$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$svc")
        case $state in completed) break ;; paused|rollback_*) rc=1 ;; esac
        sleep 0.1
      done ;;
  esac
  t1=$(now_ns)
  if [ $rc -ne 0 ]; then echo "$tool failed (exit $rc):" >&2; cat "$work/out" >&2; exit 1; fi
  read -r sum healthy completed < <(engine_figures "$svc")
  detected=$t1
  if [ "$tool" = gwrun ]; then
    local sent saw; read -r sent saw < <(gwrun_times_ns "$work/events.jsonl")
    [ "$saw" -gt 0 ] || { echo "gwrun logged no 'updated service' event" >&2; exit 1; }
    detected=$saw
    [ "$sent" -gt 0 ] && call=$(ms "$saw" "$sent")
  fi
  echo "$(ms "$t1" "$t0") $sum $call $(ms "$detected" "$healthy") $(ms "$detected" "$completed") $(ms "$completed" "$healthy")"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
maximum() { sort -n | tail -1; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", x / y}'; }
stat() { echo $1 | tr ' ' '\n' | "$2"; }

echo "rolling update, parallelism 1, start-first, update_config.monitor $MONITOR (a short window, as a user sets it for fast"
echo "feedback: Swarm declares the update completed that long after the last task turned healthy); $RUNS runs, times in ms"
tools=(gwrun cli)
declare -A summary=()
for n in $NS; do
  svc="$prefix-s$n"
  docker service create --quiet --detach=false --name "$svc" --replicas "$n" --stop-grace-period 1s \
    --health-cmd 'wget -q -O /dev/null http://127.0.0.1:8000/health' --health-interval 250ms --health-timeout 2s --health-retries 3 \
    --env BENCH=0 "$image" >/dev/null 2>"$work/create.err" || { cat "$work/create.err" >&2; exit 1; }
  declare -A wall=() sums=() calls=() dh=() dc=() ch=()
  for r in $(seq 1 "$RUNS"); do
    k=$(( (r - 1) % ${#tools[@]} ))
    order=("${tools[@]:$k}" "${tools[@]:0:$k}")
    for t in "${order[@]}"; do
      read -r w s c a b m < <(run_tool "$t" "$svc" "$t-$r")
      wall[$t]="${wall[$t]:-} $w"; sums[$t]="${sums[$t]:-} $s"; dh[$t]="${dh[$t]:-} $a"; dc[$t]="${dc[$t]:-} $b"; ch[$t]="${ch[$t]:-} $m"
      [ "$c" != - ] && calls[$t]="${calls[$t]:-} $c"
      printf '  N=%-2s run %s %-5s %6s ms; last task healthy -> engine completed %4s ms, -> %s detected %4s ms; engine completed -> detected %4s ms\n' \
        "$n" "$r" "$t" "$w" "$m" "$t" "$a" "$b" >&2
    done
  done
  g=$(stat "${wall[gwrun]}" median); c=$(stat "${wall[cli]}" median); e=$(stat "${sums[gwrun]} ${sums[cli]}" median)
  k=-; [ -n "${calls[gwrun]:-}" ] && k=$(stat "${calls[gwrun]}" median)
  summary[$n]=$(printf '%-4s %9s %9s %7s %11s %9s | %7s %7s %7s %7s | %7s %7s %7s %7s | %9s' "$n" "$g" "$k" "$c" "$e" "$(ratio "$g" "$c")" \
    "$(stat "${dh[gwrun]}" median)" "$(stat "${dh[gwrun]}" maximum)" "$(stat "${dc[gwrun]}" median)" "$(stat "${dc[gwrun]}" maximum)" \
    "$(stat "${dh[cli]}" median)" "$(stat "${dh[cli]}" maximum)" "$(stat "${dc[cli]}" median)" "$(stat "${dc[cli]}" maximum)" \
    "$(stat "${ch[gwrun]} ${ch[cli]}" median)")
  unset wall sums calls dh dc ch
  docker service rm "$svc" >/dev/null
done
echo
echo "                                                   | gwrun detected after (ms)     | cli detected after (ms)       | engine"
echo "                                                   | last healthy  | completed     | last healthy  | completed     | healthy->"
printf '%-4s %9s %9s %7s %11s %9s | %7s %7s %7s %7s | %7s %7s %7s %7s | %9s\n' N gwrun call cli engine_sum gwrun/cli \
  median max median max median max median max completed
for n in $NS; do echo "${summary[$n]}"; done
