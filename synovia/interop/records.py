"""Plain records of patients for the FHIR mapping (``synovia.core.fhir``), read through the
door: one audited export per patient (or per research cohort)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch

from synovia.access import door
from synovia.access.door import Principal
from synovia.access.models import Action
from synovia.clinic.models import Patient, Visit
from synovia.clinic.models.visit import SCORE_FIELDS
from synovia.core.labs import LAB_TESTS

_PREFETCH = (
    Prefetch("visits", queryset=Visit.objects.order_by("visit_date", "id")),
    "lab_results",
    "programs__infusions",
    "medications",
    "adverse_events",
    "consents",
    "enrolments__trial",
)

VISIT_FIELDS = ("visit_date", "kind", "tender_joints", "swollen_joints", "tjc28", "sjc28", "tjc68", "sjc66")
VISIT_FIELDS += (
    "esr_mm_h",
    "crp_mg_l",
    "ptga_cm",
    "ega_cm",
    "pain_cm",
    "function_cm",
    "haq_items",
    "measures_version",
)


def patient_record(*, who: Principal, patient_id: Any, purpose: str = "fhir export") -> dict[str, Any]:
    """The record of one patient in ``who``'s scope (NotVisible otherwise); one audited export."""
    with door.reading(who, purpose, action=Action.EXPORT) as read:
        found = read.patient(
            patient_id, Patient.objects.select_related("clinic").prefetch_related(*_PREFETCH)
        )
    return record_of(found)


def research_records(*, who: Principal, limit: int) -> list[tuple[Patient, dict[str, Any]]]:
    """Records of the research cohort (researchers, administrators; audited), by pseudonym."""
    rows = Patient.objects.select_related("clinic").prefetch_related(*_PREFETCH).order_by("pseudonym")
    cohort = door.research_cohort(who, rows, purpose="fhir research export", limit=limit)
    return [(p, record_of(p)) for p in cohort]


def record_of(p: Patient) -> dict[str, Any]:
    return {
        "patient": {
            "clinic": p.clinic.code,
            "record_number": p.record_number,
            "pseudonym": p.pseudonym,
            "given_name": p.given_name,
            "family_name": p.family_name,
            "sex": p.sex,
            "birth_date": p.birth_date,
            "weight_kg": float(p.weight_kg),
            "referred_on": p.referred_on,
            "diagnosis_date": p.diagnosis_date,
        },
        "visits": [_visit(v) for v in p.visits.all()],
        "labs": [
            _lab(r) for r in sorted(p.lab_results.all(), key=lambda r: (r.collected_on, r.test, r.value))
        ],
        "programs": [_program(pr) for pr in sorted(p.programs.all(), key=lambda pr: pr.created_at)],
        "medications": [
            _plain(m, ("drug_class", "name", "started_on", "stopped_on", "stop_reason"))
            for m in sorted(p.medications.all(), key=lambda m: (m.started_on or dt.date.min, m.name))
        ],
        "adverse_events": [
            _plain(
                e,
                (
                    "term",
                    "grade",
                    "serious",
                    "serious_criteria",
                    "relatedness",
                    "onset",
                    "resolved_on",
                    "outcome",
                    "action_taken",
                ),
            )
            for e in sorted(p.adverse_events.all(), key=lambda e: (e.onset, e.term))
        ],
        "consents": [
            _plain(k, ("scope", "text_version", "given_at", "withdrawn_at"))
            for k in sorted(p.consents.all(), key=lambda k: (k.given_at, k.scope))
        ],
        "enrolments": [
            _enrolment(e)
            for e in sorted(p.enrolments.all(), key=lambda e: (e.trial.registry_id, e.started_on))
        ],
    }


def day_zero(record: dict[str, Any]) -> dt.date:
    """The first infusion, or the referral: day 0 of the research export."""
    given = [i["given_on"] for pr in record["programs"] for i in pr["infusions"]]
    return min(given) if given else record["patient"]["referred_on"]


def _plain(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}


def _visit(v: Visit) -> dict[str, Any]:
    out = _plain(v, VISIT_FIELDS)
    out.update({f: getattr(v, f) for f in SCORE_FIELDS})
    return out


def _lab(r: Any) -> dict[str, Any]:
    out = _plain(r, ("test", "code", "system", "collected_on", "value", "unit", "ref_low", "ref_high"))
    out["name"] = LAB_TESTS[r.test].name if r.test in LAB_TESTS else r.test
    return out


def _enrolment(e: Any) -> dict[str, Any]:
    out = _plain(e, ("status", "started_on", "ended_on"))
    out.update(registry_id=e.trial.registry_id, title=e.trial.title)
    return out


def _program(pr: Any) -> dict[str, Any]:
    fields = ("source", "autologous", "product", "dose_cells_per_kg", "route", "planned_infusions")
    out = _plain(pr, (*fields, "interval_weeks", "joint"))
    out["infusions"] = [
        _plain(i, ("number", "given_on", "lot", "dose_cells", "route", "harvest_site"))
        for i in sorted(pr.infusions.all(), key=lambda i: i.number)
    ]
    return out
