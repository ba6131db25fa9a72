"""Typed inputs and outputs of the clinical resources. Every input is bounded here (lengths,
ranges, choices); the services check the rules across fields and against the record."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from synovia.clinic.models.choices import (
    AEAction,
    AEOutcome,
    PathwayState,
    Relatedness,
    SeriousCriterion,
    Serostatus,
    Sex,
    VisitKind,
)
from synovia.core import joints
from synovia.core.labs import LAB_TESTS
from synovia.core.measures.haq_di import HAQ_CATEGORIES

Day = dt.date
Joint68 = Literal[joints.JOINTS_68]  # type: ignore[valid-type]
Joint66 = Literal[joints.JOINTS_66]  # type: ignore[valid-type]
LabTestKey = Literal[tuple(LAB_TESTS)]  # type: ignore[valid-type]
StateName = Literal[tuple(PathwayState.values)]  # type: ignore[valid-type]
SerostatusName = Literal[tuple(Serostatus.values)]  # type: ignore[valid-type]
SexName = Literal[tuple(Sex.values)]  # type: ignore[valid-type]
HaqCategory = Literal[tuple(HAQ_CATEGORIES)]  # type: ignore[valid-type]


def _num(lo: float, hi: float, words: str) -> Any:
    return Field(None, ge=lo, le=hi, allow_inf_nan=False, description=f"{words}; {lo}-{hi}")


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# -- patients --------------------------------------------------------------------------------


class PatientOut(Schema):
    id: int
    version: int
    clinic: str
    record_number: str
    given_name: str
    family_name: str
    pseudonym: str
    sex: str
    birth_date: Day
    weight_kg: float
    diagnosis_date: Day | None
    rf_status: str
    acpa_status: str
    state: str
    referred_on: Day
    synthetic: bool


class PatientIn(_In):
    record_number: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._/-]+$")
    given_name: str = Field(..., min_length=1, max_length=120)
    family_name: str = Field(..., min_length=1, max_length=120)
    sex: SexName
    birth_date: Day
    weight_kg: float = Field(..., ge=20, le=300, allow_inf_nan=False, description="kg, 20-300")
    referred_on: Day
    diagnosis_date: Day | None = None
    rf_status: SerostatusName = "unknown"
    acpa_status: SerostatusName = "unknown"


class PatientPatch(_In):
    given_name: str | None = Field(None, min_length=1, max_length=120)
    family_name: str | None = Field(None, min_length=1, max_length=120)
    weight_kg: float | None = Field(None, ge=20, le=300, allow_inf_nan=False, description="kg, 20-300")
    diagnosis_date: Day | None = None
    rf_status: SerostatusName | None = None
    acpa_status: SerostatusName | None = None


class PatientFilter(Schema):
    state: StateName | None = Field(None, description="only patients in this pathway state")
    synthetic: bool | None = Field(None, description="only synthetic (true) or real (false) patients")


# -- visits ----------------------------------------------------------------------------------


class VisitOut(Schema):
    id: int
    version: int
    kind: str
    label: str
    visit_date: Day
    tender_joints: list[str]
    swollen_joints: list[str]
    tjc28: int | None
    sjc28: int | None
    tjc68: int | None
    sjc66: int | None
    esr_mm_h: float | None
    crp_mg_l: float | None
    ptga_cm: float | None
    ega_cm: float | None
    pain_cm: float | None
    function_cm: float | None
    haq_items: dict[str, Any]
    scores: dict[str, float | None] = Field(
        ..., description="DAS28-ESR, DAS28-CRP, CDAI, SDAI, HAQ-DI, RAPID3 computed by the core"
    )
    categories: dict[str, Any]
    measures_version: str


HaqItem = Annotated[int, Field(ge=0, le=3)] | None


class HaqIn(_In):
    items: dict[HaqCategory, list[HaqItem]] = Field(
        ..., description="item scores 0-3 by category (null: not answered); at least 6 categories"
    )
    aids: list[HaqCategory] = Field(default_factory=list, max_length=8, description="categories with an aid")


class VisitIn(_In):
    visit_date: Day
    kind: Literal[tuple(VisitKind.values)] = "scheduled"  # type: ignore[valid-type]
    tender_joints: list[Joint68] = Field(default_factory=list, max_length=68)
    swollen_joints: list[Joint66] = Field(default_factory=list, max_length=66)
    esr_mm_h: float | None = Field(None, gt=0, le=200, allow_inf_nan=False, description="mm/h, >0-200")
    crp_mg_l: float | None = _num(0, 500, "mg/L")
    ptga_cm: float | None = _num(0, 10, "patient global, cm")
    ega_cm: float | None = _num(0, 10, "evaluator global, cm")
    pain_cm: float | None = _num(0, 10, "pain, cm")
    function_cm: float | None = _num(0, 10, "MDHAQ function, 0-10")
    haq_items: HaqIn | None = Field(None, description="the HAQ-DI answers, when the patient gave them")


class VisitPatch(_In):
    esr_mm_h: float | None = Field(None, gt=0, le=200, allow_inf_nan=False, description="mm/h, >0-200")
    crp_mg_l: float | None = _num(0, 500, "mg/L")
    ptga_cm: float | None = _num(0, 10, "patient global, cm")
    ega_cm: float | None = _num(0, 10, "evaluator global, cm")
    pain_cm: float | None = _num(0, 10, "pain, cm")
    function_cm: float | None = _num(0, 10, "MDHAQ function, 0-10")
    tender_joints: list[Joint68] | None = Field(None, max_length=68)
    swollen_joints: list[Joint66] | None = Field(None, max_length=66)


class DateFilter(Schema):
    since: Day | None = Field(None, description="on or after this day")
    until: Day | None = Field(None, description="on or before this day")


# -- labs, infusions, events, evaluations, medications ---------------------------------------


class LabOut(Schema):
    id: int
    test: str
    code: str
    system: str
    collected_on: Day
    value: float
    unit: str
    entered_value: float
    entered_unit: str
    ref_low: float | None
    ref_high: float | None


class LabIn(_In):
    test: LabTestKey
    value: float = Field(..., allow_inf_nan=False, ge=-1e9, le=1e9)
    unit: str = Field(..., min_length=1, max_length=16)
    collected_on: Day
    ref_low: float | None = Field(None, allow_inf_nan=False, ge=-1e9, le=1e9)
    ref_high: float | None = Field(None, allow_inf_nan=False, ge=-1e9, le=1e9)


class LabFilter(DateFilter):
    test: LabTestKey | None = None


class InfusionOut(Schema):
    id: int
    number: int
    given_on: Day
    lot: str
    dose_cells: float
    route: str
    joint: str
    source: str
    product: str
    autologous: bool
    immediate_reaction: str


class AdverseEventOut(Schema):
    id: int
    term: str
    grade: int
    serious: bool
    serious_criteria: list[str]
    relatedness: str
    onset: Day
    resolved_on: Day | None
    outcome: str
    action_taken: str


class AdverseEventIn(_In):
    term: str = Field(..., min_length=1, max_length=120)
    grade: int = Field(..., ge=1, le=5, description="CTCAE v5 grade 1-5")
    serious: bool
    serious_criteria: list[Literal[tuple(SeriousCriterion.values)]] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=6
    )
    relatedness: Literal[tuple(Relatedness.values)]  # type: ignore[valid-type]
    onset: Day
    resolved_on: Day | None = None
    outcome: Literal[tuple(AEOutcome.values)]  # type: ignore[valid-type]
    action_taken: Literal[tuple(AEAction.values)]  # type: ignore[valid-type]


class EvaluationOut(Schema):
    id: int
    evaluated_on: Day
    candidate: bool
    reason: str
    acr_eular_score: int | None
    das28: float | None
    das28_category: str
    contraindications: dict[str, bool]


class MedicationOut(Schema):
    id: int
    drug_class: str
    name: str
    started_on: Day | None
    stopped_on: Day | None
    stop_reason: str
