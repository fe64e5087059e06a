"""Reports from a streaming replica: a UnionDesk process started with DATABASE_REPLICA_URL sends report reads to the
replica, a user's own reads to the primary right after they changed something, and every report read to the primary
while the replica lags; then the replica again once it has caught up. The routing is read from /metrics.
Usage: replica_check.py BASE USERNAME PASSWORD BIN REPLICA_PORT MAX_LAG"""
import json
import re
import subprocess
import sys
import time
import urllib.request

from bench_client import Browser

base, username, password, binary, replica_port, max_lag = sys.argv[1:7]
max_lag = float(max_lag)
year = time.gmtime().tm_year


def metrics():
    with urllib.request.urlopen(base + "/metrics") as r:
        text = r.read().decode()
    lag = float(re.search(r"^uniondesk_replica_lag_seconds (\S+)$", text, re.M).group(1))
    reads = {to: int(n) for to, n in re.findall(r'^uniondesk_replica_reads\{to="(\w+)"\} (\d+)$', text, re.M)}
    return lag, reads


def wait_lag(ok, what):
    for _ in range(100):
        lag, _ = metrics()
        if ok(lag):
            return lag
        time.sleep(0.2)
    sys.exit(f"the replica's lag never became {what} (last {lag})")


def routed(call):
    """Runs a report read; returns where it went (the counter that moved) and its result."""
    _, before = metrics()
    result = call()
    _, after = metrics()
    moved = [to for to in ("replica", "primary") if after.get(to, 0) > before.get(to, 0)]
    assert len(moved) == 1, f"one report read moved {moved}"
    return moved[0], result


def replica_sql(statement):
    subprocess.run(["su", "postgres", "-c", f'psql -qtA -h 127.0.0.1 -p {replica_port} uniondesk -c "{statement}"'],
                   check=True, capture_output=True)


def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, headers={"Authorization": "Bearer " + token,
                                                                      "Content-Type": "application/json"},
                                 data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(req) as r:
        return r.read().decode()


failures = []
wait_lag(lambda lag: lag == 0, "zero")
browser = Browser(base)
browser.sign_in(username, password, password)
summary = f"/reports/summary?year={year}"
where, html = routed(lambda: browser.get(summary)[1])
print(f"summary read by a user who changed nothing: {where}")
where == "replica" or failures.append("an untouched user's report did not read the replica")

# The user edits a paragraph: their next reads go to the primary and show the edit at once.
form = re.search(r'<form method="post" action="([^"]+)" class="form wide">(.*?)</form>', html, re.S)
fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
fields["text"] = "副本测试：本人刚修改的段落"
browser.post(form.group(1), dict(fields, _csrf=Browser.csrf(html)))
where, html = routed(lambda: browser.get(summary)[1])
print(f"summary read right after the user's own edit: {where}, edit shown: {'副本测试' in html}")
(where == "primary" and "副本测试" in html) or failures.append("the user's own edit was not read from the primary")

# The replica stops replaying: past the allowed lag every report read goes to the primary and is current.
issued = subprocess.run([binary, "user", "token", "--username", username, "--name", "replica"], check=True,
                        capture_output=True, text=True).stdout
token = re.search(r"：(ud_\S+)", issued).group(1)
replica_sql("SELECT pg_wal_replay_pause()")
api("PUT", "/api/v1/reports/summary/paragraphs", dict(fields, text="延迟测试：副本暂停后写入"))
lag = wait_lag(lambda lag: lag > max_lag, f"over {max_lag} s")
where, body = routed(lambda: api("GET", f"/api/v1/reports/summary?year={year}"))
print(f"replay paused, lag {lag:.1f} s: a report read went to the {where}, current: {'延迟测试' in body}")
(where == "primary" and "延迟测试" in body) or failures.append("a lagging replica was read")

replica_sql("SELECT pg_wal_replay_resume()")
wait_lag(lambda lag: lag == 0, "zero again")
where, body = routed(lambda: api("GET", f"/api/v1/reports/summary?year={year}"))
print(f"replay resumed, caught up: a report read went to the {where}, current: {'延迟测试' in body}")
(where == "replica" and "延迟测试" in body) or failures.append("the caught-up replica was not read, or was not current")
if failures:
    sys.exit("replica check failed: " + "; ".join(failures))
