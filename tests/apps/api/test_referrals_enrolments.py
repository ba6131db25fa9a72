"""Referrals and trial enrolments through the API: the pages' permissions, the door's scope and
audit, cursor pages, the one error body, Idempotency-Key on creates, ETag / If-Match on
updates."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from django.utils import timezone

from synovia.access.models import AuditEvent
from synovia.selfcheck import services as referral_services
from synovia.selfcheck.models import Referral, ReferralSite
from synovia.trials.models import Trial
from tests.apps.api.conftest import token_client

pytestmark = pytest.mark.django_db

D0 = dt.date(2025, 6, 2)


def _referral(site, n=0):
    return referral_services.referral_send(
        site=site,
        user=None,
        answers={"age": {"age": "52"}},
        facts={"age_years": 52, "sex": "female"},
        given_name="Eva",
        family_name=f"Synthetic{n}",
        email=f"eva{n}@example.invalid",
        phone="",
        birth_date=dt.date(1973, 3, 3),
        weight_kg=70,
        consent=True,
        request_token=secrets.token_hex(8),
    )


@pytest.fixture
def site(clinic):
    return ReferralSite.objects.create(clinic=clinic, about="synthetic site")


@pytest.fixture
def other_site(other_clinic):
    return ReferralSite.objects.create(clinic=other_clinic, about="synthetic site 2")


@pytest.fixture
def trial(db):
    return Trial.objects.create(registry_id="NCT09990001", title="Synthetic MSC trial", status="RECRUITING")


def _error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    return body["error"]


# -- referrals -------------------------------------------------------------------------------


def test_staff_list_their_clinics_referrals_in_cursor_pages(as_clinician, site, other_site):
    mine = [_referral(site, n) for n in range(3)]
    _referral(other_site, 9)
    first = as_clinician.get("/api/referrals?limit=2").json()
    assert [r["id"] for r in first["items"]] == [mine[0].pk, mine[1].pk] and first["next_cursor"]
    second = as_clinician.get(f"/api/referrals?limit=2&cursor={first['next_cursor']}").json()
    assert [r["id"] for r in second["items"]] == [mine[2].pk] and second["next_cursor"] is None
    assert as_clinician.get("/api/referrals?status=closed").json()["items"] == []
    event = AuditEvent.objects.filter(purpose="api referrals").latest("id")
    assert event.via == "api"


@pytest.mark.parametrize("persona", ["as_researcher", "as_patient"])
def test_who_has_no_referral_page_gets_403(request, persona, site):
    _referral(site)
    client = request.getfixturevalue(persona)
    _error(client.get("/api/referrals"), 403, "forbidden")


def test_another_clinics_referral_is_404(as_other_clinician, site):
    made = _referral(site)
    _error(as_other_clinician.get(f"/api/referrals/{made.pk}"), 404, "not_found")
    body = {"action": "close", "note": "not ours"}
    _error(
        as_other_clinician.json("patch", f"/api/referrals/{made.pk}", body, **{"If-Match": "*"}),
        404,
        "not_found",
    )


def test_propose_then_close_with_if_match(as_clinician, site):
    made = _referral(site)
    read = as_clinician.get(f"/api/referrals/{made.pk}")
    tag = read["ETag"]
    at = (timezone.now() + dt.timedelta(days=7)).isoformat()
    propose = {"action": "propose", "appointment_at": at, "place": "Room 2", "note": "Bring your labs"}
    _error(as_clinician.json("patch", f"/api/referrals/{made.pk}", propose), 428, "precondition_required")
    changed = as_clinician.json("patch", f"/api/referrals/{made.pk}", propose, **{"If-Match": tag})
    assert changed.status_code == 200, changed.content
    assert changed.json()["status"] == "proposed" and changed["ETag"] != tag
    stale = as_clinician.json(
        "patch", f"/api/referrals/{made.pk}", {"action": "close", "note": "x"}, **{"If-Match": tag}
    )
    _error(stale, 412, "precondition_failed")
    closed = as_clinician.json(
        "patch",
        f"/api/referrals/{made.pk}",
        {"action": "close", "note": "Seen"},
        **{"If-Match": changed["ETag"]},
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert Referral.objects.get(pk=made.pk).status == "closed"
    again = as_clinician.json("patch", f"/api/referrals/{made.pk}", propose, **{"If-Match": closed["ETag"]})
    _error(again, 400, "bad_request")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"action": "propose", "place": "x"}, 400),  # no date
        ({"action": "propose", "appointment_at": "2001-01-01T10:00:00Z"}, 400),  # in the past
        ({"action": "close"}, 400),  # no note
        ({"action": "delete"}, 422),
        ({"action": "close", "note": "x" * 501}, 422),
        ({"action": "close", "note": "ok", "extra": 1}, 422),
    ],
)
def test_bad_referral_changes_are_4xx_and_change_nothing(as_clinician, site, body, status):
    made = _referral(site)
    tag = as_clinician.get(f"/api/referrals/{made.pk}")["ETag"]
    response = as_clinician.json("patch", f"/api/referrals/{made.pk}", body, **{"If-Match": tag})
    assert response.status_code == status, response.content
    assert "error" in response.json()
    assert Referral.objects.get(pk=made.pk).status == "referred"


def test_coordinators_and_the_admin_read_referrals(coordinator, admin_user, site):
    made = _referral(site)
    assert token_client(coordinator).get(f"/api/referrals/{made.pk}").status_code == 200
    assert made.pk in {r["id"] for r in token_client(admin_user).get("/api/referrals").json()["items"]}


# -- enrolments ------------------------------------------------------------------------------


def test_enrolment_create_is_idempotent_and_scoped(as_clinician, as_other_clinician, patient, trial):
    body = {"registry_id": trial.registry_id, "status": "on-study", "started_on": D0.isoformat()}
    key = {"Idempotency-Key": "enrol-7d0f1f8e-3b2a-4c55"}
    url = f"/api/patients/{patient.pk}/enrolments"
    first = as_clinician.json("post", url, body, **key)
    assert first.status_code == 201, first.content
    again = as_clinician.json("post", url, body, **key)
    assert (again.status_code, again.json()) == (201, first.json())
    assert patient.enrolments.count() == 1
    listed = as_clinician.get(url).json()
    assert [e["registry_id"] for e in listed["items"]] == [trial.registry_id]
    _error(as_other_clinician.get(url), 404, "not_found")
    _error(as_other_clinician.json("post", url, body), 404, "not_found")
    duplicate = as_clinician.json("post", url, body)  # no key: the same trial and day again
    _error(duplicate, 400, "bad_request")


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"registry_id": "NCT00000000", "started_on": "2025-06-02"}, 400, "registry_id"),
        ({"registry_id": "NCT09990001", "started_on": "2025-06-02", "status": "withdrawn"}, 400, "ended_on"),
        (
            {"registry_id": "NCT09990001", "started_on": "2025-06-02", "ended_on": "2025-06-01"},
            400,
            "ended_on",
        ),
        ({"registry_id": "NCT09990001", "started_on": "2999-01-01"}, 400, "started_on"),
        ({"registry_id": "NCT09990001", "started_on": "2025-06-02", "status": "enrolled"}, 422, "status"),
        ({"registry_id": "NCT09990001"}, 422, "started_on"),
    ],
)
def test_bad_enrolments_are_4xx_naming_the_field(as_clinician, patient, trial, body, status, field):
    response = as_clinician.json("post", f"/api/patients/{patient.pk}/enrolments", body)
    error = _error(response, status, "invalid" if status == 422 else "bad_request")
    assert error["field"] == field, error
    assert not patient.enrolments.exists()


def test_enrolment_update_needs_if_match(as_clinician, as_researcher, as_patient, patient, trial):
    url = f"/api/patients/{patient.pk}/enrolments"
    made = as_clinician.json("post", url, {"registry_id": trial.registry_id, "started_on": D0.isoformat()})
    one = f"{url}/{made.json()['id']}"
    tag = as_clinician.get(one)["ETag"]
    change = {"status": "withdrawn", "ended_on": (D0 + dt.timedelta(days=40)).isoformat()}
    _error(as_clinician.json("patch", one, change), 428, "precondition_required")
    done = as_clinician.json("patch", one, change, **{"If-Match": tag})
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    _error(
        as_clinician.json("patch", one, {"status": "on-study"}, **{"If-Match": tag}),
        412,
        "precondition_failed",
    )
    _error(
        as_clinician.json("patch", one, {"status": None}, **{"If-Match": done["ETag"]}), 400, "bad_request"
    )
    assert as_patient.get(one).status_code == 200  # a patient reads their own record
    _error(
        as_patient.json("patch", one, {"status": "on-study"}, **{"If-Match": done["ETag"]}), 403, "forbidden"
    )
    _error(as_researcher.get(one), 403, "forbidden")
    _error(as_clinician.get(f"{url}/999999"), 404, "not_found")
