#!/bin/sh
# Builds the migration image deploy-swarm.gwrun runs as a one-off swarm task: busybox, PostgreSQL's psql with
# the shared libraries ldd finds for it, migrate.sh and the migrations, in a rootfs made here and turned into
# an image with `docker import` (no registry, no base image: the packages come from this Debian host, which
# .ci/provision gives busybox-static and postgresql-client).
#
#   stack/migrator/build.sh IMAGE:TAG MIGRATIONS_DIR
set -eu
tag=$1
migrations=$2
here=$(cd "$(dirname "$0")" && pwd)
psql=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
[ -n "$psql" ] || { echo "no psql under /usr/lib/postgresql (apt-get install postgresql-client)" >&2; exit 1; }
[ -x /bin/busybox ] || { echo "no /bin/busybox (apt-get install busybox-static)" >&2; exit 1; }
ls "$migrations"/V*__*.sql >/dev/null 2>&1 || { echo "no V<version>__<description>.sql migrations in $migrations" >&2; exit 1; }
root=$(mktemp -d "${TMPDIR:-/tmp}/gwrun-migrator.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/usr/bin" "$root/etc" "$root/tmp" "$root/migrations"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
cp "$psql" "$root/usr/bin/psql"
# Every shared library psql loads, and the loader, at the paths ldd names (the dynamic loader finds them there).
for lib in $(ldd "$psql" | awk '/=> \// {print $3} /^\t\// {print $1}'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
printf 'root:x:0:0:root:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"
cp "$here/migrate.sh" "$root/migrate.sh"
chmod 755 "$root/migrate.sh"
cp "$migrations"/V*__*.sql "$root/migrations/"

tar -C "$root" -c . | docker import \
  -c 'CMD ["/migrate.sh"]' -c 'ENV PATH=/usr/bin:/bin HOME=/tmp' \
  -c 'LABEL dev.gwrun.stack.role=migrator' - "$tag" >/dev/null
echo "built $tag ($(basename "$psql") $(basename "$(dirname "$(dirname "$psql")")"), $(ls "$root/migrations" | wc -l) migrations)"
