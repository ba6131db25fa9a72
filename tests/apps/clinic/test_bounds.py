"""Bounded input on the clinic's one write path (services) and its forms (issue 9, section 2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from synovia.clinic import services
from synovia.clinic.models import Imaging, Infusion, LabResult, Patient, ScheduledVisit, Visit
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, visit_inputs

FAR_FUTURE, YEAR_ONE = dt.date(9999, 12, 31), dt.date(1, 1, 1)


def _register(clinic, by, **over):
    args = {
        "record_number": "R-1",
        "given_name": "A",
        "family_name": "B",
        "sex": "F",
        "birth_date": dt.date(1970, 1, 1),
        "weight_kg": 60,
        "referred_on": dt.date(2026, 1, 1),
    } | over
    return services.patient_create(clinic=clinic, by=by, **args)


def _program(patient, clinician, **over):
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=dt.date(2026, 1, 10),
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="refractory",
    )
    args = {
        "source": "umbilical_cord",
        "autologous": False,
        "product": "msc",
        "dose_cells_per_kg": 1e6,
        "route": "iv",
    } | over
    return services.program_create(patient=patient, by=clinician, **args)


@pytest.mark.parametrize("birth", [FAR_FUTURE, YEAR_ONE, dt.date(1899, 12, 31)])
def test_patient_with_impossible_birth_date_is_refused(clinic, clinician, birth):
    with pytest.raises(ValidationError, match="birth"):
        _register(clinic, clinician, birth_date=birth)
    assert not Patient.objects.exists()


def test_referral_before_birth_is_refused(clinic, clinician):
    with pytest.raises(ValidationError, match="Referred on"):
        _register(clinic, clinician, birth_date=dt.date(2000, 1, 1), referred_on=dt.date(1999, 1, 1))


def test_patient_update_checks_the_same_bounds(patient, clinician):
    with pytest.raises(ValidationError):
        services.patient_update(patient=patient, by=clinician, birth_date=FAR_FUTURE)
    with pytest.raises(ValidationError):
        services.patient_update(patient=patient, by=clinician, weight_kg=1e308)


@pytest.mark.parametrize("field", ["esr_mm_h", "crp_mg_l", "ptga_cm", "pain_cm"])
@pytest.mark.parametrize("value", [1e308, float("nan"), float("inf"), -1])
def test_visit_with_implausible_numbers_is_refused_even_without_scores(patient, clinician, field, value):
    with pytest.raises(ValidationError) as caught:
        services.visit_record(patient=patient, by=clinician, visit_date=dt.date(2026, 2, 1), **{field: value})
    assert field in caught.value.message_dict
    assert not Visit.objects.exists()


@pytest.mark.parametrize("day", [FAR_FUTURE, YEAR_ONE, dt.date(1970, 4, 30)])
def test_clinical_dates_outside_birth_to_today_are_refused(patient, clinician, day):
    calls = [
        lambda: services.visit_record(patient=patient, by=clinician, visit_date=day, **visit_inputs()),
        lambda: services.lab_record(
            patient=patient, by=clinician, test="crp", value=3, unit="mg/L", collected_on=day
        ),
        lambda: services.imaging_record(
            patient=patient, by=clinician, taken_on=day, steinbrocker_stage=2, erosions=False
        ),
        lambda: services.adverse_event_record(
            patient=patient,
            by=clinician,
            term="Headache",
            grade=1,
            serious=False,
            relatedness="unlikely",
            onset=day,
            outcome="recovered",
            action_taken="none",
        ),
        lambda: services.evaluation_record(
            patient=patient,
            by=clinician,
            evaluated_on=day,
            contraindications=NO_CONTRAINDICATIONS,
            candidate=True,
            reason="x",
        ),
        lambda: services.medication_add(
            patient=patient, by=clinician, drug_class="csdmard", name="methotrexate", started_on=day
        ),
        lambda: services.consent_record(
            patient=patient,
            by=clinician,
            scope="research",
            text_version="2",
            given_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        ),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert not Visit.objects.exists() and not LabResult.objects.exists() and not Imaging.objects.exists()


def test_dates_up_to_the_configured_margin_are_accepted(patient, clinician, settings):
    settings.SYNOVIA_FUTURE_DATE_MARGIN_DAYS = 3
    soon = timezone.localdate() + dt.timedelta(days=3)
    services.lab_record(patient=patient, by=clinician, test="crp", value=3, unit="mg/L", collected_on=soon)
    settings.SYNOVIA_FUTURE_DATE_MARGIN_DAYS = 0
    with pytest.raises(ValidationError):
        services.lab_record(
            patient=patient, by=clinician, test="crp", value=3, unit="mg/L", collected_on=soon
        )


@pytest.mark.parametrize(
    ("test", "value", "unit"),
    [
        ("il6", 1e308, "pg/mL"),
        ("treg", 500, "%"),
        ("esr", 250, "mm/h"),
        ("crp", float("nan"), "mg/L"),
        ("crp", 60, "mg/dL"),
    ],
)
def test_lab_values_outside_the_analytes_plausible_range_are_refused(patient, clinician, test, value, unit):
    with pytest.raises(ValueError, match=r"plausible|finite"):
        services.lab_record(
            patient=patient, by=clinician, test=test, value=value, unit=unit, collected_on=dt.date(2026, 2, 1)
        )
    assert not LabResult.objects.exists()


@pytest.mark.parametrize(("low", "high"), [(10, 1), (-1, 5), (0, -3)])
def test_lab_reference_range_upside_down_or_negative_is_refused(patient, clinician, low, high):
    with pytest.raises(ValueError, match="reference"):
        services.lab_record(
            patient=patient,
            by=clinician,
            test="crp",
            value=3,
            unit="mg/L",
            collected_on=dt.date(2026, 2, 1),
            ref_low=low,
            ref_high=high,
        )
    assert not LabResult.objects.exists()


def test_cell_dose_of_1e308_is_refused_and_total_cells_stays_finite(patient, clinician):
    with pytest.raises(ValidationError, match=r"dose_cells_per_kg|Dose"):
        _program(patient, clinician, dose_cells_per_kg=1e308)


def test_infusion_dates_are_bounded_and_far_future_gives_no_500(client, patient, clinician):
    program = _program(patient, clinician)
    client.force_login(clinician)
    url = reverse("clinic:infusion", args=[patient.pk])
    for day in ("9999-12-31", "0001-01-01"):
        response = client.post(
            url, {"program": program.pk, "given_on": day, "lot": "L1", "dose_cells": "7e7"}
        )
        assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.infusion_record(program=program, by=clinician, given_on=FAR_FUTURE, lot="L", dose_cells=7e7)
    with pytest.raises(ValidationError):
        services.infusion_record(program=program, by=clinician, given_on=YEAR_ONE, lot="L", dose_cells=7e7)
    with pytest.raises(ValidationError):
        services.infusion_record(
            program=program, by=clinician, given_on=dt.date(2026, 1, 20), lot="L", dose_cells=1e308
        )
    assert not Infusion.objects.exists() and not ScheduledVisit.objects.exists()


def test_form_shows_the_range_beside_the_field(client, patient, clinician):
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:lab", args=[patient.pk]),
        {"test": "treg", "value": "500", "unit": "%", "collected_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert "plausible range 0-100" in " ".join(response.context["form"].errors["value"])
    response = client.post(
        reverse("clinic:visit", args=[patient.pk]),
        {"visit_date": "2026-02-01", "kind": "scheduled", "crp": "1e308", "crp_unit": "mg/L"},
    )
    assert response.status_code == 400 and "crp" in response.context["form"].errors
    response = client.post(
        reverse("clinic:lab", args=[patient.pk]),
        {
            "test": "crp",
            "value": "3",
            "unit": "mg/L",
            "collected_on": "2026-02-01",
            "ref_low": "10",
            "ref_high": "1",
        },
    )
    assert response.status_code == 400 and "ref_high" in response.context["form"].errors
    assert not LabResult.objects.exists() and not Visit.objects.exists()


def test_patient_form_refuses_impossible_birth_date_beside_the_field(client, clinician):
    client.force_login(clinician)
    data = {
        "record_number": "R-9",
        "given_name": "A",
        "family_name": "B",
        "sex": "F",
        "birth_date": "9999-12-31",
        "weight_kg": "60",
        "referred_on": "2026-01-01",
        "rf_status": "unknown",
        "acpa_status": "unknown",
    }
    response = client.post(reverse("clinic:patient_new"), data)
    assert response.status_code == 400 and "birth_date" in response.context["form"].errors
    response = client.post(
        reverse("clinic:patient_new"), data | {"birth_date": "2000-01-01", "referred_on": "1999-01-01"}
    )
    assert response.status_code == 400 and "referred_on" in response.context["form"].errors
    assert not Patient.objects.exists()
