"""The referrals panel of the clinic worklist (one include line there): read through the door,
scoped to the viewer's clinic and audited."""

from __future__ import annotations

from typing import Any

from django import template

from synovia.access import door
from synovia.selfcheck import selectors

register = template.Library()


@register.inclusion_tag("selfcheck/_worklist.html", takes_context=True)
def selfcheck_referrals(context: Any) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return {"referrals": []}
    return {"referrals": selectors.clinic_referrals(door.principal(request))}
