"""`territoria serve`: web server and task worker start together and stop together.

These run real processes on a throw-away SQLite database in a temporary directory.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def group_alive(pgid: int) -> bool:
    """Whether any live process is left in the group (runserver's reloader child included)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            return True
    return False


@pytest.fixture(scope="module")
def dev_env(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "TERRITORIA_DATABASE_URL"}}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "TERRITORIA_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    subprocess.run([sys.executable, "-m", "territoria.cli", "migrate", "-v0"], cwd=ROOT,
                   env=env, check=True, timeout=120)
    return env


def start_serve(env, port, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "territoria.cli", "serve", "--port", str(port), *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_pids(process) -> tuple[int, int]:
    line = process.stdout.readline()
    match = re.search(r"pid (\d+).*pid (\d+)", line)
    assert match, line
    return int(match.group(1)), int(match.group(2))


def wait_for_http(url: str, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.parametrize("server", ["runserver", "gunicorn"])
def test_serve_runs_web_and_worker_and_stops_both_on_sigterm(dev_env, server):
    port = free_port()
    process = start_serve(dev_env, port, "--server", server)
    try:
        web, worker = wait_for_pids(process)
        assert wait_for_http(f"http://127.0.0.1:{port}/accessibility/") == 200
        assert group_alive(worker)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    # The command speaks the default language, French.
    with translation.override("fr"):
        assert gettext("Web server and task worker stopped.") in output
    time.sleep(0.2)
    assert not group_alive(web) and not group_alive(worker)


def test_serve_stops_the_web_server_when_the_worker_dies(dev_env):
    port = free_port()
    process = start_serve(dev_env, port)
    try:
        web, worker = wait_for_pids(process)
        wait_for_http(f"http://127.0.0.1:{port}/accessibility/")
        os.killpg(worker, signal.SIGKILL)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0
    assert "Le processus worker s'est arrêté" in output  # French, the default language
    time.sleep(0.2)
    assert not group_alive(web)
