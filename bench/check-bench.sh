#!/usr/bin/env bash
# Prints gwrun check's start-to-exit time on every runbook in runbooks/, beside `gwrun version`
# (the JVM's own start-up) measured in the same run, and parse+check throughput on a generated
# 10,000-line runbook. These machines are noisy: compare the ratios, not the absolute figures.
# Usage: bench/check-bench.sh [RUNS]   (from anywhere; builds the jar first if it is missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
jar="$root/cli/target/gwrun.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
out="$root/bench/out"
mkdir -p "$out"

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

base=$(median_ms "$root/bin/gwrun" version)
printf 'start-to-exit, median of %d runs\n' "$runs"
printf '  %-40s %6d ms  (baseline: JVM start-up)\n' "gwrun version" "$base"
for f in "$root"/runbooks/*.gwrun; do
  t=$(median_ms "$root/bin/gwrun" check "$f")
  awk -v n="gwrun check runbooks/$(basename "$f")" -v t="$t" -v b="$base" 'BEGIN { printf "  %-40s %6d ms  (%.2fx version)\n", n, t, t / b }'
done

java -cp "$jar" "$root/bench/ParseBench.java" gen 10000 "$out/generated-10k.gwrun"
t=$(median_ms "$root/bin/gwrun" check "$out/generated-10k.gwrun")
lines=$(wc -l < "$out/generated-10k.gwrun")
awk -v n="gwrun check generated ($lines lines)" -v t="$t" -v b="$base" -v l="$lines" \
  'BEGIN { printf "  %-40s %6d ms  (%.2fx version; %.0f lines/s end to end)\n", n, t, t / b, l / (t / 1000) }'
java -cp "$jar" "$root/bench/ParseBench.java" run "$out/generated-10k.gwrun" 20
