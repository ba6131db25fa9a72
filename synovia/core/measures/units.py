"""Units and ranges at the boundary of every measure.

Every input name carries its unit (``crp_mg_l``, ``crp_mg_dl``, ``esr_mm_h``, ``ptga_mm``,
``ptga_cm``...). Conversions happen here, once, when a value enters a formula:

* CRP: 1 mg/dL = 10 mg/L.
* Visual analogue scales: 1 cm = 10 mm (a 0-100 mm line is a 0-10 cm line).

The ranges below are the allowed values of each input. Upper bounds of laboratory values
are generous physiological ceilings: a value above them is almost always a unit or typing
error, so it is refused rather than scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from synovia.core.measures.errors import MeasureInputError


@dataclass(frozen=True)
class Range:
    """Allowed values of one input: ``lo <= x <= hi`` (``lo < x`` when ``lo_open``)."""

    lo: float
    hi: float
    lo_open: bool = False
    whole: bool = False

    def __str__(self) -> str:
        lo, hi = _plain(self.lo), _plain(self.hi)
        return f"above {lo} up to {hi}" if self.lo_open else f"{lo}-{hi}"

    def holds(self, x: float) -> bool:
        """Whether ``x`` lies inside the range (NaN never does)."""
        above = x > self.lo if self.lo_open else x >= self.lo
        return above and x <= self.hi


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


TJC28 = Range(0, 28, whole=True)
SJC28 = Range(0, 28, whole=True)
TJC68 = Range(0, 68, whole=True)
SJC66 = Range(0, 66, whole=True)
ESR_MM_H = Range(0, 200, lo_open=True)
CRP_MG_L = Range(0, 500)
CRP_MG_DL = Range(0, 50)
VAS_MM = Range(0, 100)
VAS_CM = Range(0, 10)
HAQ_DI = Range(0, 3)
DAS28 = Range(0, 10)

RANGES: dict[str, Range] = {
    "tjc28": TJC28,
    "sjc28": SJC28,
    "tjc68": TJC68,
    "sjc66": SJC66,
    "esr_mm_h": ESR_MM_H,
    "crp_mg_l": CRP_MG_L,
    "crp_mg_dl": CRP_MG_DL,
    "ptga_mm": VAS_MM,
    "ptga_cm": VAS_CM,
    "ega_cm": VAS_CM,
    "pain_cm": VAS_CM,
    "function_cm": VAS_CM,
    "haq_di": HAQ_DI,
    "das28_baseline": DAS28,
    "das28_current": DAS28,
}
"""The range of every named numeric input, shared by the scalar and the batch code."""


MG_L_PER_MG_DL = 10.0
"""1 mg/dL = 10 mg/L."""
MM_PER_CM = 10.0
"""1 cm = 10 mm on a visual analogue scale."""


def crp_mg_dl_to_mg_l(crp_mg_dl: float) -> float:
    """CRP from mg/dL to mg/L (x 10)."""
    return crp_mg_dl * MG_L_PER_MG_DL


def crp_mg_l_to_mg_dl(crp_mg_l: float) -> float:
    """CRP from mg/L to mg/dL (/ 10)."""
    return crp_mg_l / MG_L_PER_MG_DL


def vas_cm_to_mm(value_cm: float) -> float:
    """A visual analogue scale from 0-10 cm to 0-100 mm (x 10)."""
    return value_cm * MM_PER_CM


def vas_mm_to_cm(value_mm: float) -> float:
    """A visual analogue scale from 0-100 mm to 0-10 cm (/ 10)."""
    return value_mm / MM_PER_CM


def number(field: str, value: object, allowed: Range | None = None) -> float:
    """``value`` as a finite float inside ``allowed`` (default: the field's range)."""
    allowed = allowed or RANGES[field]
    if value is None:
        raise MeasureInputError(field, None, str(allowed), f"{field} is missing (allowed {allowed})")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MeasureInputError(
            field, value, str(allowed), f"{field}={value!r} is not a number (allowed {allowed})"
        )
    try:
        x = float(value)
    except OverflowError:
        raise MeasureInputError(field, value, str(allowed)) from None
    if not allowed.holds(x):
        raise MeasureInputError(field, value, str(allowed))
    return x


def count(field: str, value: object, allowed: Range | None = None) -> int:
    """``value`` as a whole number inside ``allowed`` (``3.0`` is accepted as ``3``)."""
    x = number(field, value, allowed)
    if not x.is_integer():
        rng = allowed or RANGES[field]
        raise MeasureInputError(
            field, value, str(rng), f"{field}={value!r} is not a whole number (allowed {rng})"
        )
    return int(x)


class Given(NamedTuple):
    """One quantity given in one of two units: the name used, the value as given, and the
    value converted to the unit a formula needs."""

    name: str
    given: float
    value: float


def one_of(first: tuple[str, object], second: tuple[str, object]) -> tuple[str, float]:
    """The single input given among two spellings of one quantity in different units.

    Returns the name and the validated value of the one given; refuses both or neither.
    """
    (name_a, a), (name_b, b) = first, second
    allowed = f"exactly one of {name_a} or {name_b}"
    if a is not None and b is not None:
        raise MeasureInputError(
            name_a, a, allowed, f"{name_a} and {name_b} were both given; give exactly one"
        )
    if a is None and b is None:
        raise MeasureInputError(name_a, None, allowed, f"{name_a} or {name_b} is missing; give exactly one")
    name, value = (name_a, a) if a is not None else (name_b, b)
    return name, number(name, value)


def crp_in_mg_l(crp_mg_l: object, crp_mg_dl: object) -> Given:
    """CRP converted to mg/L from whichever of the two units was given."""
    name, x = one_of(("crp_mg_l", crp_mg_l), ("crp_mg_dl", crp_mg_dl))
    return Given(name, x, x if name == "crp_mg_l" else crp_mg_dl_to_mg_l(x))


def crp_in_mg_dl(crp_mg_l: object, crp_mg_dl: object) -> Given:
    """CRP converted to mg/dL from whichever of the two units was given."""
    name, x = one_of(("crp_mg_l", crp_mg_l), ("crp_mg_dl", crp_mg_dl))
    return Given(name, x, x if name == "crp_mg_dl" else crp_mg_l_to_mg_dl(x))


def ptga_in_mm(ptga_mm: object, ptga_cm: object) -> Given:
    """Patient global assessment converted to mm (0-100) from whichever unit was given."""
    name, x = one_of(("ptga_mm", ptga_mm), ("ptga_cm", ptga_cm))
    return Given(name, x, x if name == "ptga_mm" else vas_cm_to_mm(x))


def ptga_in_cm(ptga_mm: object, ptga_cm: object) -> Given:
    """Patient global assessment converted to cm (0-10) from whichever unit was given."""
    name, x = one_of(("ptga_mm", ptga_mm), ("ptga_cm", ptga_cm))
    return Given(name, x, x if name == "ptga_cm" else vas_mm_to_cm(x))
