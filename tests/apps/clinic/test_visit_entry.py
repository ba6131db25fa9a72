"""Visit entry: defaults, live scores computed by the core, response against the baseline,
and each error shown once beside its field."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.clinic import scoring, services
from synovia.clinic.models import ScheduledVisit
from synovia.core import measures
from synovia.core.joints import JOINTS_28
from tests.apps.clinic.conftest import visit_inputs

pytestmark = pytest.mark.django_db


def _score(client, patient, data):
    response = client.post(reverse("clinic:visit_score", args=[patient.pk]), data)
    assert response.status_code == 200
    return response.content.decode()


def _value(html: str, name: str) -> str:
    row = re.search(rf'data-score="{name}">(.*?)</tr>', html, re.S)
    assert row, name
    found = re.search(r'class="score-value">([^<]+)<', row.group(1))
    return found.group(1).strip() if found else ""


def test_defaults_today_and_the_visit_that_is_due(client, clinician, patient):
    client.force_login(clinician)
    html = client.get(reverse("clinic:visit", args=[patient.pk])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert re.search(r'<option value="baseline" selected>', html), "a patient without a baseline"
    services.visit_record(patient=patient, by=clinician, visit_date=dt.date(2026, 1, 2), kind="baseline")
    html = client.get(reverse("clinic:visit", args=[patient.pk])).content.decode()
    assert re.search(r'<option value="unscheduled" selected>', html)
    today = timezone.localdate()
    ScheduledVisit.objects.create(
        patient=patient, label="M6", months=6, target=today, earliest=today - dt.timedelta(days=7),
        latest=today + dt.timedelta(days=14),
    )  # fmt: skip
    html = client.get(reverse("clinic:visit", args=[patient.pk])).content.decode()
    assert re.search(r'<option value="scheduled" selected>', html)
    assert "M6" in html


def test_live_scores_are_the_cores(client, clinician, patient):
    client.force_login(clinician)
    data = {"visit_date": "2026-01-10", "kind": "baseline", "esr_mm_h": "38", "crp": "12",
            "crp_unit": "mg/L", "ptga_cm": "6.5", "ega_cm": "5.5",
            "tender_joints": ["R_WRIST", "L_WRIST", "R_MCP2"], "swollen_joints": ["R_WRIST"]}  # fmt: skip
    html = _score(client, patient, data)
    expected = measures.das28_esr(tjc28=3, sjc28=1, esr_mm_h=38, ptga_cm=6.5).value
    assert _value(html, "das28_esr") == f"{expected:.2f}"
    assert _value(html, "cdai") == f"{3 + 1 + 6.5 + 5.5:.1f}"
    assert _value(html, "haq_di") == ""  # no HAQ answered yet
    assert "needs at least 6" in html
    # CRP typed in mg/dL is converted (1 mg/dL = 10 mg/L) before scoring
    mg_dl = _score(client, patient, data | {"crp": "1.2", "crp_unit": "mg/dL"})
    assert _value(mg_dl, "sdai") == _value(html, "sdai")


def test_a_score_waits_for_its_inputs(client, clinician, patient):
    client.force_login(clinician)
    html = _score(client, patient, {"visit_date": "2026-01-10", "kind": "baseline"})
    assert _value(html, "das28_esr") == ""
    assert "ESR" in html and "patient global" in html


def test_follow_up_shows_eular_and_acr_against_the_baseline(client, clinician, patient):
    client.force_login(clinician)
    services.visit_record(patient=patient, by=clinician, visit_date=dt.date(2026, 1, 2), kind="baseline",
                          **visit_inputs())  # fmt: skip
    data = {"visit_date": "2026-03-10", "kind": "unscheduled", "esr_mm_h": "10", "crp": "2",
            "crp_unit": "mg/L", "ptga_cm": "1", "ega_cm": "1", "pain_cm": "1",
            "tender_joints": ["R_WRIST"], "swollen_joints": []}  # fmt: skip
    html = _score(client, patient, data)
    baseline = patient.visits.get()
    current = measures.das28_esr(tjc28=1, sjc28=0, esr_mm_h=10, ptga_cm=1).value
    eular = measures.eular_response(das28_baseline=baseline.das28_esr, das28_current=current)
    assert eular.category == "good"
    assert "good response" in html
    assert "ACR70 met" in html
    assert "Against the baseline of 2026-01-02" in html


def test_the_baseline_itself_shows_no_response(client, clinician, patient):
    client.force_login(clinician)
    html = _score(client, patient, {"visit_date": "2026-01-10", "kind": "baseline"})
    assert "Against the baseline" not in html


def test_scoring_is_for_the_clinics_editors_only(client, other_clinician, patient, researcher):
    client.force_login(other_clinician)
    assert client.post(reverse("clinic:visit_score", args=[patient.pk]), {}).status_code == 404
    client.force_login(researcher)
    assert client.post(reverse("clinic:visit_score", args=[patient.pk]), {}).status_code in {403, 404}
    assert client.get(reverse("clinic:visit_score", args=[patient.pk])).status_code == 405


def test_each_error_is_shown_once_beside_its_field(client, clinician, patient):
    client.force_login(clinician)
    data = {"visit_date": "2026-01-10", "kind": "baseline", "esr_mm_h": "900", "crp_unit": "mg/L",
            "ptga_cm": "11", "idempotency_key": "k" * 32}  # fmt: skip
    response = client.post(reverse("clinic:visit", args=[patient.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("esr_mm_h", "ptga_cm"):
        block = re.search(rf'class="field field-{field}">(.*?)</div>', html, re.S)
        assert block and "errorlist" in block.group(1), field
    messages = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    assert len(messages) == len(set(messages)) == 2


def test_nothing_that_matters_is_preselected(client, clinician, patient):
    client.force_login(clinician)
    html = client.get(reverse("clinic:adverse_event", args=[patient.pk])).content.decode()
    for name in ("relatedness", "outcome"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
        assert select, name
        assert " selected" not in select.group(1).split("</option>", 1)[1], name
    services.visit_record(patient=patient, by=clinician, visit_date=dt.date(2026, 1, 2), kind="baseline")
    chart = client.get(reverse("clinic:chart", args=[patient.pk])).content.decode()
    state = re.search(r'<select name="to_state"[^>]*>(.*?)</select>', chart, re.S)
    assert state and 'value="" selected' in state.group(1).replace("selected>", "selected ")


@settings(max_examples=60, deadline=None)
@given(
    tender=st.sets(st.sampled_from(JOINTS_28)),
    swollen=st.sets(st.sampled_from(JOINTS_28)),
    esr=st.integers(1, 120),
    ptga=st.integers(0, 10),
)
def test_preview_matches_the_stored_scores(tender, swollen, esr, ptga):
    """What the form shows while typing is what the visit stores on save (the same core)."""
    entered = {"tender_joints": sorted(tender), "swollen_joints": sorted(swollen), "esr_mm_h": float(esr),
               "crp_mg_l": None, "ptga_cm": float(ptga), "ega_cm": 3.0, "pain_cm": None,
               "function_cm": None, "haq_items": None}  # fmt: skip
    shown = scoring.preview(entered, None).scores.values
    stored = scoring.compute_scores(
        {"tjc28": len(tender), "sjc28": len(swollen), "esr_mm_h": float(esr), "crp_mg_l": None,
         "ptga_cm": float(ptga), "ega_cm": 3.0, "pain_cm": None, "function_cm": None}, None,
    ).values  # fmt: skip
    assert shown == stored


def test_the_kind_defaults_to_the_slot_whose_window_holds_today(clinic, clinician) -> None:
    """A missed M1 (its window closed) and an open M6: the form says M6 is due, the slot a
    visit saved today is filed into; with no window open, the earliest overdue slot."""
    from synovia.clinic import selectors
    from tests.apps.clinic.conftest import make_patient

    patient = make_patient(clinic, clinician, record_number="DUE-1")
    for label, months, target in (("M1", 1, dt.date(2026, 2, 10)), ("M6", 6, dt.date(2026, 7, 10))):
        ScheduledVisit.objects.create(
            patient=patient, label=label, months=months, target=target,
            earliest=target - dt.timedelta(days=7), latest=target + dt.timedelta(days=14),
        )  # fmt: skip
    assert selectors.due_visit(patient=patient, today=dt.date(2026, 7, 12)).slot.label == "M6"
    assert selectors.due_visit(patient=patient, today=dt.date(2026, 5, 1)).slot.label == "M1"  # overdue
    assert selectors.due_visit(patient=patient, today=dt.date(2026, 2, 12)).slot.label == "M1"
    saved = services.visit_record(
        patient=patient, by=clinician, visit_date=dt.date(2026, 7, 12), kind="scheduled"
    )
    assert saved.label == "M6"
