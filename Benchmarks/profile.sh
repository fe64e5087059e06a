#!/usr/bin/env bash
# Where a request's milliseconds go: serves an existing county database (`uniondesk demo --scale county`) from a
# release binary, signs in as the county's staff, drives each path with wrk (-t2 -c50) while `perf record` samples
# the server, and prints the heaviest symbols (self time) per path, grouped into SQLite, Leaf, Fluent/SQLKit
# decoding, NIO/Vapor, Foundation/Swift runtime and the kernel.
# Usage: Benchmarks/profile.sh BIN COUNTY.sqlite KEYFILE [PATH…]   (PATH defaults to the list page, list API, dashboard)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1 DB=$2 KEY=$3
shift 3
PATHS=("$@")
[ ${#PATHS[@]} -gt 0 ] || PATHS=("/members?q=%E6%9D%8E%E5%BB%BA&status=active" "/members" "/api/v1/members?q=%E6%9D%8E%E5%BB%BA&status=active" "/dashboard")
PORT=${PORT:-8195}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/ud-profile.XXXXXX)
export UNIONDESK_KEY_FILE=$KEY LOG_LEVEL=warning
pw=$("$BIN" user reset-password -u staff --db "$DB" | sed -n 's/.*密码为 \([^（]*\)（.*/\1/p')
"$BIN" serve --port "$PORT" --db "$DB" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
# The start-up warm-up computes the county's figures for minutes: profiled during it, a page shows the warm-up's work.
for _ in $(seq 1 900); do curl -s "$BASE/metrics" | grep -q '^uniondesk_stats_warmed 1' && break; sleep 1; done
cookie=$(python3 Benchmarks/bench_client.py "$BASE" staff "$pw" "Profile-$RANDOM$RANDOM-County!")
token=$("$BIN" user token -u staff --name profile --db "$DB" | sed -n 's/.*：\(ud_.*\)$/\1/p')
for path in "${PATHS[@]}"; do
  header=$cookie
  [[ $path == /api/* ]] && header="Authorization: Bearer $token"
  curl -s -o /dev/null -H "$header" "$BASE$path"
  wrk -t2 -c50 -d5s -H "$header" "$BASE$path" >/dev/null  # warm
  perf record -F 499 -g -p "$SERVER" -o "$WORK/perf.data" -- sleep 8 >/dev/null 2>&1 &
  rec=$!
  wrk -t2 -c50 -d8s --latency -H "$header" "$BASE$path" >"$WORK/wrk"
  wait $rec || true
  echo "== $path: $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk") req/s, p50 $(awk '$1 == "50%" {print $2}' "$WORK/wrk"), p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk")"
  perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --percent-limit 1.5 --stdio 2>/dev/null \
    | grep -E '^ +[0-9]' | sed -E 's/[[:space:]-]+$//; s/  +/  /g' | head -25
  perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio 2>/dev/null | grep -E '^ +[0-9]' \
    | awk '{ p = $1; sub(/%/, "", p); s = $0
        g = "other"
        if (s ~ /sqlite3|btree|Btree|Vdbe|vdbe|Pager|pager|pcache/) g = "SQLite"
        else if (s ~ /\[k\]/) g = "kernel"
        else if (s ~ /Leaf/) g = "Leaf"
        else if (s ~ /Fluent|SQLKit|SQLiteNIO|SQLiteKit|Postgres|Decod|Encod/) g = "Fluent, SQLKit, drivers, coding"
        else if (s ~ /NIO|Vapor|HTTP/) g = "NIO, Vapor"
        else if (s ~ /swift_|Foundation|libswiftCore|\$ss|malloc|free|memcpy|memmove/) g = "Swift runtime, Foundation, allocation"
        t[g] += p }
      END { for (g in t) printf "   %-40s %5.1f%%\n", g, t[g] }' | sort -k2 -t'%' -rn
done
