"""Audit trail: every write kept with who/when/what (simple-history); every chart read logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from synovia.access.models import AuditEvent
from synovia.clinic import services

pytestmark = pytest.mark.django_db


def test_create_is_recorded_with_the_author(patient, clinician) -> None:
    created = patient.history.earliest()
    assert created.history_type == "+"
    assert created.history_user == clinician


def test_update_records_what_changed(patient, coordinator) -> None:
    services.patient_update(patient=patient, by=coordinator, weight_kg=72.5)
    latest, previous = patient.history.all()[:2]
    assert latest.history_user == coordinator
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(previous).changes}
    assert "weight_kg" in changes
    assert str(changes["weight_kg"][1]) == "72.5"


def test_delete_is_recorded(patient, clinician) -> None:
    pk = patient.pk
    patient._history_user = clinician
    patient.delete()
    from synovia.clinic.models import Patient

    deleted = Patient.history.filter(id=pk).order_by("-history_date").first()
    assert deleted.history_type == "-"
    assert deleted.history_user == clinician


def test_write_through_a_page_records_the_request_user(client, clinician, patient) -> None:
    client.force_login(clinician)
    client.post(
        reverse("clinic:transition", kwargs={"pk": patient.pk}), {"to_state": "evaluating", "reason": "start"}
    )
    latest = patient.history.latest()
    assert latest.state == "evaluating"
    assert latest.history_user == clinician


def test_visit_and_lab_writes_are_historised(treated_patient, clinician) -> None:
    visit = treated_patient.visits.first()
    assert visit.history.count() == 1
    lab = services.lab_record(
        patient=treated_patient,
        by=clinician,
        test="crp",
        value=1.5,
        unit="mg/dL",
        collected_on=visit.visit_date,
    )
    assert lab.history.get().history_user == clinician


def test_each_chart_read_is_logged(client, clinician, patient) -> None:
    client.force_login(clinician)
    url = reverse("clinic:chart", kwargs={"pk": patient.pk})
    client.get(url)
    client.get(url)
    reads = AuditEvent.objects.filter(subjects__patient=patient, user=clinician, action="read")
    assert reads.count() == 2
    assert reads.first().purpose == "chart"
    assert reads.first().where == "clinic:chart"
    assert reads.first().source == "127.0.0.1"


def test_patient_reading_own_record_is_logged(client, patient_user, patient) -> None:
    client.force_login(patient_user)
    client.get(reverse("clinic:my_record"))
    assert AuditEvent.objects.filter(
        subjects__patient=patient, user=patient_user, purpose="my record"
    ).exists()


def test_denied_read_is_not_logged_as_a_read(client, other_clinician, patient) -> None:
    client.force_login(other_clinician)
    client.get(reverse("clinic:chart", kwargs={"pk": patient.pk}))
    assert not AuditEvent.objects.filter(subjects__patient=patient, user=other_clinician).exists()
