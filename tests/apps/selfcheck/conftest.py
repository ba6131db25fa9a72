"""A person's answers, screen by screen, and a client that gives them."""

from __future__ import annotations

import pytest

from synovia.selfcheck.models import ReferralSite

ANSWERS = {
    "age": {"age": "52"},
    "sex": {"sex": "female"},
    "pregnancy": {"pregnancy": "cannot"},
    "duration": {"years": "6"},
    "csdmards": {
        "methotrexate": "now_not_enough",
        "leflunomide": "stopped_side_effects",
        "sulfasalazine": "never",
        "hydroxychloroquine": "never",
    },
    "biologics": {
        "adalimumab": "stopped_not_enough",
        "etanercept": "never",
        "infliximab": "never",
        "certolizumab": "never",
        "golimumab": "never",
        "other_biologic": "never",
    },
    "steroids": {"takes": "yes", "drug": "prednisone", "dose": "5", "injection": "never"},
    "infections": {"hbv": "no", "hcv": "no", "hiv": "no", "tb_active": "no", "tb_latent": "no"},
    "cancer": {"cancer": "never"},
    "conditions": {"conditions": "none"},
    "blood": {"crp": "1.5", "crp_unit": "mg/dL", "crp_uln": "0.5", "esr": "38", "rf": "yes", "acpa": ""},
    "function": {
        k: "1" for k in ("dress", "bed", "cup", "walk", "wash", "bend", "taps", "car", "miles", "sports")
    },
    "pain": {"pain": "6", "global_": "5.5"},
    "earlier": {"cell_therapy": "no", "trial": "never"},
}


def answer_all(client, answers=ANSWERS, headers=None):
    """Post every screen the flow shows, as a person would; returns the screens seen."""
    client.post("/selfcheck/", {"begin": "1"})
    seen = []
    for _ in range(20):
        page = client.get("/selfcheck/question/")
        if page.status_code != 200:
            break
        key = page.context["step"].key
        seen.append(key)
        data = {k: v for k, v in answers[key].items() if k != "conditions"}
        if key == "conditions":
            data = {"conditions": answers[key]["conditions"].split(",")}
        response = client.post("/selfcheck/question/", {**data, "next": "1"}, **(headers or {}))
        assert response.status_code in (200, 204, 302), (key, response.status_code, response.content[:500])
        if response.status_code == 302 and response["Location"].endswith("/result/"):
            break
        if response.status_code == 204:
            break
    return seen


@pytest.fixture
def site(clinic):
    return ReferralSite.objects.create(clinic=clinic, about="MSC trial site (synthetic)")
