"""One-time keys of create requests: a repeated submit returns the first result.

The pages put a fresh key in a hidden field of every create form; the REST API will take
it from an ``Idempotency-Key`` header. Both go through ``services.once``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"


class IdempotencyKey(models.Model):
    """A key spent by one user on one kind of create (``scope``), and what it created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    scope = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_type = models.CharField(max_length=60, blank=True, help_text=_("app_label.model of the result"))
    result_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
