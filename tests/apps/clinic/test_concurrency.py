"""Concurrent writes on one record: real threads, each with its own database connection.

Every service that reads before it writes (a state, a count, an open slot, a consent) runs
with its patient's row locked, so N parallel calls end with one record (or unique numbers)
and the others get a clear message, never a 500. Meaningful only where rows can be locked:
these run in CI's PostgreSQL pass and are skipped on SQLite (which serialises writers).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from synovia.accounts.models import User
from synovia.clinic import services
from synovia.clinic.models import Evaluation, Infusion, Patient, StateChange
from synovia.core.pathway import TransitionError

from .conftest import D0, NO_CONTRAINDICATIONS, make_patient, visit_inputs

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks and concurrent transactions need PostgreSQL (CI's second pass)",
    ),
]


def in_parallel(n: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``n`` threads released together; each result or raised exception."""
    barrier = threading.Barrier(n)
    out: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            out[i] = work(i)
        except Exception as exc:  # the test inspects what each thread raised
            out[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def _errors(results: list[Any]) -> list[Exception]:
    return [r for r in results if isinstance(r, Exception)]


def _messages(errors: list[Exception]) -> list[str]:
    return [" ".join(e.messages) if isinstance(e, ValidationError) else str(e) for e in errors]


def test_parallel_registrations_of_one_record_number_give_one_patient(clinic, clinician) -> None:
    data = {
        "record_number": "R-RACE",
        "given_name": "Eva",
        "family_name": "Ruiz",
        "sex": "F",
        "birth_date": "1975-03-02",
        "weight_kg": "64.0",
        "referred_on": "2026-01-02",
        "rf_status": "positive",
        "acpa_status": "positive",
    }

    def register(_: int) -> tuple[int, str]:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(pk=clinician.pk))
        response = client.post(reverse("clinic:patient_new"), data)
        return response.status_code, response.content.decode()

    results = in_parallel(8, register)
    assert not _errors(results), _errors(results)
    codes = sorted(code for code, _ in results)
    assert codes == [302] + [400] * 7, codes
    assert all("already registered" in body for code, body in results if code == 400)
    assert Patient.objects.filter(record_number="R-RACE").count() == 1


def test_parallel_infusions_get_unique_numbers_up_to_the_plan(clinic, clinician) -> None:
    patient = make_patient(clinic, clinician)
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=D0,
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="refractory",
    )
    program = services.program_create(
        patient=patient,
        by=clinician,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=3,
    )

    def infuse(i: int) -> int:
        fresh = type(program).objects.get(pk=program.pk)
        infusion = services.infusion_record(
            program=fresh, by=clinician, given_on=D0 + dt.timedelta(days=i), lot=f"L{i}", dose_cells=7e7
        )
        return infusion.number

    results = in_parallel(6, infuse)
    numbers = sorted(r for r in results if isinstance(r, int))
    assert numbers == [1, 2, 3]
    errors = _errors(results)
    assert len(errors) == 3 and all(isinstance(e, ValidationError) for e in errors), errors
    assert all("planned" in m for m in _messages(errors))
    assert Infusion.objects.filter(program=program).count() == 3
    assert StateChange.objects.filter(patient=patient, to_state="treated").count() == 1
    assert patient.scheduled_visits.count() == 3


def test_parallel_evaluations_give_one_evaluation(clinic, clinician) -> None:
    patient = make_patient(clinic, clinician)

    def evaluate(_: int) -> Evaluation:
        return services.evaluation_record(
            patient=Patient.objects.get(pk=patient.pk),
            by=clinician,
            evaluated_on=D0,
            contraindications=NO_CONTRAINDICATIONS,
            candidate=True,
            reason="refractory",
        )

    results = in_parallel(4, evaluate)
    errors = _errors(results)
    assert len(errors) == 3 and all(isinstance(e, ValidationError) for e in errors), errors
    assert all("already" in m for m in _messages(errors)), _messages(errors)
    assert Evaluation.objects.filter(patient=patient).count() == 1
    assert StateChange.objects.filter(patient=patient).count() == 2  # referred -> evaluating -> candidate
    patient.refresh_from_db()
    assert patient.state == "candidate"


def test_parallel_transitions_move_the_patient_once(clinic, clinician) -> None:
    patient = make_patient(clinic, clinician)

    def withdraw(_: int) -> Patient:
        return services.patient_transition(
            patient=Patient.objects.get(pk=patient.pk), by=clinician, to_state="withdrawn"
        )

    results = in_parallel(4, withdraw)
    errors = _errors(results)
    assert len(errors) == 3 and all(isinstance(e, TransitionError) for e in errors), errors
    assert StateChange.objects.filter(patient=patient).count() == 1


def test_parallel_visits_fill_one_follow_up_slot_once(clinic, clinician, treated_patient) -> None:
    patient = treated_patient
    day = D0 + dt.timedelta(days=30)

    def record(_: int) -> Any:
        return services.visit_record(
            patient=Patient.objects.get(pk=patient.pk), by=clinician, visit_date=day, **visit_inputs()
        )

    results = in_parallel(4, record)
    assert not _errors(results), _errors(results)
    assert patient.scheduled_visits.filter(label="M1", visit__isnull=False).count() == 1
    assert StateChange.objects.filter(patient=patient, to_state="in_follow_up").count() == 1


def test_a_double_submit_in_parallel_records_once(clinic, clinician) -> None:
    patient = make_patient(clinic, clinician)
    key = "parallel-key-0123456789"

    def submit(_: int) -> Any:
        return services.once(
            user=clinician,
            key=key,
            scope="visit",
            create=lambda: services.visit_record(
                patient=Patient.objects.get(pk=patient.pk),
                by=clinician,
                visit_date=D0,
                kind="baseline",
                **visit_inputs(),
            ),
        )

    results = in_parallel(6, submit)
    assert not _errors(results), _errors(results)
    assert sorted(r.replayed for r in results) == [False] + [True] * 5
    assert len({r.result.pk for r in results}) == 1
    assert patient.visits.count() == 1
