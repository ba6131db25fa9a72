"""The clinical record: one module per group of entities; every record belongs to a clinic
through its patient."""

from synovia.clinic.models.access import ReminderSent
from synovia.clinic.models.care import Evaluation, Infusion, ScheduledVisit, TreatmentProgram
from synovia.clinic.models.idempotency import IdempotencyKey
from synovia.clinic.models.patient import Consent, Medication, Patient, StateChange
from synovia.clinic.models.safety import AdverseEvent, Alert
from synovia.clinic.models.visit import Imaging, LabResult, Visit

__all__ = [
    "AdverseEvent",
    "Alert",
    "Consent",
    "Evaluation",
    "IdempotencyKey",
    "Imaging",
    "Infusion",
    "LabResult",
    "Medication",
    "Patient",
    "ReminderSent",
    "ScheduledVisit",
    "StateChange",
    "TreatmentProgram",
    "Visit",
]
