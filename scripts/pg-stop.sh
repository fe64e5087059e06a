#!/usr/bin/env bash
# Stops the PostgreSQL started by pg-start.sh.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=${PGDATA_UNIONDESK:-/tmp/uniondesk-pgdata}
su postgres -c "$PGBIN/pg_ctl -D $PGDATA -m fast stop" >/dev/null 2>&1 || true
