"""Shared helpers of the services: saving with the acting user, consent checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from synovia.access import door
from synovia.accounts.models import User
from synovia.clinic.models import (
    Patient,
)
from synovia.clinic.models.choices import (
    ConsentScope,
)


class ConsentMissing(ValidationError):
    """The processing needs a consent the patient has not given (or has withdrawn)."""


def _save(obj: models.Model, by: User | None) -> None:
    """Save with ``by`` as the history user (simple-history reads ``_history_user``), and log
    the write of patient data in the audit log (``synovia.access``)."""
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    created = obj._state.adding
    obj.full_clean()
    obj.save()
    door.record_write(by, obj, created=created)


def consent_active(patient: Patient, scope: str) -> bool:
    """True when the patient holds a non-withdrawn consent for ``scope``."""
    return patient.consents.filter(scope=scope, withdrawn_at__isnull=True).exists()


def _require_consent(patient: Patient, scope: str) -> None:
    if not consent_active(patient, scope):
        label = ConsentScope(scope).label
        raise ConsentMissing(_("No active consent for: %s.") % label)
