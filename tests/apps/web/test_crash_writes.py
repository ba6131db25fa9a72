"""kill -9 of the application server during a burst of writes against PostgreSQL: every write
that was acknowledged is in the database after a restart, none is half-written, and sending
the unacknowledged ones again with their form tokens creates each at most once.

Runs in the test's own PostgreSQL cluster (tests/private_cluster.py), never the shared server.
"""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg
import pytest

from tests.private_cluster import SynoviaServer, private_cluster, synovia, synovia_env

pytestmark = [pytest.mark.slow, pytest.mark.own_database]

WRITES = 1000
KILL_AFTER = 400  # acknowledged writes before the kill
WRITERS = 8


@dataclass
class Session:
    port: int
    cookie: str
    csrf: str

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        body = "&".join(f"{k}={v}" for k, v in {**fields, "csrfmiddlewaretoken": self.csrf}.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(
                "POST",
                path,
                body=body,
                headers={"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"},
            )
            response = conn.getresponse()
            return response.status, response.getheader("Location") or ""
        finally:
            conn.close()


def _login(port: int, username: str, password: str) -> Session:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    response.read()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    body = f"username={username}&password={password}&csrfmiddlewaretoken={csrf}"
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = conn.getresponse()
    response.read()
    cookies = response.getheader("Set-Cookie") or ""
    session = re.search(r"sessionid=([^;]+)", cookies)
    assert response.status == 302 and session, (response.status, cookies)
    conn.close()
    return Session(port, f"csrftoken={csrf}; sessionid={session.group(1)}", csrf)


def _lab(key: str, value: str) -> dict[str, str]:
    return {
        "test": "crp",
        "value": value,
        "unit": "mg/L",
        "collected_on": "2026-11-30",
        "idempotency_key": key,
    }


def test_no_acknowledged_write_is_lost_after_kill_9(tmp_path):
    with private_cluster() as cluster:
        env = synovia_env(tmp_path, cluster.url)
        for args in (("migrate", "-v0"), ("demo", "--no-serve")):
            done = synovia(env, *args)
            assert done.returncode == 0, done.stderr
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
            clinic = db.execute(
                "SELECT clinic_id FROM accounts_user WHERE username='demo-clinician'"
            ).fetchone()[0]
            patient = db.execute(
                "SELECT id FROM clinic_patient WHERE clinic_id=%s ORDER BY id LIMIT 1", [clinic]
            )
            path = f"/clinic/patients/{patient.fetchone()[0]}/lab/"
            labs_before = db.execute("SELECT count(*) FROM clinic_labresult").fetchone()[0]

        server = SynoviaServer(env)
        session = _login(server.port, "demo-clinician", "synovia-demo-only")
        planned = [(secrets.token_urlsafe(24), f"{i / 10:.1f}") for i in range(WRITES)]
        acked: dict[str, str] = {}
        failed: list[tuple[str, str]] = []
        lock = threading.Lock()
        killed = threading.Event()

        def write(item: tuple[str, str]) -> None:
            key, value = item
            try:
                status, location = session.post(path, _lab(key, value))
            except (OSError, http.client.HTTPException):
                status, location = 0, ""
            with lock:
                if status == 302 and "/clinic/patients/" in location:
                    acked[key] = value
                else:
                    failed.append(item)
                if len(acked) >= KILL_AFTER and not killed.is_set():
                    killed.set()
                    server.kill()

        started = time.monotonic()
        with ThreadPoolExecutor(WRITERS) as pool:
            list(pool.map(write, planned))
        burst_seconds = time.monotonic() - started
        assert killed.is_set(), f"only {len(acked)} writes were acknowledged before the burst ended"

        # Restart and check the database directly.
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
            keys = dict(
                db.execute(
                    "SELECT k.key, l.value FROM clinic_idempotencykey k LEFT JOIN clinic_labresult l "
                    "ON l.id = k.result_id AND k.result_type = 'clinic.labresult'"
                )
            )
            labs_after = db.execute("SELECT count(*) FROM clinic_labresult").fetchone()[0]
        lost = [k for k in acked if k not in keys]
        half = [k for k, v in keys.items() if v is None]
        assert lost == [], f"{len(lost)} acknowledged writes lost"
        assert half == [], f"{len(half)} keys without their lab result"
        assert all(abs(keys[k] - float(v)) < 1e-9 for k, v in acked.items())
        assert labs_after - labs_before == len(keys)  # no lab result without its key

        # Resend everything not acknowledged, with the same tokens: at most one record each.
        server = SynoviaServer(env)
        try:
            session = _login(server.port, "demo-clinician", "synovia-demo-only")
            for key, value in failed:
                status, _ = session.post(path, _lab(key, value))
                assert status == 302
            for key, value in list(acked.items())[:50]:  # and a repeat of acknowledged ones
                assert session.post(path, _lab(key, value))[0] == 302
        finally:
            server.kill()
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
            final = db.execute("SELECT count(*) FROM clinic_labresult").fetchone()[0]
        assert final - labs_before == WRITES
    in_db_unacked = len(keys) - len(acked)
    print(
        f"\nkill -9: {WRITES} writes by {WRITERS} writers in {burst_seconds:.1f} s; {len(acked)} "
        f"acknowledged before the kill, 0 lost, 0 half-written; {in_db_unacked} committed but not "
        f"acknowledged; after restart the {len(failed)} unacknowledged resent: {WRITES} records in all"
    )
