"""The outcomes report keeps its data set by the registry's change log: a second view of
unchanged data reads no rows and shares the first view's audit subjects; any committed write
to a table the report reads (whoever makes it, raw SQL included) makes the next view read
again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from synovia.access import door
from synovia.access.models import AuditEvent, AuditSubject
from synovia.clinic.models import Consent, Patient, Visit
from synovia.clinic.models.choices import ConsentScope
from synovia.research import selectors

pytestmark = pytest.mark.django_db
URL = "/research/outcomes/"


@pytest.fixture
def kept(settings):
    settings.SYNOVIA_REPORT_CACHE = 2
    selectors.forget_cohorts()


def _view(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return response, len(queries)


def test_a_second_view_of_unchanged_data_reads_no_rows_and_is_audited(
    client, researcher, demo, kept, monkeypatch
):
    monkeypatch.setattr(door, "COHORT_SUBJECTS", 10)  # the demo's cohort is a cohort read
    first, read = _view(client, researcher)
    second, again = _view(client, researcher)
    assert again < read  # the five families and the cohort query are not run again
    assert second.context["patients"] == first.context["patients"]
    a, b = AuditEvent.objects.filter(purpose="outcomes report").order_by("id")
    assert a.patient_count == b.patient_count > 0
    assert b.subjects_of_id == a.pk and not AuditSubject.objects.filter(event=b).exists()
    assert set(b.subject_ids()) == set(a.subject_ids()) and len(set(a.subject_ids())) == a.patient_count


def test_a_withdrawn_research_consent_leaves_the_next_view(client, researcher, demo, kept):
    first, _ = _view(client, researcher)
    consent = Consent.objects.filter(scope=ConsentScope.RESEARCH, withdrawn_at__isnull=True).first()
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    second, _ = _view(client, researcher)
    assert second.context["patients"] == first.context["patients"] - 1


def test_a_raw_sql_write_changes_the_key(demo):
    before = selectors.data_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE clinic_visit SET pain_cm = pain_cm WHERE id = %s", [Visit.objects.first().pk])
    assert selectors.data_version() != before


@pytest.mark.parametrize("change", ["visit", "patient", "delete"])
def test_every_kind_of_write_changes_the_key(demo, change):
    before = selectors.data_version()
    visit = Visit.objects.order_by("id").first()
    if change == "visit":
        Visit.objects.filter(pk=visit.pk).update(visit_date=visit.visit_date - dt.timedelta(days=1))
    elif change == "patient":
        Patient.objects.filter(pk=visit.patient_id).update(family_name="Changed")
    else:
        Visit.objects.filter(pk=visit.pk).delete()
    assert selectors.data_version() != before


def test_an_unrelated_write_keeps_the_key(demo, researcher):
    before = selectors.data_version()
    door.record(door.for_command("test", researcher), purpose="unrelated", patient_ids=[1])
    assert selectors.data_version() == before


def test_a_cohort_naming_the_same_patients_shares_subject_rows(db, researcher):
    who = door.for_command("test", researcher)
    ids = list(range(1, door.COHORT_SUBJECTS + 1))
    a = door.record(who, purpose="cohort", patient_ids=ids)
    b = door.record(who, purpose="cohort", patient_ids=reversed(ids))
    c = door.record(who, purpose="cohort", patient_ids=ids[1:])
    small = door.record(who, purpose="one", patient_ids=[1])
    assert b.subjects_of_id == a.pk and c.subjects_of_id is None and small.subjects_of_id is None
    assert AuditSubject.objects.filter(event=a).count() == len(ids)
    assert sorted(b.subject_ids()) == ids and AuditSubject.objects.filter(event=c).count() == len(ids) - 1


def test_the_numbers_are_computed_once_per_kept_data_set_and_filters(
    client, researcher, demo, kept, monkeypatch
):
    from synovia.research import presenter

    calls = []
    original = presenter.context
    monkeypatch.setattr(presenter, "context", lambda *a, **k: calls.append(k) or original(*a, **k))
    _view(client, researcher)
    _view(client, researcher)
    assert len(calls) == 1
    client.get(URL, {"route": "iv"})
    assert len(calls) == 2  # other filters: computed
    Visit.objects.filter(pk=Visit.objects.first().pk).update(pain_cm=1.0)
    _view(client, researcher)
    assert len(calls) == 3  # the registry changed: read and computed again


def test_families_read_in_batches_equal_one_read(demo, monkeypatch):
    ids = list(Patient.objects.values_list("pk", flat=True))
    whole = selectors._families(ids)
    monkeypatch.setattr(selectors, "SQLITE_BATCH", 7)  # SQLite's path: IN lists of 7 ids
    batched = selectors._families(ids)
    for name, frame in whole.items():
        assert frame.sort(frame.columns).equals(batched[name].sort(frame.columns)), name


def test_families_of_a_scope_equal_the_families_of_its_ids(demo):
    """A clinician's read takes the patients' rows straight from the scope (a queryset), then
    their ids scope the other families: the same rows as reading by the list of ids."""
    clinic = Patient.objects.order_by("clinic__code").first().clinic
    scoped = Patient.objects.filter(clinic=clinic)
    by_ids = selectors._families(list(scoped.values_list("pk", flat=True)))
    by_scope = selectors._families(None, scoped)
    assert by_scope["patients"].height == scoped.count() > 0
    for name, frame in by_ids.items():
        assert frame.sort(frame.columns).equals(by_scope[name].sort(frame.columns)), name
