"""The typed input of ``POST /api/measures``: one schema per measure, chosen by ``measure``.

Each field is the keyword argument of the core function of the same name, with its unit in
its name and its allowed range taken from ``synovia.core.measures.units.RANGES`` (the one
list of ranges), so OpenAPI documents every input with its unit and bounds. Unknown fields
(a unit-less ``crp``, an input of another measure) are refused. Rules that span fields (one
of two units, HAQ-DI list lengths, ACR analysability) are the core's and answer 400.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from synovia.core.measures import units
from synovia.core.measures.classification import DURATION_WEEKS, LARGE_JOINTS, SMALL_JOINTS
from synovia.core.measures.haq_di import HAQ_CATEGORIES

_WORDS = {
    "tjc28": "tender joints of 28, count",
    "sjc28": "swollen joints of 28, count",
    "tjc68": "tender joints of 68, count",
    "sjc66": "swollen joints of 66, count",
    "esr_mm_h": "erythrocyte sedimentation rate, mm/h",
    "crp_mg_l": "C-reactive protein, mg/L (give this or crp_mg_dl)",
    "crp_mg_dl": "C-reactive protein, mg/dL (give this or crp_mg_l)",
    "ptga_mm": "patient global assessment, 0-100 mm scale (give this or ptga_cm)",
    "ptga_cm": "patient global assessment, 0-10 cm scale (give this or ptga_mm)",
    "ega_cm": "evaluator global assessment, 0-10 cm scale",
    "pain_cm": "patient pain, 0-10 cm scale",
    "function_cm": "MDHAQ physical function, converted to 0-10",
    "haq_di": "HAQ disability index, 0-3",
    "das28_baseline": "DAS28 at baseline (any one form, the same at both visits)",
    "das28_current": "DAS28 now (the same form as at baseline)",
}


def _field(name: str, *, required: bool = True, rng: units.Range | None = None, words: str = "") -> Any:
    """A field bounded by the input's range, described with its unit and range."""
    rng = rng or units.RANGES[name]
    low = {"gt": rng.lo} if rng.lo_open else {"ge": rng.lo}
    text = f"{words or _WORDS[name]}; allowed {rng}"
    return Field(... if required else None, le=rng.hi, description=text, allow_inf_nan=False, **low)


Count = int
Value = float


class _Measure(Schema):
    model_config = ConfigDict(extra="forbid")


class Das28EsrIn(_Measure):
    """DAS28-ESR, 4 variables (Prevoo et al. 1995)."""

    measure: Literal["das28_esr"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    esr_mm_h: Value = _field("esr_mm_h")
    ptga_mm: Value | None = _field("ptga_mm", required=False)
    ptga_cm: Value | None = _field("ptga_cm", required=False)


class Das28Esr3In(_Measure):
    """DAS28-ESR, 3 variables (das-score.nl)."""

    measure: Literal["das28_esr3"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    esr_mm_h: Value = _field("esr_mm_h")


class Das28CrpIn(_Measure):
    """DAS28-CRP, 4 variables (das-score.nl)."""

    measure: Literal["das28_crp"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    crp_mg_l: Value | None = _field("crp_mg_l", required=False)
    crp_mg_dl: Value | None = _field("crp_mg_dl", required=False)
    ptga_mm: Value | None = _field("ptga_mm", required=False)
    ptga_cm: Value | None = _field("ptga_cm", required=False)


class Das28Crp3In(_Measure):
    """DAS28-CRP, 3 variables (das-score.nl)."""

    measure: Literal["das28_crp3"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    crp_mg_l: Value | None = _field("crp_mg_l", required=False)
    crp_mg_dl: Value | None = _field("crp_mg_dl", required=False)


class CdaiIn(_Measure):
    """CDAI (Aletaha et al. 2005)."""

    measure: Literal["cdai"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    ega_cm: Value = _field("ega_cm")
    ptga_cm: Value | None = _field("ptga_cm", required=False)
    ptga_mm: Value | None = _field("ptga_mm", required=False)


class SdaiIn(CdaiIn):
    """SDAI (Smolen et al. 2003)."""

    measure: Literal["sdai"]  # type: ignore[assignment]  # each schema names its own measure
    crp_mg_dl: Value | None = _field("crp_mg_dl", required=False)
    crp_mg_l: Value | None = _field("crp_mg_l", required=False)


HaqCategory = Literal["dressing", "arising", "eating", "walking", "hygiene", "reach", "grip", "activities"]
"""The keys of the core's ``HAQ_CATEGORIES`` (a test holds them equal)."""
HaqItem = Annotated[int, Field(ge=0, le=3)] | None


class HaqDiIn(_Measure):
    """HAQ-DI, standard scoring with aids (Bruce & Fries 2003)."""

    measure: Literal["haq_di"]
    items: dict[HaqCategory, list[HaqItem]] = Field(
        ...,
        description="item scores 0-3 (null: not answered) by category; "
        + ", ".join(f"{k} {n} items" for k, n in HAQ_CATEGORIES.items()),
    )
    aids: list[HaqCategory] = Field(
        default_factory=list, description="categories where an aid, device or help was used"
    )


class Rapid3In(_Measure):
    """RAPID3 (Pincus et al. 2008)."""

    measure: Literal["rapid3"]
    function_cm: Value = _field("function_cm")
    pain_cm: Value = _field("pain_cm")
    ptga_cm: Value | None = _field("ptga_cm", required=False)
    ptga_mm: Value | None = _field("ptga_mm", required=False)


class EularResponseIn(_Measure):
    """EULAR response (van Gestel et al. 1996, 1998)."""

    measure: Literal["eular_response"]
    das28_baseline: Value = _field("das28_baseline")
    das28_current: Value = _field("das28_current")


class CoreSetIn(_Measure):
    """One visit's ACR core set; of pain, the two globals, HAQ-DI and the reactant, at
    least 3 must be present at both visits (missing ones count as not improved)."""

    tjc68: Count = _field("tjc68")
    sjc66: Count = _field("sjc66")
    pain_cm: Value | None = _field("pain_cm", required=False)
    ptga_cm: Value | None = _field("ptga_cm", required=False)
    ptga_mm: Value | None = _field("ptga_mm", required=False)
    ega_cm: Value | None = _field("ega_cm", required=False)
    haq_di: Value | None = _field("haq_di", required=False)
    crp_mg_l: Value | None = _field("crp_mg_l", required=False)
    crp_mg_dl: Value | None = _field("crp_mg_dl", required=False)
    esr_mm_h: Value | None = _field("esr_mm_h", required=False)


class AcrResponseIn(_Measure):
    """ACR20/50/70 and ACR-N (Felson et al. 1995; Siegel & Zhen 2005)."""

    measure: Literal["acr_response"]
    baseline: CoreSetIn
    current: CoreSetIn


class BooleanRemissionIn(_Measure):
    """ACR/EULAR Boolean remission, 2011 or 2022."""

    measure: Literal["boolean_remission"]
    tjc28: Count = _field("tjc28")
    sjc28: Count = _field("sjc28")
    crp_mg_dl: Value | None = _field("crp_mg_dl", required=False)
    crp_mg_l: Value | None = _field("crp_mg_l", required=False)
    ptga_cm: Value | None = _field("ptga_cm", required=False)
    ptga_mm: Value | None = _field("ptga_mm", required=False)
    version: Literal[2011, 2022] = Field(2022, description="2011 (Felson) or 2022 (Studenic)")


Serology = Literal["negative", "low_positive", "high_positive"]
"""The keys of the core's ``SEROLOGY_POINTS`` (a test holds them equal)."""


class AcrEular2010In(_Measure):
    """2010 ACR/EULAR classification criteria (Aletaha et al. 2010)."""

    measure: Literal["acr_eular_2010"]
    large_joints: Count = _field("large_joints", rng=LARGE_JOINTS, words="involved large joints")
    small_joints: Count = _field("small_joints", rng=SMALL_JOINTS, words="involved small joints")
    serology: Serology = Field(..., description="the higher of RF and ACPA")
    acute_phase_abnormal: bool = Field(..., strict=True, description="abnormal CRP or ESR")
    duration_weeks: Value = _field("duration_weeks", rng=DURATION_WEEKS, words="symptom duration, weeks")


SCHEMAS: tuple[type[_Measure], ...] = (
    Das28EsrIn, Das28Esr3In, Das28CrpIn, Das28Crp3In, CdaiIn, SdaiIn, HaqDiIn, Rapid3In,
    EularResponseIn, AcrResponseIn, BooleanRemissionIn, AcrEular2010In,
)  # fmt: skip
"""One schema per measure of ``synovia.core.measures.MEASURES`` (a test holds them equal)."""

MeasureIn = Annotated[
    Das28EsrIn
    | Das28Esr3In
    | Das28CrpIn
    | Das28Crp3In
    | CdaiIn
    | SdaiIn
    | HaqDiIn
    | Rapid3In
    | EularResponseIn
    | AcrResponseIn
    | BooleanRemissionIn
    | AcrEular2010In,
    Field(discriminator="measure"),
]


def core_arguments(payload: _Measure) -> dict[str, Any]:
    """The keyword arguments of the core function: the fields given, without ``measure``."""
    return payload.model_dump(exclude={"measure"}, exclude_none=True)
