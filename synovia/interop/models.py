"""Trial enrolments: a patient taking part in a registered trial (FHIR R4 ResearchSubject).

Synovia pre-screens and explains; a clinician records an enrolment once the trial's own
process has taken the patient in. The status uses R4's ResearchSubject status codes
(http://hl7.org/fhir/R4/valueset-research-subject-status.html), so the FHIR export writes
it as it is. Writes go through ``synovia.interop.services`` (the clinic services' save
helper: history and the audit log); reads through the door.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.clinic.models.versioned import Versioned


class EnrolmentStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SCREENING = "screening", _("Screening")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    ON_STUDY = "on-study", _("On study")
    FOLLOW_UP = "follow-up", _("In the study's follow-up")
    OFF_STUDY = "off-study", _("Off study (completed)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses that end the enrolment: they need the end date.
ENDED = frozenset({EnrolmentStatus.OFF_STUDY, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.INELIGIBLE})


class TrialEnrolment(Versioned):
    """One patient in one registered trial, with the status and the period on the study."""

    patient = models.ForeignKey("clinic.Patient", on_delete=models.CASCADE, related_name="enrolments")
    trial = models.ForeignKey("trials.Trial", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.SCREENING
    )
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "started_on", "id"]
        verbose_name = _("trial enrolment")
        verbose_name_plural = _("trial enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "trial", "started_on"], name="one_enrolment_per_trial_and_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="enrolment_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"
