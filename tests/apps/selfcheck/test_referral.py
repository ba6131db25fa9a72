"""A referral from sending to the clinic's appointment and the person's answer: consent
required, idempotent, the clinic reads through the door (its own clinic only), every write
audited, the sender sees the status at every step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from synovia.access.models import AuditEvent, AuditSubject
from synovia.clinic.models import Patient
from synovia.selfcheck.models import Referral
from tests.apps.selfcheck.conftest import answer_all

pytestmark = pytest.mark.django_db

PERSON = {
    "given_name": "Ana",
    "family_name": "Referida",
    "birth_date": "1974-03-02",
    "weight_kg": "64.5",
    "email": "ana@example.org",
    "phone": "+34 600 000 000",
    "consent": "on",
    "token": "t" * 24,
}


def _send(client, where, **extra):
    return client.post("/selfcheck/send/", {**PERSON, "site": where.pk, **extra})


def test_sending_needs_explicit_consent(catalog, site):
    client = Client()
    answer_all(client)
    response = _send(client, site, consent="")
    assert response.status_code == 400
    assert Referral.objects.count() == 0 and Patient.objects.count() == 0


def test_sending_registers_a_referred_patient_with_the_answers(catalog, site):
    client = Client()
    answer_all(client)
    response = _send(client, site)
    assert response.status_code == 302 and response["Location"].endswith("/selfcheck/referrals/")
    referral = Referral.objects.get()
    assert referral.patient.state == "referred" and referral.patient.clinic == site.clinic
    assert referral.answers["age"] == {"age": "52"}
    assert referral.facts["age_years"] == 52.0 and referral.facts["crp_mg_l"] == 15.0
    assert AuditSubject.objects.filter(patient_id=referral.patient_id, event__action="create").exists()
    # the same form sent twice is one referral
    _send(client, site)
    assert Referral.objects.count() == 1
    page = client.get("/selfcheck/referrals/").content.decode()
    assert "Waiting for the site to propose an appointment" in page


@pytest.mark.parametrize(
    "bad",
    [
        {"birth_date": "2999-01-01"},
        {"weight_kg": "4000"},
        {"email": "not-mail"},
        {"phone": "call me"},
        {"site": "999999"},
        {"given_name": "x" * 500},
        {"token": "short"},
    ],
)
def test_bad_send_forms_are_refused(catalog, site, bad):
    client = Client()
    answer_all(client)
    assert _send(client, site, **bad).status_code == 400
    assert Referral.objects.count() == 0


def test_the_clinic_proposes_and_the_person_accepts(catalog, site, clinician, other_clinician):
    person = Client()
    answer_all(person)
    _send(person, site)
    referral = Referral.objects.get()
    staff = Client()
    staff.force_login(clinician)
    worklist = staff.get("/clinic/").content.decode()
    assert referral.patient.record_number in worklist
    url = f"/selfcheck/clinic/{referral.pk}/"
    page = staff.get(url)
    assert page.status_code == 200 and "Referida" in page.content.decode()
    assert AuditSubject.objects.filter(
        patient_id=referral.patient_id, event__purpose="selfcheck referral"
    ).exists()
    # another clinic's clinician: not found, nothing shown
    other = Client()
    other.force_login(other_clinician)
    assert other.get(url).status_code == 404
    assert referral.patient.record_number not in other.get("/clinic/").content.decode()
    when = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT10:30")
    assert (
        staff.post(
            url, {"propose": "1", "at": when, "place": "Room 2", "note": "Bring your blood tests"}
        ).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.status == "proposed"
    page = person.get("/selfcheck/referrals/").content.decode()
    assert "Bring your blood tests" in page and "Room 2" in page
    person.post("/selfcheck/referrals/", {"key": referral.key, "answer": "accept"})
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert "You accepted the appointment" in person.get("/selfcheck/referrals/").content.decode()
    assert AuditEvent.objects.filter(action="update", subjects__patient_id=referral.patient_id).count() >= 2


def test_a_past_appointment_and_a_stranger_are_refused(catalog, site, clinician):
    person = Client()
    answer_all(person)
    _send(person, site)
    referral = Referral.objects.get()
    staff = Client()
    staff.force_login(clinician)
    response = staff.post(
        f"/selfcheck/clinic/{referral.pk}/", {"propose": "1", "at": "2001-01-01T10:00", "place": "x"}
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == "referred"
    # someone without the session's key cannot answer for the person
    stranger = Client()
    assert (
        stranger.post("/selfcheck/referrals/", {"key": referral.key, "answer": "decline"}).status_code == 404
    )
    assert "Referida" not in stranger.get("/selfcheck/referrals/").content.decode()


def test_the_person_cannot_accept_before_a_proposal(catalog, site):
    person = Client()
    answer_all(person)
    _send(person, site)
    referral = Referral.objects.get()
    person.post("/selfcheck/referrals/", {"key": referral.key, "answer": "accept"})
    referral.refresh_from_db()
    assert referral.status == "referred"


# The e-mail notice when the site answers --------------------------------------------------


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the services leave for after the commit, as a real request would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def _proposed(staff, referral, **data):
    when = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT10:30")
    body = {"propose": "1", "at": when, "place": "Room 2", "note": "Bring your blood tests", **data}
    return staff.post(f"/selfcheck/clinic/{referral.pk}/", body)


@pytest.mark.parametrize("step", ["propose", "close"])
def test_the_person_is_told_by_email_without_health_data(
    catalog, site, clinician, mailoutbox, settings, step, committed
):
    settings.SYNOVIA_SITE_URL = "https://synovia.example"
    person = Client(HTTP_ACCEPT_LANGUAGE="es")
    answer_all(person)
    committed(_send, person, site, email_updates="on")
    referral = Referral.objects.get()
    assert referral.email_updates is True
    assert mailoutbox == []  # sending tells no one by e-mail
    staff = Client()
    staff.force_login(clinician)
    if step == "propose":
        assert committed(_proposed, staff, referral).status_code == 302
    else:
        url = f"/selfcheck/clinic/{referral.pk}/"
        assert (
            committed(staff.post, url, {"close": "1", "note": "No trial here fits your answers"}).status_code
            == 302
        )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [PERSON["email"]]
    assert "You have a new message on Synovia" in mail.subject
    assert "Tiene un mensaje nuevo en Synovia" in mail.subject
    assert "https://synovia.example/selfcheck/referrals/" in mail.body
    text = mail.subject + mail.body
    referral.refresh_from_db()
    for private in (
        PERSON["given_name"],
        PERSON["family_name"],
        referral.patient.record_number,
        site.clinic.name,
        "Room 2",
        "blood",
        "No trial",
        referral.key,
        "1974",
        "arthritis",
        "artritis",
        str(referral.pk) + "/",
    ):
        assert private not in text, private
    # and the status page still shows the message in the app
    assert ("Room 2" if step == "propose" else "No trial here fits") in person.get(
        "/selfcheck/referrals/"
    ).content.decode()


def test_a_refused_proposal_sends_nothing(catalog, site, clinician, mailoutbox, committed):
    person = Client()
    answer_all(person)
    _send(person, site)
    referral = Referral.objects.get()
    staff = Client()
    staff.force_login(clinician)
    assert committed(_proposed, staff, referral, at="2001-01-01T10:00").status_code == 400
    assert mailoutbox == []


def test_each_proposal_sends_one_notice_and_the_answer_none(catalog, site, clinician, mailoutbox, committed):
    person = Client()
    answer_all(person)
    _send(person, site, email_updates="on")
    referral = Referral.objects.get()
    staff = Client()
    staff.force_login(clinician)
    committed(_proposed, staff, referral)
    committed(person.post, "/selfcheck/referrals/", {"key": referral.key, "answer": "decline"})
    assert len(mailoutbox) == 1  # the person's own answer is not mailed back to them
    committed(_proposed, staff, referral, place="Room 3")
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("step", ["propose", "close"])
def test_no_email_unless_the_person_asked_for_it(catalog, site, clinician, mailoutbox, step, committed):
    """E-mail about an answer is opt-in: the box is off by default and nothing is sent without it."""
    person = Client()
    answer_all(person)
    form = person.get("/selfcheck/send/").content.decode()
    assert 'name="email_updates"' in form and "checked" not in form.split('name="email_updates"')[1][:80]
    committed(_send, person, site)
    referral = Referral.objects.get()
    assert referral.email_updates is False
    staff = Client()
    staff.force_login(clinician)
    if step == "propose":
        assert committed(_proposed, staff, referral).status_code == 302
    else:
        body = {"close": "1", "note": "No trial here fits your answers"}
        assert committed(staff.post, f"/selfcheck/clinic/{referral.pk}/", body).status_code == 302
    assert mailoutbox == []
    # the in-app message is there all the same
    assert ("Room 2" if step == "propose" else "No trial here fits") in person.get(
        "/selfcheck/referrals/"
    ).content.decode()


def test_no_address_no_notice(catalog, site, clinician, mailoutbox):
    from synovia.selfcheck.services import notify_person

    person = Client()
    answer_all(person)
    _send(person, site, email_updates="on")
    referral = Referral.objects.get()
    Patient.objects.filter(pk=referral.patient_id).update(email="")
    referral.refresh_from_db()
    assert notify_person(referral) is False and mailoutbox == []
