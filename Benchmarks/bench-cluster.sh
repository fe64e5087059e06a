#!/usr/bin/env bash
# Two `uniondesk serve` processes on different ports against one PostgreSQL (the production shape, without the
# proxy): a cadre signs in on one and continues on the other, and the same relief applications are approved, then
# paid, on both at once — each must end with exactly one approval and one payment. Then a streaming replica
# (pg_basebackup) and a third process with DATABASE_REPLICA_URL: report reads go to the replica, a user's own reads
# after a change and every read while the replica lags go to the primary (replica_check.py). Exits non-zero otherwise.
# BIN defaults to the release build (built when missing); CI passes its debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build-release/release/uniondesk}
[ -x "$BIN" ] || swift build -c release --scratch-path .build-release --product uniondesk
WORK=$(mktemp -d /tmp/ud-cluster.XXXXXX)
PIDS=()
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
REPLICA=/tmp/uniondesk-pgreplica
stop_replica() { su postgres -c "$PGBIN/pg_ctl -D $REPLICA -m fast stop" >/dev/null 2>&1 || true; rm -rf "$REPLICA"; }
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; stop_replica; scripts/pg-stop.sh; rm -rf "$WORK"' EXIT
eval "$(scripts/pg-start.sh)"
su postgres -c "psql -q -h 127.0.0.1 -p 55432 -c 'DROP DATABASE IF EXISTS uniondesk' -c 'CREATE DATABASE uniondesk'" >/dev/null
# Every process of one deployment shares the database and the encryption key.
export UNIONDESK_KEY_FILE=$WORK/key LOG_LEVEL=warning
"$BIN" demo >/dev/null
password=$("$BIN" user reset-password -u staff | sed -n 's/.*密码为 \([^（]*\)（.*/\1/p')
for port in 8201 8202; do
  "$BIN" serve --port "$port" >"$WORK/serve-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in 8201 8202; do
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "serve on $port did not start:"; cat "$WORK/serve-$port.log"; exit 1; }
done
python3 Benchmarks/cluster_check.py http://127.0.0.1:8201 http://127.0.0.1:8202 staff "$password" 'Cluster-Check-2026!' "$BIN"

# A streaming replica of the primary on 55433, and a process that reads its reports there.
stop_replica
su postgres -c "$PGBIN/pg_basebackup -h 127.0.0.1 -p 55432 -U postgres -D $REPLICA -R -X stream -c fast" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $REPLICA -o '-c listen_addresses=127.0.0.1 -p 55433 -k /tmp' -l $REPLICA/log -w start" >/dev/null
UNIONDESK_REPLICA_MAX_LAG_SECONDS=2 DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:55433/uniondesk \
  "$BIN" serve --port 8203 >"$WORK/serve-8203.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:8203/healthz" >/dev/null && break; sleep 0.2; done
python3 Benchmarks/replica_check.py http://127.0.0.1:8203 staff 'Cluster-Check-2026!' "$BIN" 55433 2 \
  || { tail -20 "$WORK/serve-8203.log"; exit 1; }
echo "bench-cluster: passed"
