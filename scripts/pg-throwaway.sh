# Source this file, then call pg_start: it starts a throw-away PostgreSQL cluster on a free
# loopback port, exports DATABASE_URL, and stops and removes the cluster when the shell exits.
# Needs root (initdb refuses root, so it runs as the postgres user) and the Debian packages.
pg_start() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PGDATA=$(mktemp -d /tmp/throwaway-pg.XXXXXX); chown postgres: "$PGDATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  trap 'pg_stop' EXIT
  psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
    -c "CREATE ROLE app LOGIN PASSWORD 'app'" -c "CREATE DATABASE app OWNER app"
  export DATABASE_URL="postgresql://app:app@127.0.0.1:$PGPORT/app"
}

pg_stop() {
  [ -n "${PGDATA:-}" ] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
  PGDATA=
}
