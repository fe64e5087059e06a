"""Two UnionDesk processes on one PostgreSQL: a cadre signs in on the first and carries on on the second with the
same session; then the same relief applications are approved on both at once, and paid on both at once (two
browser tabs, two submit tokens), and each must end with exactly one approval and one payment.
Usage: cluster_check.py BASE_A BASE_B USERNAME PASSWORD NEW_PASSWORD BIN
(BIN issues the API token once the password is changed: a password change revokes the user's tokens.)"""
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request

from bench_client import Browser

base_a, base_b, username, password, new_password, binary = sys.argv[1:7]
api_token = ""


def api(base, path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + api_token})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def at_once(calls):
    """Runs the calls on threads released together; returns their HTTP status codes."""
    barrier = threading.Barrier(len(calls))
    codes = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            call()
            codes[i] = 200
        except urllib.error.HTTPError as e:
            codes[i] = e.code

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


first = Browser(base_a)
first.sign_in(username, password, new_password)
issued = subprocess.run([binary, "user", "token", "--username", username, "--name", "cluster"], check=True, capture_output=True,
                        text=True).stdout
api_token = re.search(r"：(ud_\S+)", issued).group(1)
second = Browser(base_b)
# The same browser (the same cookie jar), its requests now reaching the other process.
second.jar = first.jar
second.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(first.jar))
url, html = second.get("/relief/applications")
assert "/login" not in url, "the second process did not know the session signed in on the first"
print(f"signed in on {base_a}, continued on {base_b}: {url}")

waiting = api(base_a, "/api/v1/relief/applications?state=submitted")["items"]
assert waiting, "the demo has no application awaiting review"
failures = 0
for item in waiting[:3]:
    app_id, amount = item["id"], item["requested"]
    path = f"/relief/applications/{app_id}"
    _, page_a = first.get(path)
    _, page_b = second.get(path)
    approve = {"action": "approve", "amount": f"{amount / 100:.2f}", "reason": "集群测试"}
    codes = at_once([
        lambda: first.post(path + "/step", dict(approve, _csrf=Browser.csrf(page_a))),
        lambda: second.post(path + "/step", dict(approve, _csrf=Browser.csrf(page_b))),
    ])
    # Each process's page now offers payment with its own submit token, as two tabs would.
    _, pay_a = first.get(path)
    _, pay_b = second.get(path)
    tokens = [re.search(r'name="token" value="([^"]+)"', p) for p in (pay_a, pay_b)]
    pay_codes = []
    if all(tokens):
        # Each tab has passed the confirmation page (发放 asks first): these are the two confirmed posts racing.
        pay = {"method": "bankTransfer", "confirmed": "1"}
        pay_codes = at_once([
            lambda: first.post(path + "/pay", dict(pay, _csrf=Browser.csrf(pay_a), token=tokens[0].group(1))),
            lambda: second.post(path + "/pay", dict(pay, _csrf=Browser.csrf(pay_b), token=tokens[1].group(1))),
        ])
    record = api(base_b, f"/api/v1/relief/applications/{app_id}")
    approvals = [s for s in record["steps"] if s["action"] == "approve"]
    payments = [p for p in record["payments"] if p["kind"] == "payment"]
    ok = len(approvals) == 1 and len(payments) == 1 and record["state"] == "paid"
    failures += not ok
    print(f"application {app_id}: approve on both → {codes}, pay on both → {pay_codes}; "
          f"{len(approvals)} approval, {len(payments)} payment, state {record['state']} {'OK' if ok else 'FAILED'}")
sys.exit(1 if failures else 0)
