"""What one form stores never breaks another page or command; hostile API, CLI and CSV input.

Runs on SQLite and on PostgreSQL (CI runs the suite on both): the NUL-byte cases are the
PostgreSQL ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.clinic import services
from synovia.clinic.models import LabResult, Patient, Visit
from synovia.clinic.models.choices import ConsentScope

HUGE = "4" * 400


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("trials", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def recorded(clinic, clinician, patient_user, catalog) -> Patient:
    """A patient with an account, a visit and labs, entered through the services."""
    patient = services.patient_create(
        clinic=clinic,
        by=clinician,
        record_number="R-1",
        given_name="Ana",
        family_name="Ruiz",
        sex="F",
        birth_date=dt.date(1970, 5, 1),
        weight_kg=70,
        referred_on=dt.date(2026, 1, 1),
    )
    patient.user = patient_user
    patient.save()
    services.consent_record(patient=patient, by=clinician, scope=ConsentScope.DATA_USE, text_version="1")
    services.visit_record(
        patient=patient,
        by=clinician,
        visit_date=dt.date(2026, 2, 1),
        tender_joints=["R_WRIST"],
        swollen_joints=["R_WRIST"],
        esr_mm_h=30,
        crp_mg_l=12,
        ptga_cm=5,
        ega_cm=4,
    )
    for test, value, unit in (("esr", 30, "mm/h"), ("alt", 30, "U/L"), ("hgb", 130, "g/L")):
        services.lab_record(
            patient=patient, by=clinician, test=test, value=value, unit=unit, collected_on=dt.date(2026, 2, 1)
        )
    return patient


def _pages_and_command_survive(client, patient_user, coordinator) -> tuple[str, str]:
    client.force_login(patient_user)
    response = client.post(reverse("trials:match"), {"use_record": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    client.force_login(coordinator)
    for name in ("trials:screen", "trials:screen_csv"):
        assert client.get(reverse(name, args=["NCT01547091"])).status_code == 200
    code, out, err = _run("screen", "--database")
    assert code == 0, err
    assert out.count("\n") == 1 + Patient.objects.count()
    return page, err


def test_a_stored_esr_of_250_is_unknown_for_matching_with_a_note(client, recorded, patient_user, coordinator):
    """Found: a lab ESR of 250 mm/h made the match page 500 and `trials screen --database` exit 2."""
    LabResult.objects.filter(test="esr").update(value=250.0)
    page, err = _pages_and_command_survive(client, patient_user, coordinator)
    assert "esr_mm_h" in page and "read as unknown" in page
    assert "esr_mm_h" in err and "read as unknown" in err


STORED = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([-1.0, 0.0, 1e308, -1e308, 250.0, 1e-300]),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    visit=st.fixed_dictionaries(
        {"esr_mm_h": STORED, "crp_mg_l": STORED, "das28_esr": STORED, "cdai": STORED},
        optional={"tjc28": st.integers(0, 32767), "sjc66": st.integers(0, 32767)},
    ),
    lab=STORED,
    ref_high=st.none() | STORED,
    stage=st.integers(0, 32767),
    birth=st.dates(),
)
def test_any_stored_value_leaves_match_screen_and_command_working(
    client, recorded, patient_user, coordinator, visit, lab, ref_high, stage, birth
):
    Visit.objects.filter(patient=recorded).update(**visit)
    LabResult.objects.filter(patient=recorded).update(value=lab, ref_high=ref_high)
    Patient.objects.filter(pk=recorded.pk).update(birth_date=birth)
    recorded.imaging.all().delete()
    recorded.imaging.create(taken_on=dt.date(2026, 2, 1), steinbrocker_stage=stage, erosions=False)
    _pages_and_command_survive(client, patient_user, coordinator)


def test_non_finite_stored_values_are_unknown(client, recorded, patient_user, coordinator):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not store NaN; PostgreSQL does")
    Visit.objects.filter(patient=recorded).update(esr_mm_h=math.nan, crp_mg_l=math.inf)
    LabResult.objects.filter(patient=recorded).update(value=-math.inf, ref_high=math.nan)
    page, _ = _pages_and_command_survive(client, patient_user, coordinator)
    assert "read as unknown" in page


# --- API -----------------------------------------------------------------------------------


def _post_raw(client, path, text):
    return client.post(path, text, content_type="application/json")


@pytest.mark.parametrize(
    "fact", ["age_years", "esr_mm_h", "crp_mg_l", "tjc28", "weight_kg", "malignancy_years_ago"]
)
def test_api_match_with_a_400_digit_integer_is_400(client, catalog, fact):
    for number in (HUGE, "-" + HUGE):
        response = _post_raw(client, "/api/trials/match", '{"' + fact + '": ' + number + "}")
        assert 400 <= response.status_code < 500
        assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"age_years": NaN}',
        '{"age_years": Infinity}',
        "[1, 2]",
        '"x"',
        '{"age_years": 1e400}',
        '{"conditions": [[[["x"]]]]}',
        '{"sex": "\\u0000"}',
        "{" + "x" * 10_000,
    ],
)
def test_api_match_refuses_hostile_bodies_with_4xx(client, catalog, body):
    response = _post_raw(client, "/api/trials/match", body)
    assert 400 <= response.status_code < 500, response.content[:200]


@pytest.mark.parametrize(
    "path", ["/trials/%00/", "/api/trials/%00", "/trials/%00/screen/", "/trials/?q=%00", "/api/trials?x=%00"]
)
def test_nul_in_a_path_or_query_is_400(client, catalog, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_nul_in_the_patient_search_or_state_filter_is_400(client, coordinator, recorded):
    client.force_login(coordinator)
    for query in ({"q": "\x00"}, {"state": "\x00"}, {"q": "Ru\x00iz"}):
        assert client.get(reverse("clinic:patient_list"), query).status_code == 400
    assert client.get(reverse("clinic:patient_list"), {"q": "Ruiz"}).status_code == 200


def test_nul_in_a_form_post_is_400_and_nothing_is_stored(client, clinician, recorded):
    client.force_login(clinician)
    response = client.post(
        reverse("clinic:lab", args=[recorded.pk]),
        {"test": "crp", "value": "3", "unit": "mg/L\x00", "collected_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert LabResult.objects.filter(test="crp").count() == 0


# --- CLI -----------------------------------------------------------------------------------

HOSTILE_FILES = {
    "huge_int": ('{"age_years": ' + HUGE + "}").encode(),
    "deep": b"[" * 100_000,
    "deep_closed": b"[" * 100_000 + b"]" * 100_000,
    "not_object": b"[1, 2, 3]",
    "nan": b'{"age_years": NaN}',
    "infinity": b'{"esr_mm_h": Infinity}',
    "bad_utf8": b'{"sex": "\xff\xfe"}',
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
@pytest.mark.parametrize("with_trials", [False, True])
def test_trials_match_exits_2_with_a_message_on_hostile_files(db, tmp_path, name, with_trials):
    path = tmp_path / "patient.json"
    path.write_bytes(HOSTILE_FILES[name])
    args = ["match", "--patient", str(path)]
    if with_trials:
        from synovia.trials.importing import catalog_dir

        args += ["--trials", str(catalog_dir())]
    code, out, err = _run(*args)
    assert code == 2 and "error:" in err and out == ""


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_trials_import_and_parse_exit_2_on_hostile_files(db, tmp_path, name, capsys):
    path = tmp_path / "study.json"
    path.write_bytes(HOSTILE_FILES[name])
    for action in ("import", "parse"):
        code, _, err = _run(action, str(path))
        assert code == 2, (action, err)
        assert "error" in (err + capsys.readouterr().err)


@pytest.mark.parametrize("content", ["age_years\n" + HUGE, "age_years\nNaN", "age_years\ninf", "\xff\xfe"])
def test_trials_screen_facts_table_exits_2_or_reads_unknown(db, tmp_path, content):
    path = tmp_path / "facts.csv"
    path.write_bytes(content.encode("utf-8", "surrogateescape") if content[0] != "\xff" else b"\xff\xfe")
    code, _, err = _run("screen", "--facts", str(path))
    assert code in (0, 2)
    if code == 2:
        assert "error:" in err


# --- CSV exports ---------------------------------------------------------------------------


@pytest.mark.parametrize("record", ['=HYPERLINK("http://x.invalid","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_screen_csv_neutralises_formulas(client, coordinator, recorded, record):
    Patient.objects.filter(pk=recorded.pk).update(record_number=record)
    client.force_login(coordinator)
    response = client.get(reverse("trials:screen_csv", args=["NCT01547091"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["record_number"] == "'" + record


def test_batch_screen_csv_neutralises_formulas_in_ids(db, tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text('patient_id,age_years\n"=HYPERLINK(""x"")",40\n')
    code, out, err = _run("screen", "--facts", str(path))
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out)))[1][0] == '\'=HYPERLINK("x")'


def test_json_numbers_in_api_output_stay_finite(client, catalog):
    response = _post_raw(client, "/api/trials/match", json.dumps({"age_years": 40}))
    assert response.status_code == 200


def test_match_form_checks_the_range_in_the_chosen_unit_beside_the_field(client, catalog):
    response = client.post(reverse("trials:match"), {"crp_mg_l": "60", "crp_mg_l__unit": "mg/dL"})
    assert response.status_code == 200
    assert "crp_mg_l" in response.context["form"].errors
    assert response.context["results"] is None
