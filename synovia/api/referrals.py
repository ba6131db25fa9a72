"""Referrals and trial enrolments as API resources.

Referrals (a person's self-assessment sent to a clinic, with their consent): the clinic's
staff list and read their clinic's referrals (an administrator every clinic's), as on the
clinic's referral page, and move them on (``PATCH`` with ``If-Match``): propose an evaluation
appointment, or close with a note the person reads. A referral is created only by the person,
on the self-assessment's send page, where they give their explicit consent: the API takes no
referral creation.

Trial enrolments (FHIR ResearchSubject): a patient's enrolments in registered trials, read by
whoever may read the record, recorded (``Idempotency-Key``) and changed (``If-Match``) by the
clinic's editors, like every clinical row. Writes go through the services; reads through the
door (audited, channel ``api``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from synovia.access import door
from synovia.accounts.models import Role
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
from synovia.api.patients import ID, PatientId, _json, _listing
from synovia.interop import services as interop
from synovia.interop.models import EnrolmentStatus, TrialEnrolment
from synovia.selfcheck import services as referral_services
from synovia.selfcheck.models import Referral, ReferralStatus

router = Router(auth=AUTH, tags=["referrals"])

#: As the clinic's referral pages (``require_staff``): clinicians, coordinators, administrators.
STAFF = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN})
ReferralId = Path(..., description="the referral's id", **ID)
EnrolmentId = Path(..., description="the enrolment's id", **ID)
StatusName = Literal[tuple(ReferralStatus.values)]  # type: ignore[valid-type]
EnrolmentStatusName = Literal[tuple(EnrolmentStatus.values)]  # type: ignore[valid-type]


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# -- referrals -------------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    patient_id: int
    clinic: str
    status: StatusName
    consent_version: str
    consented_at: dt.datetime
    appointment_at: dt.datetime | None
    appointment_place: str
    clinic_note: str
    person_note: str
    answers: dict[str, Any] = Field(..., description="the self-assessment's answers, by screen")
    facts: dict[str, Any] = Field(..., description="the eligibility facts derived from the answers")
    created_at: dt.datetime
    updated_at: dt.datetime


class ReferralFilter(Schema):
    status: StatusName | None = None


class ReferralPatch(_In):
    action: Literal["propose", "close"] = Field(
        ..., description="propose an evaluation appointment, or close the referral"
    )
    appointment_at: dt.datetime | None = Field(None, description="propose: a future date and time")
    place: str = Field("", max_length=200, description="propose: where")
    note: str = Field("", max_length=500, description="a note the person reads (needed to close)")


def referral_out(r: Referral) -> dict[str, Any]:
    fields = ("id", "patient_id", "status", "consent_version", "consented_at", "appointment_at")
    fields += ("appointment_place", "clinic_note", "person_note", "answers", "facts")
    out = {f: getattr(r, f) for f in (*fields, "created_at", "updated_at")}
    out["clinic"] = r.site.clinic.code
    return out


@router.get("/referrals", response={200: Page[ReferralOut], **READ_ERRORS})
def referral_list(request: HttpRequest, filters: Query[ReferralFilter], page: Query[PageQuery]) -> Any:
    """The referrals sent to your clinic (every clinic's for an administrator), in id order."""
    caller = who(request)
    require_role(caller, STAFF)
    wanted = {"status": filters.status} if filters.status else {}

    def fetch(after: int, n: int) -> list[Referral]:
        return selectors.referrals(who=caller, filters=wanted, after=after, n=n)

    return page_of(page, fetch, referral_out)


@router.get("/referrals/{referral_id}", response={200: ReferralOut, **READ_ERRORS})
def referral_detail(request: HttpRequest, referral_id: int = ReferralId) -> Any:
    """One referral of your clinic (with its ETag for updates)."""
    caller = who(request)
    require_role(caller, STAFF)
    found = selectors.referral(who=caller, referral_id=referral_id)
    return with_etag(_json(request, referral_out(found)), found)


@router.patch("/referrals/{referral_id}", response={200: ReferralOut, **UPDATE_ERRORS})
def referral_change(request: HttpRequest, payload: ReferralPatch, referral_id: int = ReferralId) -> Any:
    """Propose an appointment or close the referral (your clinic's staff); ``If-Match``
    required. A step the referral's status does not allow is a 400."""
    caller = who(request)
    require_role(caller, STAFF)
    user = caller.user
    assert user is not None  # require_role
    with transaction.atomic():
        found = selectors.referral(who=caller, referral_id=referral_id, for_change=True)
        if found.site.clinic_id != user.clinic_id:
            raise ApiError(403, _("Only the clinic the referral was sent to changes it."))
        check_if_match(request, found)
        if payload.action == "propose":
            if payload.appointment_at is None:
                raise ApiError(400, _("Give the appointment's date and time."), field="appointment_at")
            found = referral_services.referral_propose(
                referral=found, by=user, at=payload.appointment_at, place=payload.place, note=payload.note
            )
        else:
            found = referral_services.referral_close(referral=found, by=user, note=payload.note)
    return with_etag(_json(request, referral_out(found)), found)


# -- trial enrolments ------------------------------------------------------------------------


class EnrolmentOut(Schema):
    id: int
    version: int
    registry_id: str = Field(..., description="the trial's registry id (ClinicalTrials.gov)")
    title: str
    status: EnrolmentStatusName
    started_on: dt.date
    ended_on: dt.date | None


class EnrolmentIn(_In):
    registry_id: str = Field(..., min_length=1, max_length=64, description="a trial of the catalog")
    status: EnrolmentStatusName = EnrolmentStatus.SCREENING.value
    started_on: dt.date
    ended_on: dt.date | None = None


class EnrolmentPatch(_In):
    status: EnrolmentStatusName | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None


class EnrolmentFilter(Schema):
    since: dt.date | None = Field(None, description="started on or after")
    until: dt.date | None = Field(None, description="started on or before")


def enrolment_out(e: TrialEnrolment) -> dict[str, Any]:
    out = {f: getattr(e, f) for f in ("id", "version", "status", "started_on", "ended_on")}
    out.update(registry_id=e.trial.registry_id, title=e.trial.title)
    return out


@router.get(
    "/patients/{patient_id}/enrolments", response={200: Page[EnrolmentOut], **READ_ERRORS}, tags=["patients"]
)
def enrolment_list(
    request: HttpRequest,
    filters: Query[EnrolmentFilter],
    page: Query[PageQuery],
    patient_id: int = PatientId,
) -> Any:
    """A patient's enrolments in registered trials (FHIR ResearchSubject)."""
    wanted = {}
    if filters.since is not None:
        wanted["started_on__gte"] = filters.since
    if filters.until is not None:
        wanted["started_on__lte"] = filters.until
    return _listing(request, patient_id, "enrolments", wanted, page, enrolment_out)


@router.post(
    "/patients/{patient_id}/enrolments", response={201: EnrolmentOut, **WRITE_ERRORS}, tags=["patients"]
)
def enrolment_create(request: HttpRequest, payload: EnrolmentIn, patient_id: int = PatientId) -> Any:
    """Record that the patient takes part in a registered trial (the clinic's editors)."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    found = door.patient_for_change(caller, patient_id, purpose="api enrolment create")
    trial = selectors.trial(payload.registry_id)
    if trial is None:
        raise ApiError(400, _("No trial with this registry id in the catalog."), field="registry_id")
    fields = payload.dict(exclude={"registry_id"})
    made = create_once(
        request,
        caller,
        "enrolment",
        lambda: interop.enrolment_record(patient=found, by=caller.user, trial=trial, **fields),
    )
    return with_etag(_json(request, enrolment_out(made), 201), made)


@router.get(
    "/patients/{patient_id}/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, **READ_ERRORS},
    tags=["patients"],
)
def enrolment_detail(
    request: HttpRequest, patient_id: int = PatientId, enrolment_id: int = EnrolmentId
) -> Any:
    """One enrolment (with its ETag for updates)."""
    caller = who(request)
    require_role(caller)
    found = selectors.enrolment(who=caller, patient_id=patient_id, enrolment_id=enrolment_id)
    return with_etag(_json(request, enrolment_out(found)), found)


@router.patch(
    "/patients/{patient_id}/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, **UPDATE_ERRORS},
    tags=["patients"],
)
def enrolment_change(
    request: HttpRequest,
    payload: EnrolmentPatch,
    patient_id: int = PatientId,
    enrolment_id: int = EnrolmentId,
) -> Any:
    """Change an enrolment's status or period; ``If-Match`` required."""
    caller = who(request)
    require_role(caller, door.EDITORS)
    patient = door.patient_for_change(caller, patient_id, purpose="api enrolment update")
    found = selectors.enrolment_of(patient, enrolment_id)
    version = check_if_match(request, found)
    changes = payload.dict(exclude_unset=True)
    if changes.get("status", "") is None or changes.get("started_on", "") is None:
        raise ApiError(400, _("The status and the start cannot be emptied."), field="body")
    if changes:
        found = interop.enrolment_update(
            patient=patient, enrolment=found, by=caller.user, expected_version=version, **changes
        )
    return with_etag(_json(request, enrolment_out(found)), found)
