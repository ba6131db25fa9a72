"""The admin through the door: every page that shows patient rows is an audited read, and the
audit log itself can be read (an audited read too) but never added to, changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
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
        if obj is not None and not getattr(request, "_synovia_admin_read", False):
            self._record(request, obj, "")
        return obj

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._record_id(request, object_id, " history")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> Any:
        self._record_id(request, object_id, " history version")
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]  # SimpleHistoryAdmin's

    def _record_id(self, request: HttpRequest, object_id: str, what: str) -> None:
        """Audit a page that names a row by id without going through ``get_object``."""
        request._synovia_admin_read = True  # type: ignore[attr-defined]  # get_object must not log twice
        obj = self.get_queryset(request).filter(pk=unquote(object_id)).first() if _pk_ok(object_id) else None
        if obj is None:
            history = getattr(self.model, "history", None)
            past = (
                history.filter(**{self.model._meta.pk.attname: unquote(object_id)})
                .order_by("-history_date")
                .first()
                if history is not None and _pk_ok(object_id)
                else None
            )
            obj = past.instance if past is not None else None
        if obj is not None:
            self._record(request, obj, what)

    def _record(self, request: HttpRequest, obj: Any, what: str) -> None:
        name = self.model._meta.model_name
        door.record(
            door.principal(request),
            purpose=f"admin {name}{what}",
            patient_ids=_patient_ids([obj], self.patient_path),
            detail=f"{name} {obj.pk}",
        )


def _pk_ok(object_id: str) -> bool:
    return unquote(object_id).isdigit() and len(object_id) <= 18


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
        events = [e.subjects_of_id or e.pk for e in cl.result_list]
        ids = AuditSubject.objects.filter(event__in=events).values_list("patient_id", flat=True)
        door.record(door.principal(request), purpose="admin audit log", patient_ids=ids)
        return cl

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            ids = obj.subject_ids()
            door.record(
                door.principal(request),
                purpose="admin audit event",
                patient_ids=ids,
                detail=f"event {obj.pk}",
            )
        return obj
