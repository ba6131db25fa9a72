"""The permission matrix, generated from the URL configuration, the admin registry and the
OpenAPI schema: every page and operation x every persona, with the ids of the sentinel
patient's rows (which belong to clinic A and to the patient "pat").

Each address must be classified in ``POLICY`` (a new page without a policy fails the test), and
the policy gives, for each persona, allow or deny:

* allow: the page answers (2xx, or a redirect to another page of the site);
* deny: 302 to the sign-in page, 403, 404 or 405, and never a byte of the sentinel's identifiers.

A leak is a denied cell that answers, or any cell of a persona that may not see the sentinel
whose response carries the sentinel's record number, family name or pseudonym. The matrix also
POSTs to every write page as every persona who may not write there, and checks that no patient
table changed.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.apps.access import test_audit_walk
from tests.apps.access.test_audit_walk import (
    NOT_WALKED,
    _admin_urls,
    _api_urls,
    _sentinels,
    _site_urls,
)

world = test_audit_walk.world  # the sentinel patient's fixture, shared with the audit walk

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "patient",
    "another patient",
    "clinician",
    "clinician, other clinic",
    "coordinator",
    "researcher",
    "moderator",
    "admin",
)
STAFF = {"clinician", "coordinator", "admin"}
CLINIC_STAFF = {"clinician", "coordinator"}
# Pages of any clinic's staff whose content is scoped to the viewer's clinic (lists, searches).
ANY_CLINIC_STAFF = STAFF | {"clinician, other clinic"}
SIGNED_IN = set(PERSONAS) - {"anonymous"}
EVERYONE = set(PERSONAS)

# Who may see the sentinel's identifiers at all. A researcher sees the pseudonym (the key of
# the de-identified research rows), never the record number or the name.
MAY_SEE_SENTINEL = {"patient", "clinician", "coordinator", "admin"}
PSEUDONYM_ONLY = {"researcher"}

# Who is allowed on each address, by URL name (or name prefix ending in ":" / "_").
POLICY: dict[str, set[str]] = {
    "home": EVERYONE,
    "healthz": EVERYONE,
    "health": EVERYONE,
    "web:": EVERYONE,
    "accounts:login": EVERYONE,
    "accounts:password_reset": EVERYONE,
    "accounts:password_reset_done": EVERYONE,
    "accounts:password_reset_complete": EVERYONE,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:": SIGNED_IN,
    "trials:list": EVERYONE,
    "trials:detail": EVERYONE,
    "trials:screen": ANY_CLINIC_STAFF,
    "trials:screen_csv": ANY_CLINIC_STAFF,
    "clinic:my_record": {"patient"},  # another patient has no linked record: 404
    "access:my_data": {"patient"},  # the patient's own download; anyone else: 404
    "clinic:research": {"researcher", "admin"},
    "clinic:worklist": ANY_CLINIC_STAFF,
    "clinic:patient_list": ANY_CLINIC_STAFF,
    "clinic:patient_new": CLINIC_STAFF | {"clinician, other clinic"},
    "clinic:program": {"clinician"},  # treatment plans and evaluations: clinicians only
    "clinic:evaluation": {"clinician"},
    "clinic:chart": STAFF | {"patient"},  # a patient: their own chart only (the sentinel's)
    "clinic:": CLINIC_STAFF,  # the record-entry forms: the clinic's editors
    "admin:": {"admin"},
    # Append-only: not even an administrator deletes the audit log, state history or alerts.
    "admin:access_auditevent_delete": set(),
    "admin:clinic_statechange_delete": set(),
    "admin:clinic_alert_delete": set(),
    "api ": EVERYONE,  # the public operations of the API (trials, measures, health)
    "clinic:ctcae_search": ANY_CLINIC_STAFF,  # the CTCAE term list: no patient data
    "clinic:ctcae_grades": ANY_CLINIC_STAFF,
    "learn:": EVERYONE,  # articles and the offer check: public, no patient data
    # The outcomes report and its exports: researchers (de-identified cohort), administrators,
    # and any clinic's staff (their own clinic's patients; another clinic's see their own).
    "research:": {"researcher", "admin"} | ANY_CLINIC_STAFF,
    "selfcheck:start": EVERYONE,  # the self-assessment needs no account
    "selfcheck:question": EVERYONE,
    "selfcheck:result": EVERYONE,  # without answers: back to the start
    "selfcheck:send": EVERYONE,
    "selfcheck:referrals": EVERYONE,  # the sender's own, by the session's keys or account
    "selfcheck:save": SIGNED_IN,  # POST only (not walked)
    "selfcheck:clinic_referral": STAFF,  # the referral's clinic only (not walked: no sentinel referral)
    "community:": SIGNED_IN,  # members' pages: a display name and what members write, no record
    "community:queue": {"moderator", "admin"},
    "community:log": {"moderator", "admin"},
    "community:mod_": {"moderator", "admin"},
    # The clinical resources (a token or the session): the door's scope, as on the chart.
    "api /api/patients": ANY_CLINIC_STAFF | {"patient", "another patient"},  # each sees their own
    "api /api/patients/": STAFF | {"patient"},  # the sentinel's record and its rows
    "api /api/research/cohort": {"researcher", "admin"},
    "api /api/fhir/Patient/": STAFF | {"patient"},
    "api /api/fhir/research": {"researcher", "admin"},
    # Referrals: as the clinic's referral pages (staff; their clinic's, every clinic's for an admin).
    "api /api/referrals": ANY_CLINIC_STAFF,
    "api /api/referrals/": STAFF,
    # The patient's side (synovia/myrecord): a patient's own pages; a patient without a linked
    # record sees only "not linked yet" on the home page and 404 elsewhere.
    "accounts:signup": EVERYONE,
    "accounts:signup_done": EVERYONE,
    "myrecord:home": {"patient", "another patient"},
    "myrecord:": {"patient"},
    "myrecord:care_": CLINIC_STAFF,  # the care team's side: the record's own clinic
    "myrecord:care_inbox": CLINIC_STAFF | {"clinician, other clinic"},  # scoped to the viewer's clinic
}


def _policy(name: str) -> set[str] | None:
    if name in POLICY:
        return POLICY[name]
    prefixes = [p for p in POLICY if p.endswith((":", "_", " ", "/")) and name.startswith(p)]
    return POLICY[max(prefixes, key=len)] if prefixes else None


@pytest.fixture
def personas(
    world,
    patient_user,
    other_patient_user,
    clinician,
    other_clinician,
    coordinator,
    researcher,
    moderator,
    admin_user,
):
    users = {
        "patient": patient_user,
        "another patient": other_patient_user,
        "clinician": clinician,
        "clinician, other clinic": other_clinician,
        "coordinator": coordinator,
        "researcher": researcher,
        "moderator": moderator,
        "admin": admin_user,
    }
    clients = {"anonymous": Client(raise_request_exception=False)}
    for label, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients[label] = client
    return clients


def _body(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return data.decode("utf-8", "replace")


def _allowed_status(response) -> bool:
    if response.status_code == 302:
        return "/login/" not in response.get("Location", "")
    return 200 <= response.status_code < 300


def _denied_status(response) -> bool:
    if response.status_code == 302:
        return "/login/" in response.get("Location", "")  # the site's or the admin's sign-in
    return response.status_code in {401, 403, 404, 405}


def _patient_rows() -> dict[str, int]:
    models = [m for m in apps.get_app_config("clinic").get_models() if m._meta.model_name != "idempotencykey"]
    return {m._meta.label: m._default_manager.count() for m in models}


def test_permission_matrix_has_no_leaks(world, personas):
    urls = _site_urls(world) + _admin_urls(world) + _api_urls(world)
    unclassified = sorted({name for name, _ in urls if _policy(name) is None})
    assert not unclassified, f"classify these addresses in POLICY: {unclassified}"
    sentinels = _sentinels(world)
    identifying = (sentinels[0], sentinels[1])  # record number, family name
    cells, wrong, leaks = 0, [], []
    for name, path in urls:
        allowed = _policy(name) or set()
        for persona, client in personas.items():
            response = client.get(path)
            cells += 1
            assert response.status_code < 500, (persona, name, path, response.status_code)
            body = _body(response)
            forbidden = identifying if persona in PSEUDONYM_ONLY else sentinels
            shows = persona not in MAY_SEE_SENTINEL and any(s in body for s in forbidden)
            if shows:
                leaks.append((persona, name, path))
            if persona in allowed:
                if not _allowed_status(response):
                    wrong.append((persona, name, path, response.status_code, "should be allowed"))
            elif not _denied_status(response):
                wrong.append((persona, name, path, response.status_code, "should be denied"))
    print(
        f"\npermission matrix: {len(urls)} addresses x {len(personas)} personas = {cells} cells; "
        f"{len(leaks)} leaks"
    )
    assert leaks == [], leaks
    assert wrong == [], "\n".join(map(str, wrong))


def test_writes_by_those_who_may_not_write_change_nothing(world, personas):
    """Every POST-able page of the clinic and the trials screen, posted with an empty and
    with a plausible form by every persona outside its policy: refused, nothing stored."""
    urls = [(n, p) for n, p in _site_urls(world) if n.startswith(("clinic:", "trials:screen"))]
    urls += [(n, reverse(n, args=[world.pk])) for n in NOT_WALKED if n in {"clinic:transition"}]
    before = _patient_rows()
    posts = 0
    for name, path in urls:
        allowed = _policy(name) or set()
        for persona, client in personas.items():
            if persona in allowed:
                continue
            for data in ({}, {"value": "1", "unit": "mg/L", "test": "crp", "collected_on": "2026-01-20"}):
                response = client.post(path, data)
                posts += 1
                assert response.status_code < 500, (persona, name, response.status_code)
                assert _denied_status(response), (persona, name, path, response.status_code)
    assert _patient_rows() == before
    print(f"\nrefused writes: {posts} POSTs, 0 stored")
