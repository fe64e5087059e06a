#!/usr/bin/env bash
# Backup and restore drill (issue 13, SECURITY.md G17): the demo is backed up and restored into a fresh database,
# on SQLite and on PostgreSQL; the restored row counts and the dues received (to the fen) must equal the source's (read
# by the database's own client too), the attachments come back, the restored file must pass SQLite's integrity check,
# and a member must decrypt with the same key.
# Needs the PostgreSQL of scripts/pg-start.sh (started here when it is not running). BIN defaults to the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/uniondesk}
WORK=$(mktemp -d /tmp/ud-backup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export UNIONDESK_KEY_FILE=$WORK/key LOG_LEVEL=warning
counts="SELECT (SELECT COUNT(*) FROM members) || ' ' || (SELECT COUNT(*) FROM fund_entries) || ' ' || (SELECT COUNT(*) FROM audit_entries) \
  || ' ' || (SELECT COALESCE(SUM(amount), 0) FROM dues_receipts) || ' ' || (SELECT COUNT(*) FROM attachments)"

echo "== SQLite =="
# The SQLite half never follows a DATABASE_URL left in the caller's environment (the commands prefer it to --db).
unset DATABASE_URL
"$BIN" demo --db "$WORK/a.sqlite" >/dev/null
made=$("$BIN" backup -o "$WORK/a.bak" --db "$WORK/a.sqlite")
echo "$made" | head -1
restored=$("$BIN" restore "$WORK/a.bak" --db "$WORK/b.sqlite")
echo "$restored" | head -2
echo "$restored" | grep -q "解密核对：通过" || { echo "no member decrypted after the restore"; exit 1; }
[ "$(echo "$made" | sed -n 's/^已备份到 [^：]*：//p')" = "$(echo "$restored" | sed -n 's/^已恢复：//p')" ] || { echo "counts differ"; exit 1; }
[ "$(sqlite3 "$WORK/b.sqlite" 'PRAGMA integrity_check')" = ok ] || { echo "integrity check failed"; exit 1; }
[ "$(sqlite3 "$WORK/a.sqlite" "$counts")" = "$(sqlite3 "$WORK/b.sqlite" "$counts")" ] || { echo "sqlite3 counts differ"; exit 1; }
# A restore never writes over an existing database.
if "$BIN" restore "$WORK/a.bak" --db "$WORK/b.sqlite" >/dev/null 2>&1; then echo "restored over an existing file"; exit 1; fi

echo "== PostgreSQL =="
eval "$(scripts/pg-start.sh)"
base=${DATABASE_URL%/*}
psql() { su postgres -c "psql -q -h 127.0.0.1 -p 55432 $*"; }
psql "-c 'DROP DATABASE IF EXISTS ud_backup_a' -c 'DROP DATABASE IF EXISTS ud_backup_b' -c 'CREATE DATABASE ud_backup_a' -c 'CREATE DATABASE ud_backup_b'" >/dev/null
DATABASE_URL=$base/ud_backup_a "$BIN" demo >/dev/null
made=$(DATABASE_URL=$base/ud_backup_a "$BIN" backup -o "$WORK/p.dump")
echo "$made" | head -1
restored=$(DATABASE_URL=$base/ud_backup_b "$BIN" restore "$WORK/p.dump")
echo "$restored" | head -2
echo "$restored" | grep -q "解密核对：通过" || { echo "no member decrypted after the restore"; exit 1; }
[ "$(echo "$made" | sed -n 's/^已备份到 [^：]*：//p')" = "$(echo "$restored" | sed -n 's/^已恢复：//p')" ] || { echo "counts differ"; exit 1; }
[ "$(psql "-tA ud_backup_a -c \"$counts\"")" = "$(psql "-tA ud_backup_b -c \"$counts\"")" ] || { echo "psql counts differ"; exit 1; }
# The restored ledger is still append-only: its triggers came back with it.
if psql "ud_backup_b -c 'DELETE FROM fund_entries'" >/dev/null 2>&1; then echo "the restored ledger accepted a delete"; exit 1; fi
if psql "ud_backup_b -c 'DELETE FROM dues_receipts'" >/dev/null 2>&1; then echo "the restored dues accepted a delete"; exit 1; fi
if DATABASE_URL=$base/ud_backup_b "$BIN" restore "$WORK/p.dump" >/dev/null 2>&1; then echo "restored into a database that is not empty"; exit 1; fi
psql "-c 'DROP DATABASE ud_backup_a' -c 'DROP DATABASE ud_backup_b'" >/dev/null
echo "backup-check: passed"
