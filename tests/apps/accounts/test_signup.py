"""Sign-up with e-mail confirmation: inactive until the signed link is used, no health data
in the mail, the same answer for a new and a taken address, limited per address."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from synovia.accounts import signup
from synovia.accounts.models import Role, User
from synovia.clinic.models import Patient

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "new.person@example.invalid",
    "password1": "a-long-pass-phrase-9",
    "password2": "a-long-pass-phrase-9",
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_confirm_and_sign_in(client):
    response = client.post(reverse("accounts:signup"), GOOD)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get(username=GOOD["email"])
    assert (user.is_active, user.role, user.clinic_id) == (False, Role.PATIENT, None)
    assert len(mail.outbox) == 1
    path = _link(mail.outbox[0]).split("8000", 1)[-1]
    assert client.get(path).status_code == 200  # shows a button; confirms nothing yet
    user.refresh_from_db()
    assert not user.is_active
    assert client.post(path).status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.post(path).status_code == 400  # a link serves once
    assert client.login(username=GOOD["email"], password=GOOD["password1"])
    # a new account sees no record: only the clinic links one
    assert not Patient.objects.filter(user=user).exists()
    page = client.get(reverse("myrecord:home")).content.decode()
    assert "not linked to a record yet" in page


def test_a_taken_address_gets_the_same_page_and_its_owner_is_told(client, patient_user):
    response = client.post(reverse("accounts:signup"), {**GOOD, "email": patient_user.email.upper()})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_done")
    assert User.objects.filter(email__iexact=patient_user.email).count() == 1
    assert mail.outbox[0].to == [patient_user.email.lower()]
    assert "already has one" in mail.outbox[0].body


def test_expired_and_forged_links_are_refused(client, monkeypatch):
    client.post(reverse("accounts:signup"), GOOD)
    user = User.objects.get(username=GOOD["email"])
    forged = signing.dumps({"u": user.pk}, salt="another-salt")
    assert client.post(reverse("accounts:signup_confirm", args=[forged])).status_code == 400
    token = signup.make_token(user)
    monkeypatch.setattr(signup, "CONFIRM_HOURS", -1)
    assert client.post(reverse("accounts:signup_confirm", args=[token])).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.parametrize(
    "data",
    [
        {**GOOD, "password2": "something-else-1"},
        {**GOOD, "password1": "short", "password2": "short"},
        {**GOOD, "email": "not-an-address"},
        {**GOOD, "email": "a" * 140 + "@example.invalid"},
        {},
    ],
)
def test_bad_sign_ups_are_refused(client, data):
    assert client.post(reverse("accounts:signup"), data).status_code == 400
    assert not User.objects.filter(username=GOOD["email"]).exists()


def test_sign_ups_are_limited_per_address(client):
    for i in range(signup.PER_ADDRESS_PER_HOUR):
        client.post(reverse("accounts:signup"), {**GOOD, "email": f"p{i}@example.invalid"})
    response = client.post(reverse("accounts:signup"), {**GOOD, "email": "late@example.invalid"})
    assert response.status_code == 429
    assert not User.objects.filter(username="late@example.invalid").exists()


def test_the_confirmation_mail_carries_no_health_data(client):
    client.post(reverse("accounts:signup"), GOOD)
    body = mail.outbox[0].subject + mail.outbox[0].body
    for word in ("arthritis", "stem", "record", "trial", "RA "):
        assert word not in body
