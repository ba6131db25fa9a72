from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from synovia.web.health import database_available


def home(request: HttpRequest) -> HttpResponse:
    """The front page: what Synovia is, and where each kind of user goes next."""
    return render(request, "web/home.html")


def health(request: HttpRequest) -> HttpResponse:
    """Plain-text readiness for load balancers: ``ok``, or 503 with Retry-After without the database."""
    if database_available():
        return HttpResponse("ok", content_type="text/plain")
    response = HttpResponse("database unavailable", content_type="text/plain", status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response
