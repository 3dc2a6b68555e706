#!/usr/bin/env bash
# A PostgreSQL server for benchmarks that outlives one command (scripts/with-postgres.sh starts a
# throw-away one with fsync off, for tests). Durable settings, memory sized for the bench machine.
#   bench/postgres.sh start   → prints the DATABASE_URL to use
#   bench/postgres.sh fresh   → starts it if needed, drops and recreates the database, prints the URL
#   bench/postgres.sh stop
#   bench/postgres.sh url
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGROOT=${HEADWAY_BENCH_PGROOT:-$PWD/var/bench-pg}
PORT=${HEADWAY_BENCH_PG_PORT:-55610}
URL="postgres://postgres@127.0.0.1:$PORT/headway_bench"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ ! -d "$PGROOT/data" ]; then
      mkdir -p "$PGROOT" && chmod 755 "$PGROOT" "$(dirname "$PGROOT")"
      if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGROOT"; fi
      as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
        -o "-k $PGROOT -p $PORT -c listen_addresses=127.0.0.1 -c shared_buffers=2GB \
            -c effective_cache_size=12GB -c work_mem=16MB -c maintenance_work_mem=512MB \
            -c max_wal_size=4GB -c random_page_cost=1.1 -c max_connections=200" \
        start >/dev/null
      as_pg "$PGBIN/psql" -h "$PGROOT" -p "$PORT" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'headway_bench'" | grep -q 1 ||
        as_pg "$PGBIN/createdb" -h "$PGROOT" -p "$PORT" -U postgres headway_bench
    fi
    echo "$URL"
    ;;
  fresh)
    "$0" start >/dev/null
    as_pg "$PGBIN/dropdb" -h "$PGROOT" -p "$PORT" -U postgres --if-exists headway_bench
    as_pg "$PGBIN/createdb" -h "$PGROOT" -p "$PORT" -U postgres headway_bench
    echo "$URL"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|fresh|stop|url" >&2
    exit 2
    ;;
esac
