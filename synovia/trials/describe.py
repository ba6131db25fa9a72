"""Plain-language, translated wording of rules and trial facts for the trial pages.

Presentation only: the rule itself comes from the core's rule language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FACT_LABELS = {
    "drug_history": gettext_lazy("RA medicines taken, with dates and why they stopped"),
    "diagnosis_months": gettext_lazy("time since RA was diagnosed"),
    "malignancies": gettext_lazy("cancers, with type and date"),
    "dated_conditions": gettext_lazy("other illnesses and events (heart attack, stroke...), with date"),
    "serious_infection_weeks_ago": gettext_lazy("time since a serious infection"),
    "infection_weeks_ago": gettext_lazy("time since an infection needing treatment"),
    "major_surgery_weeks_ago": gettext_lazy("time since major or joint surgery"),
    "surgery_planned": gettext_lazy("surgery planned during the study"),
    "live_vaccine_weeks_ago": gettext_lazy("time since a live vaccine"),
    "investigational_drug_weeks_ago": gettext_lazy("time since an investigational drug"),
    "bmi_kg_m2": gettext_lazy("body-mass index"),
    "neutrophils_10e9_l": gettext_lazy("neutrophil count"),
    "lymphocytes_10e9_l": gettext_lazy("lymphocyte count"),
    "rf_iu_ml": gettext_lazy("rheumatoid factor level"),
    "acpa_u_ml": gettext_lazy("anti-CCP level"),
    "acpa_x_uln": gettext_lazy("anti-CCP compared with the lab's upper limit"),
    "morning_stiffness_min": gettext_lazy("morning stiffness"),
    "hematocrit_pct": gettext_lazy("haematocrit"),
    "drug_allergies": gettext_lazy("medicine allergies"),
    "nyha_class": gettext_lazy("heart failure class (NYHA)"),
    "bilirubin_umol_l": gettext_lazy("bilirubin"),
    "bilirubin_x_uln": gettext_lazy("bilirubin (times the upper limit of normal)"),
    "creatinine_x_uln": gettext_lazy("creatinine (times the upper limit of normal)"),
    "creatinine_clearance_ml_min": gettext_lazy("creatinine clearance"),
    "haq_di": gettext_lazy("HAQ disability index"),
    "patient_global_mm": gettext_lazy("your overall rating of your arthritis (0-100)"),
    "physician_global_mm": gettext_lazy("the doctor's overall rating of your arthritis (0-100)"),
    "pain_vas_mm": gettext_lazy("pain rating (0-100)"),
    "igra_positive": gettext_lazy("tuberculosis blood test (IGRA) positive"),
    "tst_positive": gettext_lazy("tuberculin skin test positive"),
    "current_smoker": gettext_lazy("smoking now"),
    "vitamin_d_nmol_l": gettext_lazy("vitamin D level"),
    "age_years": gettext_lazy("age"),
    "sex": gettext_lazy("sex"),
    "pregnant": gettext_lazy("pregnancy"),
    "lactating": gettext_lazy("breastfeeding"),
    "uses_contraception": gettext_lazy("effective contraception"),
    "childbearing_potential": gettext_lazy("able to become pregnant"),
    "meets_acr_eular_2010": gettext_lazy("meets the 2010 ACR/EULAR criteria for rheumatoid arthritis"),
    "meets_acr_1987": gettext_lazy("meets the 1987 ACR criteria for rheumatoid arthritis"),
    "disease_duration_months": gettext_lazy("time with rheumatoid arthritis"),
    "das28_esr": gettext_lazy("DAS28-ESR"),
    "das28_crp": gettext_lazy("DAS28-CRP"),
    "cdai": gettext_lazy("CDAI"),
    "sdai": gettext_lazy("SDAI"),
    "tjc28": gettext_lazy("tender joints (of 28)"),
    "sjc28": gettext_lazy("swollen joints (of 28)"),
    "tjc68": gettext_lazy("tender joints (of 68)"),
    "sjc66": gettext_lazy("swollen joints (of 66)"),
    "esr_mm_h": gettext_lazy("ESR"),
    "crp_mg_l": gettext_lazy("CRP"),
    "crp_x_uln": gettext_lazy("CRP (times the upper limit of normal)"),
    "hemoglobin_g_l": gettext_lazy("haemoglobin"),
    "wbc_10e9_l": gettext_lazy("white blood cells"),
    "platelets_10e9_l": gettext_lazy("platelets"),
    "alt_x_uln": gettext_lazy("ALT (times the upper limit of normal)"),
    "ast_x_uln": gettext_lazy("AST (times the upper limit of normal)"),
    "creatinine_umol_l": gettext_lazy("creatinine"),
    "egfr_ml_min": gettext_lazy("kidney function (eGFR)"),
    "prednisone_mg_day": gettext_lazy("prednisone dose"),
    "intraarticular_steroid_weeks_ago": gettext_lazy("time since the last steroid injection into a joint"),
    "failed_csdmards": gettext_lazy("conventional DMARDs that did not work or were not tolerated"),
    "failed_biologics": gettext_lazy("biologic or targeted drugs that did not work or were not tolerated"),
    "current_drugs": gettext_lazy("current medicines"),
    "malignancy_years_ago": gettext_lazy("time since a cancer was last active"),
    "hbv": gettext_lazy("hepatitis B"),
    "hcv": gettext_lazy("hepatitis C"),
    "hiv": gettext_lazy("HIV infection"),
    "tb_active": gettext_lazy("active tuberculosis"),
    "tb_latent": gettext_lazy("latent tuberculosis"),
    "prior_cell_therapy": gettext_lazy("earlier stem-cell therapy"),
    "trial_participation_months_ago": gettext_lazy("time since the last clinical trial"),
    "conditions": gettext_lazy("other conditions"),
    "conditions_asked": gettext_lazy("conditions asked about"),
    "consent_given": gettext_lazy("written informed consent"),
    "radiographic_stage": gettext_lazy("radiographic stage (Steinbrocker)"),
    "erosions": gettext_lazy("erosions on X-ray"),
    "rf_positive": gettext_lazy("rheumatoid factor positive"),
    "acpa_positive": gettext_lazy("anti-CCP positive"),
    "weight_kg": gettext_lazy("weight"),
    "functional_class": gettext_lazy("functional class (ACR 1991)"),
}

UNIT_LABELS = {
    "years": gettext_lazy("years"),
    "months": gettext_lazy("months"),
    "weeks": gettext_lazy("weeks"),
    "joints": gettext_lazy("joints"),
    "score": "",
    "stage": "",
    "class": "",
}


def fact_label(name: str) -> str:
    return str(FACT_LABELS.get(name, name.replace("_", " ")))


def _number(value: float) -> str:
    return f"{value:g}"


def _compare(rule: dict[str, Any]) -> str:
    ops = {
        "<": _("below %(value)s"),
        "<=": _("at most %(value)s"),
        ">": _("above %(value)s"),
        ">=": _("at least %(value)s"),
        "==": _("exactly %(value)s"),
    }
    unit = rule.get("unit") or ""
    shown = f"{_number(float(rule['value']))} {UNIT_LABELS.get(unit, unit)}".strip()
    return f"{fact_label(rule['fact'])}: {ops[rule['op']] % {'value': shown}}"


def _equals(rule: dict[str, Any]) -> str:
    sex = {"female": _("female"), "male": _("male")}.get(rule["value"], rule["value"])
    return f"{fact_label(rule['fact'])}: {sex}"


def _in_list(rule: dict[str, Any]) -> str:
    names = ", ".join(rule.get("names") or []) or _("any")
    return f"{fact_label(rule['fact'])}: {names}"


def _joined(rule: dict[str, Any]) -> str:
    joiner = _(" and ") if rule["type"] == "all_of" else _(" or ")
    return joiner.join(describe_rule(part) for part in rule["rules"])


_DESCRIBERS = {
    "compare": _compare,
    "equals": _equals,
    "flag": lambda rule: fact_label(rule["fact"]),
    "in_list": _in_list,
    "not": lambda rule: _("not (%(rule)s)") % {"rule": describe_rule(rule["rule"])},
    "all_of": _joined,
    "any_of": _joined,
    "note": lambda rule: _("no condition"),
}


def describe_rule(rule: dict[str, Any]) -> str:
    """One sentence, in the active language, for a rule in its JSON form."""
    describer = _DESCRIBERS.get(rule.get("type", ""))
    if describer is None:
        return _("read by a person: %(text)s") % {"text": rule.get("text", "")}
    return describer(rule)


def age_range(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return _("%(low)s to %(high)s years") % {"low": _number(minimum), "high": _number(maximum)}
    if minimum is not None:
        return _("%(low)s years or older") % {"low": _number(minimum)}
    if maximum is not None:
        return _("up to %(high)s years") % {"high": _number(maximum)}
    return _("not stated")


def sex_label(sex: str) -> str:
    return {"ALL": _("all sexes"), "FEMALE": _("women only"), "MALE": _("men only")}.get(sex, _("not stated"))
