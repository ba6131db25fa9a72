"""Admin of the clinical record, with simple-history's change history on every page.

The admin edits through Django's forms (history user recorded by simple-history's
middleware); pathway states are changed on the clinic pages, where the core checks them.
"""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from synovia.access.admin import AuditedAdmin
from synovia.clinic import models as m


class ClinicScopedAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """Patient data in the admin: scoped and audited through the one door, with history."""

    list_select_related = True


class ReadOnlyHistoryAdmin(AuditedAdmin):
    """Records that are history themselves (state changes, alerts, reminders): read only."""

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]  # Django admin signature
        return False


class ConsentInline(admin.TabularInline):
    model = m.Consent
    extra = 0


class MedicationInline(admin.TabularInline):
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


@admin.register(m.Visit)
class VisitAdmin(ClinicScopedAdmin):
    list_display = ("patient", "visit_date", "kind", "label", "das28_esr", "cdai", "measures_version")
    list_filter = ("kind",)
    raw_id_fields = ("patient", "recorded_by")
    readonly_fields = (
        "das28_esr",
        "das28_crp",
        "cdai",
        "sdai",
        "haq_di",
        "rapid3",
        "categories",
        "measures_version",
    )


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
