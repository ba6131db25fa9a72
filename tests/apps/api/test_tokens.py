"""API tokens from the account page and the ``synovia token`` command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from synovia.api import tokens
from synovia.api.models import ApiToken
from tests.apps.api.conftest import TokenClient

pytestmark = pytest.mark.django_db


def test_account_page_creates_a_token_shown_once_and_revokes_it(client, clinician):
    client.force_login(clinician)
    page = client.get("/accounts/")
    assert page.status_code == 200 and b"API tokens" in page.content
    made = client.post("/accounts/", {"name": "EHR bridge", "expires_days": 30})
    assert made.status_code == 200
    row = ApiToken.objects.get(user=clinician)
    secret = made.content.decode().split('class="token-secret">', 1)[1].split("<", 1)[0]
    assert tokens.digest(secret) == row.digest and row.name == "EHR bridge"
    again = client.get("/accounts/")
    assert secret not in again.content.decode() and row.prefix in again.content.decode()
    assert TokenClient(secret).get("/api/patients").status_code == 200
    client.post(f"/accounts/tokens/{row.pk}/revoke/")
    assert TokenClient(secret).get("/api/patients").status_code == 401


def test_nobody_revokes_another_persons_token(client, clinician, other_clinician):
    theirs = tokens.token_create(user=other_clinician)
    client.force_login(clinician)
    assert client.post(f"/accounts/tokens/{theirs.token.pk}/revoke/").status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None


def test_account_page_refuses_a_bad_expiry(client, clinician):
    client.force_login(clinician)
    response = client.post("/accounts/", {"expires_days": 99999})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_account_page_speaks_spanish(client, clinician):
    client.force_login(clinician)
    page = client.get("/accounts/", HTTP_ACCEPT_LANGUAGE="es")
    assert "Tokens de la API" in page.content.decode()


def test_token_command_creates_lists_and_revokes(clinician):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", clinician.username, "--expires", "7", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert tokens.authenticate(secret) is not None
    listing = io.StringIO()
    call_command("token", "list", stdout=listing)
    assert secret[:10] in listing.getvalue() and secret not in listing.getvalue()
    call_command("token", "revoke", secret[:10], stdout=io.StringIO())
    assert tokens.authenticate(secret) is None


@pytest.mark.parametrize(
    "args", [("create", "nobody"), ("create", "{u}", "--expires", "0"), ("revoke",), ("revoke", "syn_zzzzzz")]
)
def test_token_command_refuses_bad_input_with_exit_2(clinician, args):
    args = [a.format(u=clinician.username) for a in args]
    with pytest.raises(CommandError) as raised:
        call_command("token", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 2
