"""Template helpers of the community: why a post is held, the unproven-offer warning."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from synovia.community import rules

register = template.Library()

DEFAULT_OFFER_CHECK_URL = "/learn/offer-check/"


@register.filter
def held_texts(item: Any) -> list[str]:
    """The member-facing reasons a post or comment waits for a moderator."""
    texts = {
        rules.HoldReason.PHONE.value: _("it seems to contain a phone number"),
        rules.HoldReason.EMAIL.value: _("it seems to contain an e-mail address"),
        rules.HoldReason.FRAUD.value: _(
            "it uses words often used to sell unproven treatments "
            "(such as 'cure', 'guaranteed' or 'no side effects')"
        ),
    }
    return [texts.get(code, code) for code in (getattr(item, "held_reasons", None) or [])]


@register.filter
def offer_warning(post: Any) -> bool:
    experience = getattr(post, "experience", None) if post.kind == "experience" else None
    trial_id = experience.trial_id if experience is not None else ""
    return rules.needs_offer_warning(
        f"{post.title}\n{post.body}", trial_id=trial_id, experience=experience is not None
    )


@register.simple_tag
def offer_check_url() -> str:
    """The offer-check page, when installed; otherwise its configured path (it may land later)."""
    try:
        return reverse("learn:offer_check")
    except NoReverseMatch:
        return str(getattr(settings, "SYNOVIA_OFFER_CHECK_URL", DEFAULT_OFFER_CHECK_URL))


@register.filter
def display_name(user: Any) -> str:
    profile = getattr(user, "community", None)
    return profile.display_name if profile is not None else _("a member")
