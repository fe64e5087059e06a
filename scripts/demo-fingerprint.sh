#!/usr/bin/env bash
# The demo's fingerprint under a fixed clock: its work summaries (four periods, Markdown) and a digest of its database
# with what is random by design masked (ciphertexts and their nonces, password hashes, timestamps, sessions, JSON key
# order). Run it with the binary before and after a refactor; the two directories must compare equal (`diff -r`).
# Usage: scripts/demo-fingerprint.sh BIN OUTDIR   (needs faketime and sqlite3)
set -euo pipefail
BIN=$(realpath "$1"); OUT=$2; ROOT=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"; WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
export UNIONDESK_KEY_FILE=$WORK/key UNIONDESK_RESOURCES=$ROOT LOG_LEVEL=warning FAKETIME_DONT_FAKE_MONOTONIC=1
unset DATABASE_URL
at() { faketime "2026-12-01 12:00:00" "$BIN" "$@" --db "$WORK/d.sqlite" >/dev/null; }
at demo
for spec in "--year 2026" "--year 2025" "--year 2026 --half 1" "--from 2026-03-01 --to 2026-09-30"; do
  # shellcheck disable=SC2086
  at report summary $spec -f md -o "$OUT/summary$(echo $spec | tr -d ' -').md"
done
sqlite3 "$WORK/d.sqlite" .dump \
  | grep -vE 'INSERT INTO "?(users|password_history|sessions|api_tokens|audit_entries|_fluent_migrations)"? ' \
  | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]+//g; s/[0-9]{10}\.[0-9]+//g; s/'[A-Za-z0-9+\/=]{24,}'/'X'/g; s/'\{[^']*\}'/'J'/g" \
  | sha256sum | cut -d' ' -f1 > "$OUT/database.sha256"
ls "$OUT"
