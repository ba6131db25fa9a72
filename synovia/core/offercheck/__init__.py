"""Check a clinic's stem-cell offer for the red flags of unproven treatments (pure Python).

``check_offer(text)`` returns the text's language (en/es), the trial registry ids it gives and
the red flags it shows, each with the exact words that show it. ``flags(text)`` is the small
entry point for short texts such as community posts (claim flags only). See docs/offer-check.md.
"""

from synovia.core.offercheck.check import (
    CLAIM_CODES,
    FLAG_CODES,
    MAX_CHARS,
    Evidence,
    Flag,
    OfferReport,
    check_offer,
    flags,
)
from synovia.core.offercheck.language import detect_language
from synovia.core.offercheck.registry import RegistryId, find_registry_ids

__all__ = [
    "CLAIM_CODES",
    "FLAG_CODES",
    "MAX_CHARS",
    "Evidence",
    "Flag",
    "OfferReport",
    "RegistryId",
    "check_offer",
    "detect_language",
    "find_registry_ids",
    "flags",
]
