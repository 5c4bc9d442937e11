#!/usr/bin/env bash
# backup.postgres and backup.restore (through bin/gwrun, JVM start-up included) against bare
# `pg_dump -Fc` and `pg_restore`, on a generated database of about 1 GB, alternating the two in the
# same run. gwrun's restore checks the backup's sha256 first and restores in one transaction, so the
# bare restore is given the same --single-transaction --exit-on-error. The machine is noisy: read the ratios.
# Usage: bench/backup-bench.sh [ROUNDS] [PGBENCH_SCALE] [DATA]   (default 3 rounds, scale 70 ≈ 1.1 GB)
# DATA=pgbench (default) dumps pgbench's tables, which compress ~50:1, so the server and pg_dump's
# compression dominate; DATA=random fills a table of random hex text (~1 GB, compresses ~2:1), so
# hundreds of MB stream through gwrun's hashing and writing.
# Server: $GWRUN_TEST_PG_URL (default postgresql://gwrun:gwrun-test@127.0.0.1:5432/postgres); it needs
# pgbench, pg_dump and pg_restore on PATH. The generated databases are dropped at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
scale="${2:-70}"
data="${3:-pgbench}"
admin="${GWRUN_TEST_PG_URL:-postgresql://gwrun:gwrun-test@127.0.0.1:5432/postgres}"
[ -f "$root/cli/target/gwrun.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
base="${admin%/*}"
src="gwrun_bench_$$"
work="$(mktemp -d)"
dbs=("$src")

cleanup() {
  for d in "${dbs[@]}"; do psql "$admin" -qc "drop database if exists $d with (force)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }

psql "$admin" -qc "create database $src"
t0=$(ms)
if [ "$data" = random ]; then
  rows=$(( scale * 65000 ))
  echo "generating $src with $rows rows of random text …"
  psql "$base/$src" -qc "create table noise as select g as id, md5(random()::text) || md5(random()::text) as a,
    md5(random()::text) || md5(random()::text) as b, md5(random()::text) || md5(random()::text) as c
    from generate_series(1, $rows) g; alter table noise add primary key (id)"
else
  echo "generating $src with pgbench -i -s $scale …"
  pgbench -q -i -s "$scale" "$base/$src" >/dev/null 2>&1
fi
t1=$(ms)
size=$(psql "$base/$src" -tAc "select pg_size_pretty(pg_database_size(current_database()))")
echo "  $size generated in $(( (t1 - t0) / 1000 ))s"

cat > "$work/dump.gwrun" <<'RB'
runbook "bench-dump" {
  param dir: string
  step "dump" { backup.postgres(secret("DATABASE_URL"), dir: dir) }
}
RB
cat > "$work/restore.gwrun" <<'RB'
runbook "bench-restore" {
  param path: string
  step "restore" { backup.restore(path, secret("DATABASE_URL")) }
}
RB

dump_bare=(); dump_gwrun=(); restore_bare=(); restore_gwrun=()
bare_dump() { local t0; t0=$(ms); pg_dump -Fc -f "$work/bare-$1.dump" "$base/$src"; echo $(( $(ms) - t0 )); }
gwrun_dump() {
  local t0; t0=$(ms)
  DATABASE_URL="$base/$src" "$root/bin/gwrun" run "$work/dump.gwrun" -p dir="$work/gwrun-$1" >/dev/null
  echo $(( $(ms) - t0 ))
}
fresh_db() { psql "$admin" -qc "create database $1"; dbs+=("$1"); }
bare_restore() {
  fresh_db "${src}_rb$1"; local t0; t0=$(ms)
  pg_restore --no-password --single-transaction --exit-on-error --dbname="$base/${src}_rb$1" "$work/bare-$1.dump"
  echo $(( $(ms) - t0 ))
}
gwrun_restore() {
  fresh_db "${src}_rg$1"; local f t0; f=$(ls "$work/gwrun-$1"/*.dump); t0=$(ms)
  DATABASE_URL="$base/${src}_rg$1" "$root/bin/gwrun" run "$work/restore.gwrun" -p path="$f" >/dev/null
  echo $(( $(ms) - t0 ))
}
drop_restored() {
  psql "$admin" -qc "drop database ${src}_rb$1 with (force)"; psql "$admin" -qc "drop database ${src}_rg$1 with (force)"
}

for r in $(seq "$rounds"); do
  # Alternate which goes first, so cache warm-up favours neither.
  if (( r % 2 )); then b=$(bare_dump "$r"); g=$(gwrun_dump "$r"); else g=$(gwrun_dump "$r"); b=$(bare_dump "$r"); fi
  dump_bare+=("$b"); dump_gwrun+=("$g")
  if (( r % 2 )); then rb=$(bare_restore "$r"); rg=$(gwrun_restore "$r"); else rg=$(gwrun_restore "$r"); rb=$(bare_restore "$r"); fi
  restore_bare+=("$rb"); restore_gwrun+=("$rg")
  drop_restored "$r"
  bsize=$(stat -c %s "$work/bare-$r.dump"); gsize=$(stat -c %s "$work/gwrun-$r"/*.dump)
  printf 'round %d: dump bare %6d ms, gwrun %6d ms (%.3fx) | restore bare %6d ms, gwrun %6d ms (%.3fx) | dump sizes %d / %d bytes\n' \
    "$r" "$b" "$g" "$(echo "$g / $b" | bc -l)" "$rb" "$rg" "$(echo "$rg / $rb" | bc -l)" "$bsize" "$gsize"
  rm -rf "$work/bare-$r.dump" "$work/gwrun-$r"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mdb=$(median "${dump_bare[@]}"); mdg=$(median "${dump_gwrun[@]}")
mrb=$(median "${restore_bare[@]}"); mrg=$(median "${restore_gwrun[@]}")
echo "median of $rounds rounds on $size ($data data, scale $scale):"
printf '  backup:  pg_dump -Fc %6d ms   backup.postgres %6d ms   ratio %.3fx  (target ≤ 1.1x)\n' "$mdb" "$mdg" "$(echo "$mdg / $mdb" | bc -l)"
printf '  restore: pg_restore  %6d ms   backup.restore  %6d ms   ratio %.3fx  (target ≤ 1.1x)\n' "$mrb" "$mrg" "$(echo "$mrg / $mrb" | bc -l)"
