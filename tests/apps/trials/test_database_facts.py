"""The record's facts are one column-wise definition (``clinic_facts.facts_table``) used for one
patient (a chart's match page) and for a whole registry (``trials screen --database``, the
clinic's screen page). Both paths give the same facts, and both agree with an independent
row-by-row reading of the rules (``reference_facts``) on a synthetic cohort and on generated
records with hostile stored values."""

from __future__ import annotations

import datetime as dt
import math
from contextlib import closing
from types import SimpleNamespace

import polars as pl
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.access import door
from synovia.access.models import AuditEvent
from synovia.clinic.models import Patient
from synovia.core.eligibility.facts import FACTS, facts_from_record
from synovia.trials import patient_reads
from synovia.trials.clinic_facts import (
    facts_table,
    reads_for,
    record_facts,
    row_facts,
    rows_frame,
    with_related,
)
from tests.apps.trials.reference_facts import facts_of

TODAY = dt.date(2026, 11, 30)


def _reference(patient: Patient) -> tuple[dict, list[str]]:
    found = facts_of(
        patient,
        visits=patient.visits.all(),
        labs=patient.lab_results.all(),
        medications=sorted(
            patient.medications.all(), key=lambda m: (m.started_on is None, m.started_on, m.id)
        ),
        evaluations=patient.evaluations.all(),
        images=patient.imaging.all(),
        today=TODAY,
    )
    facts, notes = facts_from_record(found)
    return dict(facts.values), sorted(notes)


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [patient_reads.CHUNK, 7])  # one slice; slices of 7 patients
def test_registry_facts_equal_one_patient_facts_and_the_reference(admin_user, monkeypatch, chunk):
    monkeypatch.setattr(patient_reads, "CHUNK", chunk)
    call_command("demo_data", patients=60, seed=7, no_progress=True)
    who = door.for_command("test", admin_user)
    frame, notes = patient_reads.database_facts(who, clinic_code=None, today=TODAY)
    bulk = {row["patient_id"]: row_facts(row).values for row in frame.iter_rows(named=True)}
    patients = list(with_related(Patient.objects.all()))
    assert len(bulk) == len(patients) == 60
    for patient in patients:
        single, single_notes = record_facts(patient, TODAY)
        expected, expected_notes = _reference(patient)
        assert dict(single.values) == expected == dict(bulk[patient.pseudonym]), patient.pseudonym
        assert sorted(single_notes) == expected_notes
    rich = sum(1 for values in bulk.values() if {"das28_esr", "crp_mg_l"} <= values.keys())
    assert rich > 20  # the comparison covered visits and labs, not only demographics
    assert all(note.startswith("patient ") for note in notes)
    event = AuditEvent.objects.get(purpose="trial screen")
    assert event.action == "export" and event.patient_count == 60


@pytest.mark.django_db
def test_a_read_stopped_after_its_first_slice_is_audited_all_the_same(admin_user, monkeypatch):
    monkeypatch.setattr(patient_reads, "CHUNK", 7)
    call_command("demo_data", patients=20, seed=5, no_progress=True)
    who = door.for_command("test", admin_user)
    with closing(patient_reads.database_fact_chunks(who, clinic_code=None, today=TODAY)) as chunks:
        first, _ = next(chunks)
        assert first.height == 7 and not AuditEvent.objects.exists()
    event = AuditEvent.objects.get(purpose="trial screen")
    assert event.action == "export" and event.patient_count == 20


@pytest.mark.django_db
def test_one_clinic_only_and_an_unknown_clinic_is_refused(admin_user):
    call_command("demo_data", patients=30, seed=3, no_progress=True)
    code = Patient.objects.values_list("clinic__code", flat=True).first()
    who = door.for_command("test", admin_user)
    frame, _ = patient_reads.database_facts(who, clinic_code=code, today=TODAY)
    expected = set(Patient.objects.filter(clinic__code=code).values_list("pseudonym", flat=True))
    assert set(frame["patient_id"].to_list()) == expected
    with pytest.raises(patient_reads.NoPatients):
        patient_reads.database_facts(who, clinic_code="NOPE", today=TODAY)


# -- generated records, no database --------------------------------------------------------------

ODD = st.sampled_from([math.nan, math.inf, -math.inf, -1.0, 1e9, 0.0, 1e-300])
NUMBER = st.one_of(st.none(), st.floats(0, 200, allow_nan=False), ODD)
DAY = st.dates(dt.date(1990, 1, 1), dt.date(2026, 11, 29))
CM = st.one_of(st.none(), st.integers(0, 100).map(lambda tenths: tenths / 10))  # 0-10 cm scales
STATUS = st.sampled_from(["positive", "negative", "unknown", "latent"])


@st.composite
def records(draw):
    pid = 1
    patient = SimpleNamespace(
        id=pid,
        pseudonym="SYN-1",
        birth_date=draw(st.dates(dt.date(1930, 1, 1), dt.date(2010, 1, 1))),
        weight_kg=draw(st.sampled_from([55.5, 72, 0.0, 120.25])),
        sex=draw(st.sampled_from(["F", "M", "X"])),
        diagnosis_date=draw(st.none() | DAY),
        rf_status=draw(STATUS),
        acpa_status=draw(STATUS),
        erosions=draw(st.none() | st.booleans()),
        hbv_status=draw(STATUS),
        hcv_status=draw(STATUS),
        hiv_status=draw(STATUS),
        tb_status=draw(STATUS),
    )
    visit_facts = (
        "das28_esr",
        "das28_crp",
        "cdai",
        "sdai",
        "tjc28",
        "sjc28",
        "tjc68",
        "sjc66",
        "esr_mm_h",
        "crp_mg_l",
        "haq_di",
    )
    visits = [
        SimpleNamespace(
            patient_id=pid,
            id=i,
            visit_date=draw(DAY),
            **{f: draw(NUMBER) for f in visit_facts},
            **{c: draw(CM) for c in ("ptga_cm", "ega_cm", "pain_cm")},
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    labs = [
        SimpleNamespace(
            patient_id=pid,
            id=i,
            collected_on=draw(DAY),
            test=draw(st.sampled_from(["esr", "crp", "hgb", "wbc", "plt", "creat", "alt", "ast", "other"])),
            value=draw(st.floats(0, 500, allow_nan=False) | ODD),
            ref_high=draw(st.none() | st.floats(0, 100, allow_nan=False) | ODD),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    medications = [
        SimpleNamespace(
            patient_id=pid,
            id=i,
            name=draw(st.sampled_from(["methotrexate", "adalimumab", "tofacitinib", "prednisone"])),
            drug_class=draw(st.sampled_from(["csdmard", "biologic", "jaki", "steroid"])),
            started_on=draw(st.none() | DAY),
            stopped_on=draw(st.none() | DAY),
            stop_reason=draw(st.sampled_from(["", "inadequate_response", "intolerance", "remission"])),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    evaluations = [
        SimpleNamespace(
            patient_id=pid, id=i, evaluated_on=draw(DAY), acr_eular_score=draw(st.none() | st.integers(0, 10))
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    images = [
        SimpleNamespace(
            patient_id=pid,
            id=i,
            taken_on=draw(DAY),
            steinbrocker_stage=draw(st.integers(1, 4)),
            erosions=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return patient, {
        "visits": visits,
        "labs": labs,
        "medications": medications,
        "evaluations": evaluations,
        "images": images,
    }


ORDER_KEYS = {
    "visits": lambda r: (r.visit_date, r.id),
    "labs": lambda r: (r.collected_on, r.id),
    "medications": lambda r: (r.started_on is None, r.started_on or dt.date.min, r.id),
    "evaluations": lambda r: (r.evaluated_on, r.id),
    "images": lambda r: (r.taken_on, r.id),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_column_wise_facts_equal_the_row_by_row_reading(record):
    patient, families = record
    frames = {name: rows_frame(name, rows) for name, rows in families.items()}
    table, notes = facts_table(rows_frame("patients", [patient]), frames, TODAY)
    got = row_facts(table.row(0, named=True))
    oldest_first = {name: sorted(rows, key=ORDER_KEYS[name]) for name, rows in families.items()}
    expected, expected_notes = facts_from_record(facts_of(patient, today=TODAY, **oldest_first))
    assert dict(got.values) == dict(expected.values)
    assert sorted(note for _, note in notes) == sorted(expected_notes)


def _rows_read(frame, filters):
    """``frame`` restricted as a read with ``filters`` (``field__in``) would fetch it."""
    for key, values in filters.items():
        frame = frame.filter(pl.col(key.removesuffix("__in")).is_in(values))
    return frame


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.sets(st.sampled_from(sorted(FACTS)), max_size=8))
def test_a_read_of_some_facts_states_them_as_a_read_of_every_fact(record, wanted):
    patient, families = record
    frames = {name: rows_frame(name, rows) for name, rows in families.items()}
    people = rows_frame("patients", [patient])
    every, _ = facts_table(people, frames, TODAY)
    reads = reads_for(wanted)
    some = {
        name: _rows_read(frame, reads[name]) if name in reads else frame.clear()
        for name, frame in frames.items()
    }
    part, _ = facts_table(people, some, TODAY)
    columns = sorted(wanted)
    assert part.select(columns).equals(every.select(columns))
