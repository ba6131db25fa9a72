"""The set-based read of a registry (``trials screen --database``) gives every patient exactly
the facts of the per-patient read (a chart's match page), on a synthetic cohort with every
family of rows, in chunks smaller than the cohort."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from synovia.access import door
from synovia.access.models import AuditEvent
from synovia.clinic.models import Patient
from synovia.trials import patient_reads
from synovia.trials.clinic_facts import record_facts, with_related

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


def test_set_based_facts_equal_the_per_patient_facts(monkeypatch, admin_user):
    call_command("demo_data", patients=60, seed=7, no_progress=True)
    monkeypatch.setattr(patient_reads, "CHUNK_PATIENTS", 17)  # several chunks, one partial
    who = door.for_command("test", admin_user)
    with patient_reads.database_facts(who, clinic_code=None, today=TODAY) as rows:
        bulk = {row.pseudonym: (row.facts, row.notes) for row in rows}
    single = {p.pseudonym: record_facts(p, TODAY) for p in with_related(Patient.objects.all())}
    assert len(bulk) == Patient.objects.count() == 60
    assert bulk.keys() == single.keys()
    for pseudonym, (facts, notes) in single.items():
        assert bulk[pseudonym][0].values == facts.values, pseudonym
        assert bulk[pseudonym][1] == notes
    rich = sum(1 for facts, _ in single.values() if {"das28_esr", "crp_mg_l"} <= facts.values.keys())
    assert rich > 20  # the comparison covered visits and labs, not only demographics
    event = AuditEvent.objects.get(purpose="trial screen")
    assert event.action == "export" and event.patient_count == 60


def test_one_clinic_only_and_an_unknown_clinic_is_refused(admin_user):
    call_command("demo_data", patients=30, seed=3, no_progress=True)
    code = Patient.objects.values_list("clinic__code", flat=True).first()
    who = door.for_command("test", admin_user)
    with patient_reads.database_facts(who, clinic_code=code, today=TODAY) as rows:
        got = [row.pseudonym for row in rows]
    assert set(got) == set(Patient.objects.filter(clinic__code=code).values_list("pseudonym", flat=True))
    with (
        pytest.raises(patient_reads.NoPatients),
        patient_reads.database_facts(who, clinic_code="NOPE", today=TODAY),
    ):
        pass
