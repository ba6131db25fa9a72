"""Laboratory tests coded with LOINC, their canonical units and unit conversion at entry.

Every result is stored in the test's canonical unit; the value and unit as entered are kept
beside it. Conversion factors (multiply the entered value to get the canonical unit):

- CRP: 1 mg/dL = 10 mg/L.
- Haemoglobin: 1 g/dL = 10 g/L; 1 mmol/L (Fe, monomer) = 16.114 g/L
  (molar mass of the haemoglobin monomer 16 114.5 g/mol).
- Creatinine: 1 mg/dL = 88.4 umol/L (molar mass 113.12 g/mol); 1 mmol/L = 1000 umol/L.
- ALT, AST: 1 ukat/L = 60 U/L (1 U = 1 umol/min = 16.67 nkat).
- Leukocytes, platelets: 10^3/uL = 10^9/L = 1/nL; cells/uL x 0.001.
- Cytokines: 1 ng/L = 1 pg/mL; 1 ng/mL = 1000 pg/mL.
Sources: SI conversion tables of the AMA Manual of Style (11th ed.) and Young DS, Ann Intern
Med 1987;106:114-129 ("Implementation of SI units for clinical laboratory data").

Codes: LOINC (https://loinc.org) for the routine panel and the cytokines with an established
serum/plasma mass-concentration term. Analytes of the research mechanism panel without a
single agreed LOINC term (IL-17A, IL-4, IFN-gamma, TGF-beta1, BAFF, APRIL, Treg and Th17
percentages, which labs report by local flow-cytometry or multiplex methods) carry a local
code in the ``urn:synovia:lab`` system until the laboratory maps them.

Reference ranges are indicative adult ranges; the laboratory's own range, when given at
entry, takes precedence.

Plausible ranges (``LabTest.plausible``, canonical unit) are plausibility limits, not
reference ranges: a result beyond them is a unit or typing error and is refused at entry
(:func:`convert`), and read as unknown where it is found stored. Each row cites its basis
(``LabTest.basis``). NaN and +/-Infinity never pass. A laboratory's reference range given
at entry must be finite, not negative, low below high, and inside the plausible range
(:func:`reference_range`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from synovia.core.bounds import finite

LOINC = "http://loinc.org"
LOCAL = "urn:synovia:lab"


class Panel(StrEnum):
    """Routine safety/disease labs, or the research mechanism (immunomodulation) panel."""

    ROUTINE = "routine"
    MECHANISM = "mechanism"


class LabUnitError(ValueError):
    """An unknown test, a unit that cannot be converted (the message lists the options), or
    an implausible value; ``field`` names the entry field at fault."""

    def __init__(self, message: str, field: str = "unit") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class LabTest:
    """A test: key, display name, code, canonical unit, accepted units with factors."""

    key: str
    name: str
    code: str
    system: str
    unit: str
    factors: Mapping[str, float] = field(default_factory=dict)
    ref_low: float | None = None
    ref_high: float | None = None
    panel: Panel = Panel.ROUTINE
    plausible: tuple[float, float] = (0.0, math.inf)
    basis: str = ""


# Plausibility limits (canonical unit) and their basis, one per analyte.
_CYTOKINE = "serum cytokines in cytokine-release syndrome or sepsis stay below this"
_P = {
    "esr": (0, 200, "Westergren tube: a 200 mm column cannot fall further in an hour"),
    "crp": (0, 500, "above the highest CRP reported in sepsis (assays end near 400-500 mg/L)"),
    "hgb": (
        10,
        250,
        "below 10 g/L or above 250 g/L (polycythaemia peaks near 230) is not compatible with life",
    ),
    "wbc": (0, 1000, "hyperleukocytosis of leukaemia: counts of several hundred x 10^9/L"),
    "plt": (0, 5000, "extreme thrombocytosis of myeloproliferative disease stays below this"),
    "alt": (0, 20000, "ischaemic or toxic hepatitis peaks near 10 000 U/L"),
    "ast": (0, 40000, "ischaemic or toxic hepatitis and rhabdomyolysis peak near 20 000 U/L"),
    "creat": (5, 3000, "end-stage renal failure without dialysis stays below 3000 umol/L"),
    "rf": (0, 20000, "the highest RF titres reported in RA and cryoglobulinaemia"),
    "accp": (0, 20000, "anti-CCP assays saturate near 300-3000 U/mL before dilution"),
    "il6": (0, 100000, _CYTOKINE),
    "tnfa": (0, 20000, _CYTOKINE),
    "il10": (0, 20000, _CYTOKINE),
    "il17": (0, 20000, _CYTOKINE),
    "ifng": (0, 20000, _CYTOKINE),
    "il4": (0, 20000, _CYTOKINE),
    "tgfb": (0, 500000, "serum TGF-beta1 is in the tens of ng/mL (released by platelets)"),
    "baff": (0, 200000, "serum BAFF in SLE and Sjogren's reaches tens of ng/mL"),
    "april": (0, 1000000, "serum APRIL is reported in ng/mL, up to some hundreds"),
    "treg": (0, 100, "a percentage of CD4+ T cells"),
    "th17": (0, 100, "a percentage of CD4+ T cells"),
}


def _t(  # noqa: PLR0917 - a table row helper, read in columns
    key: str,
    name: str,
    code: str,
    unit: str,
    factors: Mapping[str, float],
    ref: tuple[float | None, float | None] = (None, None),
    *,
    system: str = LOINC,
    panel: Panel = Panel.ROUTINE,
) -> LabTest:
    low, high, basis = _P[key]
    return LabTest(
        key, name, code, system, unit, {unit: 1.0, **factors}, ref[0], ref[1], panel,
        (low, high), basis,
    )  # fmt: skip


_CELLS = {"10^3/uL": 1.0, "10*3/uL": 1.0, "10*9/L": 1.0, "/nL": 1.0, "/uL": 0.001}
_ENZYME = {"IU/L": 1.0, "ukat/L": 60.0}
_PG = {"ng/L": 1.0, "ng/mL": 1000.0}
_PCT = {"% of CD4+": 1.0}

_M = Panel.MECHANISM

LAB_TESTS: dict[str, LabTest] = {
    t.key: t
    for t in (
        _t("esr", "ESR (Westergren)", "4537-7", "mm/h", {"mm/hr": 1.0}, (0, 20)),
        _t("crp", "C-reactive protein", "1988-5", "mg/L", {"mg/dL": 10.0}, (0, 5)),
        _t(
            "hgb", "Haemoglobin", "718-7", "g/L", {"g/dL": 10.0, "mmol/L": 16.114}, (120, 170),
        ),
        _t("wbc", "Leukocytes", "6690-2", "10^9/L", _CELLS, (4.0, 11.0)),
        _t("plt", "Platelets", "777-3", "10^9/L", _CELLS, (150, 400)),
        _t("alt", "ALT", "1742-6", "U/L", _ENZYME, (0, 40)),
        _t("ast", "AST", "1920-8", "U/L", _ENZYME, (0, 40)),
        _t(
            "creat", "Creatinine", "14682-9", "umol/L", {"mg/dL": 88.4, "mmol/L": 1000.0}, (45, 110),
        ),
        _t("rf", "Rheumatoid factor", "11572-5", "IU/mL", {"kIU/L": 1.0}, (0, 14)),
        _t("accp", "Anti-CCP antibodies", "32218-0", "U/mL", {}, (0, 20)),
        _t("il6", "IL-6", "26881-3", "pg/mL", _PG, (0, 7), panel=_M),
        _t("tnfa", "TNF-alpha", "3074-2", "pg/mL", _PG, (0, 8.1), panel=_M),
        _t("il10", "IL-10", "26848-2", "pg/mL", _PG, (0, 9.1), panel=_M),
        _t("il17", "IL-17A", "SYN-IL17A", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t("ifng", "IFN-gamma", "SYN-IFNG", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t("il4", "IL-4", "SYN-IL4", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t("tgfb", "TGF-beta1", "SYN-TGFB1", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t("baff", "BAFF", "SYN-BAFF", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t("april", "APRIL", "SYN-APRIL", "pg/mL", _PG, system=LOCAL, panel=_M),
        _t(
            "treg", "Regulatory T cells (CD4+CD25+FOXP3+)", "SYN-TREG", "%", _PCT, system=LOCAL, panel=_M,
        ),
        _t("th17", "Th17 cells (CD4+IL-17+)", "SYN-TH17", "%", _PCT, system=LOCAL, panel=_M),
    )
}  # fmt: skip


def _norm(unit: str) -> str:
    return unit.strip().replace("µ", "u").replace("μ", "u").replace(" ", "").lower()


@dataclass(frozen=True, slots=True)
class LabValue:
    """A result converted to the canonical unit, with what was entered."""

    key: str
    code: str
    system: str
    value: float
    unit: str
    entered_value: float
    entered_unit: str
    factor: float


def lab_test(key: str) -> LabTest:
    """The test called ``key``; unknown keys raise ``LabUnitError`` listing the known ones."""
    try:
        return LAB_TESTS[key]
    except KeyError:
        raise LabUnitError(f"unknown lab test {key!r}; known: {', '.join(LAB_TESTS)}") from None


def convert(key: str, value: float, unit: str) -> LabValue:
    """Convert ``value`` in ``unit`` to the canonical unit of test ``key``; a value that is
    not finite or lies outside the test's plausible range raises ``LabUnitError``.

    >>> convert("crp", 1.2, "mg/dL").value
    12.0
    """
    test = lab_test(key)
    factor = unit_factor(test, unit)
    if not finite(value) or value < 0:
        raise LabUnitError(f"{test.name} must be a finite number, not negative (got {value})", "value")
    canonical = round(value * factor, 6)
    if not plausible(key, canonical):
        raise LabUnitError(_implausible(test, "value", canonical), "value")
    return LabValue(key, test.code, test.system, canonical, test.unit, value, unit, factor)


def unit_factor(test: LabTest, unit: str) -> float:
    """The factor from ``unit`` into the canonical unit; ``LabUnitError`` lists the units."""
    factors = {_norm(u): f for u, f in test.factors.items()}
    factor = factors.get(_norm(unit))
    if factor is None:
        raise LabUnitError(
            f"unit {unit!r} is not accepted for {test.name}; use one of: {', '.join(test.factors)}"
        )
    return factor


def plausible(key: str, canonical: object) -> bool:
    """True when ``canonical`` (in the test's canonical unit) is a finite number inside the
    test's plausible range; False for NaN, Infinity, non-numbers and unknown tests."""
    test = LAB_TESTS.get(key)
    if test is None or not finite(canonical):
        return False
    low, high = test.plausible
    return low <= float(canonical) <= high  # type: ignore[arg-type]  # finite() admitted only numbers


def reference_range(
    key: str, unit: str, low: float | None, high: float | None
) -> tuple[float | None, float | None]:
    """A laboratory's own reference range given in ``unit``, converted to the canonical unit.

    Each limit must be finite, not negative and inside the plausible range, and low must be
    below high; otherwise ``LabUnitError`` names the limit. A limit not given is None.
    """
    test = lab_test(key)
    factor = unit_factor(test, unit)
    limits: dict[str, float | None] = {}
    for name, limit in (("ref_low", low), ("ref_high", high)):
        canonical = None if limit is None else limit * factor if finite(limit) else math.nan
        if canonical is not None and not plausible(key, canonical):
            raise LabUnitError(_implausible(test, "reference limit", limit), name)
        limits[name] = None if canonical is None else round(canonical, 6)
    lo, hi = limits["ref_low"], limits["ref_high"]
    if lo is not None and hi is not None and lo >= hi:
        raise LabUnitError(f"the reference low ({low}) must be below the high ({high})", "ref_high")
    return lo, hi


def _implausible(test: LabTest, what: str, value: object) -> str:
    low, high = test.plausible
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return (
        f"{test.name} {what} {shown} is outside the plausible range {low:g}-{high:g} "
        f"{test.unit} ({test.basis})"
    )


def out_of_range(key: str, value: float, *, low: float | None = None, high: float | None = None) -> bool:
    """True when the canonical ``value`` lies outside the given or default reference range."""
    test = lab_test(key)
    lo = test.ref_low if low is None else low
    hi = test.ref_high if high is None else high
    return (lo is not None and value < lo) or (hi is not None and value > hi)


def panel_keys(panel: Panel) -> list[str]:
    """Keys of the tests of ``panel`` in display order."""
    return [k for k, t in LAB_TESTS.items() if t.panel is panel]
