"""Branded error pages (400, 403, 404, 429, 500, 503) in the visitor's language.

They extend the site's base template but are rendered without context processors or the
signed-in user when the server is failing (500, 503): those need the database, which may be
what failed. A database outage anywhere in a request answers 503 with ``Retry-After``, never
a traceback; API paths answer the same statuses with the API's one error body,
``{"error": {"code", "message", "field"}}`` (synovia/api/errors.py), keeping ``Retry-After``.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext

from synovia import __version__
from synovia.web.health import DATABASE_DOWN, is_database_outage


def _texts(status: int) -> tuple[str, str]:
    """The title and the explanation of each error page, in the active language."""
    texts = {
        400: (
            gettext("Bad request"),
            gettext("The request could not be understood. Check the address or the form and try again."),
        ),
        403: (
            gettext("Access denied"),
            gettext(
                "You do not have permission to see this page. Sign in with the right account, "
                "or ask your clinic's administrator for access."
            ),
        ),
        404: (
            gettext("Page not found"),
            gettext(
                "There is no page at this address. Check it for typing errors, "
                "or start again from the home page."
            ),
        ),
        500: (
            gettext("Something went wrong"),
            gettext(
                "Synovia could not complete this request. The error has been recorded; "
                "please try again in a moment."
            ),
        ),
        503: (
            gettext("Temporarily unavailable"),
            gettext(
                "Synovia cannot reach its database right now. Please try again in a minute; "
                "if you were saving a form, check afterwards that it was recorded."
            ),
        ),
    }
    return texts[status]


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form was stale or came from elsewhere."""
    message = gettext(
        "This form has expired or did not come from Synovia. Go back, reload the page and submit it again."
    )
    return _page(request, 403, message=message)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage becomes the 503 page, anything else the 500 page."""
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    return _page(request, 500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = _page(request, 503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the site's and the admin's login after too many failures (429)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    title = gettext("Too many failed sign-in attempts")
    message = ngettext(
        "This account is locked for %(minutes)d minute after too many wrong passwords. "
        "Try again later, or ask your clinic's administrator to unlock it.",
        "This account is locked for %(minutes)d minutes after too many wrong passwords. "
        "Try again later, or ask your clinic's administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    return _page(request, 429, title=title, message=message)


def _page(request: HttpRequest, status: int, *, title: str = "", message: str = "") -> HttpResponse:
    if not (title and message):
        default_title, default_message = _texts(status)
        title, message = title or default_title, message or default_message
    if request.path.startswith("/api/"):
        from synovia.api.errors import response as api_error

        return api_error(status, message)
    try:
        return _render(request, status, title, message, with_user=status < 500)
    except DATABASE_DOWN:
        # A 4xx page for a signed-in user reads the session; the database went away meanwhile.
        if status == 503:
            raise
        return service_unavailable(request)


def _render(request: HttpRequest, status: int, title: str, message: str, *, with_user: bool) -> HttpResponse:
    context = {"status": status, "title": title, "message": message}
    template = loader.get_template("web/error.html")
    if with_user:
        return HttpResponse(template.render(context, request), status=status)
    # No request context: no context processor, no user, no session, no database.
    context |= {
        "request": request,
        "csrf_token": get_token(request),
        "LANGUAGE_CODE": get_language(),
        "synovia_version": __version__,
    }
    try:
        body = template.render(context)
    except Exception:  # the page of last resort must not fail: plain text, still translated
        body = format_html("<!doctype html><title>{}</title><h1>{}</h1><p>{}</p>", title, title, message)
    return HttpResponse(body, status=status)
