"""Chunk kernels of the batch engine (see ``batch``): validation, shared terms, codes.

Each kernel works on one chunk of rows small enough to stay in cache and writes into
slices of the output columns. Two exact shortcuts save passes over the chunk:

* Validation reads each column with one ``min`` and one ``max``; only a chunk holding a
  NaN (a missing value) or an out-of-range value takes the slower element-wise path.
* The DAS28 joint term ``0.56*sqrt(TJC28) + 0.28*sqrt(SJC28)`` of integer counts is read
  from a 29 x 29 table computed by the scalar code's own function (``das28.joint_term``).
  Counts that are floats use the same function directly.

The logarithms are computed, not looked up: NumPy's vectorised logarithm costs less than
the passes a table lookup needs to check that a chunk is on the table's grid (measured;
the tables of earlier versions are gone). No coefficient is written here.
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


def codes(bands: Bands, value: F64, out: I8, has_nan: bool, scratch: Scratch) -> None:
    """Category codes of ``value`` into ``out``: the number of edges passed, -1 for NaN.

    A comparison's booleans are bytes 0 or 1, read as int8 (views, no casting loop)."""
    passed = scratch.get("passed", len(value), np.bool_)
    np.greater(value, bands.edges[0], out=out.view(np.bool_))
    for edge in bands.edges[1:]:
        np.add(out, np.greater(value, edge, out=passed).view(np.int8), out=out)
    if has_nan:
        np.subtract(out, np.isnan(value, out=passed).view(np.int8), out=out)


def boolean_codes(x: dict[str, Array], ptga_cm_max: float, out: I8, has_nan: bool, scratch: Scratch) -> None:
    """Boolean remission codes: 1 remission, 0 not, -1 when an input is missing."""
    met = boolean_met(x["tjc28"], x["sjc28"], x["crp_mg_dl"], x["ptga_cm"], ptga_cm_max)
    np.copyto(out, met, casting="unsafe")
    if has_nan:
        missing = x["tjc28"] + x["sjc28"]
        missing += x["crp_mg_dl"]
        missing += x["ptga_cm"]
        out -= np.isnan(missing)
