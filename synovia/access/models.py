"""The audit log: one append-only row per read or write of patient data.

An event names who (user and role at the time), through what (web page, API, admin,
command), where (the URL name, endpoint or command), from where (client address, or the
command's name), when, and which patients (one :class:`AuditSubject` row each, so "who read
this chart" is one indexed query). Rows cannot be changed or deleted through the ORM, the admin
refuses add/change/delete, and on PostgreSQL a trigger refuses UPDATE and DELETE as well.
Patient and user references carry no database constraint, so an erased record or account
leaves its audit trail intact.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete an audit row."""


_M = TypeVar("_M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit log is append-only")


class Via(models.TextChoices):
    WEB = "web", _("web page")
    API = "api", _("API")
    ADMIN = "admin", _("admin site")
    COMMAND = "command", _("command line")
    SERVICE = "service", _("service call")


class Action(models.TextChoices):
    READ = "read", _("read")
    EXPORT = "export", _("export")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    via = models.CharField(_("through"), max_length=10, choices=Via.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    purpose = models.CharField(_("what"), max_length=60)
    where = models.CharField(_("where"), max_length=120, blank=True)
    source = models.CharField(_("from"), max_length=80, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    patient_count = models.PositiveIntegerField(_("patients"), default=0)
    # A cohort read (hundreds or thousands of patients) that names exactly the patients of an
    # earlier event points at that event instead of writing the same subject rows again: the
    # outcomes report viewed twice on unchanged data writes its 83,000 subject rows once.
    subjects_digest = models.CharField(_("patients' digest"), max_length=64, blank=True, db_index=True)
    subjects_of = models.ForeignKey(
        "self",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("same patients as event"),
    )

    objects: ClassVar[models.Manager[AuditEvent]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.action} {self.purpose}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit log is append-only")

    def subject_ids(self) -> models.QuerySet[Any]:
        """The patients this event touched (its own subject rows, or those of the earlier event
        naming the same patients)."""
        return AuditSubject.objects.filter(event_id=self.subjects_of_id or self.pk).values_list(
            "patient_id", flat=True
        )


class AuditSubject(models.Model):
    """One patient an event touched."""

    # No database-level foreign keys: the log is append-only and written only by
    # ``door.record`` (event and subjects in one transaction), and a cohort read names tens of
    # thousands of patients, each of whose constraint checks would cost more than the insert.
    event = models.ForeignKey(
        AuditEvent, on_delete=models.DO_NOTHING, db_constraint=False, related_name="subjects"
    )
    patient = models.ForeignKey(
        "clinic.Patient",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_subjects",
    )

    objects: ClassVar[models.Manager[AuditSubject]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audited patient")
        verbose_name_plural = _("audited patients")
        indexes = [models.Index(fields=["patient", "event"])]

    def __str__(self) -> str:
        return f"event {self.event_id} patient {self.patient_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit log is append-only")
