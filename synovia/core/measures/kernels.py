"""Chunk kernels of the batch engine (see ``batch``): validation, the joint term, codes.

Each kernel works on one chunk of rows small enough to stay in the CPU cache and writes
into buffers of its thread or slices of the output columns. The shortcuts, all exact:

* Validation reads each column with one ``min`` and one ``max`` (NaN propagates through
  both); only a chunk holding a NaN (a missing value) or an out-of-range value takes the
  element-wise path that finds the first bad row.
* The DAS28 joint term ``0.56*sqrt(TJC28) + 0.28*sqrt(SJC28)`` of integer counts is read
  from a 29 x 29 table computed by the scalar code's own function (``das28.joint_term``),
  indexed by ``29*TJC28 + SJC28`` in int16. Counts that are floats use the function itself.
* Category codes count the ``Bands`` edges a score is past with comparisons whose booleans
  are read as int8 bytes (no casting loop); the NaN pass runs only when the chunk has a
  missing input.

No coefficient or cut-off is written here: the formulas are the scalar modules' functions.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    term: F64 = scratch.get("joints", rows)
    if tjc28.dtype.kind in "iu" and sjc28.dtype.kind in "iu":
        index = scratch.get("joint_index", rows, np.int16)  # 29*28 + 28 = 840 fits
        np.multiply(tjc28, 29, out=index, dtype=np.int16)
        np.add(index, sjc28, out=index, dtype=np.int16)
        return JOINT_TABLE.take(index, out=term, mode="wrap")  # validated: never wraps
    das28.joint_term(tjc28, sjc28, out=term)
    return term


def codes(bands: Bands, value: F64, out: I8, has_nan: bool, scratch: Scratch) -> None:
    """Category codes of ``value`` into ``out``: the number of edges passed, -1 for NaN."""
    passed = scratch.get("passed", len(value), np.bool_)
    np.greater(value, bands.edges[0], out=out.view(np.bool_))
    for edge in bands.edges[1:]:
        np.add(out, np.greater(value, edge, out=passed).view(np.int8), out=out)
    if has_nan:
        np.subtract(out, np.isnan(value, out=passed).view(np.int8), out=out)


def boolean_codes(x: dict[str, Array], ptga_cm_max: float, out: I8, missing: Sequence[Array]) -> None:
    """Boolean remission codes: 1 remission, 0 not, -1 when one of ``missing`` (the input
    columns of the chunk that hold a NaN) is NaN on the row."""
    met = boolean_met(x["tjc28"], x["sjc28"], x["crp_mg_dl"], x["ptga_cm"], ptga_cm_max)
    np.copyto(out.view(np.bool_), met)
    for column in missing:
        np.copyto(out, -1, where=np.isnan(column))
