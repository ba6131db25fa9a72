"""Clinic pages on the whole pathway, refusals shown as messages, synthetic label."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from synovia.clinic.models import Patient

pytestmark = pytest.mark.django_db


def test_refused_transition_shows_a_message(client, clinician, patient) -> None:
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:transition", kwargs={"pk": patient.pk}), {"to_state": "treated"}, follow=True
    )
    body = response.content.decode()
    assert "referred -&gt; treated is not allowed" in body
    patient.refresh_from_db()
    assert patient.state == "referred"


def test_evaluation_page_moves_patient_to_candidate(client, clinician, patient) -> None:
    client.force_login(clinician)
    data = {
        "evaluated_on": "2026-01-05",
        "candidate": "yes",
        "reason": "refractory",
        "large_joints": 2,
        "small_joints": 6,
        "serology": "high_positive",
        "acute_phase_abnormal": "on",
        "duration_weeks": 100,
    }
    data |= {
        f"ci_{c}": "absent"
        for c in ("malignancy", "active_infection", "hbv", "hcv", "hiv", "tb", "pregnancy")
    }
    response = client.post(reverse("clinic:evaluation", kwargs={"pk": patient.pk}), data)
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.state == "candidate"
    # 4-10 small joints 3 + high-positive serology 3 + abnormal APR 1 + >= 6 weeks 1 = 8
    # (Aletaha et al. 2010, table 3)
    assert patient.evaluations.get().acr_eular_score == 8


def test_visit_page_computes_scores(client, clinician, patient) -> None:
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:visit", kwargs={"pk": patient.pk}),
        {
            "visit_date": "2026-01-05",
            "kind": "baseline",
            "tender_joints": ["R_WRIST", "L_KNEE"],
            "swollen_joints": ["R_WRIST"],
            "esr_mm_h": "30",
            "crp": "1.5",
            "crp_unit": "mg/dL",
            "ptga_cm": "6",
            "ega_cm": "5",
            "pain_cm": "6",
            "function_cm": "4",
            "haq_dressing": "1",
            "haq_arising": "1",
            "haq_eating": "0",
            "haq_walking": "1",
            "haq_hygiene": "2",
            "haq_reach": "1",
            "haq_grip": "1",
            "haq_activities": "1",
        },
    )
    assert response.status_code == 302
    visit = patient.visits.get()
    assert visit.crp_mg_l == 15.0
    assert visit.das28_esr is not None and visit.sdai == pytest.approx(2 + 1 + 6 + 5 + 1.5)
    assert visit.haq_di == pytest.approx(1.0)
    chart = client.get(reverse("clinic:chart", kwargs={"pk": patient.pk})).content.decode()
    assert "<svg" in chart


def test_demo_data_small_run_and_synthetic_label(client, db) -> None:
    call_command("demo_data", patients=60, seed=1, no_progress=True)
    assert Patient.objects.filter(synthetic=True).count() == 60
    from synovia.accounts.models import Role, User

    patient = Patient.objects.filter(visits__isnull=False).first()
    staff = User.objects.create_user("c1", role=Role.CLINICIAN, clinic=patient.clinic)
    client.force_login(staff)
    for url in (
        reverse("clinic:worklist"),
        reverse("clinic:patient_list"),
        reverse("clinic:chart", kwargs={"pk": patient.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Synthetic data" in response.content.decode()


def test_demo_data_refuses_to_load_the_same_seed_twice(db) -> None:
    from django.core.management.base import CommandError

    call_command("demo_data", patients=5, seed=9, no_progress=True)
    with pytest.raises(CommandError):
        call_command("demo_data", patients=5, seed=9, no_progress=True)


def test_demo_patient_account_sees_a_synthetic_record(client, db) -> None:
    from synovia.accounts.demo import demo_accounts_ensure, demo_clinic
    from synovia.accounts.models import User
    from synovia.clinic.services import demo_patient_link

    clinic = demo_clinic()
    call_command("demo_data", patients=30, seed=2, no_progress=True)
    demo_accounts_ensure(clinic)
    user = User.objects.get(username="demo-patient")
    patient = demo_patient_link(user)
    assert patient is not None and patient.synthetic
    client.force_login(user)
    body = client.get(reverse("clinic:my_record")).content.decode()
    assert patient.record_number in body and "Synthetic data" in body
