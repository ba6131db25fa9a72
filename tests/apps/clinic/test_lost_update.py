"""Two people editing one record: the second, stale save is refused with a message and the
first change is kept (optimistic concurrency on a ``version`` column). Editing a visit's
inputs recomputes its stored scores."""

from __future__ import annotations

import datetime as dt
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.clinic import services
from synovia.clinic.models import (
    AdverseEvent,
    Consent,
    Evaluation,
    Imaging,
    Infusion,
    LabResult,
    Medication,
    Patient,
    TreatmentProgram,
    Visit,
)
from synovia.clinic.scoring import compute_scores

pytestmark = pytest.mark.django_db

VERSIONED = (
    Patient,
    Visit,
    LabResult,
    AdverseEvent,
    Consent,
    TreatmentProgram,
    Infusion,
    Imaging,
    Evaluation,
    Medication,
)


class _FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._option: str | None = None
        self._text = ""

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self._add(name, a.get("value", "on") or "on")
            else:
                self._add(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self._option = a.get("value")
            self._text = ""
            if self._option is not None:
                self._add(self._select, self._option)
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, unescape(self._text).removeprefix("\n"))
            self._textarea = None


def _change_form(client, obj) -> tuple[str, dict[str, list[str]]]:
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index(f'id="{meta.model_name}_form"')
    parser = _FormFields()
    parser.feed(body[start : body.index("</form>", start)])
    return url, {**parser.data, "_save": ["Save"]}


@pytest.fixture
def record(treated_patient, clinician):
    """One of every edited kind on one treated patient."""
    p = treated_patient
    services.lab_record(
        patient=p, by=clinician, test="crp", value=4.0, unit="mg/L", collected_on=p.referred_on
    )
    services.imaging_record(
        patient=p, by=clinician, taken_on=p.referred_on, steinbrocker_stage=2, erosions=True
    )
    services.adverse_event_record(
        patient=p,
        by=clinician,
        term="Headache",
        grade=1,
        serious=False,
        relatedness="possible",
        onset=p.referred_on,
        outcome="recovered",
        action_taken="none",
    )
    services.medication_add(patient=p, by=clinician, drug_class="csdmard", name="Methotrexate")
    return p


# (model, admin page's object, field edited by the first person, by the second)
EDITS = {
    "patient": (Patient, lambda p: p, "other_comorbidities", "asthma", "diabetes"),
    "visit": (Visit, lambda p: p.visits.first(), "esr_mm_h", "20", "90"),
    "lab": (LabResult, lambda p: p.lab_results.first(), "ref_high", "6", "9"),
    "adverse_event": (AdverseEvent, lambda p: p.adverse_events.first(), "term", "Migraine", "Nausea"),
    "program": (TreatmentProgram, lambda p: p.programs.first(), "interval_weeks", "6", "8"),
    "infusion": (Infusion, lambda p: p.infusions.first(), "lot", "LOT-A", "LOT-B"),
    "imaging": (Imaging, lambda p: p.imaging.first(), "sharp_vdh", "10", "20"),
    "evaluation": (Evaluation, lambda p: p.evaluations.first(), "reason", "first reason", "second reason"),
    "consent_inline": (Patient, lambda p: p, "consents-0-text_version", "2.0", "3.0"),
    "medication_inline": (Patient, lambda p: p, "medications-0-name", "Leflunomide", "Sulfasalazine"),
}


def _stored(model, obj, field: str) -> str:
    if field.startswith("consents-"):
        return obj.consents.order_by("scope", "-given_at").first().text_version
    if field.startswith("medications-"):
        return obj.medications.order_by("started_on").first().name
    return str(getattr(model.objects.get(pk=obj.pk), field))


def _same(stored: str, entered: str) -> bool:
    try:
        return float(stored) == float(entered)
    except ValueError:
        return stored == entered


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_stale_admin_save_is_refused_and_the_first_change_kept(client, admin_user, record, name) -> None:
    model, pick, field, first, second = EDITS[name]
    obj = pick(record)
    client.force_login(admin_user)
    url, alice = _change_form(client, obj)
    _, bob = _change_form(client, obj)
    assert client.post(url, {**alice, field: [first]}).status_code == 302
    response = client.post(url, {**bob, field: [second]})
    assert response.status_code == 200
    assert "Someone else saved" in response.content.decode()
    assert _same(_stored(model, obj, field), first)


def test_a_fresh_admin_save_after_a_reload_goes_through(client, admin_user, record) -> None:
    visit = record.visits.first()
    client.force_login(admin_user)
    url, form = _change_form(client, visit)
    assert client.post(url, {**form, "esr_mm_h": ["20"]}).status_code == 302
    url, form = _change_form(client, visit)
    assert client.post(url, {**form, "esr_mm_h": ["25"]}).status_code == 302
    visit.refresh_from_db()
    assert visit.esr_mm_h == 25 and visit.version == 3


def test_an_admin_save_without_the_version_is_refused(client, admin_user, record) -> None:
    client.force_login(admin_user)
    url, form = _change_form(client, record)
    form.pop("seen_version")
    response = client.post(url, {**form, "other_comorbidities": ["asthma"]})
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.other_comorbidities == ""


@pytest.mark.parametrize("model", VERSIONED, ids=lambda m: m.__name__)
def test_every_save_moves_the_version_on(record, model) -> None:
    obj = model.objects.filter(patient=record).first() if model is not Patient else record
    start = type(obj).objects.get(pk=obj.pk).version
    for n in range(1, 4):
        obj.save()
        assert type(obj).objects.get(pk=obj.pk).version == start + n == obj.version


def test_patient_update_refuses_a_stale_version(record, clinician) -> None:
    seen = record.version
    services.patient_update(patient=record, by=clinician, expected_version=seen, other_comorbidities="asthma")
    stale = Patient.objects.get(pk=record.pk)
    stale.version = seen
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.patient_update(patient=stale, by=clinician, expected_version=seen, other_comorbidities="x")
    assert Patient.objects.get(pk=record.pk).other_comorbidities == "asthma"


# Editing a visit's inputs recomputes its scores.


def _scores_of(visit: Visit) -> dict[str, float | None]:
    entered = {k: getattr(visit, k) for k in ("tjc28", "sjc28", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm")}
    entered |= {"pain_cm": visit.pain_cm, "function_cm": visit.function_cm}
    return compute_scores(entered, visit.haq_items).values


def test_an_admin_edit_of_a_visit_recomputes_its_scores(client, admin_user, record) -> None:
    visit = record.visits.first()
    before = visit.das28_esr
    client.force_login(admin_user)
    url, form = _change_form(client, visit)
    form["tender_joints"] = ['["R_WRIST"]']
    assert client.post(url, {**form, "esr_mm_h": ["90"]}).status_code == 302
    visit.refresh_from_db()
    assert visit.esr_mm_h == 90 and visit.tjc28 == 1 and visit.tjc68 == 1
    assert visit.das28_esr != before
    stored = {k: getattr(visit, k) for k in _scores_of(visit)}
    assert stored == _scores_of(visit)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    esr=st.one_of(st.none(), st.floats(1, 150)),
    crp=st.one_of(st.none(), st.floats(0, 300)),
    ptga=st.one_of(st.none(), st.floats(0, 10)),
    ega=st.one_of(st.none(), st.floats(0, 10)),
    tender=st.lists(st.sampled_from(["R_WRIST", "L_WRIST", "R_KNEE", "L_MCP2", "R_PIP3"]), unique=True),
)
def test_visit_update_stores_the_scores_of_its_inputs(record, clinician, esr, crp, ptga, ega, tender) -> None:
    visit = record.visits.first()
    updated = services.visit_update(
        visit=visit,
        by=clinician,
        esr_mm_h=esr,
        crp_mg_l=crp,
        ptga_cm=ptga,
        ega_cm=ega,
        tender_joints=tender,
        visit_date=dt.date(2026, 1, 1),
    )
    stored = Visit.objects.get(pk=updated.pk)
    assert stored.tjc28 == len(tender) == stored.tjc68
    assert {k: getattr(stored, k) for k in _scores_of(stored)} == _scores_of(stored)


def test_visit_update_refuses_a_stale_version(record, clinician) -> None:
    visit = record.visits.first()
    seen = visit.version
    services.visit_update(visit=visit, by=clinician, expected_version=seen, esr_mm_h=50.0)
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.visit_update(visit=visit, by=clinician, expected_version=seen, esr_mm_h=10.0)
    assert Visit.objects.get(pk=visit.pk).esr_mm_h == 50.0


def test_visit_update_changes_only_inputs(record, clinician) -> None:
    with pytest.raises(ValidationError, match="das28_esr"):
        services.visit_update(visit=record.visits.first(), by=clinician, das28_esr=1.0)
