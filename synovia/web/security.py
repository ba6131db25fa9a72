"""Response headers that keep patient data out of caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


def no_store(get_response: Callable[[HttpRequest], HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """``Cache-Control: no-store`` on every response Django builds.

    Static files are answered earlier by WhiteNoise (they carry no patient data and keep their
    long cache lifetime); every page, API answer, export and error page passes here, so no
    browser or proxy keeps a copy of a chart.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response["Cache-Control"] = "no-store"
        return response

    return middleware
