"""Plausible ranges of every numeric clinical input, and the plausible-date rule.

One source of facts for the forms, the services, the API and the commands: a value outside
its range is a unit or typing error (or an attack), so it is refused where it enters and,
when it is found already stored, read as unknown. These are plausibility limits, not
reference ranges: a value near a limit is extreme but possible, one beyond it is not.
NaN and +/-Infinity never pass (:func:`finite`).

Per-analyte ranges of laboratory results live beside their units in
:mod:`synovia.core.labs` (``LabTest.plausible``); the ranges here are the inputs of visits,
patients, evaluations, programs, infusions and imaging. Each states its basis.

Dates (:func:`check_birth_date`, :func:`check_event_date`): a birth date lies between
1 January 1900 and today; every other clinical date (visit, lab, adverse event, imaging,
evaluation, infusion, consent, referral, diagnosis, medication) lies between the birth date
and today plus a small margin (the clinic and the server may sit in different time zones;
the margin is the ``SYNOVIA_FUTURE_DATE_MARGIN_DAYS`` setting, passed in by the caller).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias, cast

Real: TypeAlias = int | float | Decimal

EARLIEST_BIRTH = dt.date(1900, 1, 1)
"""No living patient was born before 1900 (the oldest verified person was born in 1875
and died in 1997); an earlier date is a typing error."""


class BoundError(ValueError):
    """A value outside its plausible range; ``field`` names the input, the message says
    the range with its unit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Bound:
    """The plausible values ``low <= x <= high`` of one input, in ``unit``."""

    name: str
    label: str
    unit: str
    low: float
    high: float
    basis: str
    whole: bool = False

    def holds(self, value: object) -> bool:
        """Whether ``value`` is a finite number inside the range (NaN never is)."""
        return finite(value) and self.low <= float(cast(Real, value)) <= self.high

    def check(self, value: object) -> float:
        """``value`` as a float, or :class:`BoundError` naming the range."""
        if not self.holds(value) or (self.whole and not float(cast(Real, value)).is_integer()):
            raise BoundError(self.name, self.refusal(value))
        return float(cast(Real, value))

    def refusal(self, value: object) -> str:
        """The message for a value outside the range."""
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return (
            f"{self.label} must be {kind} from {_plain(self.low)} to {_plain(self.high)}{unit} "
            f"(got {_shown(value)})"
        )


def finite(value: object) -> bool:
    """True for a real, finite number: an int, float or Decimal that is not a bool, NaN,
    +/-Infinity, nor too large for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an int beyond the float range
        return False


def _plain(x: float) -> str:
    return f"{x:g}" if abs(x) >= 1e6 else (str(int(x)) if float(x).is_integer() else str(x))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _b(  # noqa: PLR0917 - a table row, read in columns
    name: str, label: str, unit: str, low: float, high: float, basis: str, *, whole: bool = False
) -> Bound:
    return Bound(name, label, unit, low, high, basis, whole)


_VAS = "a 10 cm visual analogue / numeric rating scale (0-10 cm)"
_ROWS: tuple[Bound, ...] = (
    # Visit assessments (the units match synovia.core.measures.units.RANGES).
    _b("esr_mm_h", "ESR", "mm/h", 0, 200, "Westergren tube: a 200 mm column cannot fall further"),
    _b(
        "crp_mg_l",
        "CRP",
        "mg/L",
        0,
        500,
        "above the highest CRP reported in sepsis; same ceiling as the measures' inputs",
    ),
    _b("crp_mg_dl", "CRP", "mg/dL", 0, 50, "500 mg/L in mg/dL (1 mg/dL = 10 mg/L)"),
    _b("ptga_cm", "Patient global assessment", "cm", 0, 10, _VAS),
    _b("ega_cm", "Evaluator global assessment", "cm", 0, 10, _VAS),
    _b("pain_cm", "Pain", "cm", 0, 10, _VAS),
    _b("function_cm", "Function (RAPID3)", "cm", 0, 10, _VAS),
    _b("tjc28", "Tender joint count (28)", "joints", 0, 28, "28 joints counted", whole=True),
    _b("sjc28", "Swollen joint count (28)", "joints", 0, 28, "28 joints counted", whole=True),
    _b("tjc68", "Tender joint count (68)", "joints", 0, 68, "68 joints counted", whole=True),
    _b("sjc66", "Swollen joint count (66)", "joints", 0, 66, "66 joints counted", whole=True),
    _b("haq_item", "HAQ item score", "", 0, 3, "HAQ-DI items are scored 0-3 (Fries 1980)", whole=True),
    # The patient.
    _b(
        "weight_kg",
        "Weight",
        "kg",
        20,
        300,
        "an adult with RA; below 20 kg or above 300 kg is a unit error (lb for kg)",
    ),
    _b("age_years", "Age", "years", 0, 130, "beyond the oldest verified human age (122 y)"),
    # Candidacy evaluation (2010 ACR/EULAR classification, Aletaha et al., Arthritis Rheum
    # 2010;62:2569-81: 10 large joints; the form counts up to 36 small joints).
    _b(
        "large_joints",
        "Large joints involved",
        "joints",
        0,
        10,
        "shoulders, elbows, hips, knees, ankles (2010 ACR/EULAR)",
        whole=True,
    ),
    _b(
        "small_joints",
        "Small joints involved",
        "joints",
        0,
        36,
        "MCP, PIP, thumb IP, MTP 2-5, wrists and others (2010 ACR/EULAR)",
        whole=True,
    ),
    _b("duration_weeks", "Symptom duration", "weeks", 0, 6800, "130 years"),
    # Cell therapy. MSC trials in RA dosed about 1e6-1e7 cells/kg intravenously (e.g.
    # Alvaro-Gracia et al., Ann Rheum Dis 2017;76:196-202: 1, 2 or 4 x 10^6 cells/kg);
    # the limits allow two orders of magnitude on either side, and no more.
    _b(
        "dose_cells_per_kg",
        "Dose",
        "cells/kg",
        1e4,
        1e9,
        "published MSC doses 1e6-1e7 cells/kg, two orders of magnitude either side",
    ),
    _b(
        "total_cells",
        "Total cells per infusion",
        "cells",
        2e5,
        3e11,
        "the dose limits times the weight limits (1e4 x 20 kg to 1e9 x 300 kg)",
    ),
    _b("dose_cells", "Cells given", "cells", 2e5, 3e11, "as the total cells per infusion"),
    _b(
        "planned_infusions",
        "Planned infusions",
        "infusions",
        1,
        12,
        "published RA MSC protocols give 1-4 infusions; 12 is a generous ceiling",
        whole=True,
    ),
    _b(
        "interval_weeks",
        "Interval",
        "weeks",
        1,
        52,
        "at most one infusion a week, at least one a year",
        whole=True,
    ),
    # Imaging: van der Heijde, J Rheumatol 2000;27:261-3 (modified Sharp/vdH, 0-448).
    _b(
        "sharp_vdh",
        "Modified Sharp/van der Heijde score",
        "points",
        0,
        448,
        "erosions 0-280 plus joint space narrowing 0-168",
        whole=True,
    ),
    _b(
        "steinbrocker_stage",
        "Steinbrocker stage",
        "stage",
        1,
        4,
        "stages I-IV (Steinbrocker et al., JAMA 1949;140:659-62)",
        whole=True,
    ),
    _b("grade", "CTCAE grade", "grade", 1, 5, "CTCAE v5 grades 1-5", whole=True),
    _b("percent", "Percentage", "%", 0, 100, "a share of a whole"),
)

BOUNDS: dict[str, Bound] = {b.name: b for b in _ROWS}
"""Every bounded numeric input by its name (the service and form argument names)."""


def bound(name: str) -> Bound:
    """The plausible range of input ``name`` (``KeyError`` for a name without one)."""
    return BOUNDS[name]


def check_numbers(values: dict[str, object]) -> None:
    """Check every non-None value against the bound of its name; raise the first
    :class:`BoundError`. A name without a bound is a programming error (``KeyError``)."""
    for name, value in values.items():
        if value is not None:
            BOUNDS[name].check(value)


def check_birth_date(birth: dt.date, *, today: dt.date) -> dt.date:
    """A birth date from 1 January 1900 to ``today``, or :class:`BoundError`."""
    if not EARLIEST_BIRTH <= birth <= today:
        raise BoundError(
            "birth_date",
            f"Date of birth must be from {EARLIEST_BIRTH.isoformat()} to today "
            f"({today.isoformat()}); got {birth.isoformat()}",
        )
    return birth


def latest_date(today: dt.date, margin_days: int) -> dt.date:
    """The latest plausible clinical date: ``today`` plus ``margin_days``."""
    return today + dt.timedelta(days=max(0, margin_days))


def check_event_date(
    field: str,
    day: dt.date,
    *,
    birth: dt.date | None,
    today: dt.date,
    margin_days: int,
    label: str = "",
) -> dt.date:
    """A clinical date not before ``birth`` (or 1900 when it is unknown) and not after
    ``today`` plus ``margin_days``; :class:`BoundError` naming ``field`` otherwise."""
    earliest = birth or EARLIEST_BIRTH
    latest = latest_date(today, margin_days)
    if not earliest <= day <= latest:
        start = "the date of birth" if birth else EARLIEST_BIRTH.isoformat()
        raise BoundError(
            field,
            f"{label or field.replace('_', ' ').capitalize()} must be from {start} to "
            f"{latest.isoformat()}; got {day.isoformat()}",
        )
    return day
