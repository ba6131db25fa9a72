import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from synovia.access.models import AuditEvent
from synovia.clinic.models import Medication, Visit
from synovia.trials.clinic_facts import patient_facts, with_related

TRIAL = "NCT01547091"


def test_facts_come_only_from_what_the_record_states(clinic, make_patient):
    patient = make_patient(clinic, "A1", hbv_status="negative")
    Visit.objects.create(
        patient=patient,
        kind="baseline",
        visit_date=dt.date(2026, 2, 1),
        tjc28=8,
        sjc28=5,
        esr_mm_h=40,
        das28_esr=5.6,
    )
    Medication.objects.create(
        patient=patient,
        drug_class="csdmard",
        name="methotrexate",
        started_on=dt.date(2024, 1, 1),
        stopped_on=dt.date(2025, 1, 1),
        stop_reason="inadequate_response",
    )
    facts = patient_facts(
        with_related(type(patient).objects.filter(pk=patient.pk)).get(), dt.date(2026, 6, 1)
    )
    assert facts["sex"] == "female"
    assert facts["age_years"] == pytest.approx(46.4, abs=0.1)
    assert facts["hbv"] is False
    assert "hcv" not in facts and "pregnant" not in facts  # not recorded: unknown, never false
    assert facts["das28_esr"] == 5.6 and facts["tjc28"] == 8.0
    assert facts["failed_csdmards"] == ["methotrexate"]
    assert facts["current_drugs"] == []


def test_clinician_screens_own_clinic_only_and_each_read_is_logged(
    client, catalog, clinician, clinic, other_clinic, make_patient
):
    mine = make_patient(clinic, "MINE-1")
    theirs = make_patient(other_clinic, "THEIRS-1")
    client.force_login(clinician)
    response = client.get(reverse("trials:screen", args=[TRIAL]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "MINE-1" in body and "THEIRS-1" not in body
    assert (
        AuditEvent.objects.filter(user=clinician, subjects__patient=mine, purpose="trial screen").count() == 1
    )
    assert not AuditEvent.objects.filter(subjects__patient=theirs, action="read").exists()


def test_export_lists_verdicts_as_csv(client, catalog, coordinator, clinic, make_patient):
    make_patient(clinic, "MINE-2")
    client.force_login(coordinator)
    response = client.get(reverse("trials:screen_csv", args=[TRIAL]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["record_number"] for r in rows] == ["MINE-2"]
    assert rows[0]["verdict"] in {"possibly_eligible", "not_eligible", "eligible"}
    assert "age_years" not in rows[0]["facts_to_ask_or_measure"]  # age is on record


@pytest.mark.parametrize("persona", ["patient_user", "researcher", "moderator"])
def test_other_roles_cannot_screen(client, catalog, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("trials:screen", args=[TRIAL])).status_code == 403
    assert client.get(reverse("trials:screen_csv", args=[TRIAL])).status_code == 403


def test_anonymous_is_sent_to_login(client, catalog):
    response = client.get(reverse("trials:screen", args=[TRIAL]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
