"""Reads of patient records for trial matching, all through the one door (audited).

The trial pages and the ``trials screen --database`` command take patients from here only;
each function is one audited read naming every patient it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from synovia.access import door
from synovia.access.models import Action
from synovia.clinic.models import Patient
from synovia.trials.clinic_facts import with_related


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
