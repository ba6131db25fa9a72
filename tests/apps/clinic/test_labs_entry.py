"""Labs entered in any accepted unit are stored converted, with what was entered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from synovia.clinic import services
from synovia.core.labs import LabUnitError

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 10)


def test_crp_in_mg_dl_is_stored_in_mg_l(patient, clinician) -> None:
    lab = services.lab_record(
        patient=patient, by=clinician, test="crp", value=1.2, unit="mg/dL", collected_on=DAY, ref_high=0.5
    )
    assert (lab.value, lab.unit, lab.code) == (12.0, "mg/L", "1988-5")
    assert (lab.entered_value, lab.entered_unit) == (1.2, "mg/dL")
    assert lab.ref_high == pytest.approx(5.0)


def test_creatinine_and_haemoglobin_convert(patient, clinician) -> None:
    creat = services.lab_record(
        patient=patient, by=clinician, test="creat", value=1.0, unit="mg/dL", collected_on=DAY
    )
    hgb = services.lab_record(
        patient=patient, by=clinician, test="hgb", value=12.5, unit="g/dL", collected_on=DAY
    )
    assert creat.value == pytest.approx(88.4)
    assert hgb.value == pytest.approx(125.0)


def test_unknown_unit_is_refused(patient, clinician) -> None:
    with pytest.raises(LabUnitError):
        services.lab_record(patient=patient, by=clinician, test="crp", value=1, unit="g/L", collected_on=DAY)


def test_lab_page_shows_refusal(client, clinician, patient) -> None:
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:lab", kwargs={"pk": patient.pk}),
        {"test": "crp", "value": "1", "unit": "furlongs", "collected_on": "2026-01-10"},
    )
    assert response.status_code == 400
    assert "furlongs" in response.content.decode()


def test_cytokine_in_ng_ml_is_stored_in_pg_ml(patient, clinician) -> None:
    lab = services.lab_record(
        patient=patient, by=clinician, test="il6", value=0.02, unit="ng/mL", collected_on=DAY
    )
    assert lab.value == pytest.approx(20.0)
    assert lab.unit == "pg/mL"
