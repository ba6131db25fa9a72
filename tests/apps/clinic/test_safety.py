"""Adverse events: a serious one alerts the treating clinician and coordinator at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from synovia.clinic import services
from synovia.clinic.models import Alert

pytestmark = pytest.mark.django_db

AE = {
    "term": "Pneumonia",
    "grade": 3,
    "relatedness": "possible",
    "onset": dt.date(2026, 2, 1),
    "outcome": "recovering",
    "action_taken": "treatment_interrupted",
}


def test_serious_event_alerts_clinician_and_coordinator(
    treated_patient, clinician, coordinator, other_clinician, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves on commit
        services.adverse_event_record(
            patient=treated_patient, by=coordinator, serious=True, serious_criteria=["hospitalisation"], **AE
        )
    recipients = set(Alert.objects.values_list("recipient__username", flat=True))
    assert recipients == {clinician.username, coordinator.username}
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {clinician.email, coordinator.email}
    assert "Serious adverse event" in mail.outbox[0].subject


def test_non_serious_event_raises_no_alert(treated_patient, clinician) -> None:
    mail.outbox.clear()
    services.adverse_event_record(patient=treated_patient, by=clinician, serious=False, **{**AE, "grade": 1})
    assert not Alert.objects.exists()
    assert mail.outbox == []


def test_serious_event_needs_a_criterion(treated_patient, clinician) -> None:
    with pytest.raises(ValidationError, match="criterion"):
        services.adverse_event_record(patient=treated_patient, by=clinician, serious=True, **AE)


def test_grade_five_must_be_serious_death(treated_patient, clinician) -> None:
    with pytest.raises(ValidationError, match="grade 5"):
        services.adverse_event_record(
            patient=treated_patient,
            by=clinician,
            serious=True,
            serious_criteria=["hospitalisation"],
            **{**AE, "grade": 5, "outcome": "fatal"},
        )


def test_serious_event_via_page_appears_on_worklist(client, treated_patient, clinician) -> None:
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:adverse_event", kwargs={"pk": treated_patient.pk}),
        {
            **AE,
            "term_code": "lung_infection",
            "onset": "2026-02-01",
            "serious": "on",
            "serious_criteria": ["hospitalisation"],
        },  # the page takes a CTCAE v5.0 term
    )
    assert response.status_code == 302
    body = client.get(reverse("clinic:worklist")).content.decode()
    assert "Lung infection" in body


def test_serious_related_event_blocks_retreatment(treated_patient, clinician) -> None:
    from tests.apps.clinic.conftest import visit_inputs

    services.visit_record(
        patient=treated_patient, by=clinician, visit_date=dt.date(2026, 2, 20), **visit_inputs()
    )
    services.adverse_event_record(
        patient=treated_patient, by=clinician, serious=True, serious_criteria=["hospitalisation"], **AE
    )
    decision = services.retreatment_check(treated_patient, dt.date(2026, 6, 1))
    assert not decision.offered
    assert "serious adverse event related to the cell product" in decision.reasons
