"""The JSON API (django-ninja): typed schemas in, one core, service or selector call, explicit output.

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs (served from local static
files). Every answer that is not a success has one body, ``{"error": {"code", "message", "field"}}``
(synovia/api/errors.py); docs/api.md describes authentication, pagination, idempotency, ETags
and rate limits.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from django.utils.translation import gettext as _
from ninja import Body, NinjaAPI, Path, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import Status

from synovia import __version__
from synovia.access import door
from synovia.api import errors
from synovia.api.auth import AUTH, who
from synovia.api.common import READ_ERRORS, require_role
from synovia.api.errors import ApiError, ErrorOut
from synovia.api.measure_schemas import MeasureIn, core_arguments
from synovia.core.eligibility.evaluate import match_to_dict, match_trials
from synovia.core.eligibility.facts import FactsError, PatientFacts
from synovia.core.labs import LabUnitError
from synovia.core.measures import MEASURES, MEASURES_VERSION, MeasureInputError
from synovia.trials import selectors as trial_selectors

api = NinjaAPI(
    title="Synovia API",
    version=__version__,
    description=(
        "Synovia's JSON API. Synovia gives no medical advice: it pre-screens, explains and "
        "records; decisions belong to clinicians."
    ),
    urls_namespace="api",
)


def _answer(
    request: HttpRequest, status: int, message: str, *, code: str = "", field: str | None = None
) -> HttpResponse:
    return api.create_response(request, errors.body(status, message, code=code, field=field), status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    answer = _answer(request, exc.status, exc.message, code=exc.code, field=exc.field)
    for name, value in exc.headers.items():
        answer[name] = value
    return answer


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    field = errors.field_of(first.get("loc"), frozenset(MEASURES))
    message = str(first.get("msg", "invalid input"))
    return _answer(request, 422, f"{field}: {message}" if field else message, field=field)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    answer = _answer(request, 401, _("Send Authorization: Bearer <token>, or sign in."))
    answer["WWW-Authenticate"] = "Bearer"
    return answer


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _answer(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _answer(request, 404, _("Not found."))


@api.exception_handler(door.NotVisible)
def _not_visible(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _answer(request, 404, _("No such patient or record."))


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _answer(request, 403, str(exc) or _("Your role cannot use this operation."))


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    field = None
    if hasattr(exc, "error_dict"):
        field = next(iter(exc.error_dict), None)
        field = None if field == "__all__" else field
    return _answer(request, 400, " ".join(exc.messages), field=field)


@api.exception_handler(RawPostDataException)
def _not_json(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _answer(request, 415, _("Send the body as application/json."), field="Content-Type")


@api.exception_handler(MeasureInputError)
def _measure_input(request: HttpRequest, exc: MeasureInputError) -> HttpResponse:
    return _answer(request, 400, str(exc), field=str(exc).split(":", 1)[0] if ":" in str(exc) else None)


@api.exception_handler(LabUnitError)
def _lab_unit(request: HttpRequest, exc: LabUnitError) -> HttpResponse:
    return _answer(request, 400, str(exc), field=exc.field)


class HealthOut(Schema):
    status: str
    version: str


@api.get("/health", response={200: HealthOut, 503: HealthOut}, tags=["meta"])
def health(request: HttpRequest) -> HttpResponse:
    """Readiness: the process answers and the database does; 503 with Retry-After when it does not."""
    from django.conf import settings

    from synovia.web.health import database_available

    if database_available():
        return api.create_response(request, {"status": "ok", "version": __version__}, status=200)
    response = api.create_response(
        request, {"status": "database unavailable", "version": __version__}, status=503
    )
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    return response


class MeasureOut(Schema):
    measure: str
    value: float | None
    category: str | None
    version: str


@api.post("/measures", response={200: MeasureOut, 400: ErrorOut, 422: ErrorOut}, tags=["measures"])
def measure(request: HttpRequest, payload: MeasureIn) -> MeasureOut:
    """Compute one measure (DAS28, CDAI, SDAI, HAQ-DI, RAPID3, responses, classification).

    The body is one of the typed inputs below, chosen by ``measure``: the same inputs as a
    line of ``synovia measures``, units in every name. A field out of its range, of the
    wrong type or unknown answers 422 naming it; a rule across fields (CRP in both units,
    a HAQ-DI category of the wrong length, too few ACR core-set measures) answers 400.
    """
    try:
        result = MEASURES[payload.measure](**core_arguments(payload))
    except MeasureInputError as exc:
        raise ApiError(400, str(exc)) from exc
    return MeasureOut(
        measure=result.measure, value=result.value, category=result.category, version=MEASURES_VERSION
    )


class TrialOut(Schema):
    registry_id: str
    title: str
    status: str
    regulatory_kind: str
    criteria_complete: bool
    criteria: int
    criteria_for_review: int


class CriterionOut(Schema):
    kind: str
    source: str
    text: str
    rule: dict[str, Any]
    approved: bool


class TrialDetailOut(Schema):
    registry_id: str
    title: str
    status: str
    phases: list[str]
    sponsor: str
    regulatory_kind: str
    criteria_complete: bool
    minimum_age_years: float | None
    maximum_age_years: float | None
    criteria: list[CriterionOut]


@api.get("/trials", response=list[TrialOut], tags=["trials"])
def trials(request: HttpRequest) -> list[TrialOut]:
    """The registered-trial catalog."""
    return [
        TrialOut(
            registry_id=t.registry_id,
            title=t.title,
            status=t.status,
            regulatory_kind=t.regulatory_kind,
            criteria_complete=t.criteria_complete,
            criteria=t.n_criteria,
            criteria_for_review=t.n_review,
        )
        for t in trial_selectors.trial_list()
    ]


class CriterionMatchOut(Schema):
    kind: str
    text: str
    status: Literal["met", "not_met", "unknown", "review"]
    reason: str


class MatchOut(Schema):
    trial: str
    verdict: Literal["eligible", "not_eligible", "possibly_eligible"]
    criteria: list[CriterionMatchOut]


@api.post("/trials/match", response={200: list[MatchOut], 400: ErrorOut, 422: ErrorOut}, tags=["trials"])
def match(request: HttpRequest, facts: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    """Explained matches of one patient's facts against the catalog, closest first.

    The body is the fixed patient-facts object (see docs/eligibility.md); an unknown key is
    refused naming the key. Facts are used once and not stored.
    """
    try:
        parsed = PatientFacts.from_dict(facts)
    except FactsError as exc:
        raise ApiError(400, str(exc)) from exc
    return [match_to_dict(m) for m in match_trials(trial_selectors.catalog_for_matching(), parsed)]


@api.get(
    "/patients/{patient_id}/matches",
    auth=AUTH,
    response={200: list[MatchOut], **READ_ERRORS},
    tags=["patients"],
)
def patient_matches(request: HttpRequest, patient_id: int = Path(..., ge=1, le=10**15)) -> Any:
    """Explained matches of one patient's record against the catalog, closest first (a
    pre-screen for the clinician to review; it decides nothing)."""
    import datetime as dt

    from synovia.api import selectors
    from synovia.trials.clinic_facts import record_facts

    caller = who(request)
    require_role(caller)
    found = selectors.patient_for_matching(who=caller, patient_id=patient_id)
    facts, _notes = record_facts(found, dt.date.today())  # noqa: DTZ011 - a calendar day
    return [match_to_dict(m) for m in match_trials(trial_selectors.catalog_for_matching(), facts)]


@api.get(
    "/trials/{registry_id}", response={200: TrialDetailOut, 404: ErrorOut, 405: ErrorOut}, tags=["trials"]
)
def trial(request: HttpRequest, registry_id: str) -> Any:
    """One trial with its structured criteria (the rules in force). The registry id ``match``
    names the address of ``POST /api/trials/match`` instead, so its ``GET`` answers 405."""
    try:
        t = trial_selectors.trial_get(registry_id)
    except Http404:
        return Status(404, errors.body(404, f"no trial {registry_id!r} in the catalog"))
    return TrialDetailOut(
        registry_id=t.registry_id,
        title=t.title,
        status=t.status,
        phases=list(t.phases),
        sponsor=t.sponsor,
        regulatory_kind=t.regulatory_kind,
        criteria_complete=t.criteria_complete,
        minimum_age_years=t.minimum_age_years,
        maximum_age_years=t.maximum_age_years,
        criteria=[
            CriterionOut(kind=c.kind, source=c.source, text=c.text, rule=c.rule, approved=c.approved)
            for c in t.criteria.all()
        ],
    )


def _routers() -> None:
    from synovia.api.patients import router as patients
    from synovia.api.referrals import router as referrals
    from synovia.api.research import router as research

    api.add_router("/", patients)
    api.add_router("/", referrals)
    api.add_router("/", research)
    from synovia.interop.api import router as fhir

    api.add_router("/fhir", fhir)


_routers()
