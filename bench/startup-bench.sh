#!/usr/bin/env bash
# Start-up of gwrun, side by side in one run: `gwrun version` and `gwrun check` of a one-step runbook
# with the release archive (its jlink runtime and the CDS archive made at package time) and with the
# Maven-built jar run by bin/gwrun from the checkout (the JDK on PATH, its CDS archive made on its first
# run), beside a bare `java -version` of that JDK and of the packaged runtime. The commands take turns,
# round after round, so a slow moment of this shared machine falls on all of them alike; medians.
# Usage: bench/startup-bench.sh [ROUNDS]   (after mvn package; from anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-21}"
shopt -s nullglob
tarballs=("$root"/dist/target/gwrun-*-linux-x64.tar.gz)
[ ${#tarballs[@]} = 1 ] && [ -f "$root/cli/target/gwrun.jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
out="$root/bench/out/startup"
rm -rf "$out" && mkdir -p "$out/release"
tar -C "$out/release" -xzf "${tarballs[0]}"
release=("$out"/release/gwrun-*)
cat > "$out/one-step.gwrun" <<'GWRUN'
runbook "one-step" {
  step "health" { wait until http.get("http://127.0.0.1:8080/health").ok every 1s timeout 30s }
}
GWRUN

names=("java -version (JDK on PATH)" "java -version (packaged runtime)"
       "gwrun version (packaged)" "gwrun version (Maven-built jar)"
       "gwrun check one-step (packaged)" "gwrun check one-step (Maven-built jar)")
cmds=("java -version"
      "$release/runtime/bin/java -Xshare:auto -version"
      "$release/bin/gwrun version"
      "$root/bin/gwrun version"
      "$release/bin/gwrun check $out/one-step.gwrun"
      "$root/bin/gwrun check $out/one-step.gwrun")
# Each once before timing: the checkout's launcher makes its CDS archive on its first run of a new jar.
for c in "${cmds[@]}"; do $c >/dev/null 2>&1 || { echo "failed: $c" >&2; exit 1; }; done

declare -A times
for _ in $(seq "$rounds"); do
  for i in "${!cmds[@]}"; do
    t0=$(date +%s%N); ${cmds[$i]} >/dev/null 2>&1; t1=$(date +%s%N)
    times[$i]+="$(( (t1 - t0) / 1000000 )) "
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median "${times[0]}")
printf 'start-to-exit, median of %d alternating rounds (%s, %d cores)\n' "$rounds" "$(java -version 2>&1 | head -1)" "$(nproc)"
for i in "${!cmds[@]}"; do
  m=$(median "${times[$i]}")
  printf '  %-42s %5d ms  (%+d ms vs java -version)\n' "${names[$i]}" "$m" $(( m - base ))
done
