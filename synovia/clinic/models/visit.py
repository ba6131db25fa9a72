"""Visits with joint homunculi and scores computed by the core, lab results, imaging."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.clinic.models.choices import VisitKind
from synovia.clinic.models.patient import Patient
from synovia.clinic.models.versioned import Versioned

SCORE_FIELDS = ("das28_esr", "das28_crp", "cdai", "sdai", "haq_di", "rapid3")


class Visit(Versioned):
    """Assessments entered once; scores are computed by ``synovia.core.measures`` and stored
    with the core's version."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("kind"), max_length=12, choices=VisitKind.choices)
    label = models.CharField(_("label"), max_length=8, blank=True)
    visit_date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tender_joints = models.JSONField(_("tender joints (68)"), default=list, blank=True)
    swollen_joints = models.JSONField(_("swollen joints (66)"), default=list, blank=True)
    tjc28 = models.PositiveSmallIntegerField(_("TJC28"), null=True, blank=True)
    sjc28 = models.PositiveSmallIntegerField(_("SJC28"), null=True, blank=True)
    tjc68 = models.PositiveSmallIntegerField(_("TJC68"), null=True, blank=True)
    sjc66 = models.PositiveSmallIntegerField(_("SJC66"), null=True, blank=True)
    esr_mm_h = models.FloatField(_("ESR (mm/h)"), null=True, blank=True)
    crp_mg_l = models.FloatField(_("CRP (mg/L)"), null=True, blank=True)
    ptga_cm = models.FloatField(
        _("patient global (0-10 cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    ega_cm = models.FloatField(
        _("evaluator global (0-10 cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    pain_cm = models.FloatField(
        _("pain (0-10 cm)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    function_cm = models.FloatField(_("function (0-10, RAPID3)"), null=True, blank=True)
    haq_items = models.JSONField(_("HAQ-DI answers"), default=dict, blank=True)
    das28_esr = models.FloatField(null=True, blank=True)
    das28_crp = models.FloatField(null=True, blank=True)
    cdai = models.FloatField(null=True, blank=True)
    sdai = models.FloatField(null=True, blank=True)
    haq_di = models.FloatField(null=True, blank=True)
    rapid3 = models.FloatField(null=True, blank=True)
    categories = models.JSONField(_("score categories"), default=dict, blank=True)
    measures_version = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "visit_date", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["patient", "visit_date"]),
            # The worklist's visits missing both acute-phase reactants.
            models.Index(
                fields=["-visit_date"],
                condition=models.Q(esr_mm_h__isnull=True, crp_mg_l__isnull=True),
                name="visit_no_reactant_by_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.visit_date}"

    @property
    def missing_acute_phase(self) -> bool:
        return self.esr_mm_h is None and self.crp_mg_l is None


class LabResult(Versioned):
    """A LOINC-coded result stored in the canonical unit, with the value as entered."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="lab_results")
    visit = models.ForeignKey(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="lab_results"
    )
    collected_on = models.DateField(_("collected on"))
    test = models.CharField(_("test"), max_length=12)
    code = models.CharField(_("code"), max_length=20)
    system = models.CharField(_("code system"), max_length=40)
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=16)
    entered_value = models.FloatField(_("value as entered"))
    entered_unit = models.CharField(_("unit as entered"), max_length=16)
    ref_low = models.FloatField(_("reference low"), null=True, blank=True)
    ref_high = models.FloatField(_("reference high"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "collected_on", "test"]
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        indexes = [models.Index(fields=["patient", "test", "collected_on"])]

    def __str__(self) -> str:
        return f"{self.test} {self.value} {self.unit}"


class Imaging(Versioned):
    """Hand/foot radiographs: Steinbrocker stage, erosions, optional modified Sharp/vdH."""

    class Stage(models.IntegerChoices):
        I = 1, _("I - early: no destruction, possible osteoporosis")  # noqa: E741
        II = 2, _("II - moderate: osteoporosis, slight cartilage or bone destruction")
        III = 3, _("III - severe: cartilage and bone destruction, deformity")
        IV = 4, _("IV - terminal: fibrous or bony ankylosis")

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="imaging")
    taken_on = models.DateField(_("date"))
    steinbrocker_stage = models.PositiveSmallIntegerField(_("Steinbrocker stage"), choices=Stage.choices)
    erosions = models.BooleanField(_("erosions"))
    sharp_vdh = models.PositiveSmallIntegerField(
        _("modified Sharp/van der Heijde score"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(448)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "taken_on"]
        verbose_name = _("imaging")
        verbose_name_plural = _("imaging")

    def __str__(self) -> str:
        return f"{self.taken_on} stage {self.steinbrocker_stage}"
