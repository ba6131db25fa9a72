"""The audit walk: generated from the URL configuration, the admin registry and the OpenAPI
schema, so that a new page or endpoint cannot be missed.

Every GET-able page and endpoint is visited by every persona. Whenever a response carries one
of the sentinel patient's identifiers (record number, family name, pseudonym), the request must
have appended exactly one read (or export) event to the audit log naming that patient. The walk
also asserts it met the pages known to show patient data, so it cannot pass by visiting nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from synovia.access.models import AuditEvent
from synovia.clinic import services
from synovia.clinic.models import Alert, Patient
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, make_patient, visit_inputs

pytestmark = pytest.mark.django_db

RECORD = "SENT-7Q4"
FAMILY = "Quillfeatherstone"

# Patterns that cannot be walked by a GET, with the reason. Everything else is visited.
NOT_WALKED = {
    "accounts:logout": "POST only; shows no patient data",
    "accounts:password_reset_confirm": "needs a one-time token; shows no patient data",
    "set_language": "POST only; shows no patient data",
    "clinic:transition": "POST only (a write, audited by the services)",
    "clinic:consent_withdraw": "POST only (a write, audited by the services)",
    "clinic:alert_read": "POST only (a write)",
    "clinic:visit_score": "POST only (the visit form's live scores; audited as a form read)",
    "clinic:ctcae_search": "POST only (the CTCAE term search; no patient data)",
    "trials:match": "walked by a POST below (the patient's own record)",
    "selfcheck:save": "POST only (a write to the person's own account)",
    "accounts:token_revoke": "POST only; revokes one of the person's own API tokens (no patient data)",
    "accounts:signup_confirm": "needs a signed one-time token; shows no patient data",
    "myrecord:link_code": "POST only; shows a code, no patient data",
    "myrecord:trial_alerts": "POST only (a write, audited)",
}

# Pages that must be met showing the sentinel (so the walk is not vacuous).
MUST_SHOW = {
    "clinic:worklist",
    "clinic:patient_list",
    "clinic:chart",
    "clinic:my_record",
    "access:my_data",
    "research:export_visits_csv",
    "clinic:visit",
    "clinic:lab",
    "clinic:adverse_event",
    "clinic:evaluation",
    "clinic:infusion",
    "trials:screen",
    "trials:screen_csv",
    "admin:clinic_patient_changelist",
    "admin:clinic_patient_change",
    "admin:clinic_patient_history",
    "admin:clinic_visit_changelist",
    "admin:clinic_labresult_change",
    "admin:clinic_adverseevent_changelist",
    "myrecord:home",
    "myrecord:care_thread",
    "myrecord:care_inbox",
    "myrecord:care_patient",
    "myrecord:care_link",
}


@pytest.fixture
def world(clinic, clinician, coordinator, patient_user, catalog):
    """A treated sentinel patient with a record of everything, an alert, and a search stored."""
    patient = make_patient(clinic, clinician, record_number=RECORD)
    Patient.objects.filter(pk=patient.pk).update(family_name=FAMILY, user=patient_user)
    patient.refresh_from_db()
    d0 = dt.date(2026, 1, 15)
    services.visit_record(patient=patient, by=clinician, visit_date=d0, kind="baseline", **visit_inputs())
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=d0,
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="walk",
    )
    program = services.program_create(
        patient=patient,
        by=clinician,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=2,
        interval_weeks=4,
    )
    services.infusion_record(program=program, by=clinician, given_on=d0, lot="LOT-W", dose_cells=7e7)
    services.lab_record(patient=patient, by=clinician, test="crp", value=1.5, unit="mg/dL", collected_on=d0)
    services.adverse_event_record(
        patient=patient,
        by=clinician,
        term="Infusion related reaction",
        grade=3,
        serious=True,
        serious_criteria=["hospitalisation"],
        relatedness="possible",
        onset=d0,
        resolved_on=None,
        outcome="recovering",
        action_taken="none",
    )
    assert Alert.objects.filter(patient=patient).exists()
    from synovia.myrecord.services import thread_start

    thread_start(patient=patient, by=patient_user, subject="walk", body="a message of the walk")
    _enrolment_and_referral(patient, clinician)
    patient.refresh_from_db()
    return patient


def _enrolment_and_referral(patient: Patient, clinician) -> None:
    """The sentinel in a trial, and the referral that brought it (the API's resources; closed,
    so that the worklist's open-referrals panel stays as it was)."""
    from django.utils import timezone

    from synovia.interop.services import enrolment_record
    from synovia.selfcheck.models import Referral, ReferralSite
    from synovia.trials.models import Trial

    trial = Trial.objects.get(registry_id="NCT03828344")
    enrolment_record(patient=patient, by=clinician, trial=trial, started_on=dt.date(2026, 1, 20))
    site = ReferralSite.objects.create(clinic=patient.clinic)
    Referral.objects.create(
        patient=patient,
        site=site,
        request_token="walk-referral-token",
        status="closed",
        answers={},
        facts={},
        consent_version="2026-12",
        consented_at=timezone.now(),
    )


def _patterns(resolver: URLResolver, prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ns
            if entry.namespace:
                inner = f"{ns}:{entry.namespace}" if ns else entry.namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{ns}:{entry.name}" if ns and entry.name else (entry.name or "")
            yield name, prefix + str(entry.pattern)


def _ids(patient: Patient) -> dict[str, list[str]]:
    """Values for each URL argument name: ids of the sentinel's own rows."""
    return {
        "pk": [str(patient.pk), str(patient.alerts.first().pk)],
        "consent_id": [str(patient.consents.first().pk)],
        "registry_id": ["NCT03828344"],
        "thread_id": [str(t.pk) for t in patient.threads.all()[:1]],
        "name": ["das28"],  # a chart of the outcomes report
    }


def _fill(route: str, values: dict[str, list[str]]) -> Iterator[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not names:
        yield "/" + route.lstrip("^").rstrip("$")
        return
    for name in names:
        if name not in values:
            return
    first = {n: values[n][0] for n in names}
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: first[m.group(1)], route)
    yield "/" + path


def _site_urls(patient: Patient) -> list[tuple[str, str]]:
    """Every non-admin, non-API page of the URL configuration, with its arguments filled."""
    out = []
    for name, route in _patterns(get_resolver()):
        if name.startswith("admin:") or route.startswith("api/") or name in NOT_WALKED:
            continue
        for path in _fill(route, _ids(patient)):
            out.append((name, path))
    return out


def _admin_urls(patient: Patient) -> list[tuple[str, str]]:
    """For every model in the admin: its list, and the change, history and delete pages of a
    row belonging to the sentinel (where the model has one)."""
    out = []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        base = f"admin:{meta.app_label}_{meta.model_name}"
        out.append((f"{base}_changelist", reverse(f"{base}_changelist")))
        row = _row_of(model, getattr(model_admin, "patient_path", "patient"), patient)
        if row is None:
            continue
        for view in ("change", "history", "delete"):
            out.append((f"{base}_{view}", reverse(f"{base}_{view}", args=[row.pk])))
    return out


def _row_of(model, path: str, patient: Patient):
    if model is Patient:
        return patient
    if model is AuditEvent:
        return AuditEvent.objects.filter(subjects__patient=patient).first()
    field_names = {f.name for f in model._meta.get_fields()}
    if path.split("__", maxsplit=1)[0] not in field_names:
        return None
    return model.objects.filter(**{path: patient}).order_by("pk").first()


def _api_urls(patient: Patient | None = None) -> list[tuple[str, str]]:
    """Every GET operation of the OpenAPI schema, with path parameters filled (with the ids
    of the sentinel's rows when given)."""
    from synovia.api.api import api

    schema = api.get_openapi_schema()
    values = {"registry_id": "NCT03828344"}
    if patient is not None:
        values["patient_id"] = str(patient.pk)
        values["visit_id"] = str(patient.visits.order_by("pk").values_list("pk", flat=True).first())
        values["enrolment_id"] = str(patient.enrolments.order_by("pk").values_list("pk", flat=True).first())
        values["referral_id"] = str(patient.selfcheck_referral.pk)
    out = []
    for route, ops in schema["paths"].items():
        if "get" not in ops:
            continue
        path = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), route)
        out.append((f"api {route}", path))
    return out


def _sentinels(patient: Patient) -> tuple[str, ...]:
    return (RECORD, FAMILY, patient.pseudonym)


def _check(client, name: str, path: str, patient: Patient, shown: set[str], method: str = "get", data=None):
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = getattr(client, method)(path, data or {})
    assert response.status_code < 500, (name, path, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    if not any(s in text for s in _sentinels(patient)):
        return
    shown.add(name)
    reads = AuditEvent.objects.filter(id__gt=before, action__in=["read", "export"])
    assert reads.count() == 1, (name, path, list(reads.values_list("purpose", flat=True)))
    assert reads.get().subjects.filter(patient=patient).exists(), (name, path)


def test_every_page_and_endpoint_that_shows_a_patient_audits_the_read(
    client, world, clinician, coordinator, patient_user, researcher, admin_user, other_clinician, moderator
):
    shown: set[str] = set()
    urls = _site_urls(world) + _admin_urls(world) + _api_urls(world)
    assert len(urls) > 60, len(urls)
    for persona in (clinician, coordinator, patient_user, researcher, admin_user, other_clinician, moderator):
        client.force_login(persona)
        for name, path in urls:
            _check(client, name, path, world, shown)
        if persona is patient_user:
            _check(client, "trials:match", reverse("trials:match"), world, shown, "post", {"use_record": "1"})
        client.logout()
    for name, path in urls:  # anonymous
        _check(client, name, path, world, shown)
    missing = MUST_SHOW - shown
    assert not missing, f"the walk never met the sentinel on {sorted(missing)}"
    print(f"audit walk: {len(urls)} addresses x 8 personas; {len(shown)} show patient data, all audited")


def test_other_clinics_and_other_roles_never_see_the_sentinel(client, world, other_clinician, moderator):
    for persona in (other_clinician, moderator):
        client.force_login(persona)
        for name, path in _site_urls(world) + _api_urls(world):
            response = client.get(path)
            body = response.content.decode("utf-8", "replace") if not response.streaming else ""
            assert not any(s in body for s in _sentinels(world)), (persona.username, name)
        client.logout()
