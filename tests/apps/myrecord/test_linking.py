"""Only the clinic links an account to a record: the patient shows a one-time code, staff of
the record's clinic type it on the record they chose. Never self-claimed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from synovia.accounts.models import Role, User
from synovia.clinic.models import Patient
from synovia.myrecord import services
from synovia.myrecord.models import LinkCode
from tests.apps.clinic.conftest import make_patient

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db) -> User:
    return User.objects.create_user(
        username="new@example.invalid",
        email="new@example.invalid",
        password="x-long-password-1",
        role=Role.PATIENT,
    )


@pytest.fixture
def record(clinic, clinician):
    return make_patient(clinic, clinician, record_number="L-100")


def _code(client, user) -> str:
    client.force_login(user)
    page = client.post(reverse("myrecord:link_code")).content.decode()
    return page.split('id="link-code">')[1].split("<")[0]


def test_staff_link_the_account_with_the_code(client, newcomer, clinician, record):
    code = _code(client, newcomer)
    assert len(code.replace("-", "")) == services.CODE_LENGTH
    assert code not in LinkCode.objects.get().code_hash  # only a keyed hash is kept
    client.force_login(clinician)
    response = client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": code.lower()})
    assert response.status_code == 302
    record.refresh_from_db()
    newcomer.refresh_from_db()
    assert record.user == newcomer and newcomer.clinic_id == record.clinic_id
    assert not LinkCode.objects.exists()  # used once
    client.force_login(newcomer)
    assert "García" in client.get(reverse("myrecord:home")).content.decode()


def test_a_wrong_or_expired_code_links_nothing(client, newcomer, clinician, record):
    code = _code(client, newcomer)
    client.force_login(clinician)
    assert (
        client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": "AAAAA-BBBBB"}).status_code
        == 400
    )
    LinkCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": code}).status_code == 400
    record.refresh_from_db()
    assert record.user is None


def test_guessing_is_limited(client, newcomer, clinician, record):
    code = _code(client, newcomer)
    client.force_login(clinician)
    for _ in range(services.ATTEMPTS_PER_HOUR):
        client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": "WRONGCODE1"})
    response = client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": code})
    assert response.status_code == 400 and "Too many" in response.content.decode()
    record.refresh_from_db()
    assert record.user is None


def test_other_clinics_and_patients_cannot_link(client, newcomer, other_clinician, patient_user, record):
    code = _code(client, newcomer)
    client.force_login(other_clinician)
    assert client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": code}).status_code == 404
    client.force_login(patient_user)
    assert client.post(reverse("myrecord:care_link", args=[record.pk]), {"code": code}).status_code == 403
    assert Patient.objects.get(pk=record.pk).user is None


def test_a_linked_account_gets_no_new_code(client, patient_user, patient):
    client.force_login(patient_user)
    response = client.post(reverse("myrecord:link_code"))
    assert response.status_code == 302
    assert not LinkCode.objects.exists()
