"""Check a clinic's stem-cell offer for the red flags of unproven treatments (pure Python).

``check_offer(text)`` returns the text's language (en/es), the trial registry ids it gives and
the red flags it shows, each with the exact words that show it. See docs/offer-check.md.
"""

from synovia.core.offercheck.check import FLAG_CODES, MAX_CHARS, Evidence, Flag, OfferReport, check_offer
from synovia.core.offercheck.language import detect_language
from synovia.core.offercheck.registry import RegistryId, find_registry_ids

__all__ = [
    "FLAG_CODES",
    "MAX_CHARS",
    "Evidence",
    "Flag",
    "OfferReport",
    "RegistryId",
    "check_offer",
    "detect_language",
    "find_registry_ids",
]
