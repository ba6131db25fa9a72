"""Read ClinicalTrials.gov API v2 study JSON into typed, frozen records.

Accepts one study object, a list of them, a ``{"studies": [...]}`` page, or a directory of
``*.json`` files (read in name order). Files may carry a ``provenance`` object (Synovia's
shipped catalog does): where the record was read, ``criteriaComplete`` (false: the criteria
lists were cut short, an empty list means "not retrieved") and the cell product as stated
(``cellSource``, ``allogeneic``, ``dose``, ``schedule``, ``route``).

Every study read here is a registered trial: its regulatory status is ``registered_trial``
with its registry id (the NCT id, else the organisation's study id as registered).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from synovia.core.jsonsafe import JsonInputError, safe_json_loads

UNPROVEN_WARNING = (
    "This offer is not a registered clinical trial or an approved product. Unproven "
    "stem-cell treatments can cause serious harm and cost a great deal; ask your "
    "rheumatologist and check the registry before any decision."
)

RegulatoryKind = Literal["registered_trial", "approved_product", "unregistered_offer"]


class StudyError(ValueError):
    """A file or object is not readable as API v2 study JSON."""


@dataclass(frozen=True)
class RegulatoryStatus:
    """Registered trial (with registry id), approved product, or unregistered offer."""

    kind: RegulatoryKind
    registry_id: str | None
    warning: str | None = None


def regulatory_status(kind: RegulatoryKind, registry_id: str | None = None) -> RegulatoryStatus:
    """A checked status: a registered trial needs its registry id; an unregistered offer
    always carries :data:`UNPROVEN_WARNING`."""
    if kind == "registered_trial" and not registry_id:
        raise StudyError("a registered trial needs its registry id")
    if kind not in ("registered_trial", "approved_product", "unregistered_offer"):
        raise StudyError(f"unknown regulatory status: {kind!r}")
    warning = UNPROVEN_WARNING if kind == "unregistered_offer" else None
    return RegulatoryStatus(kind, registry_id, warning)


@dataclass(frozen=True)
class Intervention:
    """The cell product as stated; None where the registry pages did not say."""

    type: str | None
    description: str | None
    cell_source: str | None
    origin: Literal["autologous", "allogeneic"] | None
    dose: str | None
    schedule: str | None
    route: str | None


@dataclass(frozen=True)
class Eligibility:
    """The eligibility module; ages in years, None when not stated."""

    criteria_text: str | None
    sex: Literal["ALL", "FEMALE", "MALE"] | None
    minimum_age_years: float | None
    maximum_age_years: float | None
    healthy_volunteers: bool | None


@dataclass(frozen=True)
class Study:
    """One registered study."""

    registry_id: str
    title: str | None
    status: str | None
    status_as_seen: str | None
    phases: tuple[str, ...]
    sponsor: str | None
    conditions: tuple[str, ...]
    interventions: tuple[Intervention, ...]
    enrollment: int | None
    locations: tuple[str, ...]
    eligibility: Eligibility
    criteria_complete: bool
    source_url: str | None
    regulatory: RegulatoryStatus


def load_studies(path: Path | str) -> list[Study]:
    """Studies from a file or a directory of ``*.json`` files; :class:`StudyError` if bad."""
    return [study_from_dict(record) for record in load_records(path)]


def load_records(path: Path | str) -> list[Mapping[str, Any]]:
    """The raw study objects of a file or a directory of ``*.json`` files, in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise StudyError(f"{path} holds no .json files")
        return [record for file in files for record in records_in(_read_json(file))]
    return list(records_in(_read_json(path)))


def load_catalog() -> list[Study]:
    """The installed default catalog: real registered MSC-for-RA trials."""
    root = resources.files("synovia.data") / "trials"
    names = sorted(item.name for item in root.iterdir() if item.name.endswith(".json"))
    return [s for name in names for s in _studies_in(json.loads((root / name).read_text()))]


def parse_studies(data: Any) -> list[Study]:
    """Studies from already-decoded JSON (one study, a list, or a ``studies`` page)."""
    return list(_studies_in(data))


def _read_json(path: Path) -> Any:
    try:
        return safe_json_loads(path.read_bytes())
    except OSError as exc:
        raise StudyError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except JsonInputError as exc:
        raise StudyError(f"{path} is not valid JSON: {exc}") from exc


def _studies_in(data: Any) -> Iterator[Study]:
    return (study_from_dict(record) for record in records_in(data))


def records_in(data: Any) -> Iterator[Mapping[str, Any]]:
    """The study objects of decoded JSON: one study, a list, or a ``studies`` page."""
    if isinstance(data, list):
        for item in data:
            yield from records_in(item)
    elif isinstance(data, Mapping) and isinstance(data.get("studies"), list):
        yield from records_in(data["studies"])
    elif isinstance(data, Mapping) and isinstance(data.get("protocolSection"), Mapping):
        yield data
    else:
        raise StudyError("expected a study with protocolSection, a list, or a studies page")


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def study_from_dict(data: Mapping[str, Any]) -> Study:
    """One API v2 study object (with optional ``provenance``) as a :class:`Study`."""
    ps = data["protocolSection"]
    raw_provenance = data.get("provenance")
    provenance: Mapping[str, Any] = raw_provenance if isinstance(raw_provenance, Mapping) else {}
    registry_id = _text(_get(ps, "identificationModule", "nctId")) or _text(
        _get(ps, "identificationModule", "orgStudyIdInfo", "id")
    )
    if registry_id is None:
        raise StudyError("study has neither nctId nor orgStudyIdInfo.id")
    return Study(
        registry_id=registry_id,
        title=_text(_get(ps, "identificationModule", "briefTitle")),
        status=_text(_get(ps, "statusModule", "overallStatus")),
        status_as_seen=_text(_get(ps, "statusModule", "statusAsSeen")),
        phases=tuple(_get(ps, "designModule", "phases") or ()),
        sponsor=_text(_get(ps, "sponsorCollaboratorsModule", "leadSponsor", "name")),
        conditions=tuple(_get(ps, "conditionsModule", "conditions") or ()),
        interventions=_interventions(ps, provenance),
        enrollment=_int(_get(ps, "designModule", "enrollmentInfo", "count")),
        locations=_locations(ps),
        eligibility=_eligibility(_get(ps, "eligibilityModule") or {}),
        criteria_complete=provenance.get("criteriaComplete") is not False,
        source_url=_text(provenance.get("sourceUrl")),
        regulatory=regulatory_status("registered_trial", registry_id),
    )


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _locations(ps: Mapping[str, Any]) -> tuple[str, ...]:
    found = []
    for loc in _get(ps, "contactsLocationsModule", "locations") or ():
        parts = [_text(_get(loc, key)) for key in ("facility", "city", "country")]
        label = ", ".join(p for p in parts if p)
        if label:
            found.append(label)
    return tuple(found)


def _interventions(ps: Mapping[str, Any], provenance: Mapping[str, Any]) -> tuple[Intervention, ...]:
    items = _get(ps, "armsInterventionsModule", "interventions") or ()
    return tuple(_intervention(item, provenance) for item in items)


def _intervention(item: Mapping[str, Any], provenance: Mapping[str, Any]) -> Intervention:
    description = _text(item.get("description"))
    return Intervention(
        type=_text(item.get("type")),
        description=description,
        cell_source=_text(provenance.get("cellSource")),
        origin=_origin(provenance.get("allogeneic"), description or ""),
        dose=_text(provenance.get("dose")),
        schedule=_text(provenance.get("schedule")),
        route=_text(provenance.get("route")),
    )


def _origin(allogeneic: Any, description: str) -> Literal["autologous", "allogeneic"] | None:
    if allogeneic is True:
        return "allogeneic"
    if allogeneic is False:
        return "autologous"
    lowered = description.casefold()
    if "allogeneic" in lowered and "autologous" not in lowered:
        return "allogeneic"
    if "autologous" in lowered and "allogeneic" not in lowered:
        return "autologous"
    return None


def _eligibility(module: Mapping[str, Any]) -> Eligibility:
    sex = module.get("sex")
    healthy = module.get("healthyVolunteers")
    return Eligibility(
        criteria_text=_text(module.get("eligibilityCriteria")),
        sex=sex if sex in ("ALL", "FEMALE", "MALE") else None,
        minimum_age_years=parse_age(module.get("minimumAge")),
        maximum_age_years=parse_age(module.get("maximumAge")),
        healthy_volunteers=healthy if isinstance(healthy, bool) else None,
    )


_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(year|month|week|day)s?\s*$", re.IGNORECASE)
_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 365.25 / 7, "day": 365.25}


def parse_age(value: Any) -> float | None:
    """An API v2 age ("18 Years", "6 Months") in years; None for absent or "N/A"."""
    match = _AGE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    return float(match.group(1)) / _PER_YEAR[match.group(2).lower()]
