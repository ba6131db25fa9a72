"""``{% idempotency_field %}``: the one-time token of a create form (see ``services.once``).

A fresh random token on every form shown; a form shown again after a refused submit keeps
the token it was sent with (nothing was saved under it), so a double click on the
corrected form still records once.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from synovia.clinic.services.idempotency import key_valid

register = template.Library()


@register.simple_tag(takes_context=True)
def idempotency_field(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    posted = (
        request.POST.get("idempotency_key", "") if request is not None and request.method == "POST" else ""
    )
    token = posted if key_valid(posted) else secrets.token_urlsafe(24)
    return format_html('<input type="hidden" name="idempotency_key" value="{}">', token)
