"""Branded error pages in English and Spanish; a database outage answers 503, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SPANISH = {
    400: "Solicitud incorrecta",
    403: "Acceso denegado",
    404: "Página no encontrada",
    500: "Algo ha fallado",
    503: "No disponible temporalmente",
}
ENGLISH = {
    400: "Bad request",
    403: "Access denied",
    404: "Page not found",
    500: "Something went wrong",
    503: "Temporarily unavailable",
}
PATHS = {
    400: "/fail/bad/",
    403: "/fail/denied/",
    404: "/no-such-page/",
    500: "/fail/crash/",
    503: "/fail/db/",
}


@pytest.fixture
def quiet_client():
    """A client that answers as a browser sees it, instead of re-raising the view's exception."""
    return Client(raise_request_exception=False)


def _assert_branded(response, title: str) -> None:
    text = response.content.decode()
    assert title in text
    assert "synovia/synovia.css" in text  # the site's base template, with its stylesheet
    assert 'class="brand"' in text
    for leak in ("Traceback", "secret-setting-value", "SECRET_KEY", "DATABASES", "could not connect"):
        assert leak not in text
    assert response["Cache-Control"] == "no-store"


@pytest.mark.urls("tests.apps.web.failing_urls")
@pytest.mark.parametrize("status", sorted(PATHS))
@pytest.mark.parametrize(("language", "titles"), [("en", ENGLISH), ("es", SPANISH)])
def test_error_pages_are_branded_and_translated(quiet_client, db, status, language, titles):
    response = quiet_client.get(PATHS[status], HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status
    assert response["Content-Language"] == language
    _assert_branded(response, titles[status])


@pytest.mark.urls("tests.apps.web.failing_urls")
@pytest.mark.parametrize("path", ["/fail/db/", "/fail/db-interface/"])
def test_database_errors_answer_503_with_retry_after(quiet_client, db, path):
    response = quiet_client.get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


@pytest.mark.urls("tests.apps.web.failing_urls")
def test_api_errors_answer_json(quiet_client, db):
    """The API's one error body, whoever answers: the 503 of a database outage (with
    Retry-After), the 404 of an unknown address, the 500 of a crash (no traceback)."""
    response = quiet_client.get("/api/fail/db/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("unavailable", None) and "database" in error["message"]
    missing = quiet_client.get("/api/no-such-endpoint")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert set(missing.json()) == {"error"} and set(missing.json()["error"]) == {"code", "message", "field"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40))
def test_any_unknown_address_gets_the_branded_404(quiet_client, db, tail):
    response = quiet_client.get("/no-such-page/" + tail.replace("?", "").replace("#", ""))
    assert response.status_code == 404
    _assert_branded(response, "Page not found")


def test_csrf_failure_is_a_branded_403(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    _assert_branded(response, "This form has expired")


def _refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')


@pytest.fixture
def database_down(db):
    """Every new query fails as when the server is unreachable (undone before the database teardown)."""
    with mock.patch.object(connection, "ensure_connection", _refuse):
        yield


@pytest.mark.parametrize("path", ["/api/health", "/healthz", "/health/"])
def test_health_endpoints_check_the_database(client, db, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/health", "/healthz", "/health/"])
def test_health_endpoints_answer_503_while_the_database_is_down(client, db, database_down, path):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_api_health_says_why(client, db, database_down):
    assert client.get("/api/health").json()["status"] == "database unavailable"


@pytest.mark.parametrize("path", ["/clinic/", "/clinic/patients/", "/trials/", "/admin/", "/no-such-page/"])
@pytest.mark.parametrize(("language", "title"), [("en", ENGLISH[503]), ("es", SPANISH[503])])
def test_pages_answer_the_branded_503_while_the_database_is_down(clinician, db, path, language, title):
    client = Client(raise_request_exception=False)
    client.force_login(clinician)
    client.cookies["django_language"] = language
    with mock.patch.object(connection, "ensure_connection", _refuse):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    _assert_branded(response, title)


def test_an_unreachable_postgres_server_gives_503_quickly(tmp_path):
    """A real outage: PostgreSQL on a closed port of this machine, in a fresh process."""
    code = """
import django, json, time
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a" * 32  # a signed-in browser: its session is read from the database
out = {}
start = time.monotonic()
for path in ["/api/health", "/healthz", "/clinic/", "/trials/", "/accounts/login/"]:
    r = client.get(path)
    out[path] = [r.status_code, r.get("Retry-After"), "Traceback" in r.content.decode()]
out["seconds"] = time.monotonic() - start
print(json.dumps(out))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG", "SECRET_KEY"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "synovia.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/synovia",
            "SYNOVIA_VAR_DIR": str(tmp_path),
            "ALLOWED_HOSTS": "testserver",
        }
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    import json

    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result.pop("seconds") < 60
    for path, (status, retry_after, traceback) in result.items():
        assert (status, retry_after, traceback) == (503, "30", False), path
