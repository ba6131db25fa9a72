"""Vectorised engine: every per-visit score of a whole registry in one call.

``compute_visits(columns)`` takes equal-length columns (NumPy arrays, Polars Series or
anything ``numpy.asarray`` accepts), one value per visit, named as the scalar inputs::

    tjc28, sjc28              whole numbers 0-28 (integer or float dtype)
    esr_mm_h                  above 0 up to 200
    crp_mg_l | crp_mg_dl      0-500 mg/L or 0-50 mg/dL (one of the two)
    ptga_mm | ptga_cm         0-100 mm or 0-10 cm (one of the two)
    ega_cm, pain_cm, function_cm  0-10

and returns, for every measure whose inputs are present, a float64 column of values and
an int8 column ``<measure>_category`` of category codes::

    das28_esr   tjc28, sjc28, esr_mm_h, ptga          codes index DAS28 labels
    das28_crp   tjc28, sjc28, crp, ptga               codes index DAS28 labels
    cdai        tjc28, sjc28, ptga, ega_cm            codes index CDAI labels
    sdai        tjc28, sjc28, ptga, ega_cm, crp       codes index SDAI labels
    rapid3      function_cm, pain_cm, ptga            codes index RAPID3 labels
    boolean_remission (2022; category only)  tjc28, sjc28, crp, ptga

``CATEGORY_LABELS[measure][code]`` is the label; code -1 means not computable. Missing
values are NaN in the inputs; a score with a missing input is NaN and its code -1. The
3-variable DAS28 forms are computed on request (``measures=("das28_esr3", ...)``).

The formulas, ranges and cut-offs are those of the scalar functions (same ``Bands``, same
tolerance); a value outside its range raises ``MeasureInputError`` naming the column, the
first offending value and its row. Work is done in chunks that stay in cache, spread over
``workers`` threads (NumPy releases the GIL inside its loops).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import units
from synovia.core.measures.cdai_sdai import CDAI_BANDS, SDAI_BANDS
from synovia.core.measures.das28 import DAS28_BANDS
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.rapid3 import RAPID3_BANDS
from synovia.core.measures.response import BOOLEAN_PTGA_CM
from synovia.core.measures.result import TOLERANCE, Bands

F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]

BANDS: dict[str, Bands] = {
    "das28_esr": DAS28_BANDS,
    "das28_esr3": DAS28_BANDS,
    "das28_crp": DAS28_BANDS,
    "das28_crp3": DAS28_BANDS,
    "cdai": CDAI_BANDS,
    "sdai": SDAI_BANDS,
    "rapid3": RAPID3_BANDS,
}

CATEGORY_LABELS: dict[str, tuple[str, ...]] = {
    **{name: bands.labels for name, bands in BANDS.items()},
    "boolean_remission": ("not_remission", "remission"),
}
"""Labels of the int8 category codes, by measure (code -1: not computable)."""

NEEDS: dict[str, tuple[str, ...]] = {
    "das28_esr": ("tjc28", "sjc28", "esr_mm_h", "ptga"),
    "das28_esr3": ("tjc28", "sjc28", "esr_mm_h"),
    "das28_crp": ("tjc28", "sjc28", "crp", "ptga"),
    "das28_crp3": ("tjc28", "sjc28", "crp"),
    "cdai": ("tjc28", "sjc28", "ptga", "ega_cm"),
    "sdai": ("tjc28", "sjc28", "ptga", "ega_cm", "crp"),
    "rapid3": ("function_cm", "pain_cm", "ptga"),
    "boolean_remission": ("tjc28", "sjc28", "crp", "ptga"),
}
"""Inputs of each measure (``crp`` and ``ptga`` in either unit)."""

DEFAULT_MEASURES = ("das28_esr", "das28_crp", "cdai", "sdai", "rapid3", "boolean_remission")
CHUNK_ROWS = 1 << 16
_UNIT_PAIRS = {"crp": ("crp_mg_l", "crp_mg_dl"), "ptga": ("ptga_mm", "ptga_cm")}


def compute_visits(
    columns: Mapping[str, Any],
    *,
    measures: Iterable[str] | None = None,
    workers: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> dict[str, npt.NDArray[Any]]:
    """Score every visit; see the module docstring for columns, outputs and codes.

    ``measures`` defaults to every measure of ``DEFAULT_MEASURES`` whose inputs are present;
    naming a measure whose inputs are absent raises ``MeasureInputError``.
    """
    cols = _columns(columns)
    wanted = _wanted(cols, measures)
    n = len(next(iter(cols.values()))) if cols else 0
    out: dict[str, npt.NDArray[Any]] = {}
    for name in wanted:
        if name != "boolean_remission":
            out[name] = np.empty(n, np.float64)
        out[f"{name}_category"] = np.empty(n, np.int8)
    spans = [(lo, min(lo + chunk_rows, n)) for lo in range(0, n, chunk_rows)]
    workers = workers or min(2, os.cpu_count() or 1)
    if workers == 1 or len(spans) < 2:
        for lo, hi in spans:
            _chunk(cols, wanted, out, lo, hi)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda span: _chunk(cols, wanted, out, *span), spans))
    return out


def _columns(columns: Mapping[str, Any]) -> dict[str, npt.NDArray[Any]]:
    """The known input columns as 1-D numeric arrays of one length; unknown names refused."""
    cols: dict[str, npt.NDArray[Any]] = {}
    for name, column in columns.items():
        if name not in units.RANGES or name in ("tjc68", "sjc66", "haq_di"):
            raise MeasureInputError(name, "column", "a per-visit input", f"unknown column {name}")
        array = np.asarray(column)
        if array.ndim != 1 or array.dtype.kind not in "iuf":
            raise MeasureInputError(name, str(array.dtype), "a 1-D numeric column")
        cols[name] = array
    if len({len(a) for a in cols.values()}) > 1:
        raise MeasureInputError("columns", "lengths", "columns of equal length",
                                "columns have different lengths")
    for first, second in _UNIT_PAIRS.values():
        if first in cols and second in cols:
            raise MeasureInputError(first, "column", f"exactly one of {first} or {second}",
                                    f"{first} and {second} were both given; give exactly one")
    return cols


def _has(cols: Mapping[str, object], need: str) -> bool:
    return any(name in cols for name in _UNIT_PAIRS.get(need, (need,)))


def _wanted(cols: Mapping[str, object], measures: Iterable[str] | None) -> tuple[str, ...]:
    if measures is None:
        return tuple(m for m in DEFAULT_MEASURES if all(_has(cols, k) for k in NEEDS[m]))
    wanted = tuple(measures)
    for name in wanted:
        if name not in NEEDS:
            raise MeasureInputError("measures", name, ", ".join(NEEDS))
        missing = [k for k in NEEDS[name] if not _has(cols, k)]
        if missing:
            raise MeasureInputError(missing[0], None, "a column", f"{name} needs {missing[0]}")
    return wanted


def _checked(name: str, column: npt.NDArray[Any], lo: int) -> F64:
    """One chunk of a column as float64, validated against the column's range."""
    rng = units.RANGES[name]
    x = column.astype(np.float64)
    below = x <= rng.lo if rng.lo_open else x < rng.lo
    bad = below | (x > rng.hi)
    if rng.whole and column.dtype.kind == "f":
        bad |= (x - np.floor(x)) > 0
    if bad.any():
        row = int(np.argmax(bad))
        value = float(x[row])
        raise MeasureInputError(
            name, value, str(rng),
            f"{name}={value!r} is outside the allowed range {rng} (row {lo + row})",
        )
    return x


def _inputs(cols: Mapping[str, npt.NDArray[Any]], lo: int, hi: int) -> dict[str, F64]:
    """Validated float64 chunks, CRP and PtGA in both units, converted as the scalar code does."""
    x = {name: _checked(name, column[lo:hi], lo) for name, column in cols.items()}
    if "crp_mg_dl" in x:
        x["crp_mg_l"] = x["crp_mg_dl"] * 10.0
    elif "crp_mg_l" in x:
        x["crp_mg_dl"] = x["crp_mg_l"] / 10.0
    if "ptga_cm" in x:
        x["ptga_mm"] = x["ptga_cm"] * 10.0
    elif "ptga_mm" in x:
        x["ptga_cm"] = x["ptga_mm"] / 10.0
    return x


def _codes(bands: Bands, value: F64, out: I8) -> None:
    """Category codes of ``value`` into ``out``: the number of edges passed, -1 for NaN."""
    np.greater(value, bands.edges[0], out=out, casting="unsafe")
    for edge in bands.edges[1:]:
        out += np.greater(value, edge)
    out -= np.isnan(value)


def _chunk(
    cols: Mapping[str, npt.NDArray[Any]], wanted: tuple[str, ...],
    out: dict[str, npt.NDArray[Any]], lo: int, hi: int,
) -> None:
    x = _inputs(cols, lo, hi)
    values = _scores(x, wanted)
    for name, value in values.items():
        out[name][lo:hi] = value
        _codes(BANDS[name], out[name][lo:hi], out[f"{name}_category"][lo:hi])
    if "boolean_remission" in wanted:
        _boolean(x, out["boolean_remission_category"][lo:hi])


def _scores(x: dict[str, F64], wanted: tuple[str, ...]) -> dict[str, F64]:
    """The wanted scores of one chunk (the DAS28 family shares its joint term)."""
    scores: dict[str, F64] = {}
    if any(m.startswith("das28") for m in wanted):
        scores |= _das28(x, wanted)
    if "cdai" in wanted or "sdai" in wanted:
        clinical = x["tjc28"] + x["sjc28"]
        clinical += x["ptga_cm"]
        clinical += x["ega_cm"]
        if "sdai" in wanted:
            scores["sdai"] = clinical + x["crp_mg_dl"]
        scores["cdai"] = clinical
    if "rapid3" in wanted:
        rapid = x["function_cm"] + x["pain_cm"]
        rapid += x["ptga_cm"]
        scores["rapid3"] = rapid
    return {m: scores[m] for m in wanted if m in scores}


def _das28(x: dict[str, F64], wanted: tuple[str, ...]) -> dict[str, F64]:
    joints = np.sqrt(x["tjc28"])
    joints *= 0.56
    joints += 0.28 * np.sqrt(x["sjc28"])
    scores: dict[str, F64] = {}
    for lab, weight, log_of in (("esr", 0.70, "esr_mm_h"), ("crp", 0.36, "crp_mg_l")):
        if f"das28_{lab}" not in wanted and f"das28_{lab}3" not in wanted:
            continue
        term = x[log_of] if lab == "esr" else x[log_of] + 1.0
        term = np.log(term)
        term *= weight
        term += joints
        if f"das28_{lab}3" in wanted:
            scores[f"das28_{lab}3"] = term * (1.08 if lab == "esr" else 1.10) + (
                0.16 if lab == "esr" else 1.15
            )
        if f"das28_{lab}" in wanted:
            term += x["ptga_mm"] * 0.014
            if lab == "crp":
                term += 0.96
            scores[f"das28_{lab}"] = term
    return scores


def _boolean(x: dict[str, F64], out: I8) -> None:
    """Boolean remission 2022 codes: 1 remission, 0 not, -1 when an input is missing."""
    crp_mg_dl, ptga_cm = x["crp_mg_dl"], x["ptga_cm"]
    met = x["tjc28"] <= 1
    met &= x["sjc28"] <= 1
    met &= crp_mg_dl <= 1.0 + TOLERANCE
    met &= ptga_cm <= BOOLEAN_PTGA_CM[2022] + TOLERANCE
    out[:] = met
    missing = x["tjc28"] + x["sjc28"]
    missing += crp_mg_dl
    missing += ptga_cm
    out -= np.isnan(missing)
