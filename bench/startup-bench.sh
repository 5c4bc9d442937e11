#!/usr/bin/env bash
# Start-up of gwrun, side by side in one run: `gwrun version` and `gwrun check` of a one-step runbook
# with the release archive (its jlink runtime and the CDS archives made at package time) and with the
# Maven-built jar run by bin/gwrun from the checkout (the JDK on PATH, its CDS archives made on first
# use), beside a bare `java -version` of that JDK and of the packaged runtime; then `gwrun compose
# config` of the largest corpus file that docker-compose v1 accepts, against `docker-compose config`
# (when it is installed). With BASELINE=path/to/an/older/gwrun-*-linux-x64.tar.gz, that release's
# version, check and compose config run in the same rounds (before/after in one run).
# The commands take turns, round after round, so a slow moment of this shared machine falls on all of
# them alike; medians of the wall time and of the CPU time (user + system of the process and its
# children), which a loaded machine distorts much less than the wall time.
# Usage: [BASELINE=old.tar.gz] bench/startup-bench.sh [ROUNDS]   (after mvn package; from anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-21}"
shopt -s nullglob
tarballs=("$root"/dist/target/gwrun-*-linux-x64.tar.gz)
[ ${#tarballs[@]} = 1 ] && [ -f "$root/cli/target/gwrun.jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
out="$root/bench/out/startup"
rm -rf "$out" && mkdir -p "$out/release" "$out/baseline"
tar -C "$out/release" -xzf "${tarballs[0]}"
release=("$out"/release/gwrun-*)
cat > "$out/one-step.gwrun" <<'GWRUN'
runbook "one-step" {
  step "health" { wait until http.get("http://127.0.0.1:8080/health").ok every 1s timeout 30s }
}
GWRUN
compose="$root/cli/src/test/resources/compose-corpus/otel-demo/compose.yaml"

names=("java -version (JDK on PATH)" "java -version (packaged runtime)"
       "gwrun version (packaged)" "gwrun version (Maven-built jar)"
       "gwrun check one-step (packaged)" "gwrun check one-step (Maven-built jar)"
       "gwrun compose config (packaged)")
cmds=("java -version"
      "$release/runtime/bin/java -Xshare:auto -version"
      "$release/bin/gwrun version"
      "$root/bin/gwrun version"
      "$release/bin/gwrun check $out/one-step.gwrun"
      "$root/bin/gwrun check $out/one-step.gwrun"
      "$release/bin/gwrun compose config -f $compose")
if [ -n "${BASELINE:-}" ]; then
  tar -C "$out/baseline" -xzf "$BASELINE"
  baseline=("$out"/baseline/gwrun-*)
  names+=("baseline: gwrun version (packaged)" "baseline: gwrun check one-step (packaged)" "baseline: gwrun compose config (packaged)")
  cmds+=("$baseline/bin/gwrun version" "$baseline/bin/gwrun check $out/one-step.gwrun" "$baseline/bin/gwrun compose config -f $compose")
fi
v1=-1
if command -v docker-compose >/dev/null; then
  names+=("docker-compose config (v1)")
  cmds+=("docker-compose -f $compose config")
  v1=$(( ${#cmds[@]} - 1 ))
fi
# Each once before timing: the checkout's launcher makes its CDS archives on their first use with a new jar.
for c in "${cmds[@]}"; do (cd "$(dirname "$compose")" && $c) >/dev/null 2>&1 || { echo "failed: $c" >&2; exit 1; }; done

# Sets cpu_now: the CPU time of this shell's children so far, in ms. 'times' must run in this shell,
# not in a $(…) subshell, whose own children are none.
children_cpu() {
  times > "$out/times"
  local user sys
  read -r user sys < <(tail -1 "$out/times")
  cpu_now=$(awk -v u="$user" -v s="$sys" 'function ms(t,  m) { m = t; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", t); sub(/s$/, "", t); return m * 60000 + t * 1000 }
    BEGIN { printf "%d\n", ms(u) + ms(s) }')
}
cd "$(dirname "$compose")"
declare -A times cpu
for _ in $(seq "$rounds"); do
  for i in "${!cmds[@]}"; do
    children_cpu; c0=$cpu_now; t0=$(date +%s%N)
    ${cmds[$i]} >/dev/null 2>&1
    t1=$(date +%s%N); children_cpu; c1=$cpu_now
    times[$i]+="$(( (t1 - t0) / 1000000 )) "
    cpu[$i]+="$(( c1 - c0 )) "
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median "${times[0]}")
printf 'start-to-exit, median of %d alternating rounds (%s, %d cores, load average %s)\n' "$rounds" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-44s %8s %22s %8s\n' "" "wall ms" "" "CPU ms"
for i in "${!cmds[@]}"; do
  m=$(median "${times[$i]}")
  printf '  %-44s %8d  (%+5d ms vs java -version) %8d\n' "${names[$i]}" "$m" $(( m - base )) "$(median "${cpu[$i]}")"
done
if [ "$v1" -ge 0 ]; then
  awk -v g="$(median "${times[6]}")" -v v="$(median "${times[$v1]}")" -v gc="$(median "${cpu[6]}")" -v vc="$(median "${cpu[$v1]}")" \
    'BEGIN { printf "  compose config of otel-demo/compose.yaml, gwrun (packaged) / docker-compose v1: %.2f wall, %.2f CPU\n", g / v, gc / vc }'
fi
