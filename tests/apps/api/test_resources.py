"""The clinical resources of the API: tokens, scope, audit, errors, paging, idempotency, ETags,
rate limits."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.access.models import AuditEvent
from synovia.api import tokens
from synovia.api.common import decode_cursor, encode_cursor
from synovia.clinic.models import Visit
from tests.apps.api.conftest import TokenClient, token_client
from tests.apps.clinic.conftest import make_patient

pytestmark = pytest.mark.django_db

VISIT = {
    "visit_date": "2026-01-10",
    "kind": "baseline",
    "tender_joints": ["R_WRIST", "L_WRIST", "R_MCP2", "L_KNEE"],
    "swollen_joints": ["R_WRIST", "R_MCP2"],
    "esr_mm_h": 30,
    "crp_mg_l": 12,
    "ptga_cm": 5,
    "ega_cm": 4,
    "pain_cm": 5,
    "function_cm": 3,
}


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["message"]
    return body["error"]


# -- tokens ----------------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_digest(clinician):
    new = tokens.token_create(user=clinician, expires_days=30)
    assert new.secret.startswith("syn_") and len(new.secret) > 40
    row = new.token
    assert row.digest == tokens.digest(new.secret) and new.secret not in (row.digest, row.prefix)
    assert new.secret.startswith(row.prefix) and len(row.prefix) == 10
    assert tokens.authenticate(new.secret) == row
    assert tokens.authenticate(new.secret + "x") is None


def test_revoked_expired_and_unknown_tokens_get_the_same_401(clinician, client):
    revoked = tokens.token_create(user=clinician)
    tokens.token_revoke(token=revoked.token)
    expired = tokens.token_create(user=clinician, expires_days=1)
    expired.token.expires_at = expired.token.created_at - dt.timedelta(days=1)
    expired.token.save()
    for secret in (revoked.secret, expired.secret, "syn_nope", "garbage", "syn_" + "é" * 10):
        error = _error(TokenClient(secret).get("/api/patients"), 401)
        assert error["code"] == "unauthorized"
    error = _error(client.get("/api/patients"), 401)
    assert error["code"] == "unauthorized"


def test_an_inactive_users_token_stops_working(clinician):
    api = token_client(clinician)
    assert api.get("/api/patients").status_code == 200
    clinician.is_active = False
    clinician.save()
    assert api.get("/api/patients").status_code == 401


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_token_expiry_out_of_range_is_refused(clinician, days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        tokens.token_create(user=clinician, expires_days=days)


# -- scope and audit -------------------------------------------------------------------------


def test_clinician_lists_own_clinic_only_and_the_read_is_audited_as_api(
    as_clinician, as_other_clinician, patient, other_patient, clinician
):
    before = AuditEvent.objects.count()
    body = as_clinician.get("/api/patients").json()
    assert [p["id"] for p in body["items"]] == [patient.pk]
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.via, event.username, event.role) == ("api", clinician.username, "clinician")
    assert list(event.subjects.values_list("patient_id", flat=True)) == [patient.pk]
    other = as_other_clinician.get("/api/patients").json()
    assert [p["id"] for p in other["items"]] == [other_patient.pk]


def test_another_clinics_patient_is_not_found_like_a_missing_one(as_other_clinician, patient):
    missing = _error(as_other_clinician.get("/api/patients/999999"), 404)
    hidden = _error(as_other_clinician.get(f"/api/patients/{patient.pk}"), 404)
    assert missing == hidden
    _error(as_other_clinician.get(f"/api/patients/{patient.pk}/visits"), 404)


def test_researcher_gets_no_identifiable_record_but_the_cohort(as_researcher, patient, clinician):
    _error(as_researcher.get("/api/patients"), 403)
    _error(as_researcher.get(f"/api/patients/{patient.pk}"), 403)
    cohort = as_researcher.get("/api/research/cohort")
    assert cohort.status_code == 200 and cohort.json()["patients"] == 1
    assert patient.record_number not in cohort.content.decode()


def test_a_patient_reads_only_their_own_record(as_patient, patient, other_patient):
    assert [p["id"] for p in as_patient.get("/api/patients").json()["items"]] == [patient.pk]
    _error(as_patient.get(f"/api/patients/{other_patient.pk}"), 404)
    _error(
        as_patient.json(
            "post",
            f"/api/patients/{patient.pk}/labs",
            {"test": "crp", "value": 1, "unit": "mg/L", "collected_on": "2026-01-01"},
        ),
        403,
    )


# -- visits: scores, writes through the services --------------------------------------------


def test_visit_create_returns_the_cores_scores_and_is_audited_as_an_api_write(
    as_clinician, patient, clinician
):
    response = as_clinician.json("post", f"/api/patients/{patient.pk}/visits", VISIT)
    assert response.status_code == 201, response.content
    body = response.json()
    visit = Visit.objects.get(pk=body["id"])
    assert body["scores"]["das28_esr"] == pytest.approx(visit.das28_esr)
    # CDAI = TJC28 + SJC28 + PtGA + EGA = 4 + 2 + 5 + 4 (Aletaha et al. 2005)
    assert body["scores"]["cdai"] == pytest.approx(15.0)
    write = AuditEvent.objects.filter(action="create", purpose="visit").latest("id")
    assert (write.via, write.username) == ("api", clinician.username)


def test_idempotency_key_replays_the_first_result_with_the_same_status(as_clinician, patient):
    key = uuid.uuid4().hex
    path = f"/api/patients/{patient.pk}/visits"
    first = as_clinician.json("post", path, VISIT, **{"Idempotency-Key": key})
    again = as_clinician.json("post", path, VISIT, **{"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Visit.objects.filter(patient=patient).count() == 1
    error = _error(as_clinician.json("post", path, VISIT, **{"Idempotency-Key": "short"}), 400)
    assert error["field"] == "Idempotency-Key"


def test_updates_need_if_match_and_refuse_a_stale_etag(as_clinician, patient):
    made = as_clinician.json("post", f"/api/patients/{patient.pk}/visits", VISIT)
    path = f"/api/patients/{patient.pk}/visits/{made.json()['id']}"
    read = as_clinician.get(path)
    tag = read["ETag"]
    assert tag and tag == made["ETag"]
    assert _error(as_clinician.json("patch", path, {"crp_mg_l": 20}), 428)["field"] == "If-Match"
    changed = as_clinician.json("patch", path, {"crp_mg_l": 20}, **{"If-Match": tag})
    assert changed.status_code == 200 and changed.json()["crp_mg_l"] == 20
    assert changed["ETag"] != tag
    assert changed.json()["scores"]["das28_crp"] != made.json()["scores"]["das28_crp"]
    _error(as_clinician.json("patch", path, {"crp_mg_l": 30}, **{"If-Match": tag}), 412)


def test_patient_update_with_etag(as_clinician, patient):
    path = f"/api/patients/{patient.pk}"
    tag = as_clinician.get(path)["ETag"]
    changed = as_clinician.json("patch", path, {"weight_kg": 71.5}, **{"If-Match": tag})
    assert changed.status_code == 200 and changed.json()["weight_kg"] == 71.5
    _error(as_clinician.json("patch", path, {"weight_kg": 72}, **{"If-Match": tag}), 412)


# -- labs and the other resources ------------------------------------------------------------


def test_lab_create_converts_units_and_bad_units_are_400(as_clinician, patient):
    path = f"/api/patients/{patient.pk}/labs"
    made = as_clinician.json(
        "post", path, {"test": "crp", "value": 1.5, "unit": "mg/dL", "collected_on": "2026-01-10"}
    )
    assert made.status_code == 201 and made.json()["value"] == pytest.approx(15.0)
    assert made.json()["unit"] == "mg/L" and made.json()["code"] == "1988-5"
    error = _error(
        as_clinician.json(
            "post", path, {"test": "crp", "value": 1, "unit": "furlongs", "collected_on": "2026-01-10"}
        ),
        400,
    )
    assert error["field"] == "unit"
    listed = as_clinician.get(path, {"test": "crp"}).json()["items"]
    assert [r["id"] for r in listed] == [made.json()["id"]]


def test_every_listing_of_a_treated_patient_answers(as_clinician, treated_patient):
    for resource in ("visits", "labs", "infusions", "adverse-events", "evaluations", "medications"):
        response = as_clinician.get(f"/api/patients/{treated_patient.pk}/{resource}")
        assert response.status_code == 200, (resource, response.content)
        assert "items" in response.json()
    infusions = as_clinician.get(f"/api/patients/{treated_patient.pk}/infusions").json()["items"]
    assert infusions and infusions[0]["product"]


def test_adverse_event_create_refuses_an_inconsistent_event(as_clinician, patient):
    path = f"/api/patients/{patient.pk}/adverse-events"
    event = {
        "term": "Headache", "grade": 5, "serious": False, "relatedness": "unlikely",
        "onset": "2026-01-10", "outcome": "recovered", "action_taken": "none",
    }  # fmt: skip
    _error(as_clinician.json("post", path, event), 400)
    event.update(grade=1)
    assert as_clinician.json("post", path, event).status_code == 201


# -- paging ----------------------------------------------------------------------------------


def test_cursor_pages_cover_every_row_once(as_clinician, clinic, clinician):
    ids = {make_patient(clinic, clinician, record_number=f"PG-{i}").pk for i in range(7)}
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = as_clinician.get("/api/patients", params).json()
        seen += [p["id"] for p in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen)) and pages == 3


@given(st.integers(min_value=0, max_value=10**15))
def test_cursor_round_trip(n):
    assert decode_cursor(encode_cursor(n)) == n


@pytest.mark.parametrize("cursor", ["x", "YWJj", "Yzox" + "=" * 5, "é"])
def test_a_bad_cursor_is_a_400_naming_it(as_clinician, patient, cursor):
    response = as_clinician.get("/api/patients", {"cursor": cursor})
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["field"] == "cursor"


# -- one error body everywhere ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/no-such-thing", 404),
        ("delete", "/api/patients", 405),
        ("get", "/api/patients/0", 422),
        ("get", "/api/patients/abc", 422),
        ("get", "/api/patients?limit=0", 422),
        ("get", "/api/patients?state=nope", 422),
        ("post", "/api/patients", 415),
        ("get", "/api/patients?cursor=a%00b", 400),
    ],
)
def test_every_error_has_the_one_body(as_clinician, method, path, status):
    _error(getattr(as_clinician, method)(path), status)


def test_validation_errors_name_the_field(as_clinician, patient):
    body = dict(VISIT, esr_mm_h=-1)
    error = _error(as_clinician.json("post", f"/api/patients/{patient.pk}/visits", body), 422)
    assert error["field"] == "esr_mm_h"
    error = _error(
        as_clinician.json("post", f"/api/patients/{patient.pk}/visits", dict(VISIT, visit_date="2090-01-01")),
        400,
    )
    assert error["field"] == "visit_date"


# -- rate limit ------------------------------------------------------------------------------


def test_rate_limit_answers_429_with_retry_after(as_clinician, settings, patient):
    from django.core.cache import cache

    cache.clear()
    settings.SYNOVIA_API_RATE = 3
    statuses = [as_clinician.get("/api/patients").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    limited = as_clinician.get("/api/patients")
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["error"]["code"] == "rate_limited"
    cache.clear()


def test_a_patients_trial_matches_are_explained_and_scoped(
    as_clinician, as_other_clinician, treated_patient, catalog
):
    response = as_clinician.get(f"/api/patients/{treated_patient.pk}/matches")
    assert response.status_code == 200, response.content
    first = response.json()[0]
    assert first["verdict"] in {"eligible", "possibly_eligible", "not_eligible"} and first["criteria"]
    _error(as_other_clinician.get(f"/api/patients/{treated_patient.pk}/matches"), 404)
