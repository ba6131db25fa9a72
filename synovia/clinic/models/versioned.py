"""Optimistic concurrency: a ``version`` that every save of an edited record moves on.

An edit form carries the version it showed; the save is refused when the row's version
has moved since (someone else saved meanwhile), so nobody silently reverts another's
change. The check is made under a row lock by the admin's ``VersionCheckedForm`` and by
the services' ``expected_version``; this base class only counts.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """Abstract base of the records people edit: ``version`` starts at 1 and grows by one
    on every save of an existing row (``db_default`` keeps bulk inserts at 1)."""

    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
