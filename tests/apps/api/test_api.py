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
    assert response.status_code == 400
    assert "tjc28=31" in response.json()["detail"]


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
    assert bad.status_code == 400 and "age" in bad.json()["detail"]


def test_openapi_schema_lists_the_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/health", "/api/measures", "/api/trials", "/api/trials/match"} <= set(paths)
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()
