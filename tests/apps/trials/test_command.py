import csv
import io
import json
import urllib.error

from django.core.management import call_command

from synovia.trials.models import Criterion, Trial


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("trials", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_import_defaults_to_the_shipped_catalog_and_reimport_does_not_duplicate(db):
    code, out, _ = _run("import")
    assert code == 0 and "16 new" in out
    code, out, _ = _run("import")
    assert code == 0 and "0 new, 16 updated" in out
    assert Trial.objects.count() == 16


def test_import_of_a_bad_file_exits_2_and_stores_nothing(db, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]")
    code, _, err = _run("import", str(bad))
    assert code == 2 and "protocolSection" in err
    assert Trial.objects.count() == 0


def test_fetch_says_clearly_when_there_is_no_network(db, monkeypatch):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    code, _, err = _run("import", "--fetch", "NCT01547091")
    assert code == 2
    assert "no network" in err and "import from files" in err


def test_match_uses_the_installed_catalog_with_approved_rules(db, tmp_path):
    _run("import")
    criterion = Criterion.objects.filter(
        trial__registry_id="NCT01547091", source="criteria", kind="inclusion"
    ).first()
    criterion.rule = {"type": "compare", "fact": "age_years", "op": ">=", "value": 99, "unit": "years"}
    criterion.approved = True
    criterion.save()
    patient = tmp_path / "p.json"
    patient.write_text(json.dumps({"age_years": 40}))
    code, out, _ = _run("match", "--patient", str(patient))
    assert code == 0
    result = {m["trial"]: m for m in json.loads(out)}
    statuses = [c["status"] for c in result["NCT01547091"]["criteria"] if c["text"] == criterion.text]
    assert statuses == ["not_met"]
    assert result["NCT01547091"]["verdict"] == "not_eligible"


def test_match_rejects_unknown_keys_naming_them(db, tmp_path):
    patient = tmp_path / "p.json"
    patient.write_text(json.dumps({"age_yeras": 40}))
    code, _, err = _run("match", "--patient", str(patient))
    assert code == 2 and "age_yeras" in err


def test_screen_a_csv_of_facts(db, tmp_path):
    facts = tmp_path / "facts.csv"
    facts.write_text("patient_id,age_years,sex,pregnant\nA,40,female,false\nB,70,male,\n")
    out_file = tmp_path / "out.csv"
    code, out, _ = _run("screen", "--facts", str(facts), "--out", str(out_file))
    assert code == 0 and "Screened 2 patients" in out
    rows = list(csv.DictReader(out_file.open()))
    assert [r["patient_id"] for r in rows] == ["A", "B"]
    assert set(rows[0]) >= {"NCT01547091", "NCT03691909"}
    assert {v for r in rows for k, v in r.items() if k != "patient_id"} <= {
        "eligible",
        "possibly_eligible",
        "not_eligible",
    }


def test_screen_rejects_a_table_with_an_unknown_column(db, tmp_path):
    facts = tmp_path / "facts.csv"
    facts.write_text("age,sex\n40,female\n")
    code, _, err = _run("screen", "--facts", str(facts))
    assert code == 2 and "age" in err


def test_screen_the_database(clinic, make_patient):
    make_patient(clinic, "R1", sex="M")
    _run("import")
    code, out, _ = _run("screen", "--database", "--clinic", clinic.code)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and rows[0]["patient_id"].startswith("P")
    code, _, err = _run("screen", "--database", "--clinic", "nowhere")
    assert code == 2 and "nowhere" in err


def test_screen_the_database_a_slice_at_a_time_writes_the_same_csv_and_one_audit_event(
    clinic, make_patient, monkeypatch, tmp_path
):
    from synovia.access.models import AuditEvent
    from synovia.trials import patient_reads

    for i in range(17):
        make_patient(clinic, f"S{i:02d}", sex="MF"[i % 2])
    _run("import")
    whole, sliced = tmp_path / "whole.csv", tmp_path / "sliced.csv"
    assert _run("screen", "--database", "--out", str(whole))[0] == 0
    monkeypatch.setattr(patient_reads, "CHUNK", 5)  # 4 slices: 5, 5, 5 and 2 patients
    code, out, _ = _run("screen", "--database", "--out", str(sliced))
    assert code == 0 and "Screened 17 patients" in out
    assert sliced.read_text() == whole.read_text()
    assert sliced.read_text().count("patient_id") == 1  # one header
    events = AuditEvent.objects.filter(purpose="trial screen", action="export").order_by("id")
    assert [e.patient_count for e in events] == [17, 17]
    code, out, _ = _run("screen", "--database")  # to standard output, sliced too
    assert code == 0 and out == whole.read_text()
