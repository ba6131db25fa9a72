"""The care pathway through the services: allowed transitions only, schedule, consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from synovia.clinic import services
from synovia.clinic.models import StateChange
from synovia.core.pathway import TransitionError
from tests.apps.clinic.conftest import D0, NO_CONTRAINDICATIONS, make_patient, visit_inputs

pytestmark = pytest.mark.django_db


def test_whole_pathway_to_follow_up(treated_patient, clinician) -> None:
    assert treated_patient.state == "treated"
    labels = list(treated_patient.scheduled_visits.values_list("label", "target"))
    assert labels == [
        ("M1", dt.date(2026, 2, 15)),
        ("M6", dt.date(2026, 7, 15)),
        ("M12", dt.date(2027, 1, 15)),
    ]
    visit = services.visit_record(
        patient=treated_patient, by=clinician, visit_date=dt.date(2026, 2, 20), **visit_inputs()
    )
    treated_patient.refresh_from_db()
    assert visit.label == "M1"
    assert treated_patient.state == "in_follow_up"
    path = list(StateChange.objects.filter(patient=treated_patient).values_list("to_state", flat=True))
    assert path == ["evaluating", "candidate", "scheduled", "treated", "in_follow_up"]


def test_refuses_transition_not_allowed_and_saves_nothing(patient, clinician) -> None:
    with pytest.raises(TransitionError, match="referred -> treated"):
        services.patient_transition(patient=patient, by=clinician, to_state="treated")
    patient.refresh_from_db()
    assert patient.state == "referred"
    assert not StateChange.objects.filter(patient=patient).exists()


def test_candidate_refused_with_a_contraindication(patient, clinician) -> None:
    with pytest.raises(ValidationError, match="tb"):
        services.evaluation_record(
            patient=patient,
            by=clinician,
            evaluated_on=D0,
            contraindications={**NO_CONTRAINDICATIONS, "tb": True},
            candidate=True,
            reason="x",
        )


def test_every_contraindication_must_be_checked(patient, clinician) -> None:
    with pytest.raises(ValidationError, match="missing"):
        services.evaluation_record(
            patient=patient,
            by=clinician,
            evaluated_on=D0,
            contraindications={"hiv": False},
            candidate=False,
            reason="x",
        )


def test_not_a_candidate_path(patient, clinician) -> None:
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=D0,
        contraindications={**NO_CONTRAINDICATIONS, "hbv": True},
        candidate=False,
        reason="HBsAg positive",
    )
    patient.refresh_from_db()
    assert patient.state == "not_candidate"


def test_no_processing_without_consent(clinic, clinician) -> None:
    bare = services.patient_create(
        clinic=clinic,
        by=clinician,
        record_number="R-9",
        given_name="B",
        family_name="C",
        sex="M",
        birth_date=dt.date(1960, 1, 1),
        weight_kg=80,
        referred_on=D0,
    )
    with pytest.raises(services.ConsentMissing):
        services.visit_record(patient=bare, by=clinician, visit_date=D0, **visit_inputs())


def test_withdrawn_consent_stops_processing(patient, clinician) -> None:
    consent = patient.consents.get(scope="data_use")
    services.consent_withdraw(consent=consent, by=clinician)
    with pytest.raises(services.ConsentMissing):
        services.lab_record(patient=patient, by=clinician, test="crp", value=1, unit="mg/dL", collected_on=D0)


def test_visit_scores_are_computed_by_the_core_with_version(patient, clinician) -> None:
    from synovia.core import measures

    visit = services.visit_record(
        patient=patient, by=clinician, visit_date=D0, kind="baseline", **visit_inputs()
    )
    expected = measures.das28_esr(tjc28=5, sjc28=3, esr_mm_h=38.0, ptga_cm=6.5)
    assert visit.das28_esr == pytest.approx(expected.value, abs=1e-3)
    assert visit.tjc28 == 5 and visit.sjc28 == 3 and visit.tjc68 == 5
    assert visit.cdai == pytest.approx(5 + 3 + 6.5 + 5.5)
    assert visit.measures_version == str(measures.MEASURES_VERSION)


def test_retreatment_refused_before_the_window(treated_patient, clinician) -> None:
    services.visit_record(
        patient=treated_patient, by=clinician, visit_date=dt.date(2026, 2, 20), **visit_inputs()
    )
    with pytest.raises(ValidationError, match="Retreatment is not offered"):
        services.program_create(
            patient=treated_patient,
            by=clinician,
            source="adipose",
            autologous=True,
            product="msc",
            dose_cells_per_kg=1e6,
            route="iv",
            today=dt.date(2026, 3, 1),
        )


def test_retreatment_offered_in_window_with_active_disease(treated_patient, clinician) -> None:
    services.visit_record(
        patient=treated_patient, by=clinician, visit_date=dt.date(2026, 2, 20), **visit_inputs()
    )
    program = services.program_create(
        patient=treated_patient,
        by=clinician,
        source="adipose",
        autologous=True,
        product="msc",
        dose_cells_per_kg=1e6,
        route="intra_articular",
        joint="R_KNEE",
        today=dt.date(2026, 6, 1),
    )
    treated_patient.refresh_from_db()
    assert treated_patient.state == "scheduled"
    with pytest.raises(ValidationError, match="harvest site"):
        services.infusion_record(
            program=program, by=clinician, given_on=dt.date(2026, 6, 2), lot="L2", dose_cells=7e7
        )


def test_second_patient_in_same_clinic_needs_unique_record_number(clinic, clinician) -> None:
    make_patient(clinic, clinician, record_number="R-2")
    with pytest.raises(ValidationError):
        make_patient(clinic, clinician, record_number="R-2")


def test_evaluation_keeps_a_das28_esr_of_zero_instead_of_falling_back_to_crp(patient, clinician) -> None:
    # TJC 0, SJC 0, ESR 1 mm/h, PtGA 0: DAS28-ESR = 0.70*ln(1) = 0.0, a real score; the
    # DAS28-CRP of the same visit (CRP 12 mg/L) is 0.36*ln(13) + 0.96 = 1.88
    services.visit_record(
        patient=patient,
        by=clinician,
        visit_date=D0,
        kind="baseline",
        **visit_inputs(tender_joints=[], swollen_joints=[], esr_mm_h=1.0, ptga_cm=0.0),
    )
    evaluation = services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=D0,
        contraindications=NO_CONTRAINDICATIONS,
        candidate=False,
        reason="remission",
    )
    assert evaluation.das28 == 0.0
