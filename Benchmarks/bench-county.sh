#!/usr/bin/env bash
# County benchmark: loads `uniondesk demo --scale county` (20 towns, 2,000 unions, 50,000 employers, ~1,000,000
# members) on SQLite and on PostgreSQL, serves it from the release build, and measures with wrk (2 threads,
# 50 connections, DURATION seconds, 127.0.0.1) the member list page and API, the dashboards, beside a trivial route of
# the same server in the same run (the ceiling); then the county's annual work summary and an indicator drill-down
# (median of 5 requests), and the server's peak resident memory. Writes the county section of docs/performance.md.
# Each database's county is kept for the next run (COUNTY_CACHE, .build/county: the SQLite file, a PostgreSQL dump and
# their key), under a name made of the migrations and the demo generators: loading one takes a quarter of an hour,
# copying the file seconds and restoring the dump about a minute. Delete the directory to load them again.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
# BIN=path/to/a/release/uniondesk measures that binary instead of building one here.
if [ -z "${BIN:-}" ]; then
  BIN=.build-release/release/uniondesk
  swift build -c release --scratch-path .build-release --product uniondesk 2>&1 | tail -1
fi
command -v wrk >/dev/null || apt-get install -y -qq --no-install-recommends wrk >/dev/null
for pkg in sqlite3 curl; do command -v "$pkg" >/dev/null || apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null; done
[ -x /usr/bin/time ] || apt-get install -y -qq --no-install-recommends time >/dev/null
WORK=$(mktemp -d /tmp/ud-county.XXXXXX)
SERVER=""
stop_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=""; }
trap 'stop_server || true; scripts/pg-stop.sh; rm -rf "$WORK"' EXIT
eval "$(scripts/pg-start.sh)"
PGURL=$DATABASE_URL
unset DATABASE_URL
export UNIONDESK_KEY_FILE=$WORK/key LOG_LEVEL=warning
PORT=${PORT:-8191}
FIXTURE=${COUNTY_CACHE:-.build/county}/$(cat Sources/App/Migrations/Migrations.swift $(git ls-files 'Sources/*Demo.swift' 'Sources/App/Core/Demo/*') | sha1sum | cut -c1-12)
mkdir -p "$FIXTURE"
BASE=http://127.0.0.1:$PORT
# A new password each run: the password history refuses one used before (a county kept or measured in place).
NEWPW="Bench-County-$(date +%s)!"
YEAR=$(date +%Y)
LAST=$((YEAR - 1))
STARTED=$(date +%s)
# Progress with the time of day: where a run's minutes go.
stamp() { echo "[$(date -u +%T)] $*"; }

ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
sql() { if [ "$DB" = SQLite ]; then sqlite3 "$WORK/county.sqlite" "$1"; else su postgres -c "psql -qtA '$DBURL' -c \"$1\""; fi; }
ud() { "${UDENV[@]}" "$BIN" "$@" "${UDDB[@]}"; }

# Checks that a URL answers 200 with the text expected, then runs wrk on it: "req/s p50 p99".
bench() {  # path header expected-text
  local code
  code=$(curl -s -o "$WORK/body" -w "%{http_code}" -H "$2" "$BASE$1")
  [ "$code" = 200 ] && grep -q "$3" "$WORK/body" || { echo "$1 answered $code without \"$3\":" >&2; head -c 400 "$WORK/body" >&2; exit 1; }
  # A 10 s timeout, so that a slow answer counts in the latencies instead of being dropped as a socket error.
  wrk -t2 -c50 -d"${DURATION}s" --timeout 10s --latency -H "$2" "$BASE$1" >"$WORK/wrk"
  if grep -q "Non-2xx\|Socket errors" "$WORK/wrk"; then echo "errors under load on $1:" >&2; cat "$WORK/wrk" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ { printf "%d", $2 }' "$WORK/wrk") $(awk '$1 == "50%" { print $2 }' "$WORK/wrk" | ms) $(awk '$1 == "99%" { print $2 }' "$WORK/wrk" | ms)"
}

# Median seconds of 5 requests (the first one included).
timed() {  # path header expected-text
  local code
  code=$(curl -s -o "$WORK/body" -w "%{http_code}" -H "$2" "$BASE$1")
  [ "$code" = 200 ] && grep -q "$3" "$WORK/body" || { echo "$1 answered $code without \"$3\":" >&2; head -c 400 "$WORK/body" >&2; exit 1; }
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total}\n" -H "$2" "$BASE$1"; done | median
}

rows=""
load_rows=""
# DATABASES="SQLite" measures one database; SQLITE_COUNTY=file SQLITE_COUNTY_KEY=keyfile measures a copy of a county
# loaded before (by `uniondesk demo --scale county`) instead of loading one (a quarter of an hour); PG_COUNTY=url
# PG_COUNTY_KEY=keyfile measures a county loaded before in that PostgreSQL database, in place.
for DB in ${DATABASES:-SQLite PostgreSQL}; do
  stamp "== $DB =="
  rm -f "$WORK/county.sqlite"*
  UDENV=(env) UDDB=(--db "$WORK/county.sqlite")
  DBURL=${PG_COUNTY:-$PGURL}
  [ "$DB" = PostgreSQL ] && UDENV=(env DATABASE_URL="$DBURL") UDDB=()
  if [ "$DB" = PostgreSQL ] && [ -n "${PG_COUNTY:-}" ]; then
    cp "$PG_COUNTY_KEY" "$WORK/key"
    echo "(loaded-before) 0" >"$WORK/time"
  elif [ "$DB" = SQLite ] && [ -n "${SQLITE_COUNTY:-}" ]; then
    cp "$SQLITE_COUNTY" "$WORK/county.sqlite"
    cp "$SQLITE_COUNTY_KEY" "$WORK/key"
    echo "(loaded-before) 0" >"$WORK/time"
  elif [ "$DB" = SQLite ] && [ -f "$FIXTURE/county.sqlite" ]; then
    cp "$FIXTURE/county.sqlite" "$WORK/county.sqlite"
    cp "$FIXTURE/sqlite.key" "$WORK/key"
    echo "(kept) 0" >"$WORK/time"
  elif [ "$DB" = PostgreSQL ] && [ -f "$FIXTURE/county.pgdump" ]; then
    su postgres -c "psql -q -h 127.0.0.1 -p 55432 -c 'DROP DATABASE IF EXISTS uniondesk' -c 'CREATE DATABASE uniondesk'" >/dev/null
    started=$(date +%s)
    su postgres -c "pg_restore --no-owner -d '$DBURL'" <"$FIXTURE/county.pgdump"
    su postgres -c "psql -q '$DBURL' -c 'VACUUM ANALYZE'"
    cp "$FIXTURE/pg.key" "$WORK/key"
    echo "(restored-in-$(($(date +%s) - started))) 0" >"$WORK/time"
  else
    if [ "$DB" = PostgreSQL ]; then
      su postgres -c "psql -q -h 127.0.0.1 -p 55432 -c 'DROP DATABASE IF EXISTS uniondesk' -c 'CREATE DATABASE uniondesk'" >/dev/null
    fi
    /usr/bin/time -f "%e %M" -o "$WORK/time" "${UDENV[@]}" "$BIN" demo --scale county "${UDDB[@]}" >"$WORK/demo.log" 2>&1 \
      || { tail -20 "$WORK/demo.log"; exit 1; }
    # Kept for the next run before anything here changes it.
    if [ "$DB" = SQLite ]; then
      cp "$WORK/county.sqlite" "$FIXTURE/county.sqlite.part" && mv "$FIXTURE/county.sqlite.part" "$FIXTURE/county.sqlite"
      cp "$WORK/key" "$FIXTURE/sqlite.key"
    else
      su postgres -c "pg_dump -Fc -Z1 '$DBURL'" >"$FIXTURE/county.pgdump.part" && mv "$FIXTURE/county.pgdump.part" "$FIXTURE/county.pgdump"
      cp "$WORK/key" "$FIXTURE/pg.key"
    fi
  fi
  read -r load_s load_kb <"$WORK/time"
  counts=$(sql "SELECT (SELECT COUNT(*) FROM organizations WHERE level = 'union') || ' ' || (SELECT COUNT(*) FROM employers) || ' ' || (SELECT COUNT(*) FROM members) || ' ' || (SELECT COUNT(*) FROM petitions) || ' ' || (SELECT COUNT(*) FROM relief_applications) || ' ' || (SELECT COUNT(*) FROM audit_entries)")
  read -r n_unions n_employers n_members n_petitions n_relief n_audit <<<"$counts"
  stamp "loaded in ${load_s} s: $counts"
  load_rows+="| $DB | ${load_s} s | $((load_kb / 1024)) MB | $n_unions | $n_employers | $n_members | $n_petitions | $n_relief | $n_audit |"$'\n'
  town=$(sql "SELECT id FROM organizations WHERE name = '城关镇总工会'")
  pw_county=$(ud user reset-password -u staff | sed -n 's/.*密码为 \([^（]*\)（.*/\1/p')
  pw_town=$(ud user reset-password -u t01.staff | sed -n 's/.*密码为 \([^（]*\)（.*/\1/p')

  "${UDENV[@]}" "$BIN" serve --port "$PORT" "${UDDB[@]}" >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  # Measured once the start-up warm-up has filled the top of the tree's figures (as a server in use has them).
  warm_start=$(date +%s)
  for _ in $(seq 1 900); do curl -s "$BASE/metrics" | grep -q '^uniondesk_stats_warmed 1' && break; sleep 1; done
  warm_s=$(($(date +%s) - warm_start))
  stamp "statistics warmed in ${warm_s} s"
  county=$(python3 Benchmarks/bench_client.py "$BASE" staff "$pw_county" "$NEWPW")
  township=$(python3 Benchmarks/bench_client.py "$BASE" t01.staff "$pw_town" "$NEWPW")
  # Issued after the password change, which revokes a user's tokens.
  token=$(ud user token -u staff --name bench | sed -n 's/.*：\(ud_.*\)$/\1/p')
  api="Authorization: Bearer $token"

  row() {  # what, "req/s p50 p99", ceiling req/s, goal
    read -r r p50 p99 <<<"$2"
    echo "| $DB | $1 | $r | $(pct "$r" "$3") | $p50 ms | $p99 ms | $4 |"
  }
  # `bench` runs in this shell (not in $(…)), so a failed check stops the whole script.
  measure() {  # what, path, header, expected text, goal
    bench "$2" "$3" "$4" >"$WORK/result"
    out+="$(row "$1" "$(cat "$WORK/result")" "$ceiling" "$5")"$'\n'
    tail -1 <<<"${out%$'\n'}"  # each row as it is measured
  }
  bench /healthz "X-Bench: 1" ok >"$WORK/result"
  read -r ceiling c50 c99 <"$WORK/result"
  stamp "ceiling $ceiling req/s"
  out="| $DB | trivial route \`/healthz\` (the ceiling) | $ceiling | 100% | $c50 ms | $c99 ms | |"$'\n'
  out+="| $DB | start-up warm-up of the county's and towns' figures (measured after it) | | | ${warm_s} s | | |"$'\n'
  share=$([ "$DB" = SQLite ] && echo "≥ 25%" || echo "≥ 10%")
  search="/members?q=%E6%9D%8E%E5%BB%BA&status=active"
  measure "member list page, county, searched and filtered (\`/members?q=李建&status=active\`)" "$search" "$county" "李建" "$share, p99 < 50 ms"
  measure "member list page, one town, searched and filtered" "$search" "$township" "李建" "$share, p99 < 50 ms"
  measure "member list page, county, first page unfiltered" "/members" "$county" "会员" "p99 < 50 ms"
  measure "member list page, one town, first page unfiltered" "/members" "$township" "会员" "p99 < 50 ms"
  measure "member list page, county, page 200 (the last the pager offers)" "/members?page=200" "$county" "会员" "p99 < 50 ms"
  apishare=$([ "$DB" = SQLite ] && echo "≥ 35%, p99 < 30 ms" || echo "≥ 15%, p99 < 40 ms")
  measure "member list API, county, searched and filtered" "/api/v1/members?q=%E6%9D%8E%E5%BB%BA&status=active" "$api" "李建" "$apishare"
  measure "member list API, county, first page unfiltered" "/api/v1/members" "$api" "union" "$apishare"
  measure "dashboard, county" "/dashboard" "$county" "统计总览" "p99 < 100 ms"
  measure "dashboard, one town" "/dashboard" "$township" "统计总览" "p99 < 100 ms"
  # Each module's main list, as the county's staff first opens it.
  modshare=$([ "$DB" = SQLite ] && echo "≥ 20%, p99 < 60 ms" || echo "≥ 10%")
  for page in "/employers 单位" "/contracts 集体合同" "/negotiations 集体协商" "/democracy 民主管理" "/women 女职工组织" \
    "/petitions 信访" "/mediations 劳动争议调解" "/relief/applications 帮扶申请" "/relief/files 困难职工档案" "/funds 工会经费" \
    "/funds/receipts 经费到账" "/funds/books 经费收支" "/activities 活动培训" "/ideas 金点子" "/service-centres 职工服务阵地"; do
    read -r path text <<<"$page"
    measure "main list, county: \`$path\`" "$path" "$county" "$text" "$modshare"
  done
  stamp "the summary and a drill-down"
  timed "/reports/summary?year=$LAST" "$county" "共收到信访事件" >"$WORK/result"
  summary=$(cat "$WORK/result")
  # Each module's section of those six summaries, as the server timed it (/metrics): the mean, slowest first.
  sections=$(curl -s "$BASE/metrics" | awk -v db="$DB" -v year="$LAST" '
    /^uniondesk_summary_section_seconds_(sum|count)\{/ {
      match($0, /section="[^"]*"/); s = substr($0, RSTART + 9, RLENGTH - 10)
      if ($0 ~ /_sum\{/) sum[s] = $NF; else n[s] = $NF
    }
    END { for (s in sum) if (n[s] > 0 && sum[s] / n[s] >= 0.005) printf "%.2f| %s | county summary %s, the section 「%s」, mean of %d (the server'"'"'s own timing) | | | %.2f s | | |\n", sum[s] / n[s], db, year, s, n[s], sum[s] / n[s] }' \
    | sort -t'|' -k1,1 -rn | cut -d'|' -f2- | sed 's/^/|/')
  timed "/indicators/members.new?year=$LAST" "$county" "会员" >"$WORK/result"
  drill=$(cat "$WORK/result")
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status")
  peak=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status")
  stop_server
  out+="| $DB | county annual work summary, $LAST, every module's section (\`/reports/summary?year=$LAST\`), median of 5 | | | ${summary} s | | < 0.5 s |"$'\n'
  [ -n "$sections" ] && out+="$sections"$'\n'
  out+="| $DB | indicator drill-down, county, new members $LAST (\`/indicators/members.new?year=$LAST\`), median of 5 | | | ${drill} s | | |"$'\n'
  out+="| $DB | server resident memory after all of the above (peak ${peak} MB) | | | ${rss} MB | | < 200 MB |"$'\n'
  echo "$out"
  rows+="$out"
done
took=$(( ($(date +%s) - STARTED + 30) / 60 ))
stamp "county bench done in $took min"

python3 Benchmarks/write-section.py county <<MD
## County scale (members, dashboard, work summary)

Figures from \`make bench\` (\`Benchmarks/bench-county.sh\`), measured $(date -u +"%Y-%m-%d %H:%M UTC") on
$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'),
release build, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') on 127.0.0.1 (\`-t2 -c50 -d${DURATION}s --latency\`); server, wrk and PostgreSQL share the
same cores; this run took $took minutes. Data: \`uniondesk demo --scale county\` on each database. Signed in as the county federation's staff
(\`staff\`, the whole county in scope) or one town's (\`t01.staff\`, 城关镇); the API with a bearer token.

| database | load time | load peak RSS | unions | employers | members | petitions | relief applications | audit entries |
|---|---|---|---|---|---|---|---|---|
${load_rows}
| database | what | req/s | share of the ceiling | p50 | p99 | goal |
|---|---|---|---|---|---|---|
${rows}
MD
