"""Chunk kernels of the batch engine (see ``batch``): validation, shared terms, codes.

Each kernel works on one chunk of rows small enough to stay in cache and writes into
slices of the output columns. Three exact shortcuts keep the engine near memory speed:

* Validation reads each column with one ``min`` and one ``max``; only a chunk holding a
  NaN (a missing value) or an out-of-range value takes the slower element-wise path.
* The DAS28 joint term ``0.56*sqrt(TJC28) + 0.28*sqrt(SJC28)`` of integer counts is read
  from a 29 x 29 table computed by the scalar code's own function (``das28.joint_term``).
* ``ln(ESR)`` of whole mm/h values and ``ln(CRP + 1)`` of CRP on the 0.1 mg/L grid (how
  laboratories report them) are read from tables computed with the same expression as the
  element-wise path; a chunk with any other value computes the logarithm directly.

The tables are computed by the same functions of ``das28`` as the element-wise path and the
scalar functions, so no coefficient is written here and the results agree to the last bit
(at most one unit in the last place where NumPy's vectorised and scalar logarithms differ
on a given CPU).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import das28, units
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.response import boolean_met
from synovia.core.measures.result import Bands

F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]
Array = npt.NDArray[Any]

_COUNTS = np.arange(29, dtype=np.float64)
JOINT_TABLE: F64 = das28.joint_term(_COUNTS[:, None], _COUNTS[None, :]).ravel()
"""``JOINT_TABLE[29*t + s] = 0.56*sqrt(t) + 0.28*sqrt(s)`` for counts 0-28."""

LN_ESR: F64 = das28.ln_esr(np.maximum(np.arange(201, dtype=np.float64), 1.0))
"""``LN_ESR[k] = ln(k)`` for whole ESR values 1-200 mm/h (index 0 unused)."""

LN1P_CRP: F64 = das28.ln_crp(np.arange(5001, dtype=np.float64) / 10.0)
"""``LN1P_CRP[k] = ln(k/10 + 1)``: ln(CRP + 1) on the 0.1 mg/L grid, 0-500 mg/L."""


def checked(name: str, column: Array, first_row: int) -> tuple[Array, bool]:
    """A chunk of a column validated against its range; returns it and whether it has NaN.

    Integer columns are returned as they are; float columns as float64 (no copy when they
    already are).
    """
    rng = units.RANGES[name]
    x = column if column.dtype.kind in "iu" else np.asarray(column, dtype=np.float64)
    low, high = x.min(), x.max()
    above = low > rng.lo if rng.lo_open else low >= rng.lo
    if above and high <= rng.hi and not (rng.whole and x.dtype.kind == "f" and _fractional(x)):
        return x, False
    _raise_first_bad(name, x, first_row)
    return x, True


def _fractional(x: F64) -> bool:
    return bool(np.any(np.floor(x) != x))


def _raise_first_bad(name: str, x: Array, first_row: int) -> None:
    """Raise for the first invalid element of ``x``; return when only NaNs were at fault."""
    rng = units.RANGES[name]
    below = x <= rng.lo if rng.lo_open else x < rng.lo
    bad = below | (x > rng.hi)
    if rng.whole and x.dtype.kind == "f":
        bad |= (x - np.floor(x)) > 0
    if bad.any():
        row = int(np.argmax(bad))
        value = float(x[row])
        raise MeasureInputError(
            name,
            value,
            str(rng),
            f"{name}={value!r} is outside the allowed range {rng} (row {first_row + row})",
        )


class Scratch:
    """Work buffers of one thread, reused chunk after chunk (no allocation per chunk)."""

    def __init__(self) -> None:
        self._buffers: dict[tuple[str, str], Array] = {}

    def get(self, name: str, rows: int, dtype: type[np.generic] = np.float64) -> Array:
        """A buffer of at least ``rows`` elements, as a view of exactly ``rows``."""
        key = (name, np.dtype(dtype).str)
        buffer = self._buffers.get(key)
        if buffer is None or len(buffer) < rows:
            buffer = self._buffers[key] = np.empty(rows, dtype)
        return buffer[:rows]


def joint_term(tjc28: Array, sjc28: Array, scratch: Scratch) -> F64:
    """``0.56*sqrt(TJC28) + 0.28*sqrt(SJC28)``, from the table for integer counts."""
    rows = len(tjc28)
    term = scratch.get("joints", rows)
    if tjc28.dtype.kind in "iu" and sjc28.dtype.kind in "iu":
        index = scratch.get("joint_index", rows, np.intp)
        np.copyto(index, tjc28)
        index *= 29
        index += sjc28
        return JOINT_TABLE.take(index, out=term, mode="clip")
    return das28.joint_term(tjc28, sjc28, out=term)  # type: ignore[no-any-return]  # Number is Any


def ln_esr(esr_mm_h: F64, has_nan: bool, scratch: Scratch) -> F64:
    """``ln(ESR)``, from the table when every ESR of the chunk is a whole mm/h."""
    rows = len(esr_mm_h)
    term = scratch.get("ln_esr", rows)
    if not has_nan:
        whole = scratch.get("esr_index", rows, np.intp)
        np.copyto(whole, esr_mm_h, casting="unsafe")
        if np.equal(whole, esr_mm_h, out=scratch.get("same", rows, np.bool_)).all():
            return LN_ESR.take(whole, out=term, mode="clip")
    return das28.ln_esr(esr_mm_h, out=term)  # type: ignore[no-any-return]  # Number is Any


def ln_crp(crp_mg_l: F64, has_nan: bool, scratch: Scratch) -> F64:
    """``ln(CRP + 1)``, from the table when every CRP of the chunk is on the 0.1 mg/L grid."""
    rows = len(crp_mg_l)
    term = scratch.get("ln1p_crp", rows)
    if not has_nan:
        tenths = np.multiply(crp_mg_l, 10.0, out=scratch.get("crp_tenths", rows))
        np.rint(tenths, out=tenths)
        np.divide(tenths, 10.0, out=term)
        if np.equal(term, crp_mg_l, out=scratch.get("same", rows, np.bool_)).all():
            index = scratch.get("crp_index", rows, np.intp)
            np.copyto(index, tenths, casting="unsafe")
            return LN1P_CRP.take(index, out=term, mode="clip")
    return das28.ln_crp(crp_mg_l, out=term)  # type: ignore[no-any-return]  # Number is Any


def codes(bands: Bands, value: F64, out: I8, has_nan: bool, scratch: Scratch) -> None:
    """Category codes of ``value`` into ``out``: the number of edges passed, -1 for NaN."""
    first, passed = (scratch.get(name, len(value), np.bool_) for name in ("first", "passed"))
    np.greater(value, bands.edges[0], out=first)
    np.greater(value, bands.edges[1], out=passed)
    np.add(first, passed, out=out, dtype=np.int8)
    for edge in bands.edges[2:]:
        out += np.greater(value, edge, out=passed)
    if has_nan:
        out -= np.isnan(value, out=passed)


def boolean_codes(x: dict[str, Array], ptga_cm_max: float, out: I8, has_nan: bool, scratch: Scratch) -> None:
    """Boolean remission codes: 1 remission, 0 not, -1 when an input is missing."""
    met = boolean_met(x["tjc28"], x["sjc28"], x["crp_mg_dl"], x["ptga_cm"], ptga_cm_max)
    np.copyto(out, met, casting="unsafe")
    if has_nan:
        missing = x["tjc28"] + x["sjc28"]
        missing += x["crp_mg_dl"]
        missing += x["ptga_cm"]
        out -= np.isnan(missing)
