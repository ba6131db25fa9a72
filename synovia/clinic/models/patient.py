"""The patient, their RA treatment history, consents and pathway state changes."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.clinic.models.choices import (
    ConsentScope,
    DrugClass,
    InfectionStatus,
    PathwayState,
    Serostatus,
    Sex,
    StopReason,
)
from synovia.clinic.models.versioned import Versioned


def new_pseudonym() -> str:
    """A random, non-derivable research identifier (no PHI in it)."""
    return "P" + secrets.token_hex(6).upper()


class Patient(Versioned):
    """A person with RA followed by one clinic. Identifying fields are marked PHI."""

    clinic = models.ForeignKey(
        "accounts.Clinic",
        on_delete=models.PROTECT,
        related_name="patients",
        verbose_name=_("clinic"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="patient_record",
        verbose_name=_("patient account"),
    )
    record_number = models.CharField(_("record number"), max_length=40)  # PHI
    given_name = models.CharField(_("given name"), max_length=120)  # PHI
    family_name = models.CharField(_("family name"), max_length=120)  # PHI
    email = models.EmailField(_("e-mail"), blank=True)  # PHI
    pseudonym = models.CharField(
        _("pseudonym"), max_length=16, unique=True, default=new_pseudonym, editable=False
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))  # PHI
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=5, decimal_places=1)
    diagnosis_date = models.DateField(_("RA diagnosis date"), null=True, blank=True)
    rf_status = models.CharField(
        _("rheumatoid factor"), max_length=10, choices=Serostatus.choices, default=Serostatus.UNKNOWN
    )
    acpa_status = models.CharField(
        _("ACPA"), max_length=10, choices=Serostatus.choices, default=Serostatus.UNKNOWN
    )
    erosions = models.BooleanField(_("erosive disease"), null=True, blank=True)
    malignancy = models.BooleanField(_("malignancy (active or within 5 years)"), default=False)
    active_infection = models.BooleanField(_("active infection"), default=False)
    hbv_status = models.CharField(
        _("hepatitis B"), max_length=10, choices=InfectionStatus.choices, default=InfectionStatus.UNKNOWN
    )
    hcv_status = models.CharField(
        _("hepatitis C"), max_length=10, choices=InfectionStatus.choices, default=InfectionStatus.UNKNOWN
    )
    hiv_status = models.CharField(
        _("HIV"), max_length=10, choices=InfectionStatus.choices, default=InfectionStatus.UNKNOWN
    )
    tb_status = models.CharField(
        _("tuberculosis"), max_length=10, choices=InfectionStatus.choices, default=InfectionStatus.UNKNOWN
    )
    pregnant_or_lactating = models.BooleanField(_("pregnant or lactating"), default=False)
    other_comorbidities = models.TextField(_("other comorbidities"), blank=True)
    state = models.CharField(
        _("pathway state"),
        max_length=20,
        choices=PathwayState.choices,
        default=PathwayState.REFERRED,
        db_index=True,
    )
    referred_on = models.DateField(_("referred on"))
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "record_number"],
                name="clinic_patient_record_number_unique",
                violation_error_message=_("A patient with this record number is already registered here."),
            ),
        ]
        indexes = [
            models.Index(fields=["clinic", "state"]),
            # The patient list's order (newest referral first), within a clinic and overall.
            models.Index(fields=["clinic", "-referred_on", "id"], name="patient_clinic_referred"),
            models.Index(fields=["-referred_on", "id"], name="patient_referred"),
            # The worklist's evaluations waiting.
            models.Index(
                fields=["clinic", "referred_on"],
                condition=models.Q(state__in=["referred", "evaluating"]),
                name="patient_awaiting_evaluation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_number} ({self.pseudonym})"

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Medication(Versioned):
    """A prior or current RA drug, with start, stop and why it was stopped."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="medications")
    drug_class = models.CharField(_("class"), max_length=20, choices=DrugClass.choices)
    name = models.CharField(_("drug"), max_length=80)
    started_on = models.DateField(_("started"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped"), null=True, blank=True)
    stop_reason = models.CharField(
        _("reason for stopping"), max_length=24, choices=StopReason.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "started_on"]
        verbose_name = _("RA medication")
        verbose_name_plural = _("RA medications")

    def __str__(self) -> str:
        return self.name

    @property
    def current(self) -> bool:
        return self.stopped_on is None


class Consent(Versioned):
    """One scope consented to, with the text version, and its withdrawal if any."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("scope"), max_length=12, choices=ConsentScope.choices)
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "scope", "-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.scope} v{self.text_version}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class StateChange(models.Model):
    """An accepted pathway transition: from, to, who, when and why."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=PathwayState.choices)
    to_state = models.CharField(max_length=20, choices=PathwayState.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["patient", "at"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.from_state} -> {self.to_state}"
