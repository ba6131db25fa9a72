"""What a reader needs from a registry record: status and phase in words, the id in its real
format with a link to the official registry page, contacts and locations when the record has
them. Presentation only; the record itself is kept as imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

#: ClinicalTrials.gov overall statuses (API v2 ``overallStatus``), in the order a patient
#: reads them: open to new people first.
STATUSES: dict[str, Any] = {
    "RECRUITING": _("Recruiting"),
    "NOT_YET_RECRUITING": _("Not yet recruiting"),
    "ENROLLING_BY_INVITATION": _("Enrolling by invitation"),
    "ACTIVE_NOT_RECRUITING": _("Active, not recruiting"),
    "SUSPENDED": _("Suspended"),
    "COMPLETED": _("Completed"),
    "TERMINATED": _("Stopped early (terminated)"),
    "WITHDRAWN": _("Withdrawn before starting"),
    "UNKNOWN": _("Status not updated (unknown)"),
    "AVAILABLE": _("Available (expanded access)"),
    "NO_LONGER_AVAILABLE": _("No longer available"),
    "TEMPORARILY_NOT_AVAILABLE": _("Temporarily not available"),
    "APPROVED_FOR_MARKETING": _("Approved for marketing"),
    "WITHHELD": _("Withheld"),
}
OPEN_STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")
PHASES: dict[str, Any] = {
    "EARLY_PHASE1": _("Early phase 1"),
    "PHASE1": _("Phase 1"),
    "PHASE2": _("Phase 2"),
    "PHASE3": _("Phase 3"),
    "PHASE4": _("Phase 4"),
    "NA": _("No phase (not a drug study)"),
}
ORIGINS: dict[str, Any] = {
    "autologous": _("your own cells (autologous)"),
    "allogeneic": _("donor cells (allogeneic)"),
}


def status_label(code: str) -> str:
    """The status in words; an empty or unforeseen code reads as not stated."""
    return str(STATUSES.get(code, _("not stated")))


def status_rank(code: str) -> int:
    """Sort rank: recruiting first, then the other open statuses, then the rest."""
    order = list(STATUSES)
    return order.index(code) if code in STATUSES else len(order)


def phase_labels(phases: list[str]) -> list[str]:
    return [str(PHASES.get(p, _("phase not stated"))) for p in phases]


@dataclass(frozen=True)
class RegistryLink:
    """A registry id as the registry writes it, and the address of its official page."""

    shown: str
    registry: str
    url: str


_NCT = re.compile(r"^NCT\d{8}$")
_IRCT_PAGE = re.compile(r"^IRCT trial page (\d+)$")
_IRCT = re.compile(r"^IRCT\d+N\d+$")
_ISRCTN = re.compile(r"^ISRCTN\d{8}$")
_CHICTR = re.compile(r"^ChiCTR[-\w]+$", re.IGNORECASE)


def registry_link(registry_id: str, source_url: str = "") -> RegistryLink:
    """The official page of a registry id: clinicaltrials.gov for NCT ids, the registry's own
    site otherwise (a record read from another site links to the registry, not the mirror)."""
    if _NCT.match(registry_id):
        return RegistryLink(
            registry_id, "ClinicalTrials.gov", f"https://clinicaltrials.gov/study/{registry_id}"
        )
    if match := _IRCT_PAGE.match(registry_id):
        page = match.group(1)
        return RegistryLink(
            str(_("IRCT, trial page %(page)s") % {"page": page}),
            "IRCT",
            f"https://irct.behdasht.gov.ir/trial/{page}",
        )
    if _IRCT.match(registry_id):
        return RegistryLink(
            registry_id, "IRCT", f"https://irct.behdasht.gov.ir/search/result?query={registry_id}"
        )
    if _ISRCTN.match(registry_id):
        return RegistryLink(registry_id, "ISRCTN", f"https://www.isrctn.com/{registry_id}")
    if _CHICTR.match(registry_id):
        return RegistryLink(registry_id, "ChiCTR", "https://www.chictr.org.cn/searchprojEN.html")
    return RegistryLink(registry_id, "WHO ICTRP", f"https://trialsearch.who.int/?TrialID={registry_id}")


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    role: str


@dataclass(frozen=True)
class Place:
    facility: str
    city: str
    country: str
    status: str
    contacts: tuple[Contact, ...]


def _text(value: Any) -> str:
    return value.strip()[:300] if isinstance(value, str) else ""


def _contact(data: Any) -> Contact | None:
    if not isinstance(data, Mapping):
        return None
    found = Contact(
        _text(data.get("name")), _text(data.get("phone")), _text(data.get("email")), _text(data.get("role"))
    )
    return found if (found.name or found.phone or found.email) else None


def _contacts(items: Any) -> tuple[Contact, ...]:
    return tuple(c for c in (_contact(item) for item in (items or ())[:10]) if c is not None)


def contacts(raw: Mapping[str, Any]) -> tuple[Contact, ...]:
    """The study's central contacts from the registry record (none when it has none)."""
    module = (raw.get("protocolSection") or {}).get("contactsLocationsModule") or {}
    return _contacts(module.get("centralContacts"))


def places(raw: Mapping[str, Any]) -> tuple[Place, ...]:
    """The study's locations, with their contacts, from the registry record."""
    module = (raw.get("protocolSection") or {}).get("contactsLocationsModule") or {}
    out = []
    for loc in (module.get("locations") or ())[:200]:
        if isinstance(loc, Mapping):
            out.append(
                Place(
                    _text(loc.get("facility")),
                    _text(loc.get("city")),
                    _text(loc.get("country")),
                    _text(loc.get("status")),
                    _contacts(loc.get("contacts")),
                )
            )
    return tuple(out)


#: Country names as registries write them (ClinicalTrials.gov's English names), in words.
COUNTRIES: dict[str, Any] = {
    "Argentina": _("Argentina"),
    "Australia": _("Australia"),
    "Brazil": _("Brazil"),
    "Canada": _("Canada"),
    "Chile": _("Chile"),
    "China": _("China"),
    "Colombia": _("Colombia"),
    "Egypt": _("Egypt"),
    "France": _("France"),
    "Germany": _("Germany"),
    "India": _("India"),
    "Iran": _("Iran"),
    "Iran, Islamic Republic of": _("Iran"),
    "Italy": _("Italy"),
    "Japan": _("Japan"),
    "Korea, Republic of": _("South Korea"),
    "Mexico": _("Mexico"),
    "Pakistan": _("Pakistan"),
    "Panama": _("Panama"),
    "Peru": _("Peru"),
    "Spain": _("Spain"),
    "Taiwan": _("Taiwan"),
    "Turkey": _("Turkey"),
    "United Kingdom": _("United Kingdom"),
    "United States": _("United States"),
    "Vietnam": _("Vietnam"),
}


def country_label(name: str) -> str:
    """A registry's country name in the reader's language (an unlisted name as written)."""
    return str(COUNTRIES.get(name, name))


def countries(raw: Mapping[str, Any]) -> list[str]:
    """The countries of a trial's locations in the registry record, as the registry names them."""
    return sorted({p.country for p in places(raw) if p.country})
