"""Writes on the patient: registration, history, consents, account link."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import Clinic, Role, User
from synovia.clinic.models import (
    Consent,
    Medication,
    Patient,
)
from synovia.clinic.models.choices import (
    PathwayState,
)
from synovia.clinic.services import _validate
from synovia.clinic.services._common import _check_version, _save, patient_write


def patient_create(
    *,
    clinic: Clinic,
    by: User | None,
    record_number: str,
    given_name: str,
    family_name: str,
    sex: str,
    birth_date: dt.date,
    weight_kg: Decimal | float,
    referred_on: dt.date,
    email: str = "",
    synthetic: bool = False,
    **history: Any,
) -> Patient:
    """Register a referred patient; ``history`` takes the optional RA history and
    comorbidity fields of ``Patient`` (rf_status, hbv_status, malignancy...)."""
    _validate.birth_date(birth_date)
    _validate.numbers(weight_kg=weight_kg)
    _validate.dates(birth_date, referred_on=referred_on, diagnosis_date=history.get("diagnosis_date"))
    patient = Patient(
        clinic=clinic,
        record_number=record_number,
        given_name=given_name,
        family_name=family_name,
        sex=sex,
        birth_date=birth_date,
        weight_kg=Decimal(str(weight_kg)),
        referred_on=referred_on,
        email=email,
        synthetic=synthetic,
        state=PathwayState.REFERRED,
        **history,
    )
    with transaction.atomic():
        _save(patient, by, conflict=_("A patient with this record number is already registered here."))
    return patient


@patient_write
def patient_update(
    *, patient: Patient, by: User | None, expected_version: int | None = None, **fields: Any
) -> Patient:
    """Change demographic, history or comorbidity fields (never the pathway state); with
    ``expected_version`` (the version the editor saw), a stale edit is refused."""
    _check_version(patient, expected_version)
    forbidden = {"state", "clinic", "pseudonym", "synthetic"} & set(fields)
    if forbidden:
        raise ValidationError(_("Use the pathway transition to change: %s") % ", ".join(forbidden))
    if "birth_date" in fields:
        _validate.birth_date(fields["birth_date"])
    _validate.numbers(weight_kg=fields.get("weight_kg"))
    dated = {k: fields[k] for k in ("referred_on", "diagnosis_date") if k in fields}
    _validate.dates(fields.get("birth_date", patient.birth_date), **dated)
    for name, value in fields.items():
        setattr(patient, name, value)
    with transaction.atomic():
        _save(patient, by)
    return patient


@patient_write
def medication_add(
    *,
    patient: Patient,
    by: User | None,
    drug_class: str,
    name: str,
    started_on: dt.date | None = None,
    stopped_on: dt.date | None = None,
    stop_reason: str = "",
) -> Medication:
    """Record a prior or current RA drug; a stopped drug needs a reason."""
    _validate.dates(patient.birth_date, started_on=started_on, stopped_on=stopped_on)
    if stopped_on is not None and not stop_reason:
        raise ValidationError(_("Give the reason for stopping %s.") % name)
    med = Medication(
        patient=patient,
        drug_class=drug_class,
        name=name,
        started_on=started_on,
        stopped_on=stopped_on,
        stop_reason=stop_reason,
    )
    with transaction.atomic():
        _save(med, by)
    return med


@patient_write
def consent_record(
    *,
    patient: Patient,
    by: User | None,
    scope: str,
    text_version: str,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record a consent for one scope and text version."""
    _validate.dates(patient.birth_date, given_at=given_at)
    consent = Consent(
        patient=patient,
        scope=scope,
        text_version=text_version,
        given_at=given_at or timezone.now(),
        recorded_by=by,
    )
    with transaction.atomic():
        _save(consent, by)
    return consent


@patient_write
def consent_withdraw(*, consent: Consent, by: User | None, at: dt.datetime | None = None) -> Consent:
    """Withdraw a consent; processing that needs it stops from now on."""
    _validate.dates(consent.patient.birth_date, withdrawn_at=at)
    consent.withdrawn_at = at or timezone.now()
    with transaction.atomic():
        _save(consent, by)
    return consent


@patient_write
def patient_link_user(*, patient: Patient, user: User, by: User | None) -> Patient:
    """Give a patient account access to its own record (one account, one record)."""
    if user.role != Role.PATIENT or user.clinic_id != patient.clinic_id:
        raise ValidationError(_("Only a patient account of the same clinic can be linked."))
    patient.user = user
    with transaction.atomic():
        _save(patient, by)
    return patient


def demo_patient_link(user: User) -> Patient | None:
    """For ``synovia demo``: link the synthetic patient account to the first synthetic
    patient of its clinic that has visits (no-op when already linked or none exists)."""
    existing = Patient.objects.filter(user=user).first()
    if existing is not None or not user.synthetic:
        return existing
    patient = (
        Patient.objects.filter(
            clinic_id=user.clinic_id, synthetic=True, user__isnull=True, visits__isnull=False
        )
        .order_by("id")
        .first()
    )
    return None if patient is None else patient_link_user(patient=patient, user=user, by=None)
