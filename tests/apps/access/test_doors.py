"""Defects found on a running instance, each fixed at the one door (regression tests)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from synovia.access.models import AuditEvent
from synovia.accounts.models import Role
from synovia.accounts.services import user_assign_role
from synovia.clinic import services
from synovia.clinic.models import Alert

pytestmark = pytest.mark.django_db


def _serious(patient, by):
    return services.adverse_event_record(
        patient=patient,
        by=by,
        term="Pneumonia",
        grade=3,
        serious=True,
        serious_criteria=["hospitalisation"],
        relatedness="possible",
        onset=patient.referred_on,
        outcome="recovering",
        action_taken="none",
    )


def test_a_coordinator_moved_to_another_clinic_no_longer_sees_old_alerts(
    client, patient, coordinator, clinician, other_clinic
) -> None:
    _serious(patient, clinician)
    client.force_login(coordinator)
    assert patient.record_number in client.get(reverse("clinic:worklist")).content.decode()
    alert = Alert.objects.get(recipient=coordinator)
    user_assign_role(user=coordinator, role=Role.COORDINATOR, clinic=other_clinic)
    body = client.get(reverse("clinic:worklist")).content.decode()
    assert patient.record_number not in body and "Pneumonia" not in body
    assert client.post(reverse("clinic:alert_read", args=[alert.pk])).status_code == 404


def test_role_and_clinic_changes_keep_history(coordinator, other_clinic, admin_user) -> None:
    user_assign_role(user=coordinator, role=Role.COORDINATOR, clinic=other_clinic, by=admin_user)
    latest, previous = coordinator.history.all()[:2]
    assert latest.clinic_id == other_clinic.pk and previous.clinic_id != other_clinic.pk
    assert latest.history_user == admin_user
    assert not hasattr(latest, "password")


def test_the_patient_search_term_never_travels_in_a_url(client, patient, clinician) -> None:
    client.force_login(clinician)
    response = client.post(reverse("clinic:patient_list"), {"q": patient.family_name})
    assert response.status_code == 302
    assert patient.family_name not in response["Location"]
    page = client.get(response["Location"])
    assert patient.record_number in page.content.decode()
    assert patient.family_name not in page.wsgi_request.get_full_path()
    read = AuditEvent.objects.filter(user=clinician, purpose="patient list").latest("id")
    assert read.detail == "search" and read.subjects.filter(patient=patient).exists()
    cleared = client.post(reverse("clinic:patient_list"), {"clear": "1"})
    assert client.get(cleared["Location"]).status_code == 200
    assert "clinic_patient_search" not in client.session


def test_a_query_in_the_address_is_ignored(client, patient, other_patient, clinician) -> None:
    client.force_login(clinician)
    body = client.get(reverse("clinic:patient_list") + "?q=zzz-no-match&state=bogus").content.decode()
    assert patient.record_number in body


def test_the_serious_event_email_names_no_patient(
    patient, clinician, coordinator, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _serious(patient, clinician)
    assert mail.outbox
    message = mail.outbox[0]
    text = message.subject + message.body
    for identifier in (patient.record_number, patient.family_name, patient.given_name, patient.pseudonym):
        assert identifier not in text
    assert "Pneumonia" not in text
    assert reverse("clinic:chart", kwargs={"pk": patient.pk}) in message.body


def test_writes_through_a_page_are_audited_with_the_page_and_address(client, patient, clinician) -> None:
    client.force_login(clinician)
    client.post(
        reverse("clinic:transition", kwargs={"pk": patient.pk}), {"to_state": "evaluating", "reason": "start"}
    )
    write = AuditEvent.objects.filter(action="update", subjects__patient=patient).latest("id")
    assert write.user == clinician and write.where == "clinic:transition" and write.source == "127.0.0.1"


def test_the_reminders_command_reads_through_the_door(treated_patient) -> None:
    from synovia.clinic.services.reminders import reminders_send

    slot = treated_patient.scheduled_visits.order_by("target").first()
    reminders_send(today=slot.earliest, lead_days=7)
    read = AuditEvent.objects.get(purpose="due reminders")
    assert read.via == "command" and read.action == "export"
    assert read.subjects.filter(patient=treated_patient).exists()
