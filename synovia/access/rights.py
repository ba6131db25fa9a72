"""Data-subject rights: a patient's copy of all their data, and erasure (docs/access.md).

Both go through the door: the export is one audited read (action ``export``) of the patient
it returns; an erasure is one audited write (action ``delete``). The audit trail itself is
kept: it is the record of who saw the data, which the patient may ask for too, and it holds
no identifier of the patient (only their database id).

The models that hold a patient's data are found from the schema (every clinic model with a
foreign key to ``Patient``), so a model added later is exported and erased without a change
here.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import uuid
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils.translation import gettext as _

from synovia import __version__
from synovia.access import door
from synovia.access.door import Principal
from synovia.access.models import Action, AuditEvent
from synovia.accounts.models import Role
from synovia.clinic.models import Patient

ERASED_PREFIX = "ERASED-"

# Identifiers of the patient row, and what an erasure leaves in their place.
_PATIENT_IDENTIFIERS = ("record_number", "given_name", "family_name", "email")
# Free text anywhere in the record may name the patient or others: erased too.
_FREE_TEXT = (models.TextField,)


class RightsError(Exception):
    """A request that cannot be carried out; the message says why."""


def _patient_models() -> list[tuple[type[models.Model], str]]:
    """(model, field name of the foreign key to Patient) for every model of the clinic app and
    of the patient's own app (reports, messages, trial alerts)."""
    found = []
    models_ = [*apps.get_app_config("clinic").get_models(), *apps.get_app_config("myrecord").get_models()]
    for model in models_:
        for f in model._meta.get_fields():
            if isinstance(f, models.ForeignKey) and f.related_model is Patient:
                found.append((model, f.name))
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        out[f.attname] = _plain(getattr(obj, f.attname))
    return out


def _subject(who: Principal, patient_id: Any | None) -> Patient:
    if who.role == Role.PATIENT:
        own = door.own_record(who)
        if own is None:
            raise RightsError(_("No record is linked to your account."))
        return own
    if patient_id is None:
        raise RightsError(_("Name the patient."))
    return door.patient(who, patient_id, purpose="data subject request")


def export_all(who: Principal, patient_id: Any | None = None) -> dict[str, Any]:
    """Everything Synovia holds about one patient, as JSON-ready data: the patient row, every
    row of every model that refers to them, and the list of accesses to their record.

    A patient gets their own record; staff get a patient of their scope (for a request made
    on paper). One audited export."""
    patient = _subject(who, patient_id)
    with door.reading(who, "data subject export", action=Action.EXPORT) as read:
        read.note([patient])
        rows: dict[str, list[dict[str, Any]]] = {}
        for model, field in _patient_models():
            label = model._meta.label_lower
            if label == "clinic.idempotencykey":
                continue
            queryset = model._default_manager.filter(**{field: patient}).order_by("pk")
            rows[label] = [_row(obj) for obj in queryset]
        accesses = AuditEvent.objects.filter(subjects__patient_id=patient.pk).order_by("at", "id")
        log = [
            {
                "at": _plain(e.at),
                "who": e.username,
                "role": e.role,
                "through": e.via,
                "action": e.action,
                "what": e.purpose,
            }
            for e in accesses
        ]
    return {
        "format": "synovia-subject-export/1",
        "synovia": __version__,
        "made": _plain(dt.datetime.now(dt.UTC)),
        "synthetic": patient.synthetic,
        "patient": _row(patient),
        "records": rows,
        "accesses": log,
    }


def _identifier_pattern(patient: Patient) -> re.Pattern[str] | None:
    """The patient's identifiers as whole words (a given name shorter than 3 letters is left:
    it would match inside other words)."""
    values = [patient.record_number, patient.family_name, patient.email]
    if len(patient.given_name) >= 3:
        values.append(patient.given_name)
    words = [re.escape(v) for v in values if v and len(v) >= 3]
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)", re.IGNORECASE) if words else None


def _scrub_mentions(rows: models.QuerySet[Any], pattern: re.Pattern[str] | None, token: str) -> int:
    """Replace the identifiers inside every text of ``rows`` (alert messages, labels...)."""
    if pattern is None:
        return 0
    model = rows.model
    fields = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
    changed = 0
    for obj in rows.only("pk", *[f.attname for f in fields]):
        updates = {}
        for f in fields:
            value = getattr(obj, f.attname)
            if isinstance(value, str) and pattern.search(value):
                updates[f.attname] = pattern.sub(token, value)[: f.max_length or None]
        if updates:
            model._default_manager.filter(pk=obj.pk).update(**updates)
            changed += 1
    return changed


@transaction.atomic
def erase(who: Principal, patient_id: Any, *, reason: str) -> dict[str, int]:
    """Erase what identifies a patient and keep what the law and the audit trail need.

    Removed: name, record number (replaced by ``ERASED-<id>``), e-mail, the day and month of
    birth (the year stays, for age-band statistics), every free-text field of the record and of
    its history, the link to the user account (which is deactivated and stripped of name and
    e-mail), and every consent (withdrawn today, so no further research use). Kept: the coded
    clinical rows (scores, labs, infusions, adverse events), de-identified, because clinical and
    pharmacovigilance records must be retained; and the audit log. Administrators only."""
    if who.role != Role.ADMIN:
        raise RightsError(_("Only an administrator can carry out an erasure."))
    reason = " ".join(str(reason).split())[:200]
    if len(reason) < 5:
        raise RightsError(_("Give the reason for the erasure (at least 5 characters)."))
    patient = door.patient(who, patient_id, purpose="erasure")
    if patient.record_number.startswith(ERASED_PREFIX):  # erasing twice would lose nothing more
        raise RightsError(_("This record was already erased."))
    counts: dict[str, int] = {}
    user = patient.user
    blank = {name: "" for name in _PATIENT_IDENTIFIERS}
    blank["record_number"] = f"{ERASED_PREFIX}{patient.pk}"
    birth = patient.birth_date.replace(month=1, day=1)
    free = {f.name: "" for f in Patient._meta.concrete_fields if isinstance(f, _FREE_TEXT)}
    names = _identifier_pattern(patient)
    Patient._default_manager.filter(pk=patient.pk).update(**blank, **free, birth_date=birth, user=None)
    history = Patient.history.model._default_manager.filter(id=patient.pk)
    counts["patient history rows scrubbed"] = history.update(**blank, **free, birth_date=birth, user=None)
    for model, field in _patient_models():
        counts[f"{model._meta.label_lower} mentions removed"] = _scrub_mentions(
            model._default_manager.filter(**{field: patient}), names, blank["record_number"]
        )
        texts: dict[str, Any] = {
            f.name: "" for f in model._meta.concrete_fields if isinstance(f, _FREE_TEXT) and not f.null
        }
        texts |= {f.name: None for f in model._meta.concrete_fields if isinstance(f, _FREE_TEXT) and f.null}
        rows = model._default_manager.filter(**{field: patient})
        if texts:
            counts[f"{model._meta.label_lower} free text erased"] = rows.update(**texts)
            hist = getattr(model, "history", None)
            if hist is not None:
                ids = list(rows.values_list("pk", flat=True))
                hist.model._default_manager.filter(id__in=ids).update(**texts)
        if model._meta.model_name == "consent":
            counts["consents withdrawn"] = rows.filter(withdrawn_at__isnull=True).update(
                withdrawn_at=dt.datetime.now(dt.UTC)
            )
    if user is not None:
        user.is_active = False
        user.first_name = user.last_name = ""
        user.email = ""
        user.set_unusable_password()
        user.save(update_fields=["is_active", "first_name", "last_name", "email", "password"])
        counts["user accounts deactivated"] = 1
    door.record(
        who, purpose="erasure", action=Action.DELETE, patient_ids=[patient.pk], detail=f"erasure: {reason}"
    )
    return counts
