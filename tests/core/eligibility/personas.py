"""Shared patients for the eligibility tests (facts as the JSON interface takes them)."""

from __future__ import annotations

from typing import Any

# A woman with active seropositive RA, on methotrexate, everything an MSC trial asks known.
ANA: dict[str, Any] = {
    "age_years": 52,
    "sex": "female",
    "pregnant": False,
    "lactating": False,
    "uses_contraception": True,
    "childbearing_potential": False,
    "meets_acr_eular_2010": True,
    "meets_acr_1987": True,
    "disease_duration_months": 60,
    "das28_esr": 5.4,
    "das28_crp": 5.0,
    "cdai": 28,
    "sdai": 30,
    "tjc28": 8,
    "sjc28": 6,
    "tjc68": 12,
    "sjc66": 9,
    "esr_mm_h": 42,
    "crp_mg_l": 18,
    "hemoglobin_g_l": 118,
    "wbc_10e9_l": 7.1,
    "platelets_10e9_l": 310,
    "alt_x_uln": 0.8,
    "ast_x_uln": 0.7,
    "creatinine_umol_l": 70,
    "egfr_ml_min": 95,
    "prednisone_mg_day": 5,
    "intraarticular_steroid_weeks_ago": None,
    "failed_csdmards": ["methotrexate"],
    "failed_biologics": ["adalimumab"],
    "current_drugs": ["methotrexate", "prednisone"],
    "malignancy_years_ago": None,
    "hbv": False,
    "hcv": False,
    "hiv": False,
    "tb_active": False,
    "tb_latent": False,
    "prior_cell_therapy": False,
    "trial_participation_months_ago": None,
    "conditions": [],
    "consent_given": True,
    "radiographic_stage": 2,
    "erosions": True,
    "rf_positive": True,
    "acpa_positive": True,
    "weight_kg": 68,
    "functional_class": 2,
}

# A man about whom only age and sex are known.
BEN: dict[str, Any] = {"age_years": 40, "sex": "male"}
