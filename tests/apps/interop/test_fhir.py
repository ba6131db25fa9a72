"""FHIR R4 export and import: validation, the round trip over generated records, idempotent
re-import, units at the boundary, the de-identified research export, the endpoint and the
commands."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.access import door
from synovia.access.models import AuditEvent
from synovia.accounts.models import Clinic, Role, User
from synovia.clinic import services
from synovia.clinic.models import LabResult, Patient, Visit
from synovia.core import joints
from synovia.core.fhir import codes, validate
from synovia.interop import exports
from synovia.interop import services as interop
from synovia.trials.models import Trial
from tests.apps.api.conftest import token_client
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, make_patient, visit_inputs

pytestmark = pytest.mark.django_db

D0 = dt.date(2025, 6, 2)


def _types(bundle):
    return sorted({e["resource"]["resourceType"] for e in bundle["entry"]})


def _console():
    return door.for_command("test")


def _full_record(patient, by):
    services.visit_record(
        patient=patient,
        by=by,
        visit_date=D0,
        kind="baseline",
        **visit_inputs(
            haq_items={
                "items": {
                    c: [1] * n
                    for c, n in (
                        ("dressing", 2),
                        ("arising", 2),
                        ("eating", 3),
                        ("walking", 2),
                        ("hygiene", 3),
                        ("reach", 2),
                    )
                },
                "aids": ["reach"],
            }
        ),
    )
    services.lab_record(patient=patient, by=by, test="crp", value=1.5, unit="mg/dL", collected_on=D0)
    services.lab_record(patient=patient, by=by, test="hgb", value=12.5, unit="g/dL", collected_on=D0)
    services.medication_add(
        patient=patient,
        by=by,
        drug_class="csdmard",
        name="methotrexate",
        started_on=dt.date(2020, 1, 1),
        stopped_on=dt.date(2022, 1, 1),
        stop_reason="intolerance",
    )
    services.adverse_event_record(
        patient=patient,
        by=by,
        term="Headache",
        grade=2,
        serious=False,
        relatedness="possible",
        onset=D0,
        outcome="recovered",
        action_taken="none",
        resolved_on=D0 + dt.timedelta(days=2),
    )


def test_a_full_record_exports_as_a_valid_r4_bundle(clinic, clinician, treated_patient):
    _full_record(treated_patient, clinician)
    bundle = exports.patient_bundle(who=_console(), patient_id=treated_patient.pk)
    validate.bundle(bundle)
    assert {
        "Patient",
        "Condition",
        "Observation",
        "Procedure",
        "BiologicallyDerivedProduct",
        "MedicationStatement",
        "AdverseEvent",
        "Consent",
        "QuestionnaireResponse",
    } <= set(_types(bundle))
    resources = [e["resource"] for e in bundle["entry"]]
    condition = next(r for r in resources if r["resourceType"] == "Condition")
    assert condition["code"]["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "69896004",
        "display": "Rheumatoid arthritis",
    }
    loinc = {
        k["code"]
        for r in resources
        if r["resourceType"] == "Observation"
        for k in r["code"]["coding"]
        if k["system"] == codes.LOINC
    }
    assert {"4537-7", "1988-5", "718-7", "88981-6", "88980-8", "75847-4", "75845-8", "75874-8"} <= loinc
    crp = next(
        r
        for r in resources
        if r["resourceType"] == "Observation"
        and any(i.get("system") == codes.LAB_ID for i in r.get("identifier", []))
        and r["code"]["coding"][0]["code"] == "1988-5"
    )
    assert crp["valueQuantity"] == {"value": 15.0, "unit": "mg/L", "system": codes.UCUM, "code": "mg/L"}


def _empty_clinic_copy(code: str):
    """A fresh clinic (same code, as a new server's) with its own clinician."""
    clinic = Clinic.objects.create(name="Copy", code=code)
    user = User.objects.create_user(f"import-{code}", role=Role.CLINICIAN, clinic=clinic)
    return clinic, user


def _strip(bundle):
    return json.loads(json.dumps(bundle))


def _round_trip(patient, code_copy):
    first = exports.patient_bundle(who=_console(), patient_id=patient.pk)
    record_number, pseudonym = patient.record_number, patient.pseudonym
    # An empty database: the patient's rows go away, the Bundle is imported as the new clinic's.
    Patient.objects.filter(pk=patient.pk).delete()
    clinic, importer = _empty_clinic_copy(code_copy)
    report = interop.import_bundle(who=door.for_command("import", importer), data=first)
    copy = Patient.objects.get(clinic=clinic, record_number=record_number)
    assert copy.pseudonym == pseudonym
    second = exports.patient_bundle(who=_console(), patient_id=copy.pk)
    return first, second, report


def _rename_clinic(bundle, old, new):
    return json.loads(json.dumps(bundle).replace(f"/record/{old}", f"/record/{new}"))


visit_days = st.lists(st.integers(min_value=0, max_value=400), min_size=0, max_size=4, unique=True)
joint_sets = st.lists(st.sampled_from(joints.JOINTS_66), max_size=8, unique=True)
values = st.floats(min_value=0, max_value=10, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def treatments(draw):
    """None, or a programme (through the pages' pathway) with 1 to its planned infusions."""
    if not draw(st.booleans()):
        return None
    autologous = draw(st.booleans())
    route = draw(st.sampled_from(["iv", "intra_articular"]))
    planned = draw(st.integers(min_value=1, max_value=3))
    return {
        "program": {
            "source": draw(st.sampled_from(["bone_marrow", "adipose", "umbilical_cord"])),
            "autologous": autologous,
            "product": draw(st.sampled_from(["msc", "exosome"])),
            "dose_cells_per_kg": draw(st.sampled_from([5e5, 1e6, 2e6, 4.5e6, 1e7])),
            "route": route,
            "joint": draw(st.sampled_from(["R_KNEE", "L_KNEE"])) if route == "intra_articular" else "",
            "planned_infusions": planned,
            "interval_weeks": draw(st.integers(min_value=1, max_value=12)),
        },
        "infusions": [
            {
                "given_on": D0 + dt.timedelta(days=7 * k),
                "lot": draw(st.from_regex(r"[A-Z]{2}-[0-9]{3}", fullmatch=True)),
                "dose_cells": draw(st.floats(min_value=2e5, max_value=1e10).map(lambda x: float(f"{x:.3g}"))),
                "harvest_site": draw(st.sampled_from(["bone_marrow", "fat"])) if autologous else "",
            }
            for k in range(draw(st.integers(min_value=1, max_value=planned)))
        ],
    }


enrolment_lists = st.lists(
    st.tuples(
        st.sampled_from(["NCT09990001", "NCT09990002"]),
        st.sampled_from(["screening", "on-study", "follow-up", "withdrawn", "off-study"]),
        st.integers(min_value=0, max_value=300),
    ),
    max_size=2,
    unique_by=lambda e: (e[0], e[2]),
)


def _treat(patient, by, treatment):
    services.evaluation_record(
        patient=patient,
        by=by,
        evaluated_on=D0 - dt.timedelta(days=10),
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="synthetic test record",
    )
    program = services.program_create(patient=patient, by=by, **treatment["program"])
    for infusion in treatment["infusions"]:
        services.infusion_record(program=program, by=by, **infusion)


def _enrol(patient, by, enrolments):
    for registry_id, status, start in enrolments:
        trial, _made = Trial.objects.get_or_create(registry_id=registry_id, defaults={"title": registry_id})
        started = D0 + dt.timedelta(days=start)
        ended = started + dt.timedelta(days=30) if status in {"withdrawn", "off-study"} else None
        interop.enrolment_record(
            patient=patient, by=by, trial=trial, status=status, started_on=started, ended_on=ended
        )


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    days=visit_days,
    tender=joint_sets,
    swollen=joint_sets,
    globals_=st.tuples(values, values, values, values),
    esr=st.integers(min_value=1, max_value=120),
    crp_mg_dl=st.floats(min_value=0, max_value=20, allow_nan=False).map(lambda x: round(x, 2)),
    lab_days=st.lists(st.integers(min_value=0, max_value=400), max_size=3, unique=True),
    treatment=treatments(),
    enrolments=enrolment_lists,
)
def test_round_trip_export_import_export_is_equal(
    days, tender, swollen, globals_, esr, crp_mg_dl, lab_days, treatment, enrolments
):
    n = Clinic.objects.count()
    clinic = Clinic.objects.create(name=f"Origin {n}", code=f"origin-{n}")
    by = User.objects.create_user(f"origin-{n}", role=Role.CLINICIAN, clinic=clinic)
    patient = make_patient(clinic, by, record_number=f"RT-{n}")
    if treatment is not None:
        _treat(patient, by, treatment)
    _enrol(patient, by, enrolments)
    for day in days:
        services.visit_record(
            patient=patient,
            by=by,
            visit_date=D0 + dt.timedelta(days=day),
            kind="unscheduled",
            tender_joints=tender,
            swollen_joints=swollen,
            esr_mm_h=esr,
            crp_mg_l=crp_mg_dl * 10,
            ptga_cm=globals_[0],
            ega_cm=globals_[1],
            pain_cm=globals_[2],
            function_cm=globals_[3],
        )
    for day in lab_days:
        services.lab_record(
            patient=patient,
            by=by,
            test="crp",
            value=crp_mg_dl,
            unit="mg/dL",
            collected_on=D0 + dt.timedelta(days=day),
        )
    first, second, report = _round_trip(patient, f"copy-{n}")
    assert _rename_clinic(first, f"origin-{n}", f"copy-{n}") != first or not first
    first = _rename_clinic(first, f"origin-{n}", f"copy-{n}")

    # The ids are derived from the clinic code too: compare with the ids taken away.
    def bare(b):
        return sorted(
            json.dumps({k: v for k, v in e["resource"].items() if k != "id"}, sort_keys=True)
            for e in b["entry"]
        )

    import re

    def no_refs(text):
        return re.sub(r'"(Patient|BiologicallyDerivedProduct|ResearchStudy)/[0-9a-f-]{36}"', '"ref"', text)

    before, after = [no_refs(x) for x in bare(first)], [no_refs(x) for x in bare(second)]
    assert before == after, (sorted(set(before) - set(after))[:2], sorted(set(after) - set(before))[:2])
    assert not report.skipped, report.skipped
    kinds = [r for r, _w in report.imported]
    infusions = len(treatment["infusions"]) if treatment else 0
    assert (kinds.count("Procedure"), kinds.count("ResearchSubject")) == (infusions, len(enrolments))
    assert kinds.count("BiologicallyDerivedProduct") == (treatment is not None)


def _counts(patient):
    return (
        Visit.objects.count(),
        LabResult.objects.count(),
        patient.medications.count(),
        patient.adverse_events.count(),
        patient.consents.count(),
        patient.programs.count(),
        patient.infusions.count(),
        patient.enrolments.count(),
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_reimport_adds_nothing(clinic, clinician, treated_patient, trial, language):
    """Every resource of a re-imported export is a duplicate (by its stable code, whatever
    the language of the reasons), and no row is added."""
    patient = treated_patient
    _full_record(patient, clinician)
    interop.enrolment_record(patient=patient, by=clinician, trial=trial, started_on=D0, status="on-study")
    bundle = exports.patient_bundle(who=_console(), patient_id=patient.pk)
    counts = _counts(patient)
    who = door.for_command("import", clinician)
    with translation.override(language):
        report = interop.import_bundle(who=who, data=bundle)
    assert report.patient_id == patient.pk and not report.imported
    assert counts == _counts(patient)
    assert {code for _r, _i, code, _why in report.skipped} == {"duplicate"}, report.skipped
    kinds = {r for r, _i, _c, _w in report.skipped}
    assert {"Procedure", "BiologicallyDerivedProduct", "ResearchSubject", "Consent"} <= kinds
    if language == "es":
        assert all("already" not in why for _r, _i, _c, why in report.skipped)


def test_an_ehr_bundle_imports_labs_with_units_converted_and_reports_what_it_skipped(
    clinic, clinician, patient
):
    ehr = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "crp1",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "1988-5"}]},
                    "effectiveDateTime": "2025-06-01T09:30:00Z",
                    "valueQuantity": {
                        "value": 2.4,
                        "unit": "mg/dL",
                        "system": "http://unitsofmeasure.org",
                        "code": "mg/dL",
                    },
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "esr1",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "30341-2"}]},
                    "effectiveDateTime": "2025-06-01",
                    "valueQuantity": {"value": 22, "unit": "mm/h"},
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "bp",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                    "effectiveDateTime": "2025-06-01",
                    "valueQuantity": {"value": 120, "unit": "mm[Hg]"},
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "bad",
                    "status": "final",
                    "code": {"text": "x"},
                    "valueQuantity": {"value": "abc"},
                }
            },
            {
                "resource": {
                    "resourceType": "Encounter",
                    "id": "enc",
                    "status": "finished",
                    "class": {"code": "AMB"},
                }
            },
        ],
    }
    report = interop.import_bundle(who=door.for_command("import", clinician), data=ehr, patient_id=patient.pk)
    crp = LabResult.objects.get(patient=patient, test="crp")
    assert (crp.value, crp.unit, crp.entered_value, crp.entered_unit) == (24.0, "mg/L", 2.4, "mg/dL")
    assert LabResult.objects.get(patient=patient, test="esr").value == 22
    reasons = {i: (code, why) for _r, i, code, why in report.skipped}
    assert set(reasons) == {"bp", "bad", "enc"} and "not valid FHIR" in reasons["bad"][1]
    assert {i: code for i, (code, _why) in reasons.items()} == {
        "bp": "not_mapped",
        "bad": "invalid",
        "enc": "not_kept",
    }
    again = interop.import_bundle(who=door.for_command("import", clinician), data=ehr, patient_id=patient.pk)
    assert not again.imported and LabResult.objects.filter(patient=patient).count() == 2


@pytest.mark.parametrize(
    "data", [None, [], {"resourceType": "Patient"}, {"resourceType": "Bundle", "entry": "x"}]
)
def test_what_is_not_a_bundle_is_refused(clinician, patient, data):
    with pytest.raises(interop.ImportRefused):
        interop.import_bundle(who=door.for_command("import", clinician), data=data, patient_id=patient.pk)


def test_research_export_is_de_identified(clinic, clinician, treated_patient, researcher):
    _full_record(treated_patient, clinician)
    Patient.objects.filter(pk=treated_patient.pk).update(birth_date=dt.date(1930, 1, 1))
    treated_patient.refresh_from_db()
    bundle = exports.research_bundle(who=door.for_command("research", researcher))
    text = json.dumps(bundle)
    for secret in (
        treated_patient.record_number,
        treated_patient.family_name,
        treated_patient.given_name,
        "1930-01-01",
        "LOT",
        D0.isoformat(),
    ):
        assert secret not in text, secret
    patient = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    assert patient["identifier"] == [{"system": codes.PSEUDONYM, "value": treated_patient.pseudonym}]
    assert patient["extension"][0]["valueString"] == "90+"
    procedures = sorted(
        e["resource"]["performedDateTime"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Procedure"
    )
    assert procedures[0] == "2000-01-01"
    with pytest.raises(PermissionDenied):
        exports.research_bundle(who=door.for_command("research", clinician))


def test_everything_endpoint_is_scoped_and_audited(clinic, clinician, other_clinician, patient):
    api = token_client(clinician)
    before = AuditEvent.objects.count()
    response = api.get(f"/api/fhir/Patient/{patient.pk}/$everything")
    assert response.status_code == 200, response.content
    assert response.json()["resourceType"] == "Bundle"
    event = AuditEvent.objects.latest("id")
    assert AuditEvent.objects.count() == before + 1 and (event.via, event.action) == ("api", "export")
    assert token_client(other_clinician).get(f"/api/fhir/Patient/{patient.pk}/$everything").status_code == 404


def test_import_endpoint_reports(clinic, clinician, patient):
    api = token_client(clinician)
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "h",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]},
                    "effectiveDateTime": "2025-06-01",
                    "valueQuantity": {"value": 13.1, "unit": "g/dL"},
                }
            }
        ],
    }
    response = api.json("post", f"/api/fhir/Patient/{patient.pk}/$import", bundle)
    assert response.status_code == 200, response.content
    assert response.json()["imported"] == [{"resource": "Observation", "what": "lab hgb 2025-06-01"}]
    assert LabResult.objects.get(patient=patient, test="hgb").value == pytest.approx(131.0)


def test_fhir_commands_export_and_import(tmp_path, clinic, clinician, patient):
    out = tmp_path / "p.json"
    call_command("fhir", "export", str(patient.pk), "--out", str(out), stderr=io.StringIO())
    data = json.loads(out.read_text())
    assert data["resourceType"] == "Bundle"
    printed = io.StringIO()
    call_command("fhir", "import", str(out), "--by", clinician.username, stdout=printed)
    assert json.loads(printed.getvalue())["patient_id"] == patient.pk
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError) as raised:
        call_command("fhir", "import", str(bad), "--by", clinician.username)
    assert raised.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("fhir", "export", "999999")


def _ehr_product(dose, unit="10*6.{cells}/kg", rid="prod1"):
    return {
        "resourceType": "BiologicallyDerivedProduct",
        "id": rid,
        "productCategory": "cells",
        "productCode": {
            "coding": [
                {"system": codes.PRODUCT, "code": "msc"},
                {"system": f"{codes.PRODUCT}-source", "code": "umbilical_cord"},
                {"system": f"{codes.PRODUCT}-origin", "code": "allogeneic"},
                {"system": f"{codes.PRODUCT}-route", "code": "iv"},
            ]
        },
        "quantity": 2,
        "extension": [
            {
                "url": f"{codes.EXT}/dose-cells-per-kg",
                "valueQuantity": {"value": dose, "system": codes.UCUM, "code": unit},
            }
        ],
    }


def _ehr_infusion(rid, day, cells, unit="10*6.{cells}", product="prod1", number=None):
    ext = [
        {"url": f"{codes.EXT}/lot", "valueString": "EHR-LOT"},
        {"url": f"{codes.EXT}/dose-cells", "valueQuantity": {"value": cells, "code": unit}},
    ]
    if number is not None:
        ext.append({"url": f"{codes.EXT}/infusion-number", "valueInteger": number})
    return {
        "resourceType": "Procedure",
        "id": rid,
        "status": "completed",
        "extension": ext,
        "code": {"coding": [{"system": codes.SYNOVIA_CODES, "code": codes.INFUSION_CODE}]},
        "subject": {"reference": "Patient/x"},
        "performedDateTime": day,
        "usedReference": [{"reference": f"BiologicallyDerivedProduct/{product}"}],
    }


def test_ehr_infusions_import_with_cell_units_converted(clinic, clinician, patient):
    """Procedures listed before their product, doses in millions of cells, numbered by day;
    a bad unit, a foreign procedure and a missing product are reported with their codes."""
    surgery = _ehr_infusion("surg", "2025-05-01", 70)
    surgery["code"] = {"coding": [{"system": "http://snomed.info/sct", "code": "80146002"}]}
    entries = [
        _ehr_infusion("inf2", "2025-06-30", 70),
        _ehr_infusion("inf1", "2025-06-02T10:00:00Z", 72.5),
        _ehr_infusion("bad-unit", "2025-07-30", 70, unit="mL"),
        _ehr_infusion("orphan", "2025-07-30", 70, product="nowhere"),
        surgery,
        _ehr_product(1.0),
    ]
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in entries]}
    who = door.for_command("import", clinician)
    report = interop.import_bundle(who=who, data=bundle, patient_id=patient.pk)
    program = patient.programs.get()
    assert (program.dose_cells_per_kg, program.total_cells, program.planned_infusions) == (1e6, 7e7, 2)
    given = list(patient.infusions.order_by("number").values_list("number", "given_on", "dose_cells", "lot"))
    assert given == [
        (1, dt.date(2025, 6, 2), 7.25e7, "EHR-LOT"),
        (2, dt.date(2025, 6, 30), 7e7, "EHR-LOT"),
    ]
    codes_of = {i: code for _r, i, code, _why in report.skipped}
    assert codes_of == {"bad-unit": "unit", "orphan": "unreadable", "surg": "not_mapped"}
    patient.refresh_from_db()
    assert patient.state == "referred"  # history from elsewhere moves no pathway state
    again = interop.import_bundle(who=who, data=bundle, patient_id=patient.pk)
    assert not again.imported and patient.infusions.count() == 2


@pytest.mark.parametrize(
    ("dose", "unit", "why"),
    [(1.0, "mL/kg", "unit"), (1e12, "{cells}/kg", "refused"), (-1.0, "10*6.{cells}/kg", "refused")],
)
def test_a_cell_product_out_of_bounds_or_in_a_strange_unit_is_not_kept(clinician, patient, dose, unit, why):
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": _ehr_product(dose, unit)},
            {"resource": _ehr_infusion("i1", "2025-06-02", 70)},
        ],
    }
    report = interop.import_bundle(
        who=door.for_command("import", clinician), data=bundle, patient_id=patient.pk
    )
    assert not patient.programs.exists() and not patient.infusions.exists()
    assert why in {code for _r, _i, code, _w in report.skipped}, report.skipped


def test_infusions_need_the_treatment_consent(clinician, patient):
    services.consent_withdraw(consent=patient.consents.get(scope="treatment"), by=clinician)
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": _ehr_product(1.0)}, {"resource": _ehr_infusion("i1", "2025-06-02", 70)}],
    }
    report = interop.import_bundle(
        who=door.for_command("import", clinician), data=bundle, patient_id=patient.pk
    )
    assert not patient.infusions.exists()
    assert {code for _r, _i, code, _w in report.skipped} == {"refused"}


def test_enrolments_export_as_research_subjects_and_unknown_trials_are_reported(clinician, patient, trial):
    interop.enrolment_record(patient=patient, by=clinician, trial=trial, started_on=D0, status="on-study")
    bundle = exports.patient_bundle(who=_console(), patient_id=patient.pk)
    subject = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ResearchSubject"
    )
    assert (subject["status"], subject["period"]) == ("on-study", {"start": D0.isoformat()})
    study = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ResearchStudy")
    assert study["identifier"] == [{"system": codes.CTGOV, "value": trial.registry_id}]
    study["identifier"][0]["value"] = "NCT00000000"
    patient.enrolments.all().delete()
    report = interop.import_bundle(
        who=door.for_command("import", clinician), data=bundle, patient_id=patient.pk
    )
    assert ("ResearchSubject", f"NCT00000000 {D0}", "not_mapped") in {s[:3] for s in report.skipped}
