"""Who calls the API: a bearer token (``Authorization: Bearer syn_...``) or the site's session.

A token acts with its owner's role and clinic, exactly as the pages do: the same door scopes
and audits every read (channel ``api``). Requests with a token are rate limited per token
(``SYNOVIA_API_RATE`` requests per minute, default 600): over the limit the API answers 429
with ``Retry-After``. The session (a person signed in on the site, e.g. the docs page) is
accepted too, with Django's CSRF check on writes.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, django_auth

from synovia.access import door
from synovia.access.door import Principal
from synovia.api import tokens
from synovia.api.errors import ApiError
from synovia.api.models import ApiToken

WINDOW_SECONDS = 60


def rate_per_minute() -> int:
    return int(getattr(settings, "SYNOVIA_API_RATE", 600))


class Bearer(HttpBearer):
    """A Synovia API token; an unknown, expired or revoked one is a 401 (the same answer)."""

    def __call__(self, request: HttpRequest) -> Any:
        value = request.headers.get("Authorization", "")
        if not value:
            return None
        scheme, _sep, secret = value.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate(token)
        if found is None:
            raise ApiError(
                401, _("The token is not valid, has expired or was revoked."), field="Authorization"
            )
        _throttle(found)
        request.user = found.user
        request.synovia_principal = door.token_principal(request, found.user)  # type: ignore[attr-defined]
        return found


def _throttle(token: ApiToken) -> None:
    """A fixed one-minute window per token, counted in the cache."""
    limit = rate_per_minute()
    window = int(time.time() // WINDOW_SECONDS)
    key = f"synovia:api-rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        used = 1
    if used > limit:
        wait = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
        error = ApiError(429, _("Too many requests for this token; retry in %(s)s seconds.") % {"s": wait})
        error.headers["Retry-After"] = str(max(wait, 1))
        raise error


AUTH = [Bearer(), django_auth]


def who(request: HttpRequest) -> Principal:
    """The principal of an authenticated API request (token or session)."""
    found = getattr(request, "synovia_principal", None)
    if found is not None:
        return found  # type: ignore[no-any-return]
    return door.principal(request)


def user_of(request: HttpRequest) -> Any:
    return who(request).user
