"""Admin of the clinical record, with simple-history's change history on every page.

The admin edits through Django's forms (history user recorded by simple-history's
middleware); pathway states are changed on the clinic pages, where the core checks them.
Every change form carries the record's version and refuses a stale save
(``OptimisticLockAdmin``); visits are saved through ``services.visit_update`` so their
scores are recomputed by the core.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from synovia.access.admin import AuditedAdmin
from synovia.clinic import models as m
from synovia.clinic import services
from synovia.clinic.services._common import stale_message
from synovia.core import joints


class VersionCheckedForm(forms.ModelForm):
    """A change form that remembers the version it showed (hidden ``seen_version``) and
    refuses the save when the stored row has moved on since. The admin runs the whole
    change view in one transaction, so the row stays locked from this check to the save."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk is not None:
            rows = type(self.instance)._base_manager.select_for_update().filter(pk=self.instance.pk)
            current = rows.values_list("version", flat=True).first()
            seen = cleaned.get("seen_version")
            if seen != current:
                raise ValidationError(stale_message(seen, current))
        return cleaned


class OptimisticLockAdmin:
    """Mixin of a ``ModelAdmin`` or inline of a ``Versioned`` model: stale saves refused."""

    form = VersionCheckedForm


class ClinicScopedAdmin(OptimisticLockAdmin, AuditedAdmin, SimpleHistoryAdmin):
    """Patient data in the admin: scoped and audited through the one door, with history, and
    stale saves refused."""

    list_select_related = True


class ReadOnlyHistoryAdmin(AuditedAdmin):
    """Records that are history themselves (state changes, alerts, reminders): read only."""

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False


class ConsentInline(OptimisticLockAdmin, admin.TabularInline):
    model = m.Consent
    extra = 0


class MedicationInline(OptimisticLockAdmin, admin.TabularInline):
    model = m.Medication
    extra = 0


@admin.register(m.Patient)
class PatientAdmin(ClinicScopedAdmin):
    list_display = ("record_number", "pseudonym", "clinic", "state", "referred_on", "synthetic")
    list_filter = ("state", "synthetic", "clinic")
    search_fields = ("record_number", "pseudonym", "family_name")
    readonly_fields = ("state", "pseudonym")
    inlines = [ConsentInline, MedicationInline]
    list_per_page = 50


@admin.register(m.Evaluation)
class EvaluationAdmin(ClinicScopedAdmin):
    list_display = ("patient", "evaluated_on", "candidate", "acr_eular_score", "das28")
    raw_id_fields = ("patient", "clinician")


@admin.register(m.TreatmentProgram)
class ProgramAdmin(ClinicScopedAdmin):
    list_display = ("patient", "source", "autologous", "product", "route", "planned_infusions")
    list_filter = ("source", "product", "route", "autologous")
    raw_id_fields = ("patient",)


@admin.register(m.Infusion)
class InfusionAdmin(ClinicScopedAdmin):
    list_display = ("patient", "number", "given_on", "lot", "route")
    raw_id_fields = ("patient", "program")


class VisitAdminForm(VersionCheckedForm):
    """The joint lists are checked here, so a wrong code is a form error, not a 500."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, allowed in (("tender_joints", joints.JOINTS_68), ("swollen_joints", joints.JOINTS_66)):
            try:
                joints.validate(cleaned.get(name) or (), allowed=allowed)
            except (joints.JointError, TypeError) as exc:
                self.add_error(name, str(exc))
        return cleaned


@admin.register(m.Visit)
class VisitAdmin(ClinicScopedAdmin):
    """Counts and scores are derived (read-only); a save goes through ``visit_update``."""

    form = VisitAdminForm
    list_display = ("patient", "visit_date", "kind", "label", "das28_esr", "cdai", "measures_version")
    list_filter = ("kind",)
    raw_id_fields = ("patient", "recorded_by")
    readonly_fields = (
        "tjc28",
        "sjc28",
        "tjc68",
        "sjc66",
        "das28_esr",
        "das28_crp",
        "cdai",
        "sdai",
        "haq_di",
        "rapid3",
        "categories",
        "measures_version",
    )

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        """On a change only the entered values are editable (who, whose and which slot stay)."""
        fixed = ("patient", "label", "recorded_by") if obj is not None else ()
        return (*fixed, *self.readonly_fields)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            super().save_model(request, obj, form, change)
        inputs = {k: v for k, v in form.cleaned_data.items() if k in services.VISIT_INPUTS}
        services.visit_update(visit=obj, by=request.user, **inputs)


@admin.register(m.LabResult)
class LabAdmin(ClinicScopedAdmin):
    list_display = ("patient", "collected_on", "test", "value", "unit", "code")
    list_filter = ("test",)
    raw_id_fields = ("patient", "visit")


@admin.register(m.Imaging)
class ImagingAdmin(ClinicScopedAdmin):
    list_display = ("patient", "taken_on", "steinbrocker_stage", "erosions", "sharp_vdh")
    raw_id_fields = ("patient",)


@admin.register(m.AdverseEvent)
class AdverseEventAdmin(ClinicScopedAdmin):
    list_display = ("patient", "term", "grade", "serious", "relatedness", "onset", "outcome")
    list_filter = ("serious", "grade", "relatedness")
    raw_id_fields = ("patient", "program", "reported_by")


@admin.register(m.ScheduledVisit)
class ScheduledVisitAdmin(AuditedAdmin):
    list_display = ("patient", "label", "target", "earliest", "latest", "visit")
    raw_id_fields = ("patient", "visit")


@admin.register(m.StateChange)
class StateChangeAdmin(ReadOnlyHistoryAdmin):
    list_display = ("patient", "from_state", "to_state", "at", "by")
    list_select_related = ("patient", "by")


@admin.register(m.Alert)
class AlertAdmin(ReadOnlyHistoryAdmin):
    list_display = ("patient", "recipient", "created_at", "read_at")
    list_select_related = ("patient", "recipient")


@admin.register(m.ReminderSent)
class ReminderSentAdmin(ReadOnlyHistoryAdmin):
    patient_path = "scheduled_visit__patient"
    list_display = ("scheduled_visit", "kind", "sent_at")
    list_select_related = ("scheduled_visit",)
