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
from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.db.models.functions import ExtractYear

from synovia.access import door
from synovia.access.door import Principal
from synovia.access.models import Via
from synovia.accounts.models import Role
from synovia.clinic.models import AdverseEvent, Infusion, Patient, TreatmentProgram, Visit
from synovia.core.outcomes import derive

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


def _frame(rows: list[tuple[Any, ...]], schema: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row")


def _families(scope: QuerySet[Patient]) -> dict[str, pl.DataFrame]:
    ids = scope.values("pk")
    patients = (
        Patient.objects.filter(pk__in=ids)
        .annotate(clinic_code=F("clinic__code"), born=ExtractYear("birth_date"))
        .values_list("id", "pseudonym", "clinic_code", "sex", "born", "synthetic")
    )
    programs = TreatmentProgram.objects.filter(patient__in=ids).values_list(
        "id", "patient_id", "source", "autologous", "route", "dose_cells_per_kg", "created_at"
    )
    infusions = Infusion.objects.filter(patient__in=ids).values_list("patient_id", "program_id", "given_on")
    visits = Visit.objects.filter(patient__in=ids).values_list(*VISIT_COLUMNS)
    events = AdverseEvent.objects.filter(patient__in=ids).values_list(
        "patient_id", "grade", "relatedness", "serious", "onset", "term"
    )
    visit_schema: dict[str, Any] = {
        "id": pl.Int64,
        "patient_id": pl.Int64,
        "kind": pl.Utf8,
        "label": pl.Utf8,
        "visit_date": pl.Date,
    }
    visit_schema |= {c: pl.Float64 for c in FLOATS} | {c: pl.Float64 for c in COUNTS}
    return {
        "patients": _frame(
            list(patients),
            {
                "id": pl.Int64,
                "pseudonym": pl.Utf8,
                "clinic": pl.Utf8,
                "sex": pl.Utf8,
                "birth_year": pl.Int64,
                "synthetic": pl.Boolean,
            },
        ),
        "programs": _frame(
            list(programs),
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
        "infusions": _frame(
            list(infusions), {"patient_id": pl.Int64, "program_id": pl.Int64, "given_on": pl.Date}
        ),
        "visits": _frame(list(visits), {k: visit_schema[k] for k in VISIT_COLUMNS}),
        "adverse_events": _frame(
            list(events),
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


def cohort(who: Principal, *, purpose: str) -> derive.Dataset:
    """The analysis data set of every patient ``who`` may analyse (audited once)."""
    if is_research(who):
        consented = door.research_cohort(
            who, cast(QuerySet[Patient], Patient.objects.values_list("pk", flat=True)), purpose=purpose
        )
        families = _families(door.research_scope())
        allowed = pl.DataFrame({"id": [int(cast(Any, p)) for p in consented]}, schema={"id": pl.Int64})
        families["patients"] = families["patients"].join(allowed, on="id", how="semi")
    elif who.role in CLINIC_ROLES:
        with door.reading(who, purpose) as read:
            families = _families(read.allowed)
            read.note(families["patients"]["id"].to_list())
    else:
        raise PermissionDenied("Researchers and clinical staff only.")
    keep = families["patients"].select(pl.col("id").alias("patient_id"))
    for name in ("programs", "infusions", "visits", "adverse_events"):
        families[name] = families[name].join(keep, on="patient_id", how="semi")
    return derive.build(**families)


def any_synthetic(data: derive.Dataset) -> bool:
    """Whether the cohort holds synthetic patients (the page then says so)."""
    return bool(data.subjects["synthetic"].any()) if data.subjects.height else False
