"""Values every template may use."""

from __future__ import annotations

from django.http import HttpRequest

from synovia import __version__
from synovia.accounts.models import Clinic


def synovia(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {"synovia_version": __version__}
    if request.path.startswith("/admin/") and getattr(request.user, "is_staff", False):
        context["synthetic_data_present"] = Clinic.objects.filter(synthetic=True).exists()
    return context
