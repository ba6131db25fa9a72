"""Clinical resources: patients (clinic-scoped), visits with their computed scores, labs,
infusions, adverse events, evaluations, RA medications.

Reads: the door scopes to the caller (own clinic; own record for a patient; every clinic for
an administrator) and audits. Writes: the clinic's editors (clinicians, coordinators) on their
own clinic's patients, through the clinic services. Creates take ``Idempotency-Key``;
updates need ``If-Match`` with the ETag read.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from synovia.access import door
from synovia.api import schemas as s
from synovia.api import selectors
from synovia.api.auth import AUTH, who
from synovia.api.common import (
    READ_ERRORS,
    UPDATE_ERRORS,
    WRITE_ERRORS,
    Page,
    PageQuery,
    check_if_match,
    create_once,
    page_of,
    require_role,
    with_etag,
)
from synovia.api.errors import ApiError
from synovia.clinic import services
from synovia.clinic.models import AdverseEvent, Infusion, LabResult, Patient, Visit
from synovia.clinic.models.visit import SCORE_FIELDS

router = Router(auth=AUTH, tags=["patients"])

ID = {"ge": 1, "le": 10**15}
PatientId = Path(..., description="the patient's id in Synovia", **ID)
VisitId = Path(..., description="the visit's id", **ID)


def _json(request: HttpRequest, data: Any, status: int = 200) -> HttpResponse:
    from synovia.api.api import api

    return api.create_response(request, data, status=status)


# -- renderers -------------------------------------------------------------------------------


def patient_out(p: Patient) -> dict[str, Any]:
    return {
        "id": p.pk,
        "version": p.version,
        "clinic": p.clinic.code,
        "record_number": p.record_number,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "pseudonym": p.pseudonym,
        "sex": p.sex,
        "birth_date": p.birth_date,
        "weight_kg": float(p.weight_kg),
        "diagnosis_date": p.diagnosis_date,
        "rf_status": p.rf_status,
        "acpa_status": p.acpa_status,
        "state": p.state,
        "referred_on": p.referred_on,
        "synthetic": p.synthetic,
    }


def visit_out(v: Visit) -> dict[str, Any]:
    fields = ("id", "version", "kind", "label", "visit_date", "tender_joints", "swollen_joints")
    fields += ("tjc28", "sjc28", "tjc68", "sjc66", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm")
    fields += ("pain_cm", "function_cm", "haq_items", "categories", "measures_version")
    out = {f: getattr(v, f) for f in fields}
    out["scores"] = {f: getattr(v, f) for f in SCORE_FIELDS}
    return out


def lab_out(r: LabResult) -> dict[str, Any]:
    fields = ("id", "test", "code", "system", "collected_on", "value", "unit", "entered_value")
    return {f: getattr(r, f) for f in (*fields, "entered_unit", "ref_low", "ref_high")}


def infusion_out(i: Infusion) -> dict[str, Any]:
    out = {f: getattr(i, f) for f in ("id", "number", "given_on", "lot", "dose_cells", "route", "joint")}
    out.update(
        source=i.program.source,
        product=i.program.product,
        autologous=i.program.autologous,
        immediate_reaction=i.immediate_reaction,
    )
    return out


def event_out(e: AdverseEvent) -> dict[str, Any]:
    fields = ("id", "term", "grade", "serious", "serious_criteria", "relatedness", "onset")
    return {f: getattr(e, f) for f in (*fields, "resolved_on", "outcome", "action_taken")}


def _plain(fields: tuple[str, ...]) -> Any:
    return lambda row: {f: getattr(row, f) for f in fields}


# -- patients --------------------------------------------------------------------------------


@router.get("/patients", response={200: Page[s.PatientOut], **READ_ERRORS})
def patient_list(request: HttpRequest, filters: Query[s.PatientFilter], page: Query[PageQuery]) -> Any:
    """The patients you may see (your clinic's; your own record as a patient), in id order."""
    caller = who(request)
    require_role(caller)
    wanted = {k: v for k, v in filters.dict().items() if v is not None}
    return page_of(
        page, lambda after, n: selectors.patients(who=caller, filters=wanted, after=after, n=n), patient_out
    )


@router.post("/patients", response={201: s.PatientOut, **WRITE_ERRORS})
def patient_create(request: HttpRequest, payload: s.PatientIn) -> Any:
    """Register a referred patient in your clinic (clinicians and coordinators)."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    user = caller.user
    if user is None or user.clinic is None:
        raise ApiError(403, "Your account belongs to no clinic.")
    data = payload.dict()
    made = create_once(
        request, caller, "patient", lambda: services.patient_create(clinic=user.clinic, by=user, **data)
    )
    made.clinic = user.clinic
    return with_etag(_json(request, patient_out(made), 201), made)


@router.get("/patients/{patient_id}", response={200: s.PatientOut, **READ_ERRORS})
def patient_detail(request: HttpRequest, patient_id: int = PatientId) -> Any:
    """One patient (with its ETag for updates)."""
    caller = who(request)
    require_role(caller)
    found = selectors.patient(who=caller, patient_id=patient_id)
    return with_etag(_json(request, patient_out(found)), found)


@router.patch("/patients/{patient_id}", response={200: s.PatientOut, **UPDATE_ERRORS})
def patient_change(request: HttpRequest, payload: s.PatientPatch, patient_id: int = PatientId) -> Any:
    """Change demographic or history fields; send ``If-Match`` with the ETag read."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = door.patient_for_change(caller, patient_id, purpose="api patient update")
    version = check_if_match(request, found)
    changes = payload.dict(exclude_unset=True)
    if any(changes.get(k) is None for k in ("given_name", "family_name", "weight_kg") if k in changes):
        raise ApiError(400, "Names and weight cannot be emptied.", field="body")
    if changes:
        found = services.patient_update(patient=found, by=caller.user, expected_version=version, **changes)
    return with_etag(_json(request, patient_out(found)), found)


# -- visits ----------------------------------------------------------------------------------


def _dates(filters: s.DateFilter, name: str) -> dict[str, Any]:
    out = {}
    if filters.since is not None:
        out[f"{name}__gte"] = filters.since
    if filters.until is not None:
        out[f"{name}__lte"] = filters.until
    return out


def _listing(  # noqa: PLR0917 - what every listing shares
    request: HttpRequest,
    patient_id: int,
    resource: str,
    filters: dict[str, Any],
    page: PageQuery,
    render: Any,
) -> Any:
    caller = who(request)
    require_role(caller)

    def fetch(after: int, n: int) -> list[Any]:
        return selectors.patient_rows(
            who=caller, patient_id=patient_id, resource=resource, filters=filters, after=after, n=n
        )

    return page_of(page, fetch, render)


@router.get("/patients/{patient_id}/visits", response={200: Page[s.VisitOut], **READ_ERRORS})
def visit_list(
    request: HttpRequest, filters: Query[s.DateFilter], page: Query[PageQuery], patient_id: int = PatientId
) -> Any:
    """A patient's visits with the scores the core computed (DAS28, CDAI, SDAI, HAQ-DI, RAPID3)."""
    return _listing(request, patient_id, "visits", _dates(filters, "visit_date"), page, visit_out)


@router.post("/patients/{patient_id}/visits", response={201: s.VisitOut, **WRITE_ERRORS})
def visit_create(request: HttpRequest, payload: s.VisitIn, patient_id: int = PatientId) -> Any:
    """Record a visit; the scores are computed by the core and returned."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = door.patient_for_change(caller, patient_id, purpose="api visit create")
    data = payload.dict()
    data["haq_items"] = data["haq_items"] or None
    made = create_once(
        request, caller, "visit", lambda: services.visit_record(patient=found, by=caller.user, **data)
    )
    return with_etag(_json(request, visit_out(made), 201), made)


@router.get("/patients/{patient_id}/visits/{visit_id}", response={200: s.VisitOut, **READ_ERRORS})
def visit_detail(request: HttpRequest, patient_id: int = PatientId, visit_id: int = VisitId) -> Any:
    """One visit (with its ETag for updates)."""
    caller = who(request)
    require_role(caller)
    found = selectors.visit(who=caller, patient_id=patient_id, visit_id=visit_id)
    return with_etag(_json(request, visit_out(found)), found)


@router.patch("/patients/{patient_id}/visits/{visit_id}", response={200: s.VisitOut, **UPDATE_ERRORS})
def visit_change(
    request: HttpRequest, payload: s.VisitPatch, patient_id: int = PatientId, visit_id: int = VisitId
) -> Any:
    """Change a visit's entered values; the scores are recomputed. ``If-Match`` required."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = selectors.visit_for_change(who=caller, patient_id=patient_id, visit_id=visit_id)
    version = check_if_match(request, found)
    changes = payload.dict(exclude_unset=True)
    for joint_list in ("tender_joints", "swollen_joints"):
        if joint_list in changes and changes[joint_list] is None:
            changes[joint_list] = []
    if changes:
        found = services.visit_update(visit=found, by=caller.user, expected_version=version, **changes)
    return with_etag(_json(request, visit_out(found)), found)


# -- labs, infusions, adverse events, evaluations, medications -------------------------------


@router.get("/patients/{patient_id}/labs", response={200: Page[s.LabOut], **READ_ERRORS})
def lab_list(
    request: HttpRequest, filters: Query[s.LabFilter], page: Query[PageQuery], patient_id: int = PatientId
) -> Any:
    """A patient's lab results (LOINC-coded, in the canonical unit, with the value as entered)."""
    wanted = _dates(filters, "collected_on")
    if filters.test:
        wanted["test"] = filters.test
    return _listing(request, patient_id, "labs", wanted, page, lab_out)


@router.post("/patients/{patient_id}/labs", response={201: s.LabOut, **WRITE_ERRORS})
def lab_create(request: HttpRequest, payload: s.LabIn, patient_id: int = PatientId) -> Any:
    """Record a lab result; the unit is converted to the test's canonical unit."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = door.patient_for_change(caller, patient_id, purpose="api lab create")
    data = payload.dict()
    made = create_once(
        request, caller, "lab", lambda: services.lab_record(patient=found, by=caller.user, **data)
    )
    return _json(request, lab_out(made), 201)


@router.get("/patients/{patient_id}/infusions", response={200: Page[s.InfusionOut], **READ_ERRORS})
def infusion_list(
    request: HttpRequest, filters: Query[s.DateFilter], page: Query[PageQuery], patient_id: int = PatientId
) -> Any:
    """A patient's infusions of the cell product."""
    return _listing(request, patient_id, "infusions", _dates(filters, "given_on"), page, infusion_out)


@router.get("/patients/{patient_id}/adverse-events", response={200: Page[s.AdverseEventOut], **READ_ERRORS})
def adverse_event_list(
    request: HttpRequest, filters: Query[s.DateFilter], page: Query[PageQuery], patient_id: int = PatientId
) -> Any:
    """A patient's adverse events (CTCAE v5)."""
    return _listing(request, patient_id, "adverse_events", _dates(filters, "onset"), page, event_out)


@router.post("/patients/{patient_id}/adverse-events", response={201: s.AdverseEventOut, **WRITE_ERRORS})
def adverse_event_create(request: HttpRequest, payload: s.AdverseEventIn, patient_id: int = PatientId) -> Any:
    """Report an adverse event; a serious one alerts the clinic at once."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = door.patient_for_change(caller, patient_id, purpose="api adverse event create")
    data = payload.dict()
    made = create_once(
        request,
        caller,
        "adverse_event",
        lambda: services.adverse_event_record(patient=found, by=caller.user, **data),
    )
    return _json(request, event_out(made), 201)


EVALUATION_FIELDS = ("id", "evaluated_on", "candidate", "reason", "acr_eular_score", "das28")


@router.get("/patients/{patient_id}/evaluations", response={200: Page[s.EvaluationOut], **READ_ERRORS})
def evaluation_list(
    request: HttpRequest, filters: Query[s.DateFilter], page: Query[PageQuery], patient_id: int = PatientId
) -> Any:
    """A patient's candidacy evaluations and the clinician's decisions."""
    render = _plain((*EVALUATION_FIELDS, "das28_category", "contraindications"))
    return _listing(request, patient_id, "evaluations", _dates(filters, "evaluated_on"), page, render)


@router.get("/patients/{patient_id}/medications", response={200: Page[s.MedicationOut], **READ_ERRORS})
def medication_list(request: HttpRequest, page: Query[PageQuery], patient_id: int = PatientId) -> Any:
    """A patient's prior and current RA drugs (DMARDs, glucocorticoids)."""
    render = _plain(("id", "drug_class", "name", "started_on", "stopped_on", "stop_reason"))
    return _listing(request, patient_id, "medications", {}, page, render)
