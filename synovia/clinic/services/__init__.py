"""Writes on the clinical record. One transaction per service; views, the API and
commands call these, never the ORM directly. Pathway rules come from ``synovia.core``.

``by`` is the person acting: it is stored as the history user of every change
(django-simple-history), so the audit trail names them even outside a request.
"""

from synovia.clinic.services._common import ConsentMissing, consent_active
from synovia.clinic.services.idempotency import Once, key_valid, once
from synovia.clinic.services.pathway import (
    CHECKS,
    evaluation_record,
    infusion_record,
    patient_transition,
    program_create,
    retreatment_check,
)
from synovia.clinic.services.patients import (
    consent_record,
    consent_withdraw,
    demo_patient_link,
    medication_add,
    patient_create,
    patient_link_user,
    patient_update,
)
from synovia.clinic.services.records import (
    VISIT_INPUTS,
    imaging_record,
    lab_record,
    visit_record,
    visit_update,
)
from synovia.clinic.services.reminders import reminders_send
from synovia.clinic.services.safety import (
    adverse_event_record,
    alert_mark_read,
    serious_alert_recipients,
)

__all__ = [
    "CHECKS",
    "VISIT_INPUTS",
    "ConsentMissing",
    "Once",
    "adverse_event_record",
    "alert_mark_read",
    "consent_active",
    "consent_record",
    "consent_withdraw",
    "demo_patient_link",
    "evaluation_record",
    "imaging_record",
    "infusion_record",
    "key_valid",
    "lab_record",
    "medication_add",
    "once",
    "patient_create",
    "patient_link_user",
    "patient_transition",
    "patient_update",
    "program_create",
    "reminders_send",
    "retreatment_check",
    "serious_alert_recipients",
    "visit_record",
    "visit_update",
]
