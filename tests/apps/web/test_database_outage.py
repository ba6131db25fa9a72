"""The database goes away under load, in the test's own PostgreSQL cluster: every request
fails fast with the branded 503 and Retry-After, none hangs past the connect timeout, and the
running server recovers by itself when the database comes back."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.private_cluster import SynoviaServer, private_cluster, synovia, synovia_env

pytestmark = [pytest.mark.slow, pytest.mark.own_database]

# Pages that need the database; the home and sign-in pages of an anonymous visitor do not, and
# may keep answering 200 during an outage (checked below: never anything else).
NEEDS_DATABASE = ["/healthz", "/api/health", "/trials/", "/api/trials"]
PATHS = [*NEEDS_DATABASE, "/accounts/login/", "/"]
CONNECT_TIMEOUT = 2
REQUESTS = 200


def _get(url: str) -> tuple[str, int, str | None, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    path = "/" + url.split("/", 3)[3]
    return (
        path,
        status,
        headers.get("Retry-After"),
        body.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def _burst(base: str, n: int = REQUESTS) -> list[tuple[str, int, str | None, str, float]]:
    urls = [base + PATHS[i % len(PATHS)] for i in range(n)]
    with ThreadPoolExecutor(16) as pool:
        return list(pool.map(_get, urls))


def _recovered(base: str, seconds: float = 30) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if all(_get(base + path)[1] == 200 for path in PATHS):
            return time.monotonic() - started
        time.sleep(0.25)
    raise AssertionError(f"the server did not recover within {seconds} s")


def _assert_fast_branded_503(results: list[tuple[str, int, str | None, str, float]]) -> float:
    needing = [r for r in results if r[0] in NEEDS_DATABASE]
    assert {r[1] for r in needing} == {503}, {(r[0], r[1]) for r in needing}
    assert {r[1] for r in results} <= {200, 503}
    assert all(r[2] == "30" for r in results if r[1] == 503)
    pages = [r for r in needing if "<html" in r[3].lower()]
    assert pages and all("Synovia" in r[3] and "Traceback" not in r[3] for r in pages)
    slowest = max(r[4] for r in results)
    assert slowest < CONNECT_TIMEOUT + 5, f"a request took {slowest:.1f} s"
    return slowest


def test_database_down_and_unresponsive_then_back(tmp_path):
    with private_cluster() as cluster:
        env = synovia_env(tmp_path, cluster.url, DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT))
        done = synovia(env, "migrate", "-v0")
        assert done.returncode == 0, done.stderr
        server = SynoviaServer(env)
        try:
            assert {r[1] for r in _burst(server.base, 50)} <= {200, 302}

            cluster.stop()  # refused: the port is closed
            refused = _assert_fast_branded_503(_burst(server.base))
            cluster.start()
            back_after_stop = _recovered(server.base)

            cluster.freeze()  # unresponsive: the connect timeout must end every wait
            frozen = _assert_fast_branded_503(_burst(server.base, 64))
            cluster.thaw()
            back_after_freeze = _recovered(server.base)
        finally:
            server.kill()
    print(
        f"\noutage: {REQUESTS} requests while stopped, slowest {refused:.2f} s; 64 while frozen, "
        f"slowest {frozen:.2f} s (connect timeout {CONNECT_TIMEOUT} s); recovered in "
        f"{back_after_stop:.2f} s and {back_after_freeze:.2f} s without a restart"
    )
