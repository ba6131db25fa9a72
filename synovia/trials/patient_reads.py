"""Reads of patient records for trial matching, all through the one door (audited).

The trial pages and the ``trials screen --database`` command take patients from here only;
each function is one audited read naming every patient it returns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from synovia.access import door
from synovia.access.models import Action
from synovia.clinic.models import Evaluation, Imaging, LabResult, Medication, Patient, Visit
from synovia.core.eligibility.facts import PatientFacts, facts_from_record
from synovia.trials.clinic_facts import FAMILY_FIELDS, ORDER, PATIENT_FIELDS, facts_of, with_related


def screen_cohort(who: door.Principal, *, registry_id: str, export: bool = False) -> list[Patient]:
    """Every patient in ``who``'s scope, with what matching needs, for one trial's screen."""
    purpose = "trial screen export" if export else "trial screen"
    action = Action.EXPORT if export else Action.READ
    with door.reading(who, purpose, action=action, detail=registry_id) as read:
        return read.patients(with_related(Patient.objects.select_related("clinic").order_by("id")))


def own_record(who: door.Principal, patient_id: int) -> Patient:
    """A signed-in patient's own record, with what matching needs."""
    with door.reading(who, "own trial matches") as read:
        return read.patient(patient_id, with_related(Patient.objects.all()))


class NoPatients(LookupError):
    """The clinic code names no clinic with patients."""


@contextmanager
def database_cohort(who: door.Principal, *, clinic_code: str | None) -> Iterator[Iterator[Patient]]:
    """Every patient in scope (optionally of one clinic), streamed in chunks; one export event
    names them all when the block ends."""
    patients = Patient.objects.order_by("id")
    if clinic_code:
        patients = patients.filter(clinic__code=clinic_code)
        if not patients.exists():
            raise NoPatients(f"no patients for clinic code {clinic_code!r}")
    detail = f"clinic {clinic_code}" if clinic_code else "all clinics"
    with door.reading(who, "trial screen", action=Action.EXPORT, detail=detail) as read:
        restricted = with_related(patients.filter(pk__in=read.allowed.values("pk")))

        def stream() -> Iterator[Patient]:
            for patient in restricted.iterator(chunk_size=2000):
                read.note([patient.pk])
                yield patient

        yield stream()


# -- the set-based read of a whole registry -------------------------------------------------

CHUNK_PATIENTS = 5000
_FAMILIES = {
    "visits": Visit,
    "labs": LabResult,
    "medications": Medication,
    "evaluations": Evaluation,
    "images": Imaging,
}
_Row = {name: NamedTuple(f"{name}_row", [(f, Any) for f in fields]) for name, fields in FAMILY_FIELDS.items()}
_PatientRow = NamedTuple("_PatientRow", [(f, Any) for f in PATIENT_FIELDS])


class CohortFacts(NamedTuple):
    pseudonym: str
    facts: PatientFacts
    notes: list[str]


@contextmanager
def database_facts(
    who: door.Principal, *, clinic_code: str | None, today: dt.date
) -> Iterator[Iterator[CohortFacts]]:
    """The validated facts of every patient in scope (optionally of one clinic), built
    set-based: per chunk of patients, one query per family of rows (visits, labs,
    medications, evaluations, imaging) fetching only the columns the facts need, as plain
    rows for the same ``facts_of`` that reads one patient's page. Memory stays bounded by the
    chunk; one export event names every patient when the block ends."""
    patients = Patient.objects.order_by("id")
    if clinic_code:
        patients = patients.filter(clinic__code=clinic_code)
        if not patients.exists():
            raise NoPatients(f"no patients for clinic code {clinic_code!r}")
    detail = f"clinic {clinic_code}" if clinic_code else "all clinics"
    with door.reading(who, "trial screen", action=Action.EXPORT, detail=detail) as read:
        ids = list(patients.filter(pk__in=read.allowed.values("pk")).values_list("pk", flat=True))

        def stream() -> Iterator[CohortFacts]:
            for start in range(0, len(ids), CHUNK_PATIENTS):
                chunk = ids[start : start + CHUNK_PATIENTS]
                read.note(chunk)
                yield from _chunk_facts(chunk, today)

        yield stream()


def _chunk_facts(chunk: list[int], today: dt.date) -> Iterator[CohortFacts]:
    rows: dict[str, dict[int, list[Any]]] = {}
    for family, model in _FAMILIES.items():
        by_patient: dict[int, list[Any]] = defaultdict(list)
        make = _Row[family]._make
        fields = FAMILY_FIELDS[family]
        found = model._default_manager.filter(patient_id__in=chunk).order_by("patient_id", *ORDER[family])
        for values in found.values_list("patient_id", *fields).iterator(chunk_size=20000):
            by_patient[values[0]].append(make(values[1:]))
        rows[family] = by_patient
    people = Patient.objects.filter(pk__in=chunk).order_by("id").values_list(*PATIENT_FIELDS)
    for values in people.iterator(chunk_size=5000):
        patient = _PatientRow._make(values)
        pid = patient.id
        found = facts_of(patient, today=today, **{family: rows[family].get(pid, ()) for family in _FAMILIES})
        facts, notes = facts_from_record(found)
        yield CohortFacts(patient.pseudonym, facts, notes)
