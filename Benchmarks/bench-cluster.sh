#!/usr/bin/env bash
# Two `uniondesk serve` processes on different ports against one PostgreSQL (the production shape, without the
# proxy): a cadre signs in on one and continues on the other, and the same relief applications are approved, then
# paid, on both at once — each must end with exactly one approval and one payment. Exits non-zero otherwise.
# BIN defaults to the release build (built when missing); CI passes its debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build-release/release/uniondesk}
[ -x "$BIN" ] || swift build -c release --scratch-path .build-release --product uniondesk
WORK=$(mktemp -d /tmp/ud-cluster.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; scripts/pg-stop.sh; rm -rf "$WORK"' EXIT
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
echo "bench-cluster: passed"
