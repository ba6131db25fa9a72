"""The registry's change log for the outcomes report's cache (one row per writing statement)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ANALYSED_TABLES = (
    "accounts_clinic",
    "clinic_patient",
    "clinic_consent",
    "clinic_treatmentprogram",
    "clinic_infusion",
    "clinic_visit",
    "clinic_adverseevent",
)
"""The tables the report reads (``selectors._families`` and the research scope)."""


class DataChange(models.Model):
    """One row per statement that wrote a table the report reads, added by a database trigger
    (migration 0001), whoever wrote: the services, the admin, an import, the bulk loader, raw
    SQL. The report's cache is keyed by ``(count, max id)`` of this table as the reader sees
    it: a committed change always changes the pair (the count grows even when a transaction
    that took a lower id commits after one that took a higher one), an uncommitted one is not
    seen, so a cached report is never older than its key."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        verbose_name = _("registry change")
        verbose_name_plural = _("registry changes")

    def __str__(self) -> str:
        return f"change {self.pk}"
