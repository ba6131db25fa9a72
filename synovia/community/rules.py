"""Text rules for community posts: what holds a post for review, and when to warn about an offer.

Pure Python (no Django), small local lexicons in English and Spanish. The offer-check core
(synovia/core/offercheck, built separately) could replace the fraud lexicon and the offer
detector; this module deliberately does not import it, so the community works without it.

Registry identifier formats (checked against each registry's own documentation):
* ClinicalTrials.gov: ``NCT`` + 8 digits.
* ISRCTN registry: ``ISRCTN`` + 8 digits.
* EudraCT: ``YYYY-NNNNNN-CC``; EU CTR (CTIS): ``YYYY-5NNNNN-NN-NN``.
* ANZCTR: ``ACTRN`` + 14 digits; ChiCTR: ``ChiCTR`` + digits and letters; CTRI: ``CTRI/YYYY/MM/NNNNNN``;
  DRKS: ``DRKS`` + 8 digits; IRCT: ``IRCT`` + digits and ``N``;
  jRCT: ``jRCT`` + a letter and 9 digits, or 10 digits.
"""

from __future__ import annotations

import re
from enum import StrEnum

REGISTRY_ID = re.compile(
    r"\b(?:NCT\d{8}|ISRCTN\d{8}|ACTRN\d{14}|DRKS\d{8}|jRCT(?:[a-z]\d{9}|\d{10})|ChiCTR[-A-Z0-9]{6,20}"
    r"|IRCT\d{6,}N\d+|CTRI/\d{4}/\d{2,3}/\d{6}|(?:19|20)\d{2}-5\d{5}-\d{2}-\d{2}"
    r"|(?:19|20)\d{2}-\d{6}-\d{2})\b",
    re.IGNORECASE,
)

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Nine or more digits, optionally after a "+" and with spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w/-])\+?\(?\d(?:[\s.()-]{0,2}\d){8,14}(?![\w/-])")
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

FRAUD_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bcures?\b.{0,40}\b(?:arthritis|ra|artritis)\b",
        r"\b(?:arthritis|ra|artritis)\b.{0,40}\bcured?\b",
        r"\bcura(?:r|do|da)?\b.{0,40}\bartritis\b",
        r"\bguarantee(?:d|s)?\b",
        r"\bgaranti(?:zad[oa]s?|a)\b",
        r"\b100\s?%\s*(?:success|effective|éxito|eficaz)",
        r"\bmiracle\b|\bmilagro(?:so|sa)?\b",
        r"\bno side[- ]effects\b|\bsin efectos (?:secundarios|adversos)\b",
        r"\bregrow(?:s)? (?:your )?cartilage\b",
        r"\bregenera(?:te)? (?:your |tus |sus )?(?:joints|articulaciones)\b",
        r"\bFDA[- ]approved stem[- ]cell",
        r"\b(?:stop|quit|deja(?:r)?)\b.{0,30}\b(?:methotrexate|metotrexato|medication|medicación|medicamentos)\b",
    )
]

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
    return [m.group(0) for m in REGISTRY_ID.finditer(text or "")]


def _without_registry_ids(text: str) -> str:
    return REGISTRY_ID.sub(" ", text)


def hold_reasons(text: str) -> list[str]:
    """Why a text should wait for a moderator: personal data or a medical-fraud pattern."""
    text = text or ""
    reasons = []
    if PHONE.search(_without_registry_ids(LINK.sub(" ", text))):
        reasons.append(HoldReason.PHONE.value)
    if EMAIL.search(text):
        reasons.append(HoldReason.EMAIL.value)
    if any(p.search(text) for p in FRAUD_PATTERNS):
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
