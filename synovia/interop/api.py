"""FHIR endpoints of the API: ``GET /api/fhir/Patient/{id}/$everything`` (a patient's
Bundle), ``POST /api/fhir/Patient/{id}/$import`` (a Bundle into that patient, with a report),
``GET /api/fhir/research`` (the de-identified research Bundle)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Body, Path, Query, Router, Schema
from pydantic import Field

from synovia.access import door
from synovia.api.auth import AUTH, who
from synovia.api.common import READ_ERRORS, WRITE_ERRORS, require_role
from synovia.api.errors import ApiError
from synovia.interop import exports, services

router = Router(auth=AUTH, tags=["fhir"])


class BundleOut(Schema):
    resourceType: str = Field(..., description="always Bundle")
    type: str
    entry: list[dict[str, Any]] = Field(default_factory=list)


class ImportedOut(Schema):
    resource: str
    what: str


class SkippedOut(Schema):
    resource: str
    id: str
    code: Literal["invalid", "not_kept", "not_mapped", "unit", "unreadable", "duplicate", "refused"] = Field(
        ..., description="why, as a stable word (docs/fhir.md); the reason says it in a sentence"
    )
    reason: str


class ReportOut(Schema):
    patient_id: int | None
    created_patient: bool
    imported: list[ImportedOut]
    skipped: list[SkippedOut]
    recomputed: int = Field(..., description="scores in the Bundle that Synovia recomputes instead")


class ResearchQuery(Schema):
    limit: int = Field(100, ge=1, le=500, description="patients, 1-500")


def _fhir(request: HttpRequest, data: Any) -> HttpResponse:
    from synovia.api.api import api

    answer = api.create_response(request, data, status=200)
    return answer


@router.get("/Patient/{patient_id}/$everything", response={200: BundleOut, **READ_ERRORS})
def everything(request: HttpRequest, patient_id: int = Path(..., ge=1, le=10**15)) -> Any:
    """A patient's whole record as a FHIR R4 Bundle (validated with the R4B models)."""
    caller = who(request)
    require_role(caller)
    return _fhir(request, exports.patient_bundle(who=caller, patient_id=patient_id))


@router.post("/Patient/{patient_id}/$import", response={200: ReportOut, **WRITE_ERRORS})
def import_into(
    request: HttpRequest,
    bundle: dict[str, Any] = Body(...),  # noqa: B008 - how ninja declares a body
    patient_id: int = Path(..., ge=1, le=10**15),
) -> Any:
    """Import a FHIR Bundle into this patient (the clinic's editors); re-importing adds nothing."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    try:
        report = services.import_bundle(who=caller, data=bundle, patient_id=patient_id)
    except services.ImportRefused as exc:
        raise ApiError(400, str(exc), field="body") from exc
    return report.as_dict()


@router.get("/research", response={200: BundleOut, **READ_ERRORS})
def research(request: HttpRequest, query: Query[ResearchQuery]) -> Any:
    """De-identified Bundles of the research cohort (researchers, administrators)."""
    return _fhir(request, exports.research_bundle(who=who(request), limit=query.limit))


__all__ = ["_", "router"]
