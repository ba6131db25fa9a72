"""The de-identified research version of a patient Bundle (HIPAA Safe Harbor, 45 CFR
164.514(b)(2)): no names, record numbers, e-mail, telecom or address, no free text (notes,
narratives, lot numbers); every date shifted by the patient's own offset so that day 0 is
the first infusion (or the referral when there is none) and lands on 2000-01-01, keeping the
intervals between events; the birth date replaced by the age at day 0 in whole years, with
ages over 89 grouped as "90 or older". The patient is known by the random pseudonym (a
re-identification code not derived from any identifier, which Safe Harbor allows), and every
resource id is re-derived from it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from synovia.core.fhir import codes as c
from synovia.core.fhir import validate

ANCHOR = dt.date(2000, 1, 1)
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$")
_DROP = {"name", "telecom", "address", "photo", "contact", "note", "birthDate", "identifier"}
_FREE_TEXT = ("/lot",)  # extensions that carry a lot number, free text for Safe Harbor
NAMESPACE = uuid.UUID("0b7f9a3e-4f7e-4b44-8a8e-2d6c1f0e9a55")


def age_group(birth: dt.date, on: dt.date) -> str:
    """Whole years at ``on``; ``"90+"`` above 89 (Safe Harbor groups ages over 89)."""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return "90+" if years > 89 else str(years)


def deidentify(
    bundle: dict[str, Any], *, pseudonym: str, birth_date: dt.date, day_zero: dt.date
) -> dict[str, Any]:
    """The research Bundle of one patient's exported Bundle (validated)."""
    shift = ANCHOR - day_zero
    ids: dict[str, str] = {}

    def new_id(old: str) -> str:
        return ids.setdefault(old, str(uuid.uuid5(NAMESPACE, f"{pseudonym}|{old}")))

    entries = []
    for entry in bundle.get("entry", []):
        res = _clean(entry["resource"], shift, new_id)
        res["id"] = new_id(entry["resource"]["id"])
        if res["resourceType"] == "Patient":
            res["identifier"] = [{"system": c.PSEUDONYM, "value": pseudonym}]
            res["extension"] = [
                {"url": f"{c.EXT}/age-at-day-zero", "valueString": age_group(birth_date, day_zero)}
            ]
        entries.append({"fullUrl": f"urn:uuid:{res['id']}", "resource": validate.resource(res)})
    out = {"resourceType": "Bundle", "id": new_id(bundle["id"]), "type": "collection", "entry": entries}
    return validate.resource(out)


def _clean(value: Any, shift: dt.timedelta, new_id: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            if key in _DROP or (key == "text" and isinstance(inner, dict)):  # a narrative
                continue
            if key == "extension" and isinstance(inner, list):
                kept = [e for e in inner if not str(e.get("url", "")).endswith(_FREE_TEXT)]
                out[key] = _clean(kept, shift, new_id)
                continue
            if key == "reference" and isinstance(inner, str) and "/" in inner:
                kind, _sep, old = inner.partition("/")
                out[key] = f"{kind}/{new_id(old)}"
                continue
            out[key] = _clean(inner, shift, new_id)
        return out
    if isinstance(value, list):
        return [_clean(v, shift, new_id) for v in value]
    if isinstance(value, str):
        return _shift(value, shift)
    return value


def _shift(text: str, shift: dt.timedelta) -> str:
    """A date or date-time string moved by ``shift``; any other string unchanged."""
    match = _DATE.match(text)
    if not match:
        return text
    try:
        moved = dt.date.fromisoformat(match.group(1)) + shift
    except ValueError:
        return text
    return moved.isoformat() + match.group(2)
