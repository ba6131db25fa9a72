import json

import pytest


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_measure_endpoint_computes_das28_esr(client, db):
    # Prevoo 1995 formula: 0.56*sqrt(4) + 0.28*sqrt(2) + 0.70*ln(30) + 0.014*50 = 4.597
    response = _post(
        client,
        "/api/measures",
        {"measure": "das28_esr", "tjc28": 4, "sjc28": 2, "esr_mm_h": 30, "ptga_mm": 50},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["value"] == pytest.approx(4.5968, abs=1e-3)
    assert body["category"] == "moderate"
    assert body["version"]


def test_measure_endpoint_names_the_bad_field(client, db):
    response = _post(
        client, "/api/measures", {"measure": "cdai", "tjc28": 31, "sjc28": 2, "ptga_cm": 5, "ega_cm": 4}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "tjc28" and "28" in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"measure": "haq_di", "items": {"dressing": [1, 1]}, "aids": [[1]]},  # was a 500
        {"measure": "haq_di", "items": [[1]]},
        {"measure": "haq_di", "items": {"dressing": [[1], 0]}},
        {"measure": "haq_di", "items": {"dressing": [4, 0]}},
        {"measure": "haq_di", "items": {"elbows": [1, 0]}},
        {"measure": "das28_esr", "tjc28": 1, "sjc28": 1, "esr_mm_h": 10, "ptga_mm": 1, "crp": 1},
        {"measure": "das28_esr", "tjc28": 1.5, "sjc28": 1, "esr_mm_h": 10, "ptga_mm": 1},
        {"measure": "das28_esr", "tjc28": 10**400, "sjc28": 1, "esr_mm_h": 10, "ptga_mm": 1},
        {"measure": "das28_esr", "tjc28": 1, "sjc28": 1, "esr_mm_h": 0, "ptga_mm": 1},
        {"measure": "das28_esr", "tjc28": "1", "sjc28": 1, "esr_mm_h": [10], "ptga_mm": 1},
        {
            "measure": "acr_eular_2010",
            "large_joints": 1,
            "small_joints": 1,
            "serology": "negative",
            "acute_phase_abnormal": 1,
            "duration_weeks": 7,
        },
        {"measure": "acr_response", "baseline": {"tjc68": 1}, "current": "x"},
        {"measure": "nope"},
        {},
        [],
    ],
)
def test_measure_endpoint_answers_bad_input_with_4xx_and_a_message(client, db, body):
    response = _post(client, "/api/measures", body)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["error"]["message"]


def test_measure_endpoint_refuses_a_non_finite_number(client, db):
    body = '{"measure": "cdai", "tjc28": 1, "sjc28": 1, "ptga_cm": NaN, "ega_cm": Infinity}'
    response = client.post("/api/measures", body, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_haq_di_wrong_item_count_is_the_cores_400(client, db):
    response = _post(client, "/api/measures", {"measure": "haq_di", "items": {"dressing": [1]}})
    assert response.status_code == 400
    assert "items.dressing must be a list of 2 item scores" in response.json()["error"]["message"]


VALID = [
    {"measure": "das28_esr", "tjc28": 4, "sjc28": 9, "esr_mm_h": 20, "ptga_mm": 50},
    {"measure": "das28_esr3", "tjc28": 4, "sjc28": 9, "esr_mm_h": 20},
    {"measure": "das28_crp", "tjc28": 4, "sjc28": 9, "crp_mg_dl": 1.0, "ptga_cm": 5},
    {"measure": "das28_crp3", "tjc28": 4, "sjc28": 9, "crp_mg_l": 10},
    {"measure": "cdai", "tjc28": 1, "sjc28": 1, "ptga_cm": 0.4, "ega_cm": 0.4},
    {"measure": "sdai", "tjc28": 1, "sjc28": 1, "ptga_mm": 4, "ega_cm": 0.4, "crp_mg_l": 5},
    {
        "measure": "haq_di",
        "items": {
            "dressing": [1, None],
            "arising": [0, 0],
            "eating": [1, 1, None],
            "walking": [0, 0],
            "hygiene": [None, None, 2],
            "reach": [1, 1],
        },
        "aids": ["reach"],
    },
    {"measure": "rapid3", "function_cm": 3.3, "pain_cm": 5, "ptga_cm": 5},
    {"measure": "eular_response", "das28_baseline": 5.5, "das28_current": 3.0},
    {
        "measure": "acr_response",
        "baseline": {"tjc68": 20, "sjc66": 10, "pain_cm": 6, "ptga_cm": 6, "ega_cm": 6, "haq_di": 1.5},
        "current": {"tjc68": 10, "sjc66": 5, "pain_cm": 3, "ptga_cm": 3, "haq_di": 0.75},
    },
    {"measure": "boolean_remission", "tjc28": 1, "sjc28": 0, "crp_mg_l": 8, "ptga_cm": 1.5, "version": 2011},
    {
        "measure": "acr_eular_2010",
        "large_joints": 2,
        "small_joints": 3,
        "serology": "low_positive",
        "acute_phase_abnormal": True,
        "duration_weeks": 7,
    },
]


@pytest.mark.parametrize("body", VALID, ids=[b["measure"] for b in VALID])
def test_measure_endpoint_equals_the_measures_command(client, db, body):
    from synovia.core.measures.jsonl import compute_line

    expected = compute_line(json.dumps(body))
    response = _post(client, "/api/measures", body)
    assert response.status_code == 200, response.content
    got = response.json()
    assert (got["measure"], got["category"]) == (expected.measure, expected.category)
    assert got["value"] == pytest.approx(expected.value)


def test_every_measure_has_one_documented_input_schema(client, db):
    from synovia.api.measure_schemas import SCHEMAS
    from synovia.core.measures import MEASURES

    names = [s.model_fields["measure"].annotation.__args__[0] for s in SCHEMAS]
    assert sorted(names) == sorted(MEASURES) == sorted(b["measure"] for b in VALID)
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    das28 = schemas["Das28EsrIn"]["properties"]
    assert das28["tjc28"]["maximum"] == 28 and das28["tjc28"]["minimum"] == 0
    assert das28["esr_mm_h"]["exclusiveMinimum"] == 0 and "mm/h" in das28["esr_mm_h"]["description"]
    for schema in (schemas[s.__name__] for s in SCHEMAS):
        for name, prop in schema["properties"].items():
            assert name == "measure" or "$ref" in prop or prop.get("description"), (schema["title"], name)


def test_measure_endpoint_refuses_two_crp_units(client, db):
    response = _post(
        client,
        "/api/measures",
        {
            "measure": "sdai",
            "tjc28": 1,
            "sjc28": 1,
            "ptga_cm": 1,
            "ega_cm": 1,
            "crp_mg_l": 5,
            "crp_mg_dl": 0.5,
        },
    )
    assert response.status_code == 400


def test_trials_list_and_detail(client, catalog):
    listed = client.get("/api/trials").json()
    assert len(listed) == 16
    detail = client.get("/api/trials/NCT01547091").json()
    assert detail["criteria"] and {"kind", "text", "rule", "approved", "source"} <= set(detail["criteria"][0])
    assert client.get("/api/trials/NOPE").status_code == 404


def test_match_endpoint_explains_and_rejects_unknown_keys(client, catalog):
    response = _post(client, "/api/trials/match", {"age_years": 50, "sex": "female"})
    assert response.status_code == 200
    first = response.json()[0]
    assert first["verdict"] in {"eligible", "possibly_eligible", "not_eligible"}
    assert {"kind", "text", "status", "reason"} <= set(first["criteria"][0])
    bad = _post(client, "/api/trials/match", {"age": 50})
    assert bad.status_code == 400 and "age" in bad.json()["error"]["message"]


def test_openapi_schema_lists_the_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/health", "/api/measures", "/api/trials", "/api/trials/match"} <= set(paths)
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_the_schemas_enumerations_are_the_cores():
    from typing import get_args

    from synovia.api.measure_schemas import HaqCategory, Serology
    from synovia.core.measures.classification import SEROLOGY_POINTS
    from synovia.core.measures.haq_di import HAQ_CATEGORIES

    assert get_args(HaqCategory) == tuple(HAQ_CATEGORIES)
    assert set(get_args(Serology)) == set(SEROLOGY_POINTS)


def test_a_trial_named_match_is_the_match_operation_and_answers_a_declared_405(client, db):
    """Found by the release fuzz run: ``GET /api/trials/match`` reaches the POST-only match
    operation; the answer is 405 with the one error body, as the schema now declares."""
    from synovia.api.api import api

    response = client.get("/api/trials/match")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
    declared = api.get_openapi_schema()["paths"]["/api/trials/{registry_id}"]["get"]["responses"]
    assert 405 in declared or "405" in declared
