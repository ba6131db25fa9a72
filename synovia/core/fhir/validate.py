"""Validation of every resource with the FHIR R4B models of fhir.resources (8.x): R4B is
wire-compatible with R4 for every resource type Synovia writes (docs/fhir.md)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class


class FhirInvalid(ValueError):
    """A resource that the R4B models refuse; the message names the resource and the field."""


def resource(data: dict[str, Any]) -> dict[str, Any]:
    """Validate one resource; return it as the models serialise it (``FhirInvalid`` else)."""
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if not isinstance(kind, str) or not kind.isalpha():
        raise FhirInvalid("a resource without a resourceType")
    try:
        model = get_fhir_model_class(kind)
    except (KeyError, ValueError, AttributeError, ImportError) as exc:
        raise FhirInvalid(f"unknown resource type {kind[:40]!r}") from exc
    try:
        parsed = model.model_validate(data)
    except (ValueError, TypeError) as exc:
        first = str(exc).splitlines()
        raise FhirInvalid(f"{kind}: {' '.join(first[:3])[:300]}") from exc
    return parsed.model_dump(mode="json", exclude_none=True)


def bundle(data: dict[str, Any]) -> dict[str, Any]:
    """Validate a Bundle and each resource in it."""
    for entry in data.get("entry", []) or []:
        resource(entry.get("resource", {}))
    return resource(data)
