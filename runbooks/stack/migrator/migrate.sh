#!/bin/sh
# Applies the pending migrations in /migrations to $DATABASE_URL with psql, as Flyway would and in Flyway's own
# schema history (flyway_schema_history, the same checksums: CRC32 of the file's lines without their line
# endings), so that flyway.info and flyway.validate on the runbook host read what it did. Each migration and its
# history row are one transaction: a failing one leaves nothing behind, prints psql's error and exits non-zero.
# The URL is never printed.
set -eu
# The URL comes as a file (swarm.run's secrets:, never in the task's spec) or, for a plain container, the environment.
if [ -r /run/secrets/DATABASE_URL ]; then url=$(cat /run/secrets/DATABASE_URL); else url=${DATABASE_URL:-}; fi
[ -n "$url" ] || { echo "DATABASE_URL is the database to migrate: give it as /run/secrets/DATABASE_URL or in the environment" >&2; exit 2; }
url=${url#jdbc:}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
q() { psql "$url" -X -q -v ON_ERROR_STOP=1 "$@"; }
now_ms() { awk '{printf "%d", $1 * 1000}' /proc/uptime; }

q -c 'set client_min_messages = warning' -c 'create table if not exists flyway_schema_history (
  installed_rank int not null primary key, version varchar(50), description varchar(200) not null,
  type varchar(20) not null, script varchar(1000) not null, checksum int, installed_by varchar(100) not null,
  installed_on timestamp not null default now(), execution_time int not null, success boolean not null)'
current=$(q -At -c "select coalesce(max(string_to_array(version, '.')::int[]), '{0}') from flyway_schema_history where success and version is not null" | tr -d '{}' | tr ',' '.')
echo "schema at version $current"

applied=0
for f in $(ls /migrations | grep -E '^V[0-9][0-9._]*__.+\.sql$' | sed -E 's/^V([0-9._]+)__(.*)$/\1 &/' | sort -t. -k1,1n -k2,2n -k3,3n | cut -d' ' -f2); do
  version=$(echo "$f" | sed -E 's/^V([0-9._]+)__.*/\1/' | tr _ .)
  newer=$(awk -v a="$version" -v b="$current" 'BEGIN {
    n = split(a, x, "."); m = split(b, y, "."); k = n > m ? n : m
    for (i = 1; i <= k; i++) { if (x[i] + 0 > y[i] + 0) { print 1; exit } if (x[i] + 0 < y[i] + 0) { print 0; exit } }
    print 0 }')
  [ "$newer" = 1 ] || continue
  description=$(echo "$f" | sed -E 's/^V[0-9._]+__(.*)\.sql$/\1/' | tr _ ' ')
  crc=$(tr -d '\r\n' < "/migrations/$f" | crc32)
  checksum=$(( 0x$crc ))
  [ "$checksum" -lt 2147483648 ] || checksum=$(( checksum - 4294967296 ))
  echo "migrating to version $version ($description)"
  start=$(now_ms)
  if ! q -1 -f "/migrations/$f" \
      -c "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
          select coalesce(max(installed_rank), 0) + 1, '$version', '$(echo "$description" | sed "s/'/''/g")', 'SQL', '$f', $checksum, current_user, 0, true
          from flyway_schema_history"; then
    echo "migration $f failed; the schema stays at version $current" >&2
    exit 1
  fi
  ms=$(( $(now_ms) - start ))
  q -c "update flyway_schema_history set execution_time = $ms where version = '$version' and success"
  current=$version
  applied=$((applied + 1))
done
echo "applied $applied migration(s); schema at version $current"
