"""The site's URLs plus views that fail in each way a page can, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.urls import path

from synovia.urls import handler400, handler403, handler404, handler500
from synovia.urls import urlpatterns as site_urls


def _raise(exc: Exception):
    def view(request):
        raise exc

    return view


urlpatterns = [
    path("fail/crash/", _raise(RuntimeError("secret-setting-value"))),
    path("fail/db/", _raise(OperationalError("could not connect to server"))),
    path("fail/db-interface/", _raise(InterfaceError("connection already closed"))),
    path("fail/denied/", _raise(PermissionDenied())),
    path("fail/bad/", _raise(SuspiciousOperation("bad"))),
    path("api/fail/db/", _raise(OperationalError("could not connect to server"))),
    *site_urls,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
