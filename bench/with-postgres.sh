#!/usr/bin/env bash
# Runs CMD... with a throwaway PostgreSQL cluster: installs PostgreSQL with apt when it is
# missing, creates a cluster (UTF-8, C.UTF-8 ctype — pg_trgm needs it for Japanese) in a fresh
# directory under /tmp, starts it on a Unix socket there (no TCP port, so several can run on one
# machine), exports LEAKWATCH_TEST_POSTGRES (a URL for the `postgres` database), runs the
# command, then stops the cluster and removes its directory.
#
#   bench/with-postgres.sh cargo test -p leakwatch-store --test conformance
#
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN="$(find_bin)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "with-postgres: installing PostgreSQL (apt-get)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2
    PGBIN="$(find_bin)"
fi

DIR="$(mktemp -d /tmp/lw-pg.XXXXXX)"
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi

cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$DIR/data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-k $DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_connections=200" \
    start >/dev/null

export LEAKWATCH_TEST_POSTGRES="postgresql://postgres@/postgres?host=$DIR"
echo "with-postgres: cluster at $DIR (LEAKWATCH_TEST_POSTGRES=$LEAKWATCH_TEST_POSTGRES)" >&2
"$@"
