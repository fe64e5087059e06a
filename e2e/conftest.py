"""Shared by the browser tests: a `uniondesk serve --demo` on a free port (one per test module), headless Chromium,
the demo's printed accounts, screenshots under e2e/artifacts/, and signing in as a demo user."""
import datetime
import os
import re
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "e2e" / "artifacts"
BINARY = Path(os.environ.get("UNIONDESK_BIN", ROOT / ".build" / "debug" / "uniondesk"))
DESKTOP = (1366, 900)
PHONE = (390, 844)


def union_today() -> datetime.date:
    """Today where the union works: the server dates facts in Asia/Shanghai (UTC+8), not in the browser's UTC."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()


def id_number(body17: str) -> str:
    """Appends the GB 11643 MOD 11-2 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body17, weights))
    return body17 + "10X98765432"[total % 11]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    assert BINARY.exists(), f"build first: {BINARY} is missing"
    tmp = Path(tempfile.mkdtemp(prefix="uniondesk-e2e-"))
    port = free_port()
    log = open(tmp / "server.log", "w+")
    env = dict(os.environ, UNIONDESK_KEY_FILE=str(tmp / "key"))
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([str(BINARY), "serve", "--demo", "--db", str(tmp / "e2e.sqlite"), "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    accounts = {}
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        text = (tmp / "server.log").read_text()
        accounts = dict(re.findall(r"用户名 (\S+)\s+密码 (\S+)", text))
        if "admin" in accounts and "Server started" in text:
            break
        time.sleep(0.5)
    assert "admin" in accounts, "server did not print the admin password:\n" + (tmp / "server.log").read_text()
    yield {"url": f"http://127.0.0.1:{port}", "password": accounts["admin"], "accounts": accounts, "log": tmp / "server.log"}
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"]:
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    drv.implicitly_wait(5)
    yield drv
    drv.quit()


def shot(drv, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(ARTIFACTS / name))


def sign_in(d, url, username, password, new_password):
    """Signs out whoever is signed in, signs in, and sets `new_password` when the first sign-in asks for one."""
    d.delete_all_cookies()
    d.get(url + "/login")
    assert d.switch_to.active_element.get_attribute("id") == "username", "the first field has the focus"
    d.find_element(By.ID, "username").send_keys(username)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.ID, "login-submit").click()
    WebDriverWait(d, 10).until(lambda drv: "/login" not in drv.current_url)
    if "/password" in d.current_url:
        d.find_element(By.ID, "currentPassword").send_keys(password)
        d.find_element(By.ID, "newPassword").send_keys(new_password)
        d.find_element(By.ID, "confirmPassword").send_keys(new_password)
        d.find_element(By.ID, "password-submit").click()
        WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "flash")))
