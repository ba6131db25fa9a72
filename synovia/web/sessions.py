"""The session idle timeout, renewed at most once a minute.

A session ends ``SYNOVIA_SESSION_IDLE_MINUTES`` after the last request (``SESSION_COOKIE_AGE``).
Django's ``SESSION_SAVE_EVERY_REQUEST`` keeps that promise by writing the session row (and a
new cookie) on every request: an UPDATE and a commit per page view, about 0.5 ms of the
worker's CPU and a flush of PostgreSQL's log each time. ``renew_sessions`` writes it instead
when the last renewal is at least ``RENEW_SECONDS`` old (or the session changed anyway), so a
session left idle ends between ``SESSION_COOKIE_AGE - RENEW_SECONDS`` and ``SESSION_COOKIE_AGE``
after the last request; the renewal time is kept in the session itself. A request without a
session (no cookie, or an expired one) creates none here.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

RENEW_SECONDS = 60
"""At most this long between two writes of an active session's expiry."""
KEY = "_synovia_renewed"


View = Callable[[HttpRequest], HttpResponse]


def renew_sessions(get_response: View) -> View:
    """Middleware, after Django's ``SessionMiddleware``: mark an existing session as modified
    when its last renewal is ``RENEW_SECONDS`` old, so Django saves it (and resends the cookie
    with a fresh expiry) on this response."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.session_key is None:
            # No session, one this request did not use (a static file, a token's API call:
            # reading it here would cost a query), or one it ended (sign-out): nothing to renew.
            return response
        now = int(time.time())
        try:
            renewed = int(session.get(KEY, 0))
        except (TypeError, ValueError):
            renewed = 0
        if (session.modified or now - renewed >= RENEW_SECONDS) and not session.is_empty():
            session[KEY] = now
        return response

    return middleware


def renewed_at_sign_in(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """``user_logged_in``: signing in writes the session anyway, so it counts as a renewal (the
    first page after it writes nothing)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[KEY] = int(time.time())
