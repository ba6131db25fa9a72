"""Candidacy evaluation, treatment program (cell product), infusions, scheduled visits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.clinic.models.choices import CellSource, HarvestSite, Product, Route
from synovia.clinic.models.patient import Patient
from synovia.clinic.models.versioned import Versioned


class Evaluation(Versioned):
    """The candidacy assessment and the clinician's decision with its reason."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"))
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acr_eular_score = models.PositiveSmallIntegerField(_("2010 ACR/EULAR score"), null=True, blank=True)
    acr_eular_inputs = models.JSONField(_("2010 ACR/EULAR inputs"), default=dict, blank=True)
    das28 = models.FloatField(_("baseline DAS28"), null=True, blank=True)
    das28_category = models.CharField(max_length=40, blank=True)
    contraindications = models.JSONField(
        _("contraindications checked"),
        default=dict,
        help_text=_("Each contraindication checked: true when present, false when absent."),
    )
    candidate = models.BooleanField(_("candidate"))
    reason = models.TextField(_("reason for the decision"))
    measures_version = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "-evaluated_on"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.evaluated_on} {'candidate' if self.candidate else 'not candidate'}"


class TreatmentProgram(Versioned):
    """The planned cell therapy: product, dose, route, number of infusions and interval."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="programs")
    source = models.CharField(_("cell source"), max_length=20, choices=CellSource.choices)
    autologous = models.BooleanField(_("autologous"), help_text=_("False means allogeneic."))
    product = models.CharField(_("product"), max_length=10, choices=Product.choices)
    dose_cells_per_kg = models.FloatField(_("dose (cells/kg)"))
    total_cells = models.FloatField(_("total cells per infusion"))
    route = models.CharField(_("route"), max_length=20, choices=Route.choices)
    joint = models.CharField(_("joint (intra-articular)"), max_length=12, blank=True)
    planned_infusions = models.PositiveSmallIntegerField(_("planned infusions"), default=1)
    interval_weeks = models.PositiveSmallIntegerField(_("interval (weeks)"), default=4)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "created_at"]
        verbose_name = _("treatment program")
        verbose_name_plural = _("treatment programs")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.get_product_display()}"


class Infusion(Versioned):
    """One administration of the cell product."""

    program = models.ForeignKey(TreatmentProgram, on_delete=models.CASCADE, related_name="infusions")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="infusions")
    number = models.PositiveSmallIntegerField(_("infusion number"))
    given_on = models.DateField(_("date"))
    lot = models.CharField(_("product lot"), max_length=40)
    dose_cells = models.FloatField(_("cells given"))
    route = models.CharField(_("route"), max_length=20, choices=Route.choices)
    joint = models.CharField(_("joint"), max_length=12, blank=True)
    harvest_site = models.CharField(
        _("harvest site (autologous)"), max_length=12, choices=HarvestSite.choices, blank=True
    )
    immediate_reaction = models.CharField(_("immediate reaction"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "given_on"]
        verbose_name = _("infusion")
        verbose_name_plural = _("infusions")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="infusion_number_once_per_program"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.given_on}"


class ScheduledVisit(models.Model):
    """A follow-up due after the first infusion, with its window (from the core schedule)."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="scheduled_visits")
    label = models.CharField(_("visit"), max_length=8)
    months = models.PositiveSmallIntegerField()
    target = models.DateField(_("target date"))
    earliest = models.DateField(_("window opens"))
    latest = models.DateField(_("window closes"))
    visit = models.OneToOneField(
        "clinic.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="scheduled"
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("The day the patient left the pathway (completed, withdrawn, lost): no longer work."),
    )

    class Meta:
        ordering = ["patient", "target"]
        verbose_name = _("scheduled visit")
        verbose_name_plural = _("scheduled visits")
        constraints = [
            models.UniqueConstraint(fields=["patient", "label"], name="scheduled_visit_unique"),
        ]
        indexes = [
            models.Index(fields=["earliest", "latest"]),
            # The worklist's due and overdue lists: open slots of patients still on the
            # pathway only, by closing date (slots of patients who left are closed).
            models.Index(
                fields=["latest", "earliest"],
                condition=models.Q(visit__isnull=True, closed_on__isnull=True),
                name="sched_work_by_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.target}"
