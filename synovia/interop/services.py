"""Import of a FHIR Bundle into a patient's record, through the clinic services.

Every row goes through the service that the pages use (validation, consent checks, audit);
a row already in the record (same natural key: a visit's day and kind, a lab's test, day and
value, a drug's name and start, an event's term and onset, a consent's scope and time, a
programme's product, source, origin, route and dose, an infusion's number or day, an
enrolment's trial and start) is skipped, so importing the same Bundle twice adds nothing. The
report lists what was imported and what was skipped, with a stable code
(``importing.SKIP_CODES``) and the reason in the importer's language.

Infusions and their programme are history from elsewhere (an EHR, another site): they are
kept with the checks of the pages' infusion form (bounds, the treatment consent, the harvest
site of an autologous product, at most the planned number) but they move no pathway state
and schedule no follow-up, which belong to the clinic's own treatment.

Trial enrolments are written here too (:func:`enrolment_record`, :func:`enrolment_update`),
for the API and the import alike.
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
from synovia.clinic.models import Infusion, Patient, TreatmentProgram
from synovia.clinic.models.choices import ConsentScope
from synovia.clinic.services import _validate
from synovia.clinic.services._common import _check_version, _require_consent, _save, patient_write
from synovia.clinic.services.pathway import infusion_checked, program_checked
from synovia.core import labs
from synovia.core.fhir import importing
from synovia.core.measures import MeasureInputError
from synovia.interop.models import ENDED, EnrolmentStatus, TrialEnrolment
from synovia.trials.models import Trial


@dataclass
class Report:
    patient_id: int | None = None
    created_patient: bool = False
    imported: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str, str, str]] = field(default_factory=list)
    derived: int = 0

    def skip(self, kind: str, what: str, code: str, reason: str) -> None:
        self.skipped.append((kind, what, code, reason[:300]))

    def duplicate(self, kind: str, what: str) -> None:
        self.skip(kind, what, "duplicate", _("already in the record"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "patient_id": self.patient_id,
            "created_patient": self.created_patient,
            "imported": [{"resource": r, "what": w} for r, w in self.imported],
            "skipped": [
                {"resource": r, "id": i, "code": code, "reason": why} for r, i, code, why in self.skipped
            ],
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
        report.skip(kind, what, "unit" if isinstance(exc, labs.LabUnitError) else "refused", message)
    else:
        report.imported.append((kind, what))


def _rows(who: Principal, patient: Patient, plan: importing.Plan, report: Report) -> None:
    by = who.user
    have = {(k.scope, k.given_at) for k in patient.consents.all()}
    for k in plan.consents:
        what = f"{k['scope']} {k['given_at']:%Y-%m-%d}"
        if (k["scope"], k["given_at"]) in have:
            report.duplicate("Consent", what)
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
    _programs(patient, plan, report, by)
    _enrolments(patient, plan, report, by)


def _medications(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(m.name, m.started_on) for m in patient.medications.all()}
    for m in plan.medications:
        if (m["name"], m["started_on"]) in have:
            report.duplicate("MedicationStatement", m["name"])
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
            report.duplicate("Observation", what)
            continue
        counts = [
            n
            for n in ("tjc28", "sjc28")
            if v.get(n) and not v.get("tender_joints" if n[0] == "t" else "swollen_joints")
        ]
        if counts:
            report.skip(
                "Observation",
                what,
                "not_mapped",
                _("joint counts without the joints are not kept: %s") % ", ".join(counts),
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
            report.skip("Observation", what, "unit", str(exc))
            continue
        if (lab["test"], lab["collected_on"], canonical) in have:
            report.duplicate("Observation", what)
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
            report.duplicate("AdverseEvent", what)
            continue
        _attempt(
            report,
            "AdverseEvent",
            what,
            lambda e=e: services.adverse_event_record(patient=patient, by=by, **e),
        )


# -- the cell product and its infusions ------------------------------------------------------

PROGRAM_KEY = ("product", "source", "autologous", "route", "dose_cells_per_kg")


def _program_key(row: Any) -> tuple[Any, ...]:
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return (*(get(k) for k in PROGRAM_KEY[:4]), round(float(get("dose_cells_per_kg")), 3))


def _programs(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {_program_key(p): p for p in patient.programs.all()}
    for pr in plan.programs:
        what = f"{pr['product']} {pr['source']} {pr['dose_cells_per_kg']:g} cells/kg"
        program = have.get(_program_key(pr))
        if program is not None:
            report.duplicate("BiologicallyDerivedProduct", what)
        else:
            try:
                fields = {k: v for k, v in pr.items() if k != "infusions"}  # imported below
                with transaction.atomic():
                    program = program_import(patient=patient, by=by, **fields)
            except (ValidationError, ValueError) as exc:
                message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                report.skip("BiologicallyDerivedProduct", what, "refused", message)
                for i in pr["infusions"]:
                    report.skip("Procedure", i["id"], "refused", _("its cell product was not imported"))
                continue
            have[_program_key(pr)] = program
            report.imported.append(("BiologicallyDerivedProduct", what))
        _infusions(program, pr["infusions"], report, by)


def _infusions(program: TreatmentProgram, infusions: list[dict[str, Any]], report: Report, by: Any) -> None:
    have = {(i.number, i.given_on) for i in program.infusions.all()}
    numbers, days = {n for n, _d in have}, {d for _n, d in have}
    for i in infusions:
        what = f"infusion {i['number']} {i['given_on']}"
        if i["number"] in numbers or i["given_on"] in days:
            report.duplicate("Procedure", what)
            continue
        fields = {k: i[k] for k in ("number", "given_on", "lot", "dose_cells", "harvest_site")}
        _attempt(
            report, "Procedure", what, lambda fields=fields: infusion_import(program=program, by=by, **fields)
        )
        numbers.add(i["number"])
        days.add(i["given_on"])


@patient_write
def program_import(
    *,
    patient: Patient,
    by: Any,
    source: str,
    autologous: bool,
    product: str,
    dose_cells_per_kg: float,
    route: str,
    planned_infusions: int = 1,
    interval_weeks: int = 4,
    joint: str = "",
) -> TreatmentProgram:
    """A programme given elsewhere, kept as history: the bounds and the treatment consent of
    the pages' programme form; no pathway state is moved."""
    program = program_checked(
        patient=patient, source=source, autologous=autologous, product=product,
        dose_cells_per_kg=dose_cells_per_kg, route=route, planned_infusions=planned_infusions,
        interval_weeks=interval_weeks, joint=joint,
    )  # fmt: skip
    _save(program, by)
    return program


@patient_write
def infusion_import(
    *,
    program: TreatmentProgram,
    by: Any,
    number: int,
    given_on: Any,
    lot: str,
    dose_cells: float,
    harvest_site: str = "",
) -> Infusion:
    """An infusion given elsewhere, kept as history with the checks of the pages' infusion
    form (:func:`~synovia.clinic.services.pathway.infusion_checked`); it schedules no follow-up."""
    infusion = infusion_checked(
        program=program, number=number, given_on=given_on, lot=lot or "-", dose_cells=dose_cells,
        harvest_site=harvest_site,
    )  # fmt: skip
    _save(infusion, by, conflict=_("This infusion number was recorded at the same moment."))
    return infusion


# -- trial enrolments ------------------------------------------------------------------------


def _enrolments(patient: Patient, plan: importing.Plan, report: Report, by: Any) -> None:
    have = {(e.trial.registry_id, e.started_on) for e in patient.enrolments.select_related("trial")}
    for e in plan.enrolments:
        what = f"{e['registry_id']} {e['started_on'] or ''}".strip()
        if (e["registry_id"], e["started_on"]) in have:
            report.duplicate("ResearchSubject", what)
            continue
        trial = Trial.objects.filter(registry_id=e["registry_id"]).first()
        if trial is None:
            report.skip("ResearchSubject", what, "not_mapped", _("the trial is not in Synovia's catalog"))
            continue
        fields = {k: e[k] for k in ("status", "started_on", "ended_on")}
        _attempt(
            report,
            "ResearchSubject",
            what,
            lambda fields=fields, trial=trial: enrolment_record(
                patient=patient, by=by, trial=trial, **fields
            ),
        )
        have.add((e["registry_id"], e["started_on"]))


def _check_enrolment(enrolment: TrialEnrolment) -> None:
    patient = enrolment.patient
    _validate.dates(patient.birth_date, started_on=enrolment.started_on, ended_on=enrolment.ended_on)
    if enrolment.status not in EnrolmentStatus.values:
        raise ValidationError({"status": _("Unknown status: %s") % str(enrolment.status)[:20]})
    if enrolment.status in ENDED and enrolment.ended_on is None:
        raise ValidationError({"ended_on": _("Give the day the enrolment ended.")})
    if enrolment.ended_on is not None and enrolment.ended_on < enrolment.started_on:
        raise ValidationError({"ended_on": _("The enrolment cannot end before it starts.")})


@patient_write
def enrolment_record(
    *,
    patient: Patient,
    by: Any,
    trial: Trial,
    started_on: Any,
    status: str = EnrolmentStatus.SCREENING,
    ended_on: Any = None,
) -> TrialEnrolment:
    """Record that the patient takes part in ``trial`` (the data-use consent is needed, as for
    every clinical record); one enrolment per trial and start day."""
    _require_consent(patient, ConsentScope.DATA_USE)
    if started_on is None:
        raise ValidationError({"started_on": _("Give the day the enrolment started.")})
    enrolment = TrialEnrolment(
        patient=patient, trial=trial, status=status, started_on=started_on, ended_on=ended_on
    )
    _check_enrolment(enrolment)
    _save(enrolment, by, conflict=_("This patient already has an enrolment in this trial from that day."))
    return enrolment


@patient_write
def enrolment_update(
    *,
    patient: Patient,
    enrolment: TrialEnrolment,
    by: Any,
    expected_version: int | None = None,
    **changes: Any,
) -> TrialEnrolment:
    """Change an enrolment's status or period (under the patient's lock, version-checked)."""
    if enrolment.patient_id != patient.pk:
        raise PermissionDenied
    _check_version(enrolment, expected_version)
    for name in ("status", "started_on", "ended_on"):
        if name in changes:
            setattr(enrolment, name, changes[name])
    _check_enrolment(enrolment)
    _save(enrolment, by, conflict=_("This patient already has an enrolment in this trial from that day."))
    return enrolment
