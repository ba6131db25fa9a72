"""Text rules for community posts: what holds a post for review, and when to warn about an offer.

The claims of unproven treatments ("cures arthritis", "no side effects", "FDA-approved stem
cells") and registry ids are read by the offer-check core (:mod:`synovia.core.offercheck`):
one lexicon in English and Spanish for the offer check and the community. Kept here: personal
data (phone numbers, e-mail addresses), advice to stop a prescribed drug (not an offer's claim,
but a post a moderator should see first) and the shape of an offer (a link, a clinic with a
price).
"""

from __future__ import annotations

import re
from enum import StrEnum

from synovia.core.offercheck import MAX_CHARS, find_registry_ids, flags

HOLDING_CLAIMS = frozenset(
    {"claims_no_risk", "claims_cure_or_regeneration", "vague_success_claims", "misrepresents_regulation"}
)
"""Offer-check flags that hold a post for a moderator: claims that harm a reader who believes
them (cures, no risk, guaranteed or miracle results, success rates, false approvals). Prices,
travel and a member's own account of how they felt are what experience reports are for: they
get the unproven-treatment warning where they name an offer, not a hold."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Nine or more digits, optionally after a "+" and with spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w/-])\+?\(?\d(?:[\s.()-]{0,2}\d){8,14}(?![\w/-])")
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

STOP_MEDICATION = re.compile(
    r"\b(?:stop|quit|deja(?:r)?)\b.{0,30}\b(?:methotrexate|metotrexato|medication|medicación|medicamentos)\b",
    re.IGNORECASE,
)

CLINIC_WORDS = re.compile(
    r"\b(?:clinic|clinics|clínica|clinica|clínicas|center|centre|centro|institute|instituto|package|paquete)\b",
    re.IGNORECASE,
)
PRICE = re.compile(r"(?:[$€£]\s?\d|\d\s?(?:k\b|usd|eur|mxn|dollars|euros|dólares))", re.IGNORECASE)


class HoldReason(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    FRAUD = "fraud"


def registry_ids(text: str) -> list[str]:
    """The registry ids in ``text`` (canonical form), read by the offer-check core."""
    return [found.id for found in find_registry_ids(text or "")]


def _without_registry_ids(text: str) -> str:
    for found in reversed(find_registry_ids(text)):
        text = f"{text[: found.start]} {text[found.end :]}"
    return text


def _claims(text: str) -> bool:
    return any(flag.code in HOLDING_CLAIMS for flag in flags(text[:MAX_CHARS]))


def hold_reasons(text: str) -> list[str]:
    """Why a text should wait for a moderator: personal data or a medical-fraud pattern."""
    text = text or ""
    reasons = []
    if PHONE.search(_without_registry_ids(LINK.sub(" ", text))):
        reasons.append(HoldReason.PHONE.value)
    if EMAIL.search(text):
        reasons.append(HoldReason.EMAIL.value)
    if STOP_MEDICATION.search(text) or _claims(text):
        reasons.append(HoldReason.FRAUD.value)
    return reasons


def names_an_offer(text: str) -> bool:
    """A link, or a clinic named with a price: the shape of a treatment offer."""
    text = text or ""
    return (
        bool(LINK.search(text))
        or bool(CLINIC_WORDS.search(text) and PRICE.search(text))
        or bool(
            CLINIC_WORDS.search(text)
            and re.search(r"stem[- ]?cell|célula|celula|\bmsc\b", text, re.IGNORECASE)
        )
    )


def needs_offer_warning(text: str, *, trial_id: str = "", experience: bool = False) -> bool:
    """Show the unproven-treatment warning: an offer (or a treatment report) without a registry id."""
    if registry_ids(text) or registry_ids(trial_id):
        return False
    return experience or names_an_offer(text)
