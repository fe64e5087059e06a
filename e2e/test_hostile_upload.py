"""Bounded work per request (issue 13): hostile .xlsx uploads against a real `uniondesk serve`.

A small .xlsx whose shared-string table expands to 400 MB is uploaded four times at once through the web form
while `/healthz` is polled every 20 ms. The uploads are refused with a Chinese message (422, or 429 when more than
the allowed number are being checked at once), the server's memory stays under a stated bound, and `/healthz`
keeps answering fast throughout. Before the fix one such file took the server from 106 to 493 MB and 8 s of CPU
inside the request, and four at once held `/healthz` for 8 s.
"""
import os
import re
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import requests

from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("UNIONDESK_BIN", ROOT / ".build" / "debug" / "uniondesk"))
PASSWORD = "Gonghui#2026upload"
# Growth of the server's resident memory allowed while the four files are checked (the shared-string cap is 32 MB
# of text each; before the fix one file alone added ~390 MB).
RSS_GROWTH_BOUND_MB = 200
HEALTH_BOUND_MS = 100

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="会员" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
         '</row></sheetData></worksheet>')


def hostile_xlsx(path: Path, megabytes: int = 400) -> None:
    entry = b"<si><t>" + b"A" * 30_000 + b"</t></si>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/worksheets/sheet1.xml", SHEET)
        with z.open("xl/sharedStrings.xml", "w") as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'.encode())
            block = entry * 100
            for _ in range(megabytes * 1024 * 1024 // len(block)):
                f.write(block)
            f.write(b"</sst>")



def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its highest since the process started (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def csrf_of(html: str) -> str:
    m = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert m, "form without a CSRF token"
    return m.group(1)


def test_hostile_shared_strings_are_bounded_and_the_server_keeps_answering(tmp_path):
    assert BINARY.exists(), f"build first: {BINARY} is missing"
    hostile = tmp_path / "hostile.xlsx"
    hostile_xlsx(hostile)
    size_mb = hostile.stat().st_size / 1e6
    assert size_mb < 2, f"the hostile file should be small ({size_mb:.1f} MB)"

    work = Path(tempfile.mkdtemp(prefix="uniondesk-upload-"))
    port = free_port()
    log = open(work / "server.log", "w+")
    env = dict(os.environ, UNIONDESK_KEY_FILE=str(work / "key"))
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([str(BINARY), "serve", "--db", str(work / "u.sqlite"), "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        admin_password = None
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            m = re.search(r"用户名 admin\s+密码 (\S+)", (work / "server.log").read_text())
            if m:
                try:
                    if requests.get(base + "/healthz", timeout=2).status_code == 200:
                        admin_password = m.group(1)
                        break
                except requests.ConnectionError:
                    pass
            time.sleep(0.3)
        assert admin_password, (work / "server.log").read_text()

        web = requests.Session()
        login = web.get(base + "/login", timeout=10)
        r = web.post(base + "/login", data={"_csrf": csrf_of(login.text), "username": "admin", "password": admin_password},
                     timeout=30)
        assert r.status_code == 200 and "/password" in r.url, r.url
        r = web.post(base + "/password", data={"_csrf": csrf_of(r.text), "currentPassword": admin_password,
                                               "newPassword": PASSWORD, "confirmPassword": PASSWORD}, timeout=30)
        assert r.status_code == 200, r.text[:500]
        token = csrf_of(web.get(base + "/members/import", timeout=10).text)
        data = hostile.read_bytes()

        baseline = rss_mb(proc.pid)
        peak = baseline
        latencies = []
        statuses = []
        done = threading.Event()

        def poll_health():
            nonlocal peak
            while not done.is_set():
                t = time.perf_counter()
                assert requests.get(base + "/healthz", timeout=5).status_code == 200
                latencies.append((time.perf_counter() - t) * 1000)
                peak = max(peak, rss_mb(proc.pid))
                time.sleep(0.02)

        def upload():
            r = web.post(base + "/members/import", data={"_csrf": token},
                         files={"file": ("会员名册.xlsx", data, "application/octet-stream")}, timeout=120)
            statuses.append((r.status_code, r.text))

        poller = threading.Thread(target=poll_health)
        poller.start()
        time.sleep(0.2)
        uploads = [threading.Thread(target=upload) for _ in range(4)]
        for u in uploads:
            u.start()
        for u in uploads:
            u.join()
        time.sleep(0.3)
        done.set()
        poller.join()
        peak = max(peak, rss_mb(proc.pid, "VmHWM"))

        codes = sorted(code for code, _ in statuses)
        print(f"hostile file {size_mb:.2f} MB; statuses {codes}; RSS {baseline:.0f} → peak {peak:.0f} MB; "
              f"/healthz {len(latencies)} polls, max {max(latencies):.1f} ms, median {sorted(latencies)[len(latencies)//2]:.1f} ms")
        assert all(code in (422, 429) for code in codes), codes
        assert any(code == 422 and "共享字符串表过大" in text for code, text in statuses), "the cap's message is shown"
        for code, text in statuses:
            if code == 429:
                assert "正在上传和检查的文件过多" in text
        assert peak - baseline < RSS_GROWTH_BOUND_MB, f"RSS grew {peak - baseline:.0f} MB"
        assert max(latencies) < HEALTH_BOUND_MS, f"/healthz took {max(latencies):.0f} ms"
        assert proc.poll() is None, "the server stopped"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
