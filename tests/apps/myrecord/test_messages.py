"""Secure messages between a patient and their clinic's care team: scoped, audited, bounded,
idempotent; the e-mail says only that there is a new message."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from synovia.access.models import AuditEvent
from synovia.myrecord.models import Message, Thread

pytestmark = pytest.mark.django_db


def _start(client, subject="Question about my knee", body="It is swollen since Tuesday.", key="t" * 20):
    return client.post(
        reverse("myrecord:messages"), {"subject": subject, "body": body, "idempotency_key": key}
    )


def test_patient_writes_staff_see_unread_and_answer(
    client, patient_user, clinician, coordinator, treated_patient, django_capture_on_commit_callbacks
):
    client.force_login(patient_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _start(client)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "myrecord:thread", args=[thread.pk]
    )
    # the staff e-mail: no name, no record number, no subject, no text of the message
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert set(sent.to) == {clinician.email, coordinator.email}
    for secret in ("García", "R-001", "knee", "swollen", treated_patient.pseudonym):
        assert secret not in sent.subject + sent.body
    assert reverse("myrecord:care_inbox") in sent.body

    client.force_login(clinician)
    worklist = client.get(reverse("clinic:worklist")).content.decode()
    assert "1 unread message from patients" in worklist
    # the last id, not a count: a PostgreSQL sequence does not rewind with a test's rollback
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page = client.get(reverse("myrecord:care_thread", args=[thread.pk])).content.decode()
    assert "It is swollen since Tuesday." in page
    read = AuditEvent.objects.filter(pk__gt=before, action="read").get()
    assert read.purpose == "care thread" and read.subjects.filter(patient=treated_patient).exists()
    assert "0 unread" not in client.get(reverse("clinic:worklist")).content.decode()
    assert "No unread message from patients." in client.get(reverse("clinic:worklist")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("myrecord:care_thread", args=[thread.pk]),
            {"body": "Please come on Friday.", "idempotency_key": "r" * 20},
        )
    assert mail.outbox[-1].to == [patient_user.email]
    assert "Friday" not in mail.outbox[-1].body
    client.force_login(patient_user)
    assert "1 new" in client.get(reverse("myrecord:messages")).content.decode()
    assert (
        "Please come on Friday." in client.get(reverse("myrecord:thread", args=[thread.pk])).content.decode()
    )
    assert AuditEvent.objects.filter(action="create", purpose="message").count() == 2


def test_a_double_submit_sends_one_message(client, patient_user, treated_patient):
    client.force_login(patient_user)
    _start(client)
    _start(client)
    assert Thread.objects.count() == 1 and Message.objects.count() == 1


@pytest.mark.parametrize(
    "subject,body",
    [("", "text"), ("subject", ""), ("s" * 121, "text"), ("subject", "x" * 2001), ("ok", "bad\x00nul")],
)
def test_bad_messages_are_refused(client, patient_user, treated_patient, subject, body):
    client.force_login(patient_user)
    response = _start(client, subject=subject, body=body)
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_other_patients_and_other_clinics_cannot_open_a_thread(
    client, patient_user, other_patient_user, other_clinician, researcher, treated_patient
):
    client.force_login(patient_user)
    _start(client)
    thread = Thread.objects.get()
    for user, name in [
        (other_patient_user, "myrecord:thread"),
        (other_clinician, "myrecord:care_thread"),
    ]:
        client.force_login(user)
        assert client.get(reverse(name, args=[thread.pk])).status_code == 404
        response = client.post(reverse(name, args=[thread.pk]), {"body": "hi", "idempotency_key": "z" * 20})
        assert response.status_code == 404
    client.force_login(researcher)
    assert client.get(reverse("myrecord:care_thread", args=[thread.pk])).status_code == 403
    assert Message.objects.count() == 1
    client.force_login(other_clinician)
    assert "No unread message from patients." in client.get(reverse("clinic:worklist")).content.decode()


def test_staff_start_a_thread_with_a_linked_patient(client, clinician, patient_user, treated_patient):
    client.force_login(clinician)
    response = client.post(
        reverse("myrecord:care_patient", args=[treated_patient.pk]),
        {"subject": "Your results", "body": "All fine.", "idempotency_key": "s" * 20},
    )
    assert response.status_code == 302
    client.force_login(patient_user)
    assert "Your results" in client.get(reverse("myrecord:messages")).content.decode()
