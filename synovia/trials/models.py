"""The trial catalog: registered studies, their structured criteria, and other offers.

A Trial keeps the registry's texts exactly as imported. Each Criterion keeps its text, the
rule the parser proposed (``parsed_rule``) and the rule in force (``rule``): a curator may
edit and approve it in the admin, and an approved rule survives re-imports while the
criterion's text is unchanged.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegulatoryKind(models.TextChoices):
    REGISTERED_TRIAL = "registered_trial", _("Registered trial")
    APPROVED_PRODUCT = "approved_product", _("Approved product")
    UNREGISTERED_OFFER = "unregistered_offer", _("Unregistered offer")


class Trial(models.Model):
    registry_id = models.CharField(_("registry id"), max_length=64, unique=True)
    title = models.TextField(_("title"), blank=True)
    status = models.CharField(_("status"), max_length=64, blank=True)
    status_as_seen = models.CharField(_("status as seen"), max_length=128, blank=True)
    phases = models.JSONField(_("phases"), default=list, blank=True)
    sponsor = models.CharField(_("sponsor"), max_length=300, blank=True)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    enrollment = models.PositiveIntegerField(_("enrollment"), null=True, blank=True)
    locations = models.JSONField(_("locations"), default=list, blank=True)
    criteria_text = models.TextField(_("criteria text"), blank=True)
    sex = models.CharField(_("sex"), max_length=8, blank=True)
    minimum_age_years = models.FloatField(_("minimum age (years)"), null=True, blank=True)
    maximum_age_years = models.FloatField(_("maximum age (years)"), null=True, blank=True)
    healthy_volunteers = models.BooleanField(_("healthy volunteers"), null=True, blank=True)
    criteria_complete = models.BooleanField(
        _("criteria seen whole"),
        default=True,
        help_text=_("False when the registry lists were cut short: missing criteria are unknown."),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    regulatory_kind = models.CharField(
        _("regulatory status"),
        max_length=24,
        choices=RegulatoryKind.choices,
        default=RegulatoryKind.REGISTERED_TRIAL,
    )
    raw = models.JSONField(_("registry record"), default=dict)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["registry_id"]
        verbose_name = _("trial")
        verbose_name_plural = _("trials")

    def __str__(self) -> str:
        return f"{self.registry_id}: {self.title[:80]}"


class TrialIntervention(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="interventions")
    position = models.PositiveSmallIntegerField()
    type = models.CharField(_("type"), max_length=64, blank=True)
    description = models.TextField(_("description"), blank=True)
    cell_source = models.CharField(_("cell source"), max_length=200, blank=True)
    origin = models.CharField(_("autologous or allogeneic"), max_length=16, blank=True)
    dose = models.TextField(_("dose"), blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    route = models.CharField(_("route"), max_length=120, blank=True)

    class Meta:
        ordering = ["trial", "position"]
        constraints = [
            models.UniqueConstraint(fields=["trial", "position"], name="trial_intervention_position")
        ]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self) -> str:
        return f"{self.trial.registry_id} intervention #{self.position}"


class CriterionKind(models.TextChoices):
    INCLUSION = "inclusion", _("Inclusion")
    EXCLUSION = "exclusion", _("Exclusion")


class CriterionSource(models.TextChoices):
    CRITERIA = "criteria", _("Criteria text")
    REGISTRY = "registry", _("Registry eligibility fields")
    PROVENANCE = "provenance", _("Completeness of the record")


class Criterion(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=CriterionKind.choices)
    source = models.CharField(
        _("source"), max_length=12, choices=CriterionSource.choices, default=CriterionSource.CRITERIA
    )
    text = models.TextField(_("text as registered"))
    text_hash = models.CharField(max_length=64, editable=False)
    parsed_rule = models.JSONField(_("rule proposed by the parser"))
    rule = models.JSONField(_("rule in force"))
    approved = models.BooleanField(_("approved by a curator"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    changed_since_approval = models.BooleanField(
        _("changed since approval"),
        default=False,
        help_text=_(
            "The registry's text of this criterion changed after a curator approved its rule: "
            "the parser's rule is in force until a curator compares and approves again."
        ),
    )
    approved_text = models.TextField(_("text approved before"), blank=True)
    approved_rule = models.JSONField(_("rule approved before"), null=True, blank=True)

    class Meta:
        ordering = ["trial", "position"]
        constraints = [models.UniqueConstraint(fields=["trial", "position"], name="criterion_position")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.trial.registry_id} {self.kind} #{self.position}"

    @staticmethod
    def hash_text(kind: str, text: str) -> str:
        return hashlib.sha256(f"{kind}\n{text}".encode()).hexdigest()


class Offer(models.Model):
    """A stem-cell treatment offered outside the trial catalog: approved product or not."""

    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    kind = models.CharField(
        _("regulatory status"),
        max_length=24,
        choices=[c for c in RegulatoryKind.choices if c[0] != RegulatoryKind.REGISTERED_TRIAL],
        default=RegulatoryKind.UNREGISTERED_OFFER,
    )
    approval_reference = models.CharField(
        _("approval reference"),
        max_length=200,
        blank=True,
        help_text=_("The regulator and number of the marketing authorisation, for an approved product."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="approved_product") | ~models.Q(approval_reference=""),
                name="approved_product_has_reference",
            )
        ]

    def __str__(self) -> str:
        return self.name
