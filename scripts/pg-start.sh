#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 (trust auth, own port) and prints its DATABASE_URL.
# Usage: eval "$(scripts/pg-start.sh)"; ... ; scripts/pg-stop.sh
set -euo pipefail
PORT=${PGPORT_UNIONDESK:-55432}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=${PGDATA_UNIONDESK:-/tmp/uniondesk-pgdata}
if ! su postgres -c "$PGBIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"; chown postgres:postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -o '-c listen_addresses=127.0.0.1 -p $PORT -k /tmp' -l $PGDATA/log -w start" >&2
  su postgres -c "$PGBIN/createdb -h 127.0.0.1 -p $PORT uniondesk"
fi
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/uniondesk"
