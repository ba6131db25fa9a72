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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

LOINC = "http://loinc.org"
LOCAL = "urn:synovia:lab"


class Panel(StrEnum):
    """Routine safety/disease labs, or the research mechanism (immunomodulation) panel."""

    ROUTINE = "routine"
    MECHANISM = "mechanism"


class LabUnitError(ValueError):
    """An unknown test or a unit that cannot be converted; the message lists the options."""


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
    return LabTest(key, name, code, system, unit, {unit: 1.0, **factors}, ref[0], ref[1], panel)


_CELLS = {"10^3/uL": 1.0, "10*3/uL": 1.0, "10*9/L": 1.0, "/nL": 1.0, "/uL": 0.001}
_ENZYME = {"IU/L": 1.0, "ukat/L": 60.0}
_PG = {"ng/L": 1.0, "ng/mL": 1000.0}
_PCT = {"% of CD4+": 1.0}

LAB_TESTS: dict[str, LabTest] = {
    t.key: t
    for t in (
        _t("esr", "ESR (Westergren)", "4537-7", "mm/h", {"mm/hr": 1.0}, (0, 20)),
        _t("crp", "C-reactive protein", "1988-5", "mg/L", {"mg/dL": 10.0}, (0, 5)),
        _t("hgb", "Haemoglobin", "718-7", "g/L", {"g/dL": 10.0, "mmol/L": 16.114}, (120, 170)),
        _t("wbc", "Leukocytes", "6690-2", "10^9/L", _CELLS, (4.0, 11.0)),
        _t("plt", "Platelets", "777-3", "10^9/L", _CELLS, (150, 400)),
        _t("alt", "ALT", "1742-6", "U/L", _ENZYME, (0, 40)),
        _t("ast", "AST", "1920-8", "U/L", _ENZYME, (0, 40)),
        _t(
            "creat", "Creatinine", "14682-9", "umol/L", {"mg/dL": 88.4, "mmol/L": 1000.0}, (45, 110)
        ),
        _t("rf", "Rheumatoid factor", "11572-5", "IU/mL", {"kIU/L": 1.0}, (0, 14)),
        _t("accp", "Anti-CCP antibodies", "32218-0", "U/mL", {}, (0, 20)),
        _t("il6", "IL-6", "26881-3", "pg/mL", _PG, (0, 7), panel=Panel.MECHANISM),
        _t("tnfa", "TNF-alpha", "3074-2", "pg/mL", _PG, (0, 8.1), panel=Panel.MECHANISM),
        _t("il10", "IL-10", "26848-2", "pg/mL", _PG, (0, 9.1), panel=Panel.MECHANISM),
        _t("il17", "IL-17A", "SYN-IL17A", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t("ifng", "IFN-gamma", "SYN-IFNG", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t("il4", "IL-4", "SYN-IL4", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t("tgfb", "TGF-beta1", "SYN-TGFB1", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t("baff", "BAFF", "SYN-BAFF", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t("april", "APRIL", "SYN-APRIL", "pg/mL", _PG, system=LOCAL, panel=Panel.MECHANISM),
        _t(
            "treg",
            "Regulatory T cells (CD4+CD25+FOXP3+)",
            "SYN-TREG",
            "%",
            _PCT,
            system=LOCAL,
            panel=Panel.MECHANISM,
        ),
        _t(
            "th17",
            "Th17 cells (CD4+IL-17+)",
            "SYN-TH17",
            "%",
            _PCT,
            system=LOCAL,
            panel=Panel.MECHANISM,
        ),
    )
}


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
    """Convert ``value`` in ``unit`` to the canonical unit of test ``key``.

    >>> convert("crp", 1.2, "mg/dL").value
    12.0
    """
    test = lab_test(key)
    factors = {_norm(u): f for u, f in test.factors.items()}
    factor = factors.get(_norm(unit))
    if factor is None:
        raise LabUnitError(
            f"unit {unit!r} is not accepted for {test.name}; use one of: {', '.join(test.factors)}"
        )
    if value < 0:
        raise LabUnitError(f"{test.name} cannot be negative (got {value})")
    canonical = round(value * factor, 6)
    return LabValue(key, test.code, test.system, canonical, test.unit, value, unit, factor)


def out_of_range(
    key: str, value: float, *, low: float | None = None, high: float | None = None
) -> bool:
    """True when the canonical ``value`` lies outside the given or default reference range."""
    test = lab_test(key)
    lo = test.ref_low if low is None else low
    hi = test.ref_high if high is None else high
    return (lo is not None and value < lo) or (hi is not None and value > hi)


def panel_keys(panel: Panel) -> list[str]:
    """Keys of the tests of ``panel`` in display order."""
    return [k for k, t in LAB_TESTS.items() if t.panel is panel]
