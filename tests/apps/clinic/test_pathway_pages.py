"""The whole pathway through the clinic pages, as a clinician does it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from synovia.clinic.models import Patient

pytestmark = pytest.mark.django_db
NO_CI = {
    f"ci_{c}": "absent" for c in ("malignancy", "active_infection", "hbv", "hcv", "hiv", "tb", "pregnancy")
}


def _post(client, name, data, **kw):
    response = client.post(reverse(name, kwargs=kw or None), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_referral_to_completion(client, clinician) -> None:
    client.force_login(clinician)
    _post(
        client,
        "clinic:patient_new",
        {
            "record_number": "N-1",
            "given_name": "Eva",
            "family_name": "Ruiz",
            "sex": "F",
            "birth_date": "1968-03-02",
            "weight_kg": "64.0",
            "referred_on": "2026-01-02",
            "rf_status": "positive",
            "acpa_status": "positive",
        },
    )
    patient = Patient.objects.get(record_number="N-1")
    assert patient.clinic == clinician.clinic
    pk = patient.pk
    for scope in ("treatment", "data_use"):
        _post(client, "clinic:consent", {"scope": scope, "text_version": "2.1"}, pk=pk)
    _post(
        client,
        "clinic:visit",
        {
            "visit_date": "2026-01-10",
            "kind": "baseline",
            "tender_joints": ["R_WRIST", "L_WRIST", "R_MCP2"],
            "swollen_joints": ["R_WRIST"],
            "esr_mm_h": "40",
            "crp_unit": "mg/L",
            "ptga_cm": "7",
            "ega_cm": "6",
        },
        pk=pk,
    )
    _post(
        client,
        "clinic:evaluation",
        {"evaluated_on": "2026-01-12", "candidate": "yes", "reason": "refractory", **NO_CI},
        pk=pk,
    )
    _post(
        client,
        "clinic:imaging",
        {"taken_on": "2026-01-12", "steinbrocker_stage": "2", "erosions": "on"},
        pk=pk,
    )
    _post(
        client,
        "clinic:program",
        {
            "source": "umbilical_cord",
            "autologous": "allo",
            "product": "msc",
            "dose_cells_per_kg": "1000000",
            "route": "iv",
            "planned_infusions": "1",
            "interval_weeks": "4",
        },
        pk=pk,
    )
    program = patient.programs.get()
    assert program.total_cells == pytest.approx(64e6, rel=0.01)
    _post(
        client,
        "clinic:infusion",
        {"program": program.pk, "given_on": "2026-01-20", "lot": "UC-77", "dose_cells": "64000000"},
        pk=pk,
    )
    _post(
        client,
        "clinic:visit",
        {
            "visit_date": "2026-02-22",
            "kind": "scheduled",
            "tender_joints": ["R_WRIST"],
            "esr_mm_h": "20",
            "crp_unit": "mg/L",
            "ptga_cm": "3",
            "ega_cm": "2",
        },
        pk=pk,
    )
    patient.refresh_from_db()
    assert patient.state == "in_follow_up"
    _post(client, "clinic:transition", {"to_state": "completed", "reason": "M12 done"}, pk=pk)
    patient.refresh_from_db()
    assert patient.state == "completed"
    body = client.get(reverse("clinic:chart", kwargs={"pk": pk})).content.decode()
    assert "UC-77" in body and "Steinbrocker" in body


def test_infusion_refused_without_treatment_consent(client, clinician, patient) -> None:
    from synovia.clinic import services

    client.force_login(clinician)
    consent = patient.consents.get(scope="treatment")
    services.consent_withdraw(consent=consent, by=clinician)
    response = client.post(
        reverse("clinic:program", kwargs={"pk": patient.pk}),
        {
            "source": "adipose",
            "autologous": "auto",
            "product": "msc",
            "dose_cells_per_kg": "1000000",
            "route": "iv",
            "planned_infusions": "1",
            "interval_weeks": "4",
        },
    )
    assert response.status_code == 400
    assert "No active consent for: Treatment" in response.content.decode()


def test_researcher_cannot_register_patients(client, researcher) -> None:
    client.force_login(researcher)
    assert client.get(reverse("clinic:patient_new")).status_code == 403
