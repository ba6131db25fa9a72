"""FHIR exports: a patient's Bundle, the research cohort's de-identified Bundle."""

from __future__ import annotations

from typing import Any

from synovia.access.door import Principal
from synovia.core.fhir import deid, export
from synovia.interop import records


def patient_bundle(*, who: Principal, patient_id: Any) -> dict[str, Any]:
    """The FHIR Bundle of one patient in scope (an audited export)."""
    return export.bundle(records.patient_record(who=who, patient_id=patient_id))


def research_bundle(*, who: Principal, limit: int = 100) -> dict[str, Any]:
    """One Bundle of the de-identified Bundles of research-consented patients (researchers and
    administrators; an audited cohort read)."""
    entries: list[dict[str, Any]] = []
    for patient, record in records.research_records(who=who, limit=limit):
        one = deid.deidentify(
            export.bundle(record),
            pseudonym=patient.pseudonym,
            birth_date=patient.birth_date,
            day_zero=records.day_zero(record),
        )
        entries += one["entry"]
    from synovia.core.fhir import validate

    return validate.resource({"resourceType": "Bundle", "type": "collection", "entry": entries})
