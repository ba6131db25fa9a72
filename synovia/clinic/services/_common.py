"""Shared helpers of the services: saving with the acting user, consent checks, the
patient-row lock every write runs under, the version check of edits."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
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


P = ParamSpec("P")
R = TypeVar("R")


def _save(obj: models.Model, by: User | None, *, conflict: str = "") -> None:
    """Save with ``by`` as the history user (simple-history reads ``_history_user``), and log
    the write of patient data in the audit log (``synovia.access``).

    A constraint that ``full_clean`` passed but the database refuses (a concurrent save
    won the race) becomes a ``ValidationError`` with ``conflict`` as its message."""
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    created = obj._state.adding
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(
            conflict or _("Someone saved a conflicting record at the same moment; nothing was saved.")
        ) from None
    door.record_write(by, obj, created=created)


def _patient_of(kwargs: dict[str, Any]) -> Patient | None:
    for name in ("patient", "program", "consent", "visit"):
        obj = kwargs.get(name)
        if obj is not None:
            return obj if isinstance(obj, Patient) else obj.patient
    return None


def patient_write(service: Callable[P, R]) -> Callable[P, R]:
    """Run ``service`` in one transaction with its patient's row locked (``SELECT ... FOR
    UPDATE``, refreshing the caller's instance), so whatever it reads before writing (the
    state, consents, counts, open slots) still holds when it commits: concurrent writes on
    one patient's record run one after the other. The patient comes from the keyword
    ``patient``, ``program``, ``consent`` or ``visit``; nested services re-lock for free."""

    @functools.wraps(service)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            patient = _patient_of(kwargs)
            if patient is not None and patient.pk is not None:
                patient.refresh_from_db(from_queryset=Patient.objects.select_for_update())
            return service(*args, **kwargs)

    return locked


def _check_version(obj: models.Model, expected: int | None) -> None:
    """Refuse an edit made on a version of ``obj`` that is no longer the stored one; call
    under the row's lock (``patient_write``) so the check holds until the save."""
    if expected is None:
        return
    current = type(obj)._base_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    if current != expected:
        raise ValidationError(stale_message(expected, current))


def stale_message(seen: int | None, current: int | None) -> str:
    return _(
        "Someone else saved this record after you opened it (you saw version %(seen)s, "
        "it is now %(current)s). Nothing was saved: reload it to see their change."
    ) % {"seen": seen if seen is not None else "?", "current": current}


def consent_active(patient: Patient, scope: str) -> bool:
    """True when the patient holds a non-withdrawn consent for ``scope``."""
    return patient.consents.filter(scope=scope, withdrawn_at__isnull=True).exists()


def _require_consent(patient: Patient, scope: str) -> None:
    if not consent_active(patient, scope):
        label = ConsentScope(scope).label
        raise ConsentMissing(_("No active consent for: %s.") % label)
