"""`make lab` (tools/lab.py): JupyterLab starts wherever the tests run — as root too, saying so — with the news
pop-up and the update check off, and stopping the launcher stops the server."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import lab  # noqa: E402


def test_root_gets_allow_root_and_others_do_not(monkeypatch) -> None:
    monkeypatch.setattr(lab, "is_root", lambda: True)
    args, env = lab.command([])
    assert "--allow-root" in args and args[-1] == "--allow-root"
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(lab.CONFIG)
    assert args[3].endswith("00_start_here.ipynb")
    monkeypatch.setattr(lab, "is_root", lambda: False)
    assert "--allow-root" not in lab.command([])[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_starts_with_news_and_update_checks_off(tmp_path: Path) -> None:
    port, token = _free_port(), "t" + os.urandom(8).hex()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_PLATFORM_DIRS="1")
    log = (tmp_path / "lab.log").open("wb")
    proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "lab.py"), "--no-browser", "--ServerApp.ip=127.0.0.1",
                             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                             f"--IdentityProvider.token={token}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification"
    try:
        settings = None
        for _ in range(120):
            try:
                req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(req, timeout=5) as resp:
                    settings = json.loads(resp.read())
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        text = (tmp_path / "lab.log").read_text(errors="replace")
        assert settings is not None, f"JupyterLab did not start:\n{text[-2000:]}"
        props = settings["schema"]["properties"]
        # Without our overrides JupyterLab's default is "none", which shows the news pop-up.
        assert props["fetchNews"]["default"] == "false"
        assert props["checkForUpdates"]["default"] is False
        if lab.is_root():
            assert "starting JupyterLab with --allow-root" in text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        finally:
            log.close()
    # The server went down with the launcher: its port is free again.
    for _ in range(40):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                break
        time.sleep(0.5)
    else:
        pytest.fail("JupyterLab kept running after the launcher stopped")
