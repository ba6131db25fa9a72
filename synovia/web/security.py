"""Response headers that keep patient data out of caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


def no_store(get_response: Callable[[HttpRequest], HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """``Cache-Control: no-store`` on every response but a static file.

    Static files (served by WhiteNoise) carry no patient data and keep their cache lifetime;
    every page, API answer, export and error page gets no-store, so no browser or proxy keeps
    a copy of a chart.
    """
    from django.conf import settings

    static_prefix = settings.STATIC_URL

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        if not (request.path.startswith(static_prefix) and response.status_code == 200):
            response["Cache-Control"] = "no-store"
        return response

    return middleware


def client_address(request: HttpRequest) -> str:
    """The client's address for login throttling (AXES_CLIENT_IP_CALLABLE).

    Behind one reverse proxy (``SYNOVIA_BEHIND_PROXY=1``) that is the last X-Forwarded-For
    entry, the one the proxy appended (earlier entries are whatever the client sent);
    otherwise the socket's address.
    """
    from django.conf import settings

    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return str(forwarded)[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]
