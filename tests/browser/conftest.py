"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SYNOVIA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _one_request_at_a_time() -> None:
    """Serve the live server's requests one after another.

    With SQLite in memory, Django hands the live server the test's own connection, and its
    threaded server would run two browser requests (a debounced HTMX score and a navigation)
    on that one connection at once: their transactions interleave ("pop from empty list" in
    ``atomic``), the connection is left broken and the flush after the test fails for this
    test and the next ones. The plain server answers one request at a time and closes each
    connection, so the browser never waits on an idle keep-alive.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)  # the thread has already taken the connections

    LiveServerThread.server_class = SerialServer


_one_request_at_a_time()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    # Playwright's sync API runs its own event loop; Django must allow sync DB calls around it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A page the size of a phone, where most patients read Synovia."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


class _InFlight:
    """Counts requests the live server is still answering (request_started .. request_finished)."""

    def __init__(self) -> None:
        import threading

        self.count = 0
        self.lock = threading.Lock()

    def started(self, **_kwargs) -> None:
        with self.lock:
            self.count += 1

    def finished(self, **_kwargs) -> None:
        with self.lock:
            self.count -= 1


@pytest.fixture(autouse=True)
def _quiet_server_before_flush(request):
    """Wait for the live server's requests in flight before the database is flushed.

    With SQLite in memory the live server shares the test's connection; a request still being
    answered when the test ends (a lazy chart image, a debounced HTMX score) holds a statement
    open and the flush fails with "database table is locked", for that test and the next ones.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    import time

    from django.core.signals import request_finished, request_started

    # Set up first, so that this fixture is torn down (and waits) before the flush.
    request.getfixturevalue("transactional_db")
    request.getfixturevalue("live_server")
    flight = _InFlight()
    request_started.connect(flight.started, dispatch_uid="synovia-in-flight-start")
    request_finished.connect(flight.finished, dispatch_uid="synovia-in-flight-end")
    try:
        yield
        deadline = time.monotonic() + 15
        while flight.count > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        request_started.disconnect(dispatch_uid="synovia-in-flight-start")
        request_finished.disconnect(dispatch_uid="synovia-in-flight-end")
