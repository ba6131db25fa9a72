import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from synovia.access.models import AuditEvent
from synovia.clinic.models import Medication, Visit
from synovia.trials.clinic_facts import patient_facts, with_related

TRIAL = "NCT01547091"


def test_facts_come_only_from_what_the_record_states(clinic, make_patient):
    patient = make_patient(clinic, "A1", hbv_status="negative")
    Visit.objects.create(
        patient=patient,
        kind="baseline",
        visit_date=dt.date(2026, 2, 1),
        tjc28=8,
        sjc28=5,
        esr_mm_h=40,
        das28_esr=5.6,
    )
    Medication.objects.create(
        patient=patient,
        drug_class="csdmard",
        name="methotrexate",
        started_on=dt.date(2024, 1, 1),
        stopped_on=dt.date(2025, 1, 1),
        stop_reason="inadequate_response",
    )
    facts = patient_facts(
        with_related(type(patient).objects.filter(pk=patient.pk)).get(), dt.date(2026, 6, 1)
    )
    assert facts["sex"] == "female"
    assert facts["age_years"] == pytest.approx(46.4, abs=0.1)
    assert facts["hbv"] is False
    assert "hcv" not in facts and "pregnant" not in facts  # not recorded: unknown, never false
    assert facts["das28_esr"] == 5.6 and facts["tjc28"] == 8.0
    assert facts["failed_csdmards"] == ("methotrexate",)
    assert facts["current_drugs"] == ()


def test_clinician_screens_own_clinic_only_and_each_read_is_logged(
    client, catalog, clinician, clinic, other_clinic, make_patient
):
    mine = make_patient(clinic, "MINE-1")
    theirs = make_patient(other_clinic, "THEIRS-1")
    client.force_login(clinician)
    response = client.get(reverse("trials:screen", args=[TRIAL]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "MINE-1" in body and "THEIRS-1" not in body
    assert (
        AuditEvent.objects.filter(user=clinician, subjects__patient=mine, purpose="trial screen").count() == 1
    )
    assert not AuditEvent.objects.filter(subjects__patient=theirs, action="read").exists()


def test_export_lists_verdicts_as_csv(client, catalog, coordinator, clinic, make_patient):
    make_patient(clinic, "MINE-2")
    client.force_login(coordinator)
    response = client.get(reverse("trials:screen_csv", args=[TRIAL]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["record_number"] for r in rows] == ["MINE-2"]
    assert rows[0]["verdict"] in {"possibly_eligible", "not_eligible", "eligible"}
    assert "age_years" not in rows[0]["facts_to_ask_or_measure"]  # age is on record


@pytest.mark.parametrize("persona", ["patient_user", "researcher", "moderator"])
def test_other_roles_cannot_screen(client, catalog, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("trials:screen", args=[TRIAL])).status_code == 403
    assert client.get(reverse("trials:screen_csv", args=[TRIAL])).status_code == 403


def test_anonymous_is_sent_to_login(client, catalog):
    response = client.get(reverse("trials:screen", args=[TRIAL]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_screen_page_is_paginated_ranked_and_equal_to_one_by_one_matching(
    client, catalog, clinician, clinic, make_patient
):
    from synovia.clinic.models import Patient
    from synovia.core.eligibility.evaluate import closeness_key, match_trial
    from synovia.trials import selectors
    from synovia.trials.clinic_facts import record_facts, with_related
    from synovia.trials.screening_views import PER_PAGE

    for i in range(PER_PAGE + 7):
        make_patient(clinic, f"P{i:03d}", birth_date=dt.date(1940 + i % 60, 1 + i % 12, 1), sex="MF"[i % 2])
    client.force_login(clinician)
    first = client.get(reverse("trials:screen", args=[TRIAL]))
    second = client.get(reverse("trials:screen", args=[TRIAL]), {"page": "2"})
    assert first.context["total"] == PER_PAGE + 7 and first.context["pages"] == 2
    assert len(first.context["rows"]) == PER_PAGE and len(second.context["rows"]) == 7
    assert sum(first.context["counts"].values()) == PER_PAGE + 7
    shown = first.context["rows"] + second.context["rows"]
    assert len({r["record_number"] for r in shown}) == PER_PAGE + 7
    # Closest first, and each verdict the one-by-one matcher gives on the record itself.
    trial = selectors.trial_get(TRIAL)
    criteria = list(selectors.trial_criteria(trial))
    by_record = {p.record_number: p for p in with_related(Patient.objects.all())}
    keys = []
    for row in shown:
        facts, _ = record_facts(by_record[row["record_number"]], timezone.localdate())
        single = match_trial(TRIAL, criteria, facts)
        assert row["match"].verdict == single.verdict and len(row["failed"]) == len(single.failed)
        keys.append(closeness_key(single)[:3])
    assert keys == sorted(keys)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999", "2" * 50, "１"])
def test_a_hostile_page_number_shows_a_page(client, catalog, clinician, clinic, make_patient, page):
    make_patient(clinic, "ONLY-1")
    client.force_login(clinician)
    response = client.get(reverse("trials:screen", args=[TRIAL]), {"page": page, "sort": "<x>"})
    assert response.status_code == 200 and response.context["page"] == 1
    assert response.context["sort"] == "closest"


def test_screen_by_record_number(client, catalog, clinician, clinic, make_patient):
    for number in ("C-3", "A-1", "B-2"):
        make_patient(clinic, number)
    client.force_login(clinician)
    rows = client.get(reverse("trials:screen", args=[TRIAL]), {"sort": "record"}).context["rows"]
    assert [r["record_number"] for r in rows] == ["A-1", "B-2", "C-3"]


@pytest.mark.parametrize("registry_id", [TRIAL, "NCT03798028", "NCT01873625"])
def test_the_screen_reads_only_the_rows_its_trial_needs(
    client, catalog, clinician, clinic, make_patient, registry_id, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from synovia.trials import patient_reads, selectors
    from synovia.trials.clinic_facts import reads_for
    from synovia.trials.patient_reads import _FAMILIES
    from synovia.trials.plain import facts_of

    make_patient(clinic, "ONLY-2")
    criteria = selectors.trial_criteria(selectors.trial_get(registry_id))
    wanted = reads_for({fact for c in criteria for fact in facts_of(c.rule)})
    client.force_login(clinician)
    copied: list[str] = []  # on PostgreSQL the rows come through COPY on the raw cursor
    original = patient_reads._copy
    monkeypatch.setattr(
        patient_reads, "_copy", lambda cursor, sql, *rest: copied.append(sql) or original(cursor, sql, *rest)
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("trials:screen", args=[registry_id])).status_code == 200
    tables = {model._meta.db_table: family for family, model in _FAMILIES.items()}
    statements = [q["sql"] for q in queries] + copied
    read = {family for sql in statements for table, family in tables.items() if f'FROM "{table}"' in sql}
    assert read == set(wanted)
