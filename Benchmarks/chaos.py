"""Crash safety (issue 13, SECURITY.md G4): kill -9 a real `uniondesk serve` during 100,000-row imports and during
concurrent payments, restart it, and check the database after every kill.

usage: chaos.py BIN DB_ARGS... -- RUNS   (DB_ARGS: `--db FILE` for SQLite; DATABASE_URL in the environment for
PostgreSQL; CHAOS_PARTS=imports,payments chooses the drills). Prints one line per run and a summary; exits 1 on any
broken invariant.

After each kill and restart:
- SQLite: PRAGMA integrity_check is ok and foreign_key_check is empty;
- every disbursement has its one ledger entry of the opposite amount, and no payment entry lacks its disbursement;
- every paid application has the payment of its current attempt; no application is paid twice;
- an import is all or nothing: the roster's people are all in the register or none is, and once the restarted
  server has taken the job up again it is never left "running";
- retrying the payments that were in flight (the same submit tokens) ends with exactly one payment each.
"""
import datetime
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench_client import Browser

ROOT = Path(__file__).resolve().parent.parent
sep = sys.argv.index("--")
BIN, DB_ARGS, RUNS = sys.argv[1], sys.argv[2:sep], int(sys.argv[sep + 1])
PG = os.environ.get("DATABASE_URL")
WORK = Path(os.environ["CHAOS_WORK"])
PORT = int(os.environ.get("CHAOS_PORT", "8421"))
BASE = f"http://127.0.0.1:{PORT}"
ROWS = int(os.environ.get("CHAOS_ROWS", "100000"))
random.seed(13)


class Server:
    def __init__(self):
        self.proc = None

    def start(self):
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=1):
                raise SystemExit(f"another server already answers on {BASE}: stop it first")
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        log = open(WORK / "serve.log", "a")
        self.proc = subprocess.Popen([BIN, "serve", "--port", str(PORT), *DB_ARGS], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                with urllib.request.urlopen(BASE + "/healthz", timeout=1):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise SystemExit("the server did not start:\n" + (WORK / "serve.log").read_text()[-2000:])

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def api(token, method, path, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")
    except (urllib.error.URLError, ConnectionError, OSError):
        return 0, {}


def sql(query):
    """Rows of a query on the database itself (sqlite3 / psql), never through the server."""
    if PG:
        out = subprocess.run(["psql", PG, "-tA", "-F", "|", "-c", query], capture_output=True, text=True, check=True).stdout
        return [tuple(line.split("|")) for line in out.splitlines() if line]
    db = DB_ARGS[DB_ARGS.index("--db") + 1]
    with sqlite3.connect(db) as c:
        return [tuple(str(v) for v in row) for row in c.execute(query)]


def one(query):
    return int(sql(query)[0][0])


def check_database():
    broken = []
    if not PG:
        if sql("PRAGMA integrity_check") != [("ok",)]:
            broken.append("integrity_check")
        if sql("PRAGMA foreign_key_check"):
            broken.append("foreign_key_check")
    if one("SELECT COUNT(*) FROM disbursements d WHERE (SELECT COUNT(*) FROM fund_entries e WHERE e.disbursement_id = d.id) <> 1"):
        broken.append("a disbursement without exactly one ledger entry")
    if one("SELECT COUNT(*) FROM fund_entries e JOIN disbursements d ON d.id = e.disbursement_id WHERE e.amount <> -d.amount"):
        broken.append("a ledger entry that does not match its disbursement")
    if one("SELECT COUNT(*) FROM fund_entries WHERE kind <> 'in' AND disbursement_id IS NULL"):
        broken.append("a payment entry without its disbursement")
    if one("SELECT COUNT(*) FROM relief_applications a WHERE a.state = 'paid' AND NOT EXISTS (SELECT 1 FROM disbursements d "
           "WHERE d.application_id = a.id AND d.attempt = a.paid_attempt AND d.kind = 'payment')"):
        broken.append("a paid application without its payment")
    if one("SELECT COUNT(*) FROM (SELECT application_id FROM disbursements WHERE kind = 'payment' GROUP BY application_id "
           "HAVING COUNT(*) > 1) AS twice"):
        broken.append("an application paid twice")
    return broken


def setup():
    """Staff and admin signed in (first passwords changed), tokens issued, a round with approved applications."""
    accounts = (WORK / "accounts.txt").read_text()
    tokens = {}
    for user in ("staff", "admin"):
        password = re.search(rf"用户名 {user}\s+密码 ([^\s（]+)", accounts).group(1)
        Browser(BASE).sign_in(user, password, "Chaos#Gonghui2026")
        issued = subprocess.run([BIN, "user", "token", "--username", user, "--name", "chaos", *DB_ARGS], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
        tokens[user] = re.search(r"：(ud_\S+)", issued).group(1)
    staff, admin = tokens["staff"], tokens["admin"]
    _, funds = api(staff, "GET", "/api/v1/relief/funds")
    fund = max(funds["items"] if isinstance(funds, dict) else funds, key=lambda f: f["balance"])
    day = datetime.date.today()
    status, round_ = api(staff, "POST", "/api/v1/relief/rounds", {
        "name": "断电测试批次", "kind": "festival", "startsOn": str(day - datetime.timedelta(days=2)),
        "endsOn": str(day + datetime.timedelta(days=30)), "fundId": fund["id"], "budget": "0",
        "standard_default": "200", "secondApprovalAbove": "1000", "reportsUpward": False})
    assert status == 201, round_
    members, page = [], 1
    while len(members) < RUNS * 8 and page < 40:
        _, listed = api(admin, "GET", f"/api/v1/members?status=active&page={page}")
        members += [m["id"] for m in listed.get("items", [])]
        page += 1
    approved = []
    for member in members[: RUNS * 8]:
        s, a = api(admin, "POST", "/api/v1/relief/applications",
                   {"roundId": round_["id"], "memberId": member, "festivalTarget": True, "documents": ["applicationForm"]})
        if s != 201:
            continue
        path = f"/api/v1/relief/applications/{a['id']}"
        api(admin, "POST", path + "/steps", {"action": "submit"})
        s, _ = api(staff, "POST", path + "/steps", {"action": "approve", "amount": "200"})
        if s == 200:
            approved.append(a["id"])
    assert len(approved) >= RUNS * 8, f"only {len(approved)} approved applications"
    return staff, admin, approved


def import_run(server, admin, run, union):
    roster = WORK / f"roster-{run}.csv"
    subprocess.run(["python3", str(ROOT / "Benchmarks" / "make-roster.py"), str(ROWS), str(roster)], check=True,
                   env=dict(os.environ, ROSTER_OFFSET=str((run + 1) * ROWS)))
    first_id = roster.read_text(encoding="utf-8").splitlines()[1].split(",")[1]
    before = one("SELECT COUNT(*) FROM members")
    status, job = api(admin, "POST", f"/api/v1/members/import?unionId={union}&dryRun=false", raw=roster.read_bytes(),
                      content_type="text/csv")
    assert status == 202, (status, job)
    # Kill at a random moment of the job's run: while it reads and checks, or while it writes.
    started = time.time()
    while time.time() - started < 60:
        _, j = api(admin, "GET", f"/api/v1/imports/{job['id']}")
        if j.get("status") in ("running", "done", "failed"):
            break
        time.sleep(0.05)
    delay = random.uniform(0, float(os.environ.get("CHAOS_IMPORT_WINDOW", "8")))
    time.sleep(delay)
    _, j = api(admin, "GET", f"/api/v1/imports/{job['id']}")
    server.kill()
    state_at_kill = j.get("status", "?")
    broken = check_database()
    added = one("SELECT COUNT(*) FROM members") - before
    if added not in (0, ROWS):
        broken.append(f"import half-written: {added} of {ROWS}")
    server.start()
    # The restarted server takes the job up again (or fails it with a message); it is never left running.
    final = None
    for _ in range(1200):
        _, j = api(admin, "GET", f"/api/v1/imports/{job['id']}")
        if j.get("status") in ("done", "failed", "cancelled"):
            final = j
            break
        time.sleep(0.25)
    if final is None:
        broken.append(f"job {job['id']} still {j.get('status')} after the restart")
    added = one("SELECT COUNT(*) FROM members") - before
    if added not in (0, ROWS):
        broken.append(f"import half-written after recovery: {added}")
    if final and final.get("status") == "done" and added != ROWS:
        broken.append(f"job done but {added} rows in the register")
    print(f"import run {run + 1}: killed after {delay:.1f} s ({state_at_kill}); after restart {final and final.get('status')}, "
          f"{added} rows; {'OK' if not broken else broken}", flush=True)
    return broken, first_id


def payment_run(server, staff, run, approved):
    batch = approved[run * 8:(run + 1) * 8]
    tokens = [f"chaos-{run}-{i}-{random.randrange(1 << 30)}" for i in range(len(batch))]
    today = str(datetime.date.today() - datetime.timedelta(days=1))
    answers = [None] * len(batch)

    def pay(i):
        answers[i] = api(staff, "POST", f"/api/v1/relief/applications/{batch[i]}/payments",
                         {"token": tokens[i], "method": "bankTransfer", "paidOn": today})[0]

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(len(batch))]
    for t in threads:
        t.start()
    delay = random.uniform(0, float(os.environ.get("CHAOS_PAYMENT_WINDOW", "0.06")))
    time.sleep(delay)
    server.kill()
    for t in threads:
        t.join()
    broken = check_database()
    acknowledged = [batch[i] for i, code in enumerate(answers) if code == 201]
    for a in acknowledged:
        if not one(f"SELECT COUNT(*) FROM disbursements WHERE application_id = {a} AND kind = 'payment'"):
            broken.append(f"acknowledged payment of {a} lost")
    server.start()
    retried = [api(staff, "POST", f"/api/v1/relief/applications/{a}/payments",
                   {"token": tokens[i], "method": "bankTransfer", "paidOn": today})[0] for i, a in enumerate(batch)]
    for a in batch:
        if one(f"SELECT COUNT(*) FROM disbursements WHERE application_id = {a} AND kind = 'payment'") != 1:
            broken.append(f"application {a} does not have exactly one payment after the retry")
    broken += check_database()
    print(f"payment run {run + 1}: killed after {delay * 1000:.0f} ms, {len(acknowledged)} of {len(batch)} acknowledged; "
          f"retries {sorted(set(retried))}; {'OK' if not broken else broken}", flush=True)
    return broken


def main():
    server = Server()
    server.start()
    try:
        run_all(server)
    finally:
        if server.proc.poll() is None:
            server.kill()


def run_all(server):
    staff, admin, approved = setup()
    union = int(sql("SELECT id FROM organizations WHERE level = 'union' ORDER BY id LIMIT 1")[0][0])
    failures = []
    parts = os.environ.get("CHAOS_PARTS", "imports,payments").split(",")
    if "imports" in parts:
        for run in range(RUNS):
            failures += import_run(server, admin, run, union)[0]
    if "payments" in parts:
        for run in range(RUNS):
            failures += payment_run(server, staff, run, approved)
    done = [f"{RUNS} {'import' if p == 'imports' else 'payment'} kills" for p in ("imports", "payments") if p in parts]
    print(f"chaos: {' and '.join(done)}, {len(failures)} broken invariants")
    if failures:
        print("\n".join(failures))
        sys.exit(1)


main()
