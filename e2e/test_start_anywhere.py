"""The server finds its templates, stylesheet and password list wherever it is started from, and refuses to start,
naming the path, when they are missing (issue 14, 'start from any folder')."""
import os
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("UNIONDESK_BIN", ROOT / ".build" / "debug" / "uniondesk")).resolve()



def test_served_from_another_directory_and_refused_without_resources():
    elsewhere = Path(tempfile.mkdtemp(prefix="uniondesk-elsewhere-"))
    port = free_port()
    env = dict(os.environ, UNIONDESK_KEY_FILE=str(elsewhere / "key"))
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([str(BINARY), "serve", "--db", str(elsewhere / "u.sqlite"), "--port", str(port)], cwd=elsewhere,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        login = None
        for _ in range(300):
            try:
                login = requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        assert login is not None and login.status_code == 200 and "登录" in login.text
        css = requests.get(f"http://127.0.0.1:{port}/styles.css", timeout=5)
        assert css.status_code == 200 and len(css.text) > 1000
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    missing = subprocess.run([str(BINARY), "user", "list", "--db", str(elsewhere / "v.sqlite")], cwd=elsewhere,
                             env=dict(env, UNIONDESK_RESOURCES=str(elsewhere), UNIONDESK_KEY_FILE=str(elsewhere / "key2")),
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1
    assert "Resources/Views/base.leaf" in missing.stderr and str(elsewhere) in missing.stderr
    assert not (elsewhere / "key2").exists(), "a refused start creates no key file"


def test_help_and_read_only_commands_create_no_key_file():
    elsewhere = Path(tempfile.mkdtemp(prefix="uniondesk-nokey-"))
    env = dict(os.environ, UNIONDESK_KEY_FILE=str(elsewhere / "key"))
    env.pop("DATABASE_URL", None)
    for args in (["--help"], ["serve", "--help"], ["demo", "--help"], ["report", "--help"],
                 ["backup", "-o", str(elsewhere / "b.bak"), "--db", str(elsewhere / "none.sqlite")]):
        subprocess.run([str(BINARY), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
        assert not (elsewhere / "key").exists(), f"uniondesk {' '.join(args)} created a key file"
    made = subprocess.run([str(BINARY), "demo", "--db", str(elsewhere / "d.sqlite")], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    assert (elsewhere / "key").exists(), "the demo, which stores personal data, creates the key"
    assert oct((elsewhere / "key").stat().st_mode & 0o777) == "0o600"
