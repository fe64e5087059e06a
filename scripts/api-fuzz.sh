#!/usr/bin/env bash
# API fuzzing (issue 13, SECURITY.md G2): schemathesis against /api/v1/openapi.json of a demo server, with a bearer
# token of federation staff. Fails on any 5xx and on any response the document does not describe (status code,
# content type, error body). Bounded: MAX_EXAMPLES per operation (default 25) and the whole run under a few minutes.
# BIN defaults to the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/uniondesk}
EXAMPLES=${MAX_EXAMPLES:-25}
PORT=${PORT:-8311}
WORK=$(mktemp -d /tmp/ud-apifuzz.XXXXXX)
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
export UNIONDESK_KEY_FILE=$WORK/key LOG_LEVEL=warning
unset DATABASE_URL
accounts=$("$BIN" demo --db "$WORK/f.sqlite")
password=$(echo "$accounts" | sed -n 's/.*用户名 staff  密码 \(\S*\).*/\1/p')
"$BIN" serve --db "$WORK/f.sqlite" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 150); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
python3 Benchmarks/bench_client.py "$BASE" staff "$password" 'Fuzz#Gonghui2026' >/dev/null
token=$("$BIN" user token --username staff --name fuzz --db "$WORK/f.sqlite" | sed -n 's/.*：\(ud_.*\)$/\1/p')
status=0
schemathesis run "$BASE/api/v1/openapi.json" --url "$BASE" --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance --phases examples,fuzzing \
  --max-examples "$EXAMPLES" --workers 2 --seed 13 --suppress-health-check all --no-color --max-time "${MAX_TIME:-300}" "$@" >"$WORK/report.txt" 2>&1 || status=$?
[ -n "${REPORT:-}" ] && cp "$WORK/report.txt" "$REPORT"
tail -60 "$WORK/report.txt"
kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped during the run"; tail -30 "$WORK/serve.log"; exit 1; }
grep -E "error|fatal" -i "$WORK/serve.log" | grep -v "level=warning" | head -5 || true
# Stopping. A second server on the same port stops with a plain message, and the first stops in order on SIGTERM:
# neither traps while its background loops finish (they reach for the databases the shutdown closes after them).
second=$("$BIN" serve --db "$WORK/f.sqlite" --port "$PORT" 2>&1) && { echo "a second server started on a port in use"; exit 1; }
grep -q '端口已被占用' <<<"$second" || { echo "a second server on a port in use did not say so:"; tail -5 <<<"$second"; exit 1; }
kill -TERM "$SERVER"
stopped=0
wait "$SERVER" || stopped=$?
SERVER=""
if [ "$stopped" -ne 0 ] || printf '%s\n' "$second" | cat - "$WORK/serve.log" | grep -q 'runtime failure'; then
  echo "the server did not stop in order on SIGTERM (exit $stopped)"; tail -30 "$WORK/serve.log"; exit 1
fi
echo "stopping: a second server on the port refused in plain words; SIGTERM stopped the server in order"
exit $status
