"""Trial alerts: after each catalog import, tell each patient who asked when a trial they may
fit was added or started recruiting. Never the same alert twice: a ``TrialAlertSent`` row
with a unique (patient, trial, event) constraint is written in the transaction that sends it.

The import calls :func:`snapshot` before it writes and :func:`after_import` when it has
committed (``synovia.trials.services.trials_import``). "May fit" is the eligibility core's
verdict on what the patient's clinic record states: eligible or possibly eligible (facts
missing), never "not eligible". The e-mail names no trial, condition or record: it says that
a trial may interest them and links to the trial pages behind sign-in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from synovia.access import door
from synovia.access.models import Action
from synovia.clinic.models import Patient
from synovia.core.eligibility.evaluate import Verdict, match_trials
from synovia.myrecord.models import AlertEvent, TrialAlertRequest, TrialAlertSent
from synovia.trials.clinic_facts import record_facts, with_related
from synovia.trials.models import Trial
from synovia.trials.selectors import catalog_for_matching

RECRUITING = "RECRUITING"


def snapshot() -> dict[str, str]:
    """Each trial's status before an import (registry id -> status)."""
    return dict(Trial.objects.values_list("registry_id", "status"))


def changes(before: dict[str, str]) -> dict[str, str]:
    """Trials that are new since ``before`` (event "added") or whose status became
    recruiting (event "recruiting"); a new trial that is already recruiting counts once, as
    "recruiting"."""
    out: dict[str, str] = {}
    for registry_id, status in Trial.objects.values_list("registry_id", "status"):
        if (status or "").upper() == RECRUITING and (before.get(registry_id) or "").upper() != RECRUITING:
            out[registry_id] = AlertEvent.RECRUITING
        elif registry_id not in before:
            out[registry_id] = AlertEvent.ADDED
    return out


def after_import(before: dict[str, str]) -> int:
    """Send the alerts the import made due; returns how many were sent."""
    changed = changes(before)
    if not changed or not TrialAlertRequest.objects.filter(active=True).exists():
        return 0
    catalog = [(tid, crit) for tid, crit in catalog_for_matching() if tid in changed]
    asked = TrialAlertRequest.objects.filter(active=True).values("patient_id")
    today = timezone.localdate()
    sent = 0
    who = door.for_command("trial-alerts")
    with door.reading(who, "trial alerts", action=Action.EXPORT, detail=f"{len(changed)} trials") as read:
        patients = with_related(Patient.objects.filter(pk__in=asked).select_related("user", "trial_alert"))
        for patient in read.patients(patients.order_by("id")):
            facts, _notes = record_facts(patient, today)
            fits = [m.trial_id for m in match_trials(catalog, facts) if m.verdict is not Verdict.NOT_ELIGIBLE]
            sent += sum(_alert(patient, tid, changed[tid]) for tid in fits)
    return sent


def _alert(patient: Patient, registry_id: str, event: str) -> bool:
    recipient = patient.user.email if patient.user is not None and patient.user.is_active else ""
    recipient = recipient or patient.email
    if not recipient:
        return False
    try:
        with transaction.atomic():
            TrialAlertSent.objects.create(
                request=patient.trial_alert, patient=patient, registry_id=registry_id, event=event
            )
            link = str(getattr(settings, "SYNOVIA_SITE_URL", "")).rstrip("/") + reverse("trials:match")
            with override(settings.LANGUAGE_CODE):
                send_mail(
                    subject=_("[Synovia] A trial that may interest you"),
                    message=_(
                        "A registered trial that may fit what your record states was added to "
                        "Synovia's catalog or started recruiting. Sign in to see it: %(link)s"
                    )
                    % {"link": link},
                    from_email=None,
                    recipient_list=[recipient],
                )
    except IntegrityError:
        return False
    return True
