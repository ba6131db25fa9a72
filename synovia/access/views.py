"""The patient's own copy of everything Synovia holds about them (one audited export)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from synovia.access import door, rights
from synovia.accounts.models import Role


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    who = door.principal(request)
    if who.role != Role.PATIENT:
        raise Http404(_("Only a patient can download their own data here."))
    try:
        data = rights.export_all(who)
    except rights.RightsError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="synovia-my-data.json"'
    return response
