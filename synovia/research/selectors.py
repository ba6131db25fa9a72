"""Reads of the outcomes report: one query per family of rows, through the door.

A researcher (or an administrator) reads the de-identified cohort of research-consented
patients (``door.research_cohort``, audited); a clinician or coordinator reads their own
clinic's patients (``door.reading``, audited). Each family (patients, programs, infusions,
visits, adverse events) is one query of plain columns into a Polars frame, restricted to
the same scope; no wide JSON column (homunculi, HAQ answers) is read.
"""

from __future__ import annotations

from typing import Any, cast

import polars as pl
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F, Max, QuerySet
from django.db.models.functions import ExtractYear

from synovia.access import door
from synovia.access.door import Principal
from synovia.access.models import Via
from synovia.accounts.models import Clinic, Role
from synovia.clinic.bulk import reader
from synovia.clinic.models import AdverseEvent, Infusion, Patient, TreatmentProgram, Visit
from synovia.core.outcomes import derive
from synovia.research.kept import Kept
from synovia.research.models import DataChange

RESEARCH_ROLES = frozenset({Role.RESEARCHER, Role.ADMIN})
CLINIC_ROLES = frozenset({Role.CLINICIAN, Role.COORDINATOR})

VISIT_COLUMNS = (
    "id", "patient_id", "kind", "label", "visit_date", "das28_esr", "das28_crp", "cdai", "haq_di",
    "tjc28", "sjc28", "tjc68", "sjc66", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm",
)  # fmt: skip
FLOATS = ("das28_esr", "das28_crp", "cdai", "haq_di", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm")
COUNTS = ("tjc28", "sjc28", "tjc68", "sjc66")


def is_research(who: Principal) -> bool:
    """Researchers, administrators and a command at the server's console (de-identified)."""
    console = who.via == Via.COMMAND and who.user is None
    return who.role in RESEARCH_ROLES or console


def may_read(who: Principal) -> bool:
    return who.role in RESEARCH_ROLES | CLINIC_ROLES


class Scope:
    """The patients whose rows are read: their ids, and on PostgreSQL the ids as one array
    literal built once for every family (``reader.ids_condition``)."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self.literal = reader.id_array(ids) if connection.vendor == "postgresql" else ""


def _in_scope(queryset: QuerySet[Any], ids: list[int] | str, column: str) -> QuerySet[Any]:
    """Rows of the patients ``ids`` (already read through the door). On PostgreSQL one array
    parameter (``reader.ids_condition``), so the scope is computed once, not once per family;
    elsewhere an ``IN`` list (batched by the caller: SQLite limits parameters)."""
    if connection.vendor == "postgresql":
        return queryset.filter(reader.ids_condition(ids, table=queryset.model._meta.db_table, column=column))
    return queryset.filter(**{f"{column}__in": ids})


SQLITE_BATCH = 30_000
"""Ids per ``IN`` list on SQLite (its default limit is 32,766 parameters a statement)."""


def _read(
    queryset: QuerySet[Any], scope: Scope | None, schema: dict[str, Any], column: str = "patient_id"
) -> pl.DataFrame:
    """One family of rows (``queryset``: a ``values_list`` in the order of ``schema``) of the
    patients of ``scope`` (``None``: every row of ``queryset``, already restricted) as a
    Polars frame. On PostgreSQL the rows travel as CSV (``COPY``) straight into Polars'
    reader, never as Python objects (five times faster for the visits of 100,000 patients);
    elsewhere through the ORM's rows, in batches."""
    if connection.vendor == "postgresql":
        return reader.copy_frame(
            queryset if scope is None else _in_scope(queryset, scope.literal, column), schema
        )
    if scope is None:
        return pl.DataFrame(list(queryset), schema=schema, orient="row")
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(scope.ids), SQLITE_BATCH):
        rows += list(_in_scope(queryset, scope.ids[start : start + SQLITE_BATCH], column))
    return pl.DataFrame(rows, schema=schema, orient="row")


VISIT_SCHEMA: dict[str, Any] = {
    "id": pl.Int64, "patient_id": pl.Int64, "kind": pl.Utf8, "label": pl.Utf8, "visit_date": pl.Date,
} | {c: pl.Float64 for c in (*FLOATS, *COUNTS)}  # fmt: skip


PATIENT_SCHEMA: dict[str, Any] = {
    "id": pl.Int64,
    "pseudonym": pl.Utf8,
    "clinic": pl.Utf8,
    "sex": pl.Utf8,
    "birth_year": pl.Int64,
    "synthetic": pl.Boolean,
}


def _families(ids: list[int] | None, patients: QuerySet[Patient] | None = None) -> dict[str, pl.DataFrame]:
    """Each family of rows of the patients ``ids``, or of the patients of the queryset
    ``patients`` (their ids then taken from the patients' rows: no query of its own), one
    query each. No family is sorted (``order_by()``): the models' default orderings would join
    every row to its patient and sort by name, which the analysis never needs (it joins by id)."""
    base = Patient.objects.all() if patients is None else patients
    people = base.annotate(clinic_code=F("clinic__code"), born=ExtractYear("birth_date")).values_list(
        "id", "pseudonym", "clinic_code", "sex", "born", "synthetic"
    )
    scope = None if ids is None else Scope(ids)
    first = _read(people.order_by(), scope, PATIENT_SCHEMA, "id")
    scope = Scope(first["id"].to_list()) if scope is None else scope
    programs = TreatmentProgram.objects.values_list(
        "id", "patient_id", "source", "autologous", "route", "dose_cells_per_kg", "created_at"
    )
    events = AdverseEvent.objects.values_list(
        "patient_id", "grade", "relatedness", "serious", "onset", "term"
    )
    return {
        "patients": first,
        "programs": _read(
            programs.order_by(),
            scope,
            {
                "id": pl.Int64,
                "patient_id": pl.Int64,
                "source": pl.Utf8,
                "autologous": pl.Boolean,
                "route": pl.Utf8,
                "dose_cells_per_kg": pl.Float64,
                "created_at": pl.Datetime("us", "UTC"),
            },
        ),
        "infusions": _read(
            Infusion.objects.values_list("patient_id", "program_id", "given_on").order_by(),
            scope,
            {"patient_id": pl.Int64, "program_id": pl.Int64, "given_on": pl.Date},
        ),
        "visits": _read(
            Visit.objects.values_list(*VISIT_COLUMNS).order_by(),
            scope,
            {k: VISIT_SCHEMA[k] for k in VISIT_COLUMNS},
        ),
        "adverse_events": _read(
            events.order_by(),
            scope,
            {
                "patient_id": pl.Int64,
                "grade": pl.Int64,
                "relatedness": pl.Utf8,
                "serious": pl.Boolean,
                "onset": pl.Date,
                "term": pl.Utf8,
            },
        ),
    }


def clinics(who: Principal) -> list[str]:
    """The clinic codes ``who`` may filter the report by: every clinic for research (codes are
    not patient data), the user's own clinic for clinical staff."""
    if is_research(who):
        return sorted(Clinic.objects.values_list("code", flat=True))
    clinic = getattr(who.user, "clinic", None)
    return [clinic.code] if clinic is not None else []


def data_version() -> tuple[int, int]:
    """The registry's change-log position as this reader sees it (``models.DataChange``)."""
    found = DataChange.objects.aggregate(n=Count("id"), top=Max("id"))
    return int(found["n"]), int(found["top"] or 0)


_cohorts: Kept[tuple[Any, ...], tuple[derive.Dataset, list[int]]] = Kept(16)


def cohort(who: Principal, *, purpose: str, clinic: str | None = None) -> derive.Dataset:
    """The analysis data set of every patient ``who`` may analyse (audited once), or of one
    clinic's patients among them: the clinic is chosen in the database, so only that clinic's
    rows are read and audited.

    Kept per process (``settings.SYNOVIA_REPORT_CACHE`` data sets, least recently used out)
    under the scope, the clinic and the registry's change-log position read *before* the rows:
    any committed write to a table the report reads changes the key, so a kept data set is
    never older than the registry it is served for. Every read is audited, kept or not."""
    if is_research(who):
        scope_key: Any = "research"
    elif who.role in CLINIC_ROLES and who.user is not None and who.user.is_active:
        scope_key = ("clinic", who.user.clinic_id)
    else:
        raise PermissionDenied("Researchers and clinical staff only.")
    size = int(getattr(settings, "SYNOVIA_REPORT_CACHE", 0))
    key = (scope_key, clinic or "", *data_version()) if size else None
    kept = _cohorts.get(key) if key else None
    if kept is not None:
        door.record(who, purpose=purpose, patient_ids=kept[1])
        return kept[0]
    data, ids = _read_cohort(who, purpose=purpose, clinic=clinic)
    if key:
        _cohorts.put(key, (data, ids), size)
    return data


def _read_cohort(who: Principal, *, purpose: str, clinic: str | None) -> tuple[derive.Dataset, list[int]]:
    patients = Patient.objects.filter(clinic__code=clinic) if clinic else Patient.objects.all()
    if is_research(who):
        consented = door.research_cohort(
            who, cast(QuerySet[Patient], patients.values_list("pk", flat=True).order_by()), purpose=purpose
        )
        ids = [int(cast(Any, p)) for p in consented]
        families = _families(ids)
    else:
        with door.reading(who, purpose) as read:
            # The patients' rows read straight from the scope (their ids then scope the rest).
            allowed = read.allowed.filter(clinic__code=clinic) if clinic else read.allowed
            families = _families(None, allowed)
            ids = families["patients"]["id"].to_list()
            read.note(ids)
    return derive.build(**families), ids


def forget_cohorts() -> None:
    """Drop every kept data set (tests; a benchmark measuring the read)."""
    _cohorts.clear()


def any_synthetic(data: derive.Dataset) -> bool:
    """Whether the cohort holds synthetic patients (the page then says so)."""
    return bool(data.subjects["synthetic"].any()) if data.subjects.height else False
