"""Hostile input over every clinic form and the trials match form and API: 0 server errors,
nothing impossible stored. The test client re-raises any exception a view lets escape, so a
would-be 500 fails the example."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.clinic import forms
from synovia.clinic.models import AdverseEvent, Evaluation, Imaging, LabResult, Patient, Visit
from synovia.core import labs
from synovia.core.bounds import BOUNDS, EARLIEST_BIRTH
from synovia.core.eligibility.facts import FACTS
from tests import fuzzcount
from tests.apps.clinic.conftest import make_patient

HOSTILE = st.sampled_from(
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e308",
        "-1e308",
        "-1",
        "0",
        "1e-320",
        "4" * 400,
        "0001-01-01",
        "9999-12-31",
        "1899-12-31",
        "2026-02-01",
        "\x00",
        "a\x00b",
        "x" * 10_000,
        "Ωμέγα мир 漢字 عربى",
        "\u202eevil",
        "",
        " ",
        "3",
        "mg/L",
        "%",
        "yes",
        "true",
        "[]",
        "{}",
    ]
)
PAGES = {
    "clinic:visit": forms.VisitForm,
    "clinic:lab": forms.LabForm,
    "clinic:adverse_event": forms.AdverseEventForm,
    "clinic:imaging": forms.ImagingForm,
    "clinic:evaluation": forms.EvaluationForm,
    "clinic:consent": forms.ConsentForm,
    "clinic:program": forms.ProgramForm,
}
EXAMPLES = settings(max_examples=fuzzcount.EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


def _fields(form_class) -> list[str]:
    return list(form_class().fields)


def _stored_is_plausible() -> None:
    latest = timezone.localdate() + dt.timedelta(days=1)
    for v in Visit.objects.all():
        assert v.patient.birth_date <= v.visit_date <= latest
        for name in ("esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm", "function_cm"):
            value = getattr(v, name)
            assert value is None or BOUNDS[name].holds(value), (name, value)
    for lab in LabResult.objects.all():
        assert labs.plausible(lab.test, lab.value) and lab.collected_on <= latest
        if lab.ref_low is not None and lab.ref_high is not None:
            assert 0 <= lab.ref_low < lab.ref_high and math.isfinite(lab.ref_high)
    for day in [
        *Imaging.objects.values_list("taken_on", flat=True),
        *AdverseEvent.objects.values_list("onset", flat=True),
        *Evaluation.objects.values_list("evaluated_on", flat=True),
    ]:
        assert EARLIEST_BIRTH <= day <= latest
    for p in Patient.objects.all():
        assert EARLIEST_BIRTH <= p.birth_date <= timezone.localdate()
        assert BOUNDS["weight_kg"].holds(p.weight_kg)


@pytest.fixture
def chart(clinic, clinician):
    return make_patient(clinic, clinician)


@pytest.mark.parametrize("page", sorted(PAGES))
@EXAMPLES
@given(data=st.data())
def test_clinic_forms_survive_hostile_input(client, clinician, chart, page, data):
    names = _fields(PAGES[page])
    post = {name: data.draw(HOSTILE, label=name) for name in names}
    client.force_login(clinician)
    response = client.post(reverse(page, args=[chart.pk]), post)
    assert fuzzcount.count(response.status_code) in (200, 302, 400, 403)
    _stored_is_plausible()


@EXAMPLES
@given(data=st.data())
def test_patient_registration_survives_hostile_input(client, clinician, data):
    post = {name: data.draw(HOSTILE, label=name) for name in _fields(forms.PatientForm)}
    post |= {"record_number": data.draw(st.text(max_size=50), label="record_number").replace("\x00", "")}
    client.force_login(clinician)
    response = client.post(reverse("clinic:patient_new"), post)
    assert fuzzcount.count(response.status_code) in (200, 302, 400)
    _stored_is_plausible()


@EXAMPLES
@given(data=st.data())
def test_trials_match_form_survives_hostile_input(client, catalog, data):
    names = [n for n in FACTS] + [f"{n}__unit" for n in ("crp_mg_l", "hemoglobin_g_l")]
    post = {name: data.draw(HOSTILE, label=name) for name in names if data.draw(st.booleans())}
    response = client.post(reverse("trials:match"), post)
    assert fuzzcount.count(response.status_code) in (200, 400)


JSON_VALUES = st.sampled_from(
    [
        "NaN",
        "Infinity",
        "-Infinity",
        "1e308",
        "1e400",
        "-1",
        "4" * 400,
        "-" + "4" * 400,
        "true",
        "null",
        '"\\u0000"',
        '"' + "x" * 10_000 + '"',
        '"Ωμέγα мир"',
        "[" * 5000 + "]" * 5000,
        "[]",
        "{}",
        '["methotrexate"]',
        "3.5",
        "0",
    ]
)


@EXAMPLES
@given(data=st.data())
def test_api_match_survives_hostile_json(client, catalog, data):
    keys = data.draw(st.lists(st.sampled_from([*FACTS, "unknown_fact"]), max_size=6, unique=True))
    body = "{" + ", ".join(f'"{k}": {data.draw(JSON_VALUES, label=k)}' for k in keys) + "}"
    response = client.post("/api/trials/match", body, content_type="application/json")
    assert fuzzcount.count(response.status_code) in (200, 400, 422)
