"""Import of a FHIR Bundle into a patient's record, through the clinic services.

Every row goes through the service that the pages use (validation, consent checks, audit);
a row already in the record (same natural key: a visit's day and kind, a lab's test, day and
value, a drug's name and start, an event's term and onset, a consent's scope and time) is
skipped, so importing the same Bundle twice adds nothing. The report lists what was imported
and what was skipped, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from synovia.access import door
from synovia.access.door import Principal
from synovia.clinic import services
from synovia.clinic.models import Patient
from synovia.core import labs
from synovia.core.fhir import importing
from synovia.core.measures import MeasureInputError


@dataclass
class Report:
    patient_id: int | None = None
    created_patient: bool = False
    imported: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    derived: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "patient_id": self.patient_id,
            "created_patient": self.created_patient,
            "imported": [{"resource": r, "what": w} for r, w in self.imported],
            "skipped": [{"resource": r, "id": i, "reason": why} for r, i, why in self.skipped],
            "recomputed": self.derived,
        }


class ImportRefused(Exception):
    """The Bundle cannot be imported at all (no patient, not a Bundle, not allowed)."""


def import_bundle(*, who: Principal, data: Any, patient_id: Any = None) -> Report:
    """Import ``data`` (a parsed Bundle) into the patient ``patient_id`` or, without it, into
    the patient of the Bundle's record number in ``who``'s clinic (created when absent)."""
    try:
        plan = importing.plan(data)
    except importing.BundleInvalid as exc:
        raise ImportRefused(str(exc)) from exc
    report = Report(skipped=list(plan.skipped), derived=plan.derived)
    if who.user is None or who.role not in door.EDITORS or who.user.clinic is None:
        raise ImportRefused(_("Only a clinic's clinicians and coordinators import records."))
    with transaction.atomic():
        patient = _patient(who, plan, patient_id, report)
        report.patient_id = patient.pk
        _rows(who, patient, plan, report)
    return report


def _patient(who: Principal, plan: importing.Plan, patient_id: Any, report: Report) -> Patient:
    if patient_id is not None:
        return door.patient_for_change(who, patient_id, purpose="fhir import")
    fields = plan.patient
    if not fields.get("record_number"):
        raise ImportRefused(
            _("The Bundle has no Patient with a record number; name the patient to import into.")
        )
    clinic = who.user.clinic  # type: ignore[union-attr]
    with door.reading(who, "fhir import") as read:
        found = read.patients(Patient.objects.filter(clinic=clinic, record_number=fields["record_number"]))
    if found:
        return door.patient_for_change(who, found[0].pk, purpose="fhir import")
    missing = [k for k in ("given_name", "family_name", "sex", "birth_date", "weight_kg") if k not in fields]
    if missing:
        raise ImportRefused(_("The Patient lacks what registration needs: %s") % ", ".join(missing))
    extra = {k: fields[k] for k in ("diagnosis_date",) if k in fields}
    try:
        made = services.patient_create(
            clinic=clinic,
            by=who.user,
            referred_on=fields.get("referred_on") or fields["birth_date"],
            **{
                k: fields[k]
                for k in ("record_number", "given_name", "family_name", "sex", "birth_date", "weight_kg")
            },
            **extra,
        )
    except ValidationError as exc:
        raise ImportRefused(" ".join(exc.messages)) from exc
    if fields.get("pseudonym") and not Patient.objects.filter(pseudonym=fields["pseudonym"]).exists():
        Patient.objects.filter(pk=made.pk).update(pseudonym=fields["pseudonym"])
        made.refresh_from_db()
    report.created_patient = True
    report.imported.append(("Patient", made.record_number))
    return made


def _attempt(report: Report, kind: str, what: str, write: Any) -> None:
    try:
        with transaction.atomic():
            write()
    except (ValidationError, MeasureInputError, labs.LabUnitError, PermissionDenied, ValueError) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        report.skipped.append((kind, what, message[:300]))
    else:
        report.imported.append((kind, what))


def _rows(who: Principal, patient: Patient, plan: importing.Plan, report: Report) -> None:
    by = who.user
    have = {(k.scope, k.given_at) for k in patient.consents.all()}
    for k in plan.consents:
        what = f"{k['scope']} {k['given_at']:%Y-%m-%d}"
        if (k["scope"], k["given_at"]) in have:
            report.skipped.append(("Consent", what, _("already in the record")))
            continue

        def consent(k: dict[str, Any] = k) -> None:
            made = services.consent_record(
                patient=patient,
                by=by,
                scope=k["scope"],
                text_version=k["text_version"],
                given_at=k["given_at"],
            )
            if k["withdrawn_at"] is not None:
                services.consent_withdraw(consent=made, by=by, at=k["withdrawn_at"])

        _attempt(report, "Consent", what, consent)
    _medications(patient, plan, report, by)
    _visits(patient, plan, report, by)
    _labs(patient, plan, report, by)
    _events(patient, plan, report, by)


def _medications(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(m.name, m.started_on) for m in patient.medications.all()}
    for m in plan.medications:
        if (m["name"], m["started_on"]) in have:
            report.skipped.append(("MedicationStatement", m["name"], _("already in the record")))
            continue
        _attempt(
            report,
            "MedicationStatement",
            m["name"],
            lambda m=m: services.medication_add(patient=patient, by=by, **m),
        )


VISIT_INPUTS = (
    "tender_joints",
    "swollen_joints",
    "esr_mm_h",
    "crp_mg_l",
    "ptga_cm",
    "ega_cm",
    "pain_cm",
    "function_cm",
    "haq_items",
)


def _visits(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(v.visit_date, v.kind) for v in patient.visits.all()}
    for v in plan.visits:
        what = f"{v['visit_date']} {v['kind']}"
        if (v["visit_date"], v["kind"]) in have:
            report.skipped.append(("Observation", what, _("this visit is already in the record")))
            continue
        counts = [
            n
            for n in ("tjc28", "sjc28")
            if v.get(n) and not v.get("tender_joints" if n[0] == "t" else "swollen_joints")
        ]
        if counts:
            report.skipped.append(
                (
                    "Observation",
                    what,
                    _("joint counts without the joints are not kept: %s") % ", ".join(counts),
                )
            )
        inputs = {k: v[k] for k in VISIT_INPUTS if k in v}
        have.add((v["visit_date"], v["kind"]))
        _attempt(
            report,
            "Observation",
            f"visit {what}",
            lambda v=v, inputs=inputs: services.visit_record(
                patient=patient, by=by, visit_date=v["visit_date"], kind=v["kind"], **inputs
            ),
        )


def _labs(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(r.test, r.collected_on, round(r.value, 6)) for r in patient.lab_results.all()}
    for lab in plan.labs:
        what = f"{lab['test']} {lab['collected_on']}"
        try:
            canonical = round(labs.convert(lab["test"], lab["value"], lab["unit"]).value, 6)
        except labs.LabUnitError as exc:
            report.skipped.append(("Observation", what, str(exc)))
            continue
        if (lab["test"], lab["collected_on"], canonical) in have:
            report.skipped.append(("Observation", what, _("already in the record")))
            continue
        have.add((lab["test"], lab["collected_on"], canonical))
        _attempt(
            report,
            "Observation",
            f"lab {what}",
            lambda lab=lab: services.lab_record(patient=patient, by=by, **lab),
        )


def _events(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(e.term, e.onset) for e in patient.adverse_events.all()}
    for e in plan.adverse_events:
        what = f"{e['term']} {e['onset']}"
        if (e["term"], e["onset"]) in have:
            report.skipped.append(("AdverseEvent", what, _("already in the record")))
            continue
        _attempt(
            report,
            "AdverseEvent",
            what,
            lambda e=e: services.adverse_event_record(patient=patient, by=by, **e),
        )
