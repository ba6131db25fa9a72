"""Clinic fixtures on top of the shared personas of tests/conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest

from synovia.clinic import services
from synovia.clinic.models import Patient
from synovia.clinic.models.choices import ConsentScope

D0 = dt.date(2026, 1, 15)

NO_CONTRAINDICATIONS = {c: False for c in services.CHECKS}


def make_patient(clinic, by, record_number="R-001", **extra) -> Patient:
    patient = services.patient_create(
        clinic=clinic,
        by=by,
        record_number=record_number,
        given_name="Ana",
        family_name="García",
        sex="F",
        birth_date=dt.date(1970, 5, 1),
        weight_kg=70,
        referred_on=D0 - dt.timedelta(days=60),
        email="ana@example.invalid",
        **extra,
    )
    for scope in (ConsentScope.TREATMENT, ConsentScope.DATA_USE, ConsentScope.RESEARCH):
        services.consent_record(patient=patient, by=by, scope=scope, text_version="1.0")
    return patient


@pytest.fixture
def patient(clinic, clinician, patient_user) -> Patient:
    p = make_patient(clinic, clinician)
    p.user = patient_user
    p.save()
    return p


@pytest.fixture
def other_patient(other_clinic, other_clinician) -> Patient:
    return make_patient(other_clinic, other_clinician, record_number="S-001")


def visit_inputs(**over):
    base = {
        "tender_joints": ["R_WRIST", "L_WRIST", "R_MCP2", "L_KNEE", "R_PIP3"],
        "swollen_joints": ["R_WRIST", "R_MCP2", "L_KNEE"],
        "esr_mm_h": 38.0,
        "crp_mg_l": 12.0,
        "ptga_cm": 6.5,
        "ega_cm": 5.5,
        "pain_cm": 6.0,
        "function_cm": 4.0,
    }
    return {**base, **over}


@pytest.fixture
def treated_patient(patient, clinician) -> Patient:
    """A patient through evaluation, program and first infusion on D0."""
    services.visit_record(
        patient=patient, by=clinician, visit_date=D0 - dt.timedelta(days=5), kind="baseline", **visit_inputs()
    )
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=D0 - dt.timedelta(days=4),
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="Active refractory RA after 3 bDMARDs",
    )
    program = services.program_create(
        patient=patient,
        by=clinician,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=2,
        interval_weeks=4,
    )
    services.infusion_record(program=program, by=clinician, given_on=D0, lot="LOT-1", dose_cells=7e7)
    patient.refresh_from_db()
    return patient
