"""The fused batch kernel (numba): every per-visit score in one pass over the rows.

``run`` is the ``engine="numba"`` path of ``batch.compute_visits``. One compiled, parallel
loop reads each input of a row once and writes each output once: it validates the row
(the ranges of ``units.RANGES``), converts CRP and PtGA to both units as the scalar code
does (``x * 10.0`` or ``x / 10.0``), evaluates every requested formula in the scalar
code's order of operations and codes each score against the ``Bands`` edges (cut-offs moved
by ``result.TOLERANCE``). A missing input (NaN) gives NaN and code -1.

Rows are split in chunks spread over numba's threads (``prange``); each chunk records its
first invalid row, and the wrapper re-reads that row to raise the same
``MeasureInputError`` as the NumPy engine (column, value, row). The exact shortcuts of
``kernels`` are kept per row: the DAS28 joint term of whole counts, ln(ESR) of whole mm/h
and ln(CRP + 1) on the 0.1 mg/L grid are read from its tables; other values are computed.

Compiled with ``fastmath=False`` (IEEE semantics, as the scalar code) and ``cache=True``:
the machine code of each combination of input dtypes is compiled on first use and kept on
disk (``__pycache__``), so later processes load it instead of compiling again.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from typing import Any

import numba
import numpy as np
import numpy.typing as npt

from synovia.core.measures import kernels, units
from synovia.core.measures.cdai_sdai import CDAI_BANDS, SDAI_BANDS
from synovia.core.measures.das28 import DAS28_BANDS
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.rapid3 import RAPID3_BANDS
from synovia.core.measures.response import BOOLEAN_PTGA_CM
from synovia.core.measures.result import TOLERANCE

Array = npt.NDArray[Any]

INPUTS = ("tjc28", "sjc28", "esr_mm_h", "crp", "ptga", "ega_cm", "pain_cm", "function_cm")
"""The kernel's input slots; ``crp`` and ``ptga`` take whichever unit was given."""

SCORES = ("das28_esr", "das28_esr3", "das28_crp", "das28_crp3", "cdai", "sdai", "rapid3")
"""The kernel's value outputs, in order; each has a ``<name>_category`` code output."""

CODES = (*SCORES, "boolean_remission")

EDGES = np.array(
    [*([DAS28_BANDS.edges] * 4), CDAI_BANDS.edges, SDAI_BANDS.edges, RAPID3_BANDS.edges],
    dtype=np.float64,
)
"""``EDGES[k]``: the edges of ``SCORES[k]`` (a score is past an edge when ``score > edge``)."""

BOOLEAN_LIMITS = np.array([1.0 + TOLERANCE, BOOLEAN_PTGA_CM[2022] + TOLERANCE])
"""2022 Boolean remission: CRP <= 1 mg/dL and PtGA <= 2 cm (counts <= 1), with tolerance."""

_ABSENT = np.full(1, np.nan)
"""An absent input: one NaN, read at every row (stride 0)."""
_LOCK = threading.Lock()
_MAX_THREADS = numba.get_num_threads()


def run(
    cols: Mapping[str, Array], out: Mapping[str, Array], n: int, workers: int | None,
    chunk_rows: int,
) -> None:
    """Fill ``out`` (arrays of length ``n`` named as in ``batch``) from validated ``cols``."""
    inputs, in_units, limits = _slots(cols)
    values = tuple(_contiguous(out.get(name), np.float64) for name in SCORES)
    codes = tuple(_contiguous(out.get(f"{name}_category"), np.int8) for name in CODES)
    chunk_rows = max(1, chunk_rows)
    bad = np.empty(-(-n // chunk_rows), np.int64)
    tables = (kernels.JOINT_TABLE, kernels.LN_ESR, kernels.LN1P_CRP)
    with _LOCK:
        threads = numba.get_num_threads()
        numba.set_num_threads(max(1, min(workers or threads, _MAX_THREADS)))
        try:
            tjc, sjc, esr, crp, ptga, ega, pain, function = inputs
            score_rows(n, tjc, sjc, esr, crp, ptga, ega, pain, function, in_units, limits,
                       tables, EDGES, BOOLEAN_LIMITS, values, codes, chunk_rows, bad)
        finally:
            numba.set_num_threads(threads)
    _copy_back(out, values, codes)
    rows = bad[bad >= 0]
    if rows.size:
        _raise_at(cols, int(rows.min()))


def _contiguous(array: Array | None, dtype: type[np.generic]) -> Array:
    """An output as the kernel writes it: itself when C-contiguous, else a contiguous copy."""
    if array is None:
        return np.empty(0, dtype)
    return array if array.flags.c_contiguous else np.empty(array.shape, dtype)


def _copy_back(out: Mapping[str, Array], values: tuple[Array, ...], codes: tuple[Array, ...]) -> None:
    """Copy results written to contiguous stand-ins into non-contiguous output arrays."""
    written = zip((*SCORES, *(f"{c}_category" for c in CODES)), (*values, *codes), strict=True)
    for name, array in written:
        if name in out and out[name] is not array:
            out[name][...] = array


def _slots(cols: Mapping[str, Array]) -> tuple[tuple[Array, ...], tuple[bool, bool], Array]:
    """The input arrays in ``INPUTS`` order (empty when absent), whether CRP is in mg/dL and
    PtGA in cm, and the range ``(lo, hi, lo_open)`` of each slot."""
    names = {slot: slot for slot in INPUTS}
    names["crp"] = "crp_mg_dl" if "crp_mg_dl" in cols else "crp_mg_l"
    names["ptga"] = "ptga_cm" if "ptga_cm" in cols else "ptga_mm"
    inputs = tuple(_kernel_column(cols.get(names[slot])) for slot in INPUTS)
    ranges = [units.RANGES[names[slot]] for slot in INPUTS]
    limits = np.array([(r.lo, r.hi, float(r.lo_open)) for r in ranges], dtype=np.float64)
    return inputs, (names["crp"] == "crp_mg_dl", names["ptga"] == "ptga_cm"), limits


def _kernel_column(column: Array | None) -> Array:
    """A column as the kernel reads it: integers and float64 as given, other floats as float64."""
    if column is None:
        return _ABSENT
    if column.dtype.kind == "f" and column.dtype != np.float64:
        return column.astype(np.float64)
    return column


def _raise_at(cols: Mapping[str, Array], row: int) -> None:
    """Raise for the first invalid column (in the order given) of a row the kernel flagged."""
    for name, column in cols.items():
        rng = units.RANGES[name]
        value = float(column[row])
        fractional = rng.whole and math.isfinite(value) and not value.is_integer()
        if not math.isnan(value) and (not rng.holds(value) or fractional):
            raise MeasureInputError(
                name, value, str(rng),
                f"{name}={value!r} is outside the allowed range {rng} (row {row})",
            )


@numba.njit(cache=True, fastmath=False, nogil=True)
def _invalid(x: float, lo: float, hi: float, lo_open: float, whole: bool) -> bool:
    """Whether ``x`` is outside ``lo``-``hi`` (or not whole when it must be); NaN is missing."""
    below = (x <= lo) if lo_open else (x < lo)
    return below | (x > hi) | (whole & (math.floor(x) != x))


@numba.njit(cache=True, fastmath=False, nogil=True)
def _ranges(limits: Array) -> tuple[float, ...]:
    """The ``(lo, hi, lo_open)`` rows of ``limits`` as scalars (read once per chunk)."""
    return (limits[0, 0], limits[0, 1], limits[0, 2], limits[1, 0], limits[1, 1], limits[1, 2],
            limits[2, 0], limits[2, 1], limits[2, 2], limits[3, 0], limits[3, 1], limits[3, 2],
            limits[4, 0], limits[4, 1], limits[4, 2], limits[5, 0], limits[5, 1], limits[5, 2],
            limits[6, 0], limits[6, 1], limits[6, 2], limits[7, 0], limits[7, 1], limits[7, 2])


@numba.njit(cache=True, fastmath=False, nogil=True)
def _row_invalid(row: tuple[float, ...], r: tuple[float, ...]) -> bool:
    """Whether any input of a row is invalid (absent inputs read as NaN, which passes)."""
    return (
        _invalid(row[0], r[0], r[1], r[2], True) | _invalid(row[1], r[3], r[4], r[5], True)
        | _invalid(row[2], r[6], r[7], r[8], False) | _invalid(row[3], r[9], r[10], r[11], False)
        | _invalid(row[4], r[12], r[13], r[14], False)
        | _invalid(row[5], r[15], r[16], r[17], False)
        | _invalid(row[6], r[18], r[19], r[20], False)
        | _invalid(row[7], r[21], r[22], r[23], False)
    )


@numba.njit(cache=True, fastmath=False, nogil=True)
def _joint_index(t: float, s: float) -> int:
    """Index of ``JOINT_TABLE`` for whole counts 0-28, else -1."""
    if 0.0 <= t <= 28.0 and 0.0 <= s <= 28.0 and math.floor(t) == t and math.floor(s) == s:
        return 29 * int(t) + int(s)
    return -1


@numba.njit(cache=True, fastmath=False, nogil=True)
def _esr_index(esr: float) -> int:
    """Index of ``LN_ESR`` for whole mm/h 1-200, else -1."""
    if 1.0 <= esr <= 200.0 and math.floor(esr) == esr:
        return int(esr)
    return -1


@numba.njit(cache=True, fastmath=False, nogil=True)
def _crp_index(crp_mg_l: float) -> int:
    """Index of ``LN1P_CRP`` for CRP on the 0.1 mg/L grid 0-500 mg/L, else -1."""
    if 0.0 <= crp_mg_l <= 500.0:
        tenths = math.floor(crp_mg_l * 10.0 + 0.5)
        if tenths / 10.0 == crp_mg_l:
            return int(tenths)
    return -1


@numba.njit(cache=True, fastmath=False, nogil=True)
def _band(edges: Array, k: int) -> tuple[float, float, float]:
    """The edges of ``SCORES[k]`` as scalars (read once per chunk, not per row)."""
    return edges[k, 0], edges[k, 1], edges[k, 2]


@numba.njit(cache=True, fastmath=False, nogil=True)
def _code(value: float, e0: float, e1: float, e2: float) -> int:
    """Number of edges passed (``value > edge``); -1 for NaN."""
    if math.isnan(value):
        return -1
    return int(value > e0) + int(value > e1) + int(value > e2)


@numba.njit(cache=True, fastmath=False, nogil=True)
def _remission(t: float, s: float, crp_mg_dl: float, ptga_cm: float, most: Any) -> int:
    """2022 Boolean remission code: 1 met, 0 not, -1 with a missing input."""
    if math.isnan(t) or math.isnan(s) or math.isnan(crp_mg_dl) or math.isnan(ptga_cm):
        return -1
    return int(t <= 1.0 and s <= 1.0 and crp_mg_dl <= most[0] and ptga_cm <= most[1])


@numba.njit(parallel=True, cache=True, fastmath=False, nogil=True)
def score_rows(  # noqa: PLR0917 - every column and output of the kernel
    n: int, tjc: Array, sjc: Array, esr: Array, crp: Array, ptga: Array, ega: Array,
    pain: Array, function: Array, units_: tuple[bool, bool], limits: Array, tables: Any,
    edges: Array, boolean: Array, values: Any, codes: Any, chunk_rows: int, bad: Array,
) -> None:
    """The fused loop over chunks of rows in parallel; ``bad[c]`` gets the first invalid row
    of chunk ``c``, or -1."""
    for c in numba.prange(bad.shape[0]):
        bad[c] = _chunk(c * chunk_rows, min(n, (c + 1) * chunk_rows), tjc, sjc, esr, crp, ptga,
                        ega, pain, function, units_, limits, tables, edges, boolean, values, codes)


@numba.njit(cache=True, fastmath=False, nogil=True)
def _chunk(  # noqa: PLR0917 - one fused loop over every column
    lo: int, hi: int, tjc: Array, sjc: Array, esr: Array, crp: Array, ptga: Array, ega: Array,
    pain: Array, function: Array, units_: tuple[bool, bool], limits: Array, tables: Any,
    edges: Array, boolean: Array, values: Any, codes: Any,
) -> int:
    """Rows ``lo``-``hi``: validated, scored and coded; returns the first invalid row or -1."""
    joint_table, ln_esr, ln1p_crp = tables
    d_esr, d_esr3, d_crp, d_crp3, v_cdai, v_sdai, v_rapid3 = values
    k_esr, k_esr3, k_crp, k_crp3, k_cdai, k_sdai, k_rapid3, k_boolean = codes
    st = (min(1, tjc.shape[0] - 1), min(1, sjc.shape[0] - 1), min(1, esr.shape[0] - 1),
          min(1, crp.shape[0] - 1), min(1, ptga.shape[0] - 1), min(1, ega.shape[0] - 1),
          min(1, pain.shape[0] - 1), min(1, function.shape[0] - 1))
    ranges = _ranges(limits)
    most = (boolean[0], boolean[1])
    bands = (_band(edges, 0), _band(edges, 1), _band(edges, 2), _band(edges, 3),
             _band(edges, 4), _band(edges, 5), _band(edges, 6))
    want_esr, want_crp = d_esr.shape[0] + d_esr3.shape[0] > 0, d_crp.shape[0] + d_crp3.shape[0] > 0
    first_bad = -1
    for i in range(lo, hi):
        row = (float(tjc[i * st[0]]), float(sjc[i * st[1]]), float(esr[i * st[2]]),
               float(crp[i * st[3]]), float(ptga[i * st[4]]), float(ega[i * st[5]]),
               float(pain[i * st[6]]), float(function[i * st[7]]))
        if first_bad < 0 and _row_invalid(row, ranges):
            first_bad = i
        t, s, x_esr, x_crp, x_ptga, x_ega, x_pain, x_function = row
        crp_mg_l, crp_mg_dl = (x_crp * 10.0, x_crp) if units_[0] else (x_crp, x_crp / 10.0)
        ptga_mm, ptga_cm = (x_ptga * 10.0, x_ptga) if units_[1] else (x_ptga, x_ptga / 10.0)
        j = _joint_index(t, s)
        joints = joint_table[j] if j >= 0 else 0.56 * math.sqrt(t) + 0.28 * math.sqrt(s)
        if want_esr:
            e = _esr_index(x_esr)
            term = joints + 0.70 * (ln_esr[e] if e >= 0 else math.log(x_esr))
            _write(d_esr, k_esr, i, term + 0.014 * ptga_mm, bands[0])
            _write(d_esr3, k_esr3, i, term * 1.08 + 0.16, bands[1])
        if want_crp:
            e = _crp_index(crp_mg_l)
            term = joints + 0.36 * (ln1p_crp[e] if e >= 0 else math.log(crp_mg_l + 1.0))
            _write(d_crp, k_crp, i, term + 0.014 * ptga_mm + 0.96, bands[2])
            _write(d_crp3, k_crp3, i, term * 1.10 + 1.15, bands[3])
        clinical = t + s + ptga_cm + x_ega
        _write(v_cdai, k_cdai, i, clinical, bands[4])
        _write(v_sdai, k_sdai, i, clinical + crp_mg_dl, bands[5])
        _write(v_rapid3, k_rapid3, i, x_function + x_pain + ptga_cm, bands[6])
        if k_boolean.shape[0] > 0:
            k_boolean[i] = _remission(t, s, crp_mg_dl, ptga_cm, most)
    return first_bad


@numba.njit(cache=True, fastmath=False, nogil=True, inline="always")
def _write(
    values: Array, codes: Array, i: int, value: float, edges: tuple[float, float, float]
) -> None:
    """Row ``i`` of a requested score (an empty ``values`` is not requested) and its code."""
    if values.shape[0] > 0:
        values[i] = value
        codes[i] = _code(value, edges[0], edges[1], edges[2])
