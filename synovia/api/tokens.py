"""Writes and reads of API tokens: create (the secret is returned once), revoke, authenticate.

A token is ``syn_`` followed by 32 random bytes in URL-safe base64 (``secrets.token_urlsafe``);
the database keeps its SHA-256 (a random 256-bit secret needs no slow hash: guessing it is
hopeless, and a stolen table gives no usable token).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import User
from synovia.api.models import ApiToken

PREFIX = "syn_"
MAX_DAYS = 3650
MAX_ACTIVE = 20


@dataclass(frozen=True)
class NewToken:
    """A token just created: its row and its secret (shown once, never stored)."""

    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(*, user: User, name: str = "", expires_days: int | None = None) -> NewToken:
    """A new token for ``user``; ``expires_days`` between 1 and 3650 (None: no expiry)."""
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise ValidationError(_("The expiry must be between 1 and %(max)s days.") % {"max": MAX_DAYS})
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    name = name.strip()
    if len(name) > 60:
        raise ValidationError(_("The name may have at most 60 characters."))
    if tokens_of(user).filter(revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(_("Revoke a token first: at most %(max)s are active.") % {"max": MAX_ACTIVE})
    secret = PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=expires_days) if expires_days else None
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:10], digest=digest(secret), expires_at=expires
    )
    return NewToken(token=token, secret=secret)


def tokens_of(user: User):  # type: ignore[no-untyped-def]
    return ApiToken.objects.filter(user=user)


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token now (revoking twice keeps the first time)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret (its user active too), marking it used; else None."""
    if not secret.startswith(PREFIX) or len(secret) > 100 or not secret.isascii():
        return None
    token = ApiToken.objects.select_related("user", "user__clinic").filter(digest=digest(secret)).first()
    if token is None or not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
