"""Security headers, no inline code, login lockout, session idle timeout, mail kept out of logs."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from synovia.web import sessions

TEMPLATES = sorted(Path(__file__).resolve().parents[3].glob("synovia/*/templates/**/*.html"))
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "style block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_templates_were_found():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("synovia/", 1)[-1])
def test_no_template_has_inline_code(template):
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template}: {found} (move it to a static file: the CSP forbids it)"


PAGES = ["/", "/trials/", "/trials/match/", "/accounts/login/", "/clinic/", "/admin/", "/api/health"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(client, admin_user, path):
    client.force_login(admin_user)
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
def test_rendered_pages_have_no_inline_code(client, admin_user, path):
    client.force_login(admin_user)
    text = client.get(path).content.decode()
    assert not [name for name, pattern in INLINE.items() if pattern.search(text)]


def test_static_files_are_served_and_cacheable(client, db):
    for path in [
        "/static/synovia/synovia.css",
        "/static/synovia/synovia.js",
        "/static/vendor/htmx-2.0.11.min.js",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" not in response.get("Cache-Control", "")
    assert client.get("/static/no-such-file.css")["Cache-Control"] == "no-store"


def test_htmx_does_not_inject_its_inline_style(client, db):
    assert b'"includeIndicatorStyles": false' in client.get("/").content


# Login throttling (django-axes) ------------------------------------------------------------


def _site_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _admin_login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.mark.parametrize("login", [_site_login, _admin_login], ids=["site", "admin"])
def test_five_failures_lock_the_account_even_for_the_right_password(db, admin_user, password, login):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, admin_user.username, "wrong-password").status_code == 200
    locked = login(client, admin_user.username, "wrong-password")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    right = login(Client(), admin_user.username, password)
    assert right.status_code == 429


@pytest.mark.parametrize("login", [_site_login, _admin_login], ids=["site", "admin"])
def test_fewer_failures_than_the_limit_still_let_the_right_password_in(db, admin_user, password, login):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, admin_user.username, "wrong-password")
    assert login(client, admin_user.username, password).status_code == 302


def test_lockout_is_branded_and_in_spanish(db, clinician, password):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _site_login(client, clinician.username, "wrong-password")
    text = response.content.decode()
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in text and "15 minutos" in text
    assert 'class="brand"' in text


def test_the_failure_limit_is_configurable(db, clinician, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    assert _site_login(client, clinician.username, "nope-1").status_code == 200
    assert _site_login(client, clinician.username, "nope-2").status_code == 429


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(db, clinician, password):
    client = Client()
    for attempt in range(30):
        _site_login(client, clinician.username, f"guess-{attempt}")
    assert _site_login(client, clinician.username, password).status_code == 429


def test_client_login_in_tests_still_works(client, clinician, password):
    assert client.login(username=clinician.username, password=password)


# Session idle timeout ---------------------------------------------------------------------


def test_staff_sessions_expire_after_thirty_idle_minutes_and_renew_on_use(client, clinician, password):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert _site_login(client, clinician.username, password).status_code == 302
    renewed = Session.objects.get().expire_date
    response = client.get("/clinic/")
    assert response.status_code == 200
    # Renewed at most once a minute: a request within the minute writes nothing.
    assert "sessionid" not in response.cookies and Session.objects.get().expire_date == renewed
    session = client.session
    session[sessions.KEY] = int(time.time()) - sessions.RENEW_SECONDS
    session.save()
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=2))
    response = client.get("/clinic/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 1800
    left = Session.objects.get().expire_date - timezone.now()
    assert timezone.timedelta(minutes=29) < left <= timezone.timedelta(minutes=30)
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get("/clinic/").status_code == 302  # idle too long: back to the login page


def test_a_visitor_without_a_session_gets_none(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/trials/").status_code == 200
    assert not Session.objects.exists() and "sessionid" not in client.cookies


def test_signing_out_is_not_undone_by_the_renewal(client, clinician, password):
    assert _site_login(client, clinician.username, password).status_code == 302
    session = client.session
    session[sessions.KEY] = 0
    session.save()
    client.post("/accounts/logout/")
    assert not Session.objects.exists()
    assert client.get("/clinic/").status_code == 302


# Mail -------------------------------------------------------------------------------------


def test_tests_send_mail_to_memory():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"


def test_failures_spread_over_usernames_lock_the_address(db, clinician, password):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _site_login(client, f"nobody-{attempt}", "wrong-password")
    assert _site_login(client, clinician.username, password).status_code == 429
    assert _site_login(Client(REMOTE_ADDR="192.0.2.8"), clinician.username, password).status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "expected"),
    [
        (False, "198.51.100.9", "10.0.0.1"),  # no proxy: a client's header is ignored
        (True, "203.0.113.5, 198.51.100.9", "198.51.100.9"),  # the proxy's own entry, not the client's
        (True, "", "10.0.0.1"),
    ],
)
def test_client_address_trusts_only_the_proxys_entry(settings, rf, behind_proxy, forwarded, expected):
    from synovia.web.security import client_address

    settings.BEHIND_PROXY = behind_proxy
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
