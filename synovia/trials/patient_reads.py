"""Reads of patient records for trial matching, all through the one door (audited).

The trial pages and the ``trials screen --database`` command take patients from here only;
each function is one audited read naming every patient it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping
from typing import Any, NamedTuple

import polars as pl
from django.db import connection
from django.db.models import Model, Q, QuerySet

from synovia.access import door
from synovia.access.models import Action
from synovia.clinic.bulk import reader
from synovia.clinic.models import Evaluation, Imaging, LabResult, Medication, Patient, Visit
from synovia.trials.clinic_facts import SCHEMA, facts_table, reads_for, typed_frame, with_related


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


# -- the set-based read of many patients ------------------------------------------------------

_FAMILIES: dict[str, type[Model]] = {
    "visits": Visit,
    "labs": LabResult,
    "medications": Medication,
    "evaluations": Evaluation,
    "images": Imaging,
}


class ScopeFacts(NamedTuple):
    """Facts of many patients: ``table`` has ``id``, the label columns asked for, then one
    column per fact; ``notes`` pairs a patient id with a stored value read as unknown."""

    table: pl.DataFrame
    notes: list[tuple[int, str]]


def scope_facts(
    who: door.Principal,
    patients: QuerySet[Patient] | None = None,
    *,
    purpose: str,
    today: dt.date,
    action: str = Action.READ,
    detail: str = "",
    labels: Mapping[str, Any] | None = None,
    facts: Collection[str] | None = None,
) -> ScopeFacts:
    """The facts of every patient of ``patients`` (default: all) in ``who``'s scope, as one
    table: :func:`scope_fact_chunks` put together."""
    chunks = list(
        scope_fact_chunks(
            who,
            patients,
            purpose=purpose,
            today=today,
            action=action,
            detail=detail,
            labels=labels,
            facts=facts,
        )
    )
    return ScopeFacts(
        pl.concat([chunk.table for chunk in chunks]), [note for chunk in chunks for note in chunk.notes]
    )


def scope_fact_chunks(
    who: door.Principal,
    patients: QuerySet[Patient] | None = None,
    *,
    purpose: str,
    today: dt.date,
    action: str = Action.READ,
    detail: str = "",
    labels: Mapping[str, Any] | None = None,
    facts: Collection[str] | None = None,
) -> Iterator[ScopeFacts]:
    """The facts of every patient of ``patients`` (default: all) in ``who``'s scope,
    set-based, one slice of :data:`CHUNK` patients (by id) at a time: the patients in one
    query, then per slice one query per family of rows (visits, labs, medications,
    evaluations, imaging) fetching only the rows and columns the facts need, straight into
    Polars columns. A caller that handles each slice and lets it go (the command's CSV) keeps
    the memory of one slice whatever the size of the registry. At least one slice comes, empty
    when no patient is in scope. One audit event names every patient in scope once the last
    slice has been taken or the caller closes the generator early (``contextlib.closing``):
    an export stopped half-way is on the log all the same.

    ``labels`` adds patient columns (name to Polars type) to each table, e.g. the pseudonym.
    ``facts`` (default: all) names the facts wanted: only the families of rows that state them
    are fetched (:func:`~synovia.trials.clinic_facts.reads_for`); the others stay unknown, and
    so do their notes."""
    extra = dict(labels or {})
    reads = reads_for(facts)
    with door.reading(who, purpose, action=action, detail=detail) as read:
        chosen = Patient.objects.all() if patients is None else patients
        scoped = chosen.filter(pk__in=read.allowed.values("pk"))
        people = _fetch(scoped, SCHEMA["patients"] | extra).sort("id")
        read.note(people["id"].to_list())
        # Each patient's facts depend on their own rows only.
        for start in range(0, max(people.height, 1), CHUNK):
            part = people.slice(start, CHUNK)
            frames = _families(part["id"].to_list(), scoped, reads) if part.height else _empty_families()
            table, notes = facts_table(part, frames, today)
            if extra:
                table = part.select("id", *extra).join(table, on="id", how="left", maintain_order="left")
            try:
                yield ScopeFacts(table, notes)
            except GeneratorExit:
                return  # the caller stopped early: what it was given is audited all the same


CHUNK = 20_000
"""Patients read at once by :func:`scope_facts` (about 60 MB of rows for the synthetic registry)."""


def _families(
    ids: list[int], scoped: QuerySet[Patient], reads: Mapping[str, Mapping[str, Any]]
) -> dict[str, pl.DataFrame]:
    """Each family's rows (only those some wanted fact reads, per ``reads``) of the patients
    ``ids`` (ascending, already read from ``scoped``); a family not read is empty."""
    frames = _empty_families()
    for family, filters in reads.items():
        manager = _FAMILIES[family]._default_manager
        rows = manager.filter(_patient_in(ids, scoped, manager.model), **filters)
        frames[family] = _fetch(rows, SCHEMA[family])
    return frames


def _patient_in(ids: list[int], scoped: QuerySet[Patient], model: type[Model]) -> Any:
    """A filter on a family's ``patient_id`` for the patients ``ids`` of ``scoped``. On
    PostgreSQL the ids themselves, as one array parameter (``= ANY``: one index probe per
    patient, no second pass over the scope, no SQL text growing with the list); elsewhere the
    scope's subquery within the ids' range (no limit on the number of bound parameters)."""
    if connection.vendor != "postgresql":
        return Q(patient_id__in=scoped.values("pk"), patient_id__gte=ids[0], patient_id__lte=ids[-1])
    return reader.ids_condition(ids, table=model._meta.db_table)


def _empty_families() -> dict[str, pl.DataFrame]:
    return {family: pl.DataFrame(schema=SCHEMA[family]) for family in _FAMILIES}


def _fetch(queryset: QuerySet[Any], schema: Mapping[str, Any]) -> pl.DataFrame:
    """The columns of ``schema`` from ``queryset`` as a typed frame: on PostgreSQL through
    ``COPY ... TO STDOUT`` (no Python object per value), elsewhere through the cursor."""
    columns = list(schema)
    sql, params = queryset.order_by().values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            frame = _copy(cursor.cursor, sql, params, schema)
        else:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return typed_frame(frame, schema)


def _copy(cursor: Any, sql: str, params: Any, schema: Mapping[str, Any]) -> pl.DataFrame:
    # Numbers and dates parsed as they are read (PostgreSQL's Infinity and NaN included);
    # booleans ("t"/"f") stay text for typed_frame.
    return reader.copy_csv(
        cursor, sql, params, {c: pl.String if t == pl.Boolean else t for c, t in schema.items()}
    )


def database_facts(
    who: door.Principal, *, clinic_code: str | None, today: dt.date
) -> tuple[pl.DataFrame, list[str]]:
    """The facts of every patient on record (optionally of one clinic) as one batch screen
    table: :func:`database_fact_chunks` put together."""
    chunks = list(database_fact_chunks(who, clinic_code=clinic_code, today=today))
    return pl.concat([frame for frame, _ in chunks]), [note for _, notes in chunks for note in notes]


def database_fact_chunks(
    who: door.Principal, *, clinic_code: str | None, today: dt.date, facts: Collection[str] | None = None
) -> Iterator[tuple[pl.DataFrame, list[str]]]:
    """The facts (``facts``, default all) of every patient on record (optionally of one
    clinic), a slice at a time (:func:`scope_fact_chunks`), each as the batch screen's table
    with the pseudonym as ``patient_id`` and notes naming the pseudonym. One export event.

    :class:`NoPatients` (before any read) when the clinic code names no clinic with patients."""
    patients = Patient.objects.all()
    if clinic_code:
        patients = patients.filter(clinic__code=clinic_code)
        if not patients.exists():
            raise NoPatients(f"no patients for clinic code {clinic_code!r}")
    detail = f"clinic {clinic_code}" if clinic_code else "all clinics"
    chunks = scope_fact_chunks(
        who, patients, purpose="trial screen", today=today, action=Action.EXPORT, detail=detail,
        labels={"pseudonym": pl.String}, facts=facts,
    )  # fmt: skip
    for found in chunks:
        pseudonyms = dict(zip(found.table["id"].to_list(), found.table["pseudonym"].to_list(), strict=True))
        notes = [f"patient {pseudonyms[pid]}: {note}" for pid, note in found.notes]
        frame = found.table.drop("id").rename({"pseudonym": "patient_id"})
        yield frame.select(pl.exclude("patient_id"), "patient_id"), notes
