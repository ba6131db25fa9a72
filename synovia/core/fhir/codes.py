"""Code systems and codes of the FHIR mapping.

LOINC codes (https://loinc.org; each term's page is https://loinc.org/<code>):
- laboratory tests: ``synovia.core.labs`` (ESR 4537-7, CRP 1988-5, haemoglobin 718-7, ...);
  ESR is also read under 30341-2 (ESR by any method).
- tender joint count 88981-6 and swollen joint count 88980-8 (28 joints: members of the CDAI
  panel 75842-5); patient global assessment 0-10 75894-6; evaluator global assessment 0-10
  75846-6; CDAI total score 75847-4; SDAI total score 75845-8; HAQ-DI total score 75874-8;
  body weight 29463-7.
- DAS28-ESR, DAS28-CRP, RAPID3, the 68/66 joint counts, pain and MDHAQ function have no LOINC
  term we could confirm: they carry Synovia's own code system (``SYNOVIA_CODES``).
SNOMED CT: rheumatoid arthritis 69896004.
"""

from __future__ import annotations

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
SYNOVIA = "https://synovia.example.org/fhir"
SYNOVIA_CODES = f"{SYNOVIA}/CodeSystem/synovia"
JOINTS = f"{SYNOVIA}/CodeSystem/joint"
DRUG_CLASS = f"{SYNOVIA}/CodeSystem/drug-class"
PRODUCT = f"{SYNOVIA}/CodeSystem/cell-product"
VISIT_ID = f"{SYNOVIA}/identifier/visit"
LAB_ID = f"{SYNOVIA}/identifier/lab"
ROW_ID = f"{SYNOVIA}/identifier/row"
PSEUDONYM = f"{SYNOVIA}/identifier/pseudonym"
EXT = f"{SYNOVIA}/StructureDefinition"
HAQ_QUESTIONNAIRE = f"{SYNOVIA}/Questionnaire/haq-di"
RAPID3_QUESTIONNAIRE = f"{SYNOVIA}/Questionnaire/rapid3"
RA_SNOMED = "69896004"

OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

# Visit fields -> (system, code, display, UCUM unit or None for a count).
VISIT_CODES: dict[str, tuple[str, str, str, str | None]] = {
    "tjc28": (LOINC, "88981-6", "Tender joint count (28)", None),
    "sjc28": (LOINC, "88980-8", "Swollen joint count (28)", None),
    "tjc68": (SYNOVIA_CODES, "tjc68", "Tender joint count (68)", None),
    "sjc66": (SYNOVIA_CODES, "sjc66", "Swollen joint count (66)", None),
    "esr_mm_h": (LOINC, "4537-7", "Erythrocyte sedimentation rate (Westergren)", "mm/h"),
    "crp_mg_l": (LOINC, "1988-5", "C reactive protein", "mg/L"),
    "ptga_cm": (LOINC, "75894-6", "Patient global assessment of disease activity 0-10", "cm"),
    "ega_cm": (LOINC, "75846-6", "Evaluator global assessment of disease activity 0-10", "cm"),
    "pain_cm": (SYNOVIA_CODES, "pain-cm", "Patient pain 0-10", "cm"),
    "function_cm": (SYNOVIA_CODES, "mdhaq-function", "MDHAQ physical function 0-10", "{score}"),
}
SCORE_CODES: dict[str, tuple[str, str, str]] = {
    "das28_esr": (SYNOVIA_CODES, "das28-esr", "DAS28-ESR"),
    "das28_crp": (SYNOVIA_CODES, "das28-crp", "DAS28-CRP"),
    "cdai": (LOINC, "75847-4", "Total score [CDAI]"),
    "sdai": (LOINC, "75845-8", "Total score [SDAI]"),
    "haq_di": (LOINC, "75874-8", "Total score [HAQ-DI]"),
    "rapid3": (SYNOVIA_CODES, "rapid3", "RAPID3"),
}
TENDER_JOINTS = (SYNOVIA_CODES, "tender-joints", "Tender joints")
SWOLLEN_JOINTS = (SYNOVIA_CODES, "swollen-joints", "Swollen joints")
WEIGHT = (LOINC, "29463-7", "Body weight")
ESR_ANY = "30341-2"
INFUSION_CODE = "cell-infusion"
CTGOV = "https://clinicaltrials.gov"

# Cells in a UCUM unit -> the factor to cells (a dose per kg: the same factors before "/kg").
CELL_UNITS = {"{cells}": 1.0, "10*6.{cells}": 1e6, "10*9.{cells}": 1e9, "10^6 cells": 1e6, "cells": 1.0}

# Synovia unit <-> UCUM code.
UCUM_OF = {"10^9/L": "10*9/L", "IU/mL": "[IU]/mL", "U/mL": "[U]/mL", "cm": "cm", "{score}": "{score}"}
UNIT_OF_UCUM = {v: k for k, v in UCUM_OF.items()}

SEX_TO_GENDER = {"F": "female", "M": "male", "X": "other"}
GENDER_TO_SEX = {"female": "F", "male": "M", "other": "X", "unknown": "X"}

CONSENT_SCOPE = {
    "treatment": ("treatment", "Treatment"),
    "data_use": ("patient-privacy", "Privacy Consent"),
    "research": ("research", "Research"),
    "community": ("patient-privacy", "Privacy Consent"),
}

AE_OUTCOME = {
    "recovered": "resolved",
    "recovering": "recovering",
    "not_recovered": "ongoing",
    "sequelae": "resolvedWithSequelae",
    "fatal": "fatal",
    "unknown": "unknown",
}
AE_OUTCOME_BACK = {v: k for k, v in AE_OUTCOME.items()}
AE_SEVERITY = {1: "mild", 2: "moderate", 3: "severe", 4: "severe", 5: "severe"}
