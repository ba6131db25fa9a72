"""The admin through the door: every page that shows patient rows is an audited read, and the
audit log itself can be read (an audited read too) but never added to, changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from synovia.access import door
from synovia.access.models import AuditEvent, AuditSubject
from synovia.clinic.models import Patient


def _patient_ids(objs: Any, path: str = "patient") -> list[int]:
    """The patient of each row: the row itself, or the end of ``path`` ("scheduled_visit__patient")."""
    ids = []
    *hops, last = path.split("__")
    for obj in objs:
        if isinstance(obj, Patient):
            ids.append(int(obj.pk))
            continue
        owner = obj
        for hop in hops:
            owner = getattr(owner, hop)
        pid = getattr(owner, f"{last}_id", None)
        if pid is not None:
            ids.append(int(pid))
    return ids


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # mixed into ModelAdmins of several models
    """A ModelAdmin whose list, change, history and delete pages record the patients shown.

    The list shows only patients in the admin's scope (``door.scope``); one audit event per page
    served, naming the patients of the rows on it."""

    patient_path = "patient"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        allowed = door.scope(door.principal(request)).values("pk")
        if qs.model is Patient:
            return qs.filter(pk__in=allowed)
        return qs.filter(**{f"{self.patient_path}__in": allowed})

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        cl = super().get_changelist_instance(request)
        door.record(
            door.principal(request),
            purpose=f"admin {self.model._meta.model_name} list",
            patient_ids=_patient_ids(cl.result_list, self.patient_path),
        )
        return cl

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            door.record(
                door.principal(request),
                purpose=f"admin {self.model._meta.model_name}",
                patient_ids=_patient_ids([obj], self.patient_path),
                detail=f"{self.model._meta.model_name} {obj.pk}",
            )
        return obj


class SubjectInline(admin.TabularInline):  # type: ignore[type-arg]  # Django's admin is untyped here
    model = AuditSubject
    extra = 0
    can_delete = False
    fields = ("patient_id",)
    readonly_fields = ("patient_id",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Django's admin is untyped here
    """Read-only: the log can be searched, never written by hand."""

    list_display = ("at", "username", "role", "via", "action", "purpose", "where", "source", "patient_count")
    list_filter = ("via", "action", "role")
    search_fields = ("username", "purpose", "where")
    date_hierarchy = "at"
    list_per_page = 100
    inlines = [SubjectInline]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        cl = super().get_changelist_instance(request)
        ids = AuditSubject.objects.filter(event__in=[e.pk for e in cl.result_list]).values_list(
            "patient_id", flat=True
        )
        door.record(door.principal(request), purpose="admin audit log", patient_ids=ids)
        return cl

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            ids = obj.subjects.values_list("patient_id", flat=True)
            door.record(
                door.principal(request),
                purpose="admin audit event",
                patient_ids=ids,
                detail=f"event {obj.pk}",
            )
        return obj
