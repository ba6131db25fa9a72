"""The de-identified row export removes each of the 18 HIPAA Safe Harbor identifiers
(45 CFR 164.514(b)(2)(i)(A)-(R)): one test per identifier, on a cohort seeded with sentinel
values of every identifier the registry holds."""

from __future__ import annotations

import datetime as dt
import io
import re

import polars as pl
import pytest
from django.urls import reverse

from synovia.clinic import services
from synovia.clinic.models import Patient
from synovia.core.outcomes import deid
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, make_patient, visit_inputs

pytestmark = pytest.mark.django_db

D0 = dt.date(2026, 1, 15)
NAME, FAMILY, EMAIL, LOT = "Zebedina", "Quillfeatherstone", "zq-sentinel@example.invalid", "LOT-SENTINEL-77"


def _treat(patient, by, *, day: dt.date, lot: str) -> None:
    services.visit_record(
        patient=patient, by=by, visit_date=day - dt.timedelta(days=5), kind="baseline", **visit_inputs()
    )
    services.evaluation_record(
        patient=patient,
        by=by,
        evaluated_on=day - dt.timedelta(days=4),
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="Active refractory RA",
    )
    program = services.program_create(
        patient=patient,
        by=by,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=1,
        interval_weeks=4,
    )
    services.infusion_record(program=program, by=by, given_on=day, lot=lot, dose_cells=7e7)


@pytest.fixture
def exported(client, clinic, clinician, researcher):
    sentinel = make_patient(clinic, clinician, record_number="SENT-7Q4")
    Patient.objects.filter(pk=sentinel.pk).update(
        given_name=NAME, family_name=FAMILY, email=EMAIL, birth_date=dt.date(1931, 2, 14)
    )
    sentinel.refresh_from_db()
    _treat(sentinel, clinician, day=D0, lot=LOT)
    for i in range(6):  # others, so that generalisation has company
        other = make_patient(clinic, clinician, record_number=f"OTHER-{i}")
        _treat(other, clinician, day=D0 + dt.timedelta(days=i), lot=f"LOT-{i}")
    for i in range(4):  # four more over 89, so that the sentinel's age group has company
        old = make_patient(clinic, clinician, record_number=f"OLD-{i}")
        Patient.objects.filter(pk=old.pk).update(birth_date=dt.date(1929 + i, 6, 1))
        _treat(old, clinician, day=D0, lot=f"LOT-OLD-{i}")
    client.force_login(researcher)
    response = client.get(reverse("research:export_rows_csv"))
    assert response.status_code == 200
    text = response.content.decode()
    return {
        "patient": sentinel,
        "text": text,
        "frame": pl.read_csv(io.BytesIO(response.content), infer_schema=False),
    }


def test_export_has_only_the_allowed_columns(exported) -> None:
    assert exported["frame"].columns == list(deid.ROW_COLUMNS)
    assert exported["frame"].height > 0


def test_a_names(exported) -> None:
    text = exported["text"]
    assert NAME not in text and FAMILY not in text and "Ana" not in text and "García" not in text


def test_b_geographic_subdivisions(exported, clinic) -> None:
    assert clinic.city not in exported["text"] and clinic.name not in exported["text"]


def test_c_dates_and_ages_over_89(exported) -> None:
    text, frame = exported["text"], exported["frame"]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no calendar date at all
    assert "1931" not in text and "02-14" not in text
    assert "90+" in frame["age_group"].to_list()
    old = frame.filter(pl.col("age_group") == "90+")
    assert set(old["birth_year"].to_list()) == {"*"}
    assert set(frame["day"].cast(pl.Int64).to_list()) == {-5}  # baseline 5 days before the first infusion


def test_d_e_telephone_and_fax_numbers(exported) -> None:
    assert not re.search(r"\+?\d[\d ()-]{8,}\d", exported["text"].replace(",", " , "))


def test_f_email_addresses(exported) -> None:
    assert "@" not in exported["text"]


def test_g_social_security_numbers(exported) -> None:
    assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", exported["text"])


def test_h_medical_record_numbers(exported) -> None:
    assert (
        "SENT-7Q4" not in exported["text"]
        and "OTHER-" not in exported["text"]
        and "OLD-" not in exported["text"]
    )


def test_i_health_plan_beneficiary_numbers(exported) -> None:
    assert not any("plan" in c or "insur" in c for c in exported["frame"].columns)


def test_j_account_numbers(exported) -> None:
    assert not any("account" in c or "user" in c for c in exported["frame"].columns)


def test_k_certificate_and_licence_numbers(exported) -> None:
    assert not any("licen" in c or "certif" in c for c in exported["frame"].columns)


def test_l_vehicle_identifiers(exported) -> None:
    assert not any("vehicle" in c or "plate" in c for c in exported["frame"].columns)


def test_m_device_identifiers_and_serial_numbers(exported) -> None:
    assert LOT not in exported["text"] and "LOT-" not in exported["text"]


def test_n_urls(exported) -> None:
    assert "http" not in exported["text"] and "www." not in exported["text"]


def test_o_ip_addresses(exported) -> None:
    assert not re.search(r"\b\d{1,3}(\.\d{1,3}){3}\b", exported["text"])


def test_p_biometric_identifiers(exported) -> None:
    assert not any(
        w in c for c in exported["frame"].columns for w in ("finger", "voice", "retina", "biometric")
    )


def test_q_full_face_photographs(exported) -> None:
    assert not any(w in c for c in exported["frame"].columns for w in ("photo", "image", "picture"))


def test_r_other_unique_codes(exported) -> None:
    patient, frame = exported["patient"], exported["frame"]
    text = exported["text"]
    assert patient.pseudonym not in text
    ids = set(frame["row_id"].to_list())
    assert all(re.fullmatch(r"R[BCDFGHJKLMNPQRSTVWXZ]{10}", r) for r in ids)
    assert str(patient.pk) not in ids


def test_quasi_identifiers_leave_no_patient_unique(exported) -> None:
    people = exported["frame"].unique("row_id")
    sizes = people.group_by(["clinic", "sex", "birth_year"]).len()["len"]
    assert sizes.min() >= deid.K
