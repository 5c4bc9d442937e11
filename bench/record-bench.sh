#!/usr/bin/env bash
# What recording a run costs: a runbook of N trivial steps (default 300) run with its record in a
# directory on tmpfs (/dev/shm: fsync is free) beside the same run recorded on the disk the checkout
# is on (one fsync per step), and `gwrun version` (the JVM's own start-up), all in one run.
# These machines are noisy: compare the ratios, not the absolute figures.
# Usage: bench/record-bench.sh [STEPS] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-300}"
runs="${2:-5}"
jar="$root/cli/target/gwrun.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
out="$root/bench/out"
mkdir -p "$out"
work="$(mktemp -d "$out/record.XXXXXX")"
shm="$(mktemp -d /dev/shm/gwrun-record-bench.XXXXXX)"
trap 'rm -rf "$work" "$shm"' EXIT
cat > "$work/many.gwrun" <<RB
runbook "many" {
  let total = 0
  for i in range($steps) {
    step "add" { total = total + i }
  }
  log "total \${total}"
}
RB

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

base=$(median_ms "$root/bin/gwrun" version)
tmpfs=$(median_ms "$root/bin/gwrun" run "$work/many.gwrun" --state "$shm/state")
disk=$(median_ms "$root/bin/gwrun" run "$work/many.gwrun" --state "$work/state")
printf 'start-to-exit of a %d-step run, median of %d runs\n' "$steps" "$runs"
printf '  %-34s %6d ms\n' "gwrun version (JVM start-up)" "$base"
printf '  %-34s %6d ms\n' "record on tmpfs (no fsync cost)" "$tmpfs"
printf '  %-34s %6d ms  (%+.1f ms per step for fsync)\n' "record on disk" "$disk" "$(awk -v d="$disk" -v t="$tmpfs" -v n="$steps" 'BEGIN {print (d - t) / n}')"
printf '  record size: %s bytes for %d steps\n' "$(wc -c < "$(ls "$work"/state/runs/*/events.jsonl | head -1)")" "$steps"
