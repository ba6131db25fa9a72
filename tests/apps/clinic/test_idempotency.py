"""Saving a create form twice records once.

Every create form carries a one-time token (the same key the REST API takes from an
``Idempotency-Key`` header); a repeated submit with it creates nothing new, alerts nobody
again and lands on the first result with a message saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from synovia.clinic import services
from synovia.clinic.models import Alert, Patient, StateChange

from .conftest import NO_CONTRAINDICATIONS

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="idempotency_key" value="([A-Za-z0-9_-]+)"')
NO_CI = {f"ci_{c}": "absent" for c in services.CHECKS}


def _candidate(patient, by) -> None:
    services.evaluation_record(
        patient=patient,
        by=by,
        evaluated_on=patient.referred_on,
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="refractory",
    )


def _scheduled(patient, by) -> int:
    _candidate(patient, by)
    program = services.program_create(
        patient=patient,
        by=by,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=3,
    )
    return program.pk


@dataclass(frozen=True)
class Case:
    """One create form: how to reach it, what to post, what to count."""

    url: str
    data: Callable[[Patient, Any], dict[str, Any]]
    count: Callable[[Patient], int]
    page: str = ""  # the page that renders the form, when not the form's own URL


CASES = {
    "patient": Case(
        "clinic:patient_new",
        lambda p, by: {
            "record_number": "N-77",
            "given_name": "Eva",
            "family_name": "Ruiz",
            "sex": "F",
            "birth_date": "1975-03-02",
            "weight_kg": "64.0",
            "referred_on": "2026-01-02",
            "rf_status": "positive",
            "acpa_status": "positive",
        },
        lambda p: Patient.objects.count(),
    ),
    "consent": Case(
        "clinic:consent",
        lambda p, by: {"scope": "community", "text_version": "2.1"},
        lambda p: p.consents.count(),
    ),
    "visit": Case(
        "clinic:visit",
        lambda p, by: {
            "visit_date": "2026-01-05",
            "kind": "baseline",
            "tender_joints": ["R_WRIST", "L_KNEE"],
            "swollen_joints": ["R_WRIST"],
            "esr_mm_h": "30",
            "crp": "1.2",
            "crp_unit": "mg/dL",
            "ptga_cm": "6",
        },
        lambda p: p.visits.count(),
    ),
    "lab": Case(
        "clinic:lab",
        lambda p, by: {"test": "crp", "value": "12", "unit": "mg/L", "collected_on": "2026-01-10"},
        lambda p: p.lab_results.count(),
    ),
    "adverse_event": Case(
        "clinic:adverse_event",
        lambda p, by: {
            "term_code": "headache",
            "grade": "1",
            "relatedness": "possible",
            "onset": "2026-01-10",
            "outcome": "recovered",
            "action_taken": "none",
        },
        lambda p: p.adverse_events.count(),
    ),
    "imaging": Case(
        "clinic:imaging",
        lambda p, by: {"taken_on": "2026-01-12", "steinbrocker_stage": "2", "erosions": "on"},
        lambda p: p.imaging.count(),
    ),
    "evaluation": Case(
        "clinic:evaluation",
        lambda p, by: {"evaluated_on": "2026-01-12", "candidate": "yes", "reason": "refractory", **NO_CI},
        lambda p: p.evaluations.count(),
    ),
    "program": Case(
        "clinic:program",
        lambda p, by: (
            _candidate(p, by)
            or {
                "source": "umbilical_cord",
                "autologous": "allo",
                "product": "msc",
                "dose_cells_per_kg": "1000000",
                "route": "iv",
                "planned_infusions": "2",
                "interval_weeks": "4",
            }
        ),
        lambda p: p.programs.count(),
    ),
    "infusion": Case(
        "clinic:infusion",
        lambda p, by: {
            "program": _scheduled(p, by),
            "given_on": "2026-01-20",
            "lot": "UC-77",
            "dose_cells": "64000000",
        },
        lambda p: p.infusions.count(),
    ),
    "transition": Case(
        "clinic:transition",
        lambda p, by: {"to_state": "withdrawn", "reason": "moved away"},
        lambda p: StateChange.objects.filter(patient=p).count(),
        page="clinic:chart",
    ),
}


def _url(name: str, patient: Patient) -> str:
    return reverse(name) if name == "clinic:patient_new" else reverse(name, kwargs={"pk": patient.pk})


def _token(client, case: Case, patient: Patient) -> str:
    body = client.get(_url(case.page or case.url, patient)).content.decode()
    found = TOKEN.findall(body)
    assert found, f"no one-time token on {case.page or case.url}"
    return found[-1]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("repeats", [2, 5])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_repeated_submit_records_once(client, patient, clinician, name, repeats) -> None:
    case = CASES[name]
    client.force_login(clinician)
    data = case.data(patient, clinician)
    before = case.count(patient)
    token = _token(client, case, patient)
    first = client.post(_url(case.url, patient), {**data, "idempotency_key": token})
    assert first.status_code == 302, first.content.decode()[:1500]
    assert case.count(patient) == before + 1
    for _ in range(repeats - 1):
        again = client.post(_url(case.url, patient), {**data, "idempotency_key": token})
        assert again.status_code == 302
        assert again["Location"] == first["Location"]
        assert any("already saved" in m for m in _messages(again)), _messages(again)
    assert case.count(patient) == before + 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_create_form_renders_a_fresh_token(client, patient, clinician, name) -> None:
    case = CASES[name]
    client.force_login(clinician)
    case.data(patient, clinician)  # bring the patient to where the form is offered
    assert _token(client, case, patient) != _token(client, case, patient)


def test_two_forms_opened_separately_record_twice(client, patient, clinician) -> None:
    case = CASES["visit"]
    client.force_login(clinician)
    data = case.data(patient, clinician)
    for _ in range(2):
        token = _token(client, case, patient)
        assert client.post(_url(case.url, patient), {**data, "idempotency_key": token}).status_code == 302
    assert patient.visits.count() == 2


def test_a_refused_submit_keeps_its_token_for_the_corrected_one(client, patient, clinician) -> None:
    client.force_login(clinician)
    url = reverse("clinic:lab", kwargs={"pk": patient.pk})
    token = _token(client, CASES["lab"], patient)
    bad = {"test": "crp", "value": "1", "unit": "furlongs", "collected_on": "2026-01-10"}
    refused = client.post(url, {**bad, "idempotency_key": token})
    assert refused.status_code == 400
    assert token in refused.content.decode()  # the re-rendered form carries the same token
    good = {**bad, "unit": "mg/L", "idempotency_key": token}
    assert client.post(url, good).status_code == 302
    assert client.post(url, good).status_code == 302
    assert patient.lab_results.count() == 1


def test_a_token_spent_on_another_form_is_refused(client, patient, clinician) -> None:
    client.force_login(clinician)
    token = _token(client, CASES["lab"], patient)
    lab = CASES["lab"].data(patient, clinician)
    assert client.post(_url("clinic:lab", patient), {**lab, "idempotency_key": token}).status_code == 302
    imaging = CASES["imaging"].data(patient, clinician)
    response = client.post(_url("clinic:imaging", patient), {**imaging, "idempotency_key": token})
    assert response.status_code == 400
    assert "another form" in response.content.decode()
    assert patient.imaging.count() == 0


@pytest.mark.parametrize(
    "token",
    ["x" * 65, "short", "has space in it 1234", "nul\x00byte-0123456789", "ñandú-0123456789abc", "a/b" * 8],
)
def test_a_malformed_token_is_refused_with_a_message(client, patient, clinician, token) -> None:
    client.force_login(clinician)
    data = CASES["visit"].data(patient, clinician)
    response = client.post(_url("clinic:visit", patient), {**data, "idempotency_key": token})
    assert response.status_code == 400
    # A NUL byte is refused before any view by the NUL guard (synovia.web.middleware).
    expected = "NUL character" if "\x00" in token else "form token"
    assert expected in response.content.decode()
    assert patient.visits.count() == 0


def test_a_double_submitted_serious_event_alerts_and_mails_once(
    client, treated_patient, clinician, coordinator, django_capture_on_commit_callbacks
) -> None:
    client.force_login(clinician)
    case = CASES["adverse_event"]
    data = {**case.data(treated_patient, clinician), "grade": "3", "serious": "on"}
    data["serious_criteria"] = ["hospitalisation"]
    token = _token(client, case, treated_patient)
    mail.outbox.clear()
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(case.url, treated_patient), {**data, "idempotency_key": token})
        assert response.status_code == 302
    assert treated_patient.adverse_events.count() == 1
    assert Alert.objects.count() == 2  # the treating clinician and the coordinator, once each
    assert len(mail.outbox) == 1


def test_a_serious_event_mails_only_when_its_transaction_commits(
    treated_patient, clinician, coordinator, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.adverse_event_record(
            patient=treated_patient,
            by=clinician,
            term="Pneumonia",
            grade=3,
            serious=True,
            serious_criteria=["hospitalisation"],
            relatedness="possible",
            onset=treated_patient.referred_on,
            outcome="recovering",
            action_taken="none",
        )
    assert mail.outbox == [] and len(pending) == 1


# The service helper itself: what the REST API will call with its header.


def _lab(patient, by):
    return lambda: services.lab_record(
        patient=patient, by=by, test="crp", value=3.0, unit="mg/L", collected_on=patient.referred_on
    )


def test_once_returns_the_first_result_on_a_repeat(patient, clinician) -> None:
    key = "k" * 32
    first = services.once(user=clinician, key=key, scope="lab", create=_lab(patient, clinician))
    again = services.once(user=clinician, key=key, scope="lab", create=_lab(patient, clinician))
    assert (first.replayed, again.replayed) == (False, True)
    assert again.result == first.result and patient.lab_results.count() == 1


def test_once_keys_belong_to_one_user(patient, clinician, coordinator) -> None:
    key = "shared-key-0123456789"
    for user in (clinician, coordinator):
        assert not services.once(user=user, key=key, scope="lab", create=_lab(patient, user)).replayed
    assert patient.lab_results.count() == 2


def test_once_without_a_key_just_creates(patient, clinician) -> None:
    for _ in range(2):
        services.once(user=clinician, key="", scope="lab", create=_lab(patient, clinician))
    assert patient.lab_results.count() == 2


def test_once_leaves_no_key_behind_when_the_create_is_refused(patient, clinician) -> None:
    key = "refused-key-0123456789"

    def refuse() -> Any:
        raise ValidationError("no")

    with pytest.raises(ValidationError):
        services.once(user=clinician, key=key, scope="lab", create=refuse)
    assert not services.once(user=clinician, key=key, scope="lab", create=_lab(patient, clinician)).replayed
