#!/usr/bin/env bash
# make chaos (issue 13): kill -9 during 100,000-row imports and during concurrent payments, RUNS times each
# (default 20), on SQLite and on PostgreSQL, checking the database after every kill (Benchmarks/chaos.py).
# BIN defaults to the release build (built when missing); CHAOS_DBS=sqlite or postgres runs one database only.
# Usage: Benchmarks/chaos.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BIN=${BIN:-.build-release/release/uniondesk}
[ -x "$BIN" ] || swift build -c release --scratch-path .build-release --product uniondesk
BIN=$(realpath "$BIN")
WORK=$(mktemp -d /tmp/ud-chaos.XXXXXX)
trap 'pkill -9 -f "$BIN serve --port 8421" 2>/dev/null || true; scripts/pg-stop.sh; rm -rf "$WORK"' EXIT
export UNIONDESK_KEY_FILE=$WORK/key LOG_LEVEL=warning CHAOS_WORK=$WORK
eval "$(scripts/pg-start.sh)"
PGURL=$DATABASE_URL
unset DATABASE_URL
status=0
DBS=${CHAOS_DBS:-sqlite postgres}
if [[ $DBS == *sqlite* ]]; then
  echo "== SQLite =="
  "$BIN" demo --db "$WORK/chaos.sqlite" >"$WORK/accounts.txt"
  python3 Benchmarks/chaos.py "$BIN" --db "$WORK/chaos.sqlite" -- "$RUNS" || status=1
fi
if [[ $DBS == *postgres* ]]; then
  echo "== PostgreSQL =="
  su postgres -c "psql -q -h 127.0.0.1 -p 55432 -c 'DROP DATABASE IF EXISTS uniondesk' -c 'CREATE DATABASE uniondesk'" >/dev/null
  DATABASE_URL=$PGURL "$BIN" demo >"$WORK/accounts.txt"
  DATABASE_URL=$PGURL python3 Benchmarks/chaos.py "$BIN" -- "$RUNS" || status=1
fi
exit $status
