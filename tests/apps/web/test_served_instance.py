"""`synovia serve` with no environment: DEBUG off, static files and branded pages over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.own_database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG", "SECRET_KEY"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"SYNOVIA_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    server = subprocess.Popen(
        [sys.executable, "-m", "synovia.cli", "serve", "--addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield base, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_served_instance_is_production_shaped(served):
    base, var_dir = served
    for path, kind in [
        ("/static/synovia/synovia.css", "text/css"),
        ("/static/synovia/synovia.js", "javascript"),
        ("/static/vendor/htmx-2.0.11.min.js", "javascript"),
        ("/static/admin/css/base.css", "text/css"),
    ]:
        status, headers, _ = _get(base + path)
        assert (status, kind in headers["Content-Type"]) == (200, True), path
    status, headers, body = _get(base + "/no-such-page/%00?x=<script>")
    assert status in {400, 404}
    assert "Synovia" in body and "Traceback" not in body and "DEBUG" not in body
    assert "Page not found" in body or "Bad request" in body
    assert headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert (var_dir / "secret_key").stat().st_mode & 0o777 == 0o600


def test_serve_without_a_database_exits_2_with_a_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG", "SECRET_KEY"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"SYNOVIA_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://postgres@127.0.0.1:1/synovia"})
    run = subprocess.run(
        [sys.executable, "-m", "synovia.cli", "serve", "--addr", f"127.0.0.1:{_free_port()}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "cannot reach the database" in run.stderr
    assert "Traceback" not in run.stderr
