"""Values every template may use."""

from __future__ import annotations

from django.http import HttpRequest

from synovia import __version__


def synovia(request: HttpRequest) -> dict[str, object]:
    return {"synovia_version": __version__}
