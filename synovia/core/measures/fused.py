"""The fused batch kernel (numba): every per-visit score in one compiled, parallel loop.

``run`` is the ``engine="numba"`` path of ``batch.compute_visits``. The kernel reads each
input from memory once and writes each output once: it validates every input (the ranges
of ``units.RANGES``; counts whole), converts CRP and PtGA to both units as the scalar code
does (``x * 10.0``, ``x / 10.0``), evaluates each requested formula in the scalar code's
order of operations and codes each score against the ``Bands`` edges (cut-offs moved by
``result.TOLERANCE``). A missing input (NaN) gives NaN and code -1.

Rows are split in chunks spread over numba's threads (``prange``), and a chunk in blocks of
``BLOCK`` rows that stay in the L1 cache. A block goes through a few short passes, each
branch-free so that LLVM vectorises it: one pass over the inputs (validation as a
reduction, CDAI, SDAI, the Boolean remission, the PtGA term, and the places of the DAS28
joint term, ln(ESR) and ln(CRP + 1) in the tables of ``kernels``: whole counts, whole mm/h,
the 0.1 mg/L grid), RAPID3 when asked, the table reads, the DAS28 forms. A value off a grid
reads a NaN entry that flags the block: its terms are then computed exactly (a scalar pass,
rare in laboratory data); a missing value reads another NaN entry, which is its answer.
Passes of measures not requested are skipped. A chunk records its first invalid row; the
wrapper re-reads that row to raise the same ``MeasureInputError`` as the NumPy engine.
The small helpers are inlined by numba (``inline="always"``) so that the passes hold no call.

Compiled with ``fastmath=False`` (IEEE semantics, as the scalar code) and ``cache=True``:
the machine code for each combination of input dtypes is compiled on first use and kept on
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
from llvmlite import ir
from numba.core import types
from numba.extending import intrinsic

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

BLOCK = 512
"""Rows of one block: its inputs stay in the L1 cache between the passes over it."""

_ABSENT = np.full(BLOCK, np.nan)
"""An absent input: a block of NaN, read again for every block."""
JOINTS = np.append(kernels.JOINT_TABLE, [np.nan, np.nan])
LN_ESR = np.append(kernels.LN_ESR, np.nan)
LN1P_CRP = np.append(kernels.LN1P_CRP, [np.nan, np.nan])
"""The tables of ``kernels`` with NaN entries: ``*_MISSING`` is read for a missing value
(the term is NaN, as the formula gives), ``*_OFF`` for a value off the table's grid, whose
term the rare block holding one computes exactly (``LN_ESR[0]``, ln of an ESR of 0, is
never read: ESR must be above 0)."""
JOINT_MISSING, JOINT_OFF = JOINTS.shape[0] - 2, JOINTS.shape[0] - 1
ESR_MISSING, ESR_OFF = LN_ESR.shape[0] - 1, 0
CRP_MISSING, CRP_OFF = LN1P_CRP.shape[0] - 2, LN1P_CRP.shape[0] - 1

_LOCK = threading.Lock()
_MAX_THREADS = numba.get_num_threads()


def run(
    cols: Mapping[str, Array], out: Mapping[str, Array], n: int, workers: int | None,
    chunk_rows: int,
) -> None:
    """Fill ``out`` (arrays of length ``n`` named as in ``batch``) from validated ``cols``."""
    inputs, in_units, limits = _slots(cols)
    given = np.array([column is not _ABSENT for column in inputs], dtype=np.int64)
    values = tuple(_contiguous(out.get(name), np.float64) for name in SCORES)
    codes = tuple(_contiguous(out.get(f"{name}_category"), np.int8) for name in CODES)
    chunk_rows = max(1, chunk_rows)
    bad = np.empty(-(-n // chunk_rows), np.int64)
    tables = (JOINTS, LN_ESR, LN1P_CRP)
    with _LOCK:
        threads = numba.get_num_threads()
        numba.set_num_threads(max(1, min(workers or threads, _MAX_THREADS)))
        try:
            tjc, sjc, esr, crp, ptga, ega, pain, function = inputs
            score_rows(n, tjc, sjc, esr, crp, ptga, ega, pain, function, in_units, given,
                       limits, tables, EDGES, BOOLEAN_LIMITS, values, codes, chunk_rows, bad)
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


def _slots(
    cols: Mapping[str, Array],
) -> tuple[tuple[Array, ...], tuple[float, float, float, float], Array]:
    """The input arrays in ``INPUTS`` order (``_ABSENT`` when absent); the unit factors
    ``(x * crp_mul = mg/L, x / crp_div = mg/dL, x * ptga_mul = mm, x / ptga_div = cm)`` of
    the unit given, exact as the scalar code's (a factor of 1.0 changes nothing); and the
    range ``(lo, hi, lo_open)`` of each slot."""
    names = {slot: slot for slot in INPUTS}
    names["crp"] = "crp_mg_dl" if "crp_mg_dl" in cols else "crp_mg_l"
    names["ptga"] = "ptga_cm" if "ptga_cm" in cols else "ptga_mm"
    inputs = tuple(_kernel_column(cols.get(names[slot])) for slot in INPUTS)
    ranges = [units.RANGES[names[slot]] for slot in INPUTS]
    limits = np.array([(_lowest(r), r.hi) for r in ranges], dtype=np.float64)
    crp = (10.0, 1.0) if names["crp"] == "crp_mg_dl" else (1.0, 10.0)
    ptga = (10.0, 1.0) if names["ptga"] == "ptga_cm" else (1.0, 10.0)
    return inputs, (*crp, *ptga), limits


def _lowest(rng: units.Range) -> float:
    """The least allowed value: ``lo``, or the next float above it for an open bound (so
    that ``x < lowest`` is exactly ``x <= lo`` and the kernel needs one comparison)."""
    return float(np.nextafter(rng.lo, np.inf)) if rng.lo_open else float(rng.lo)


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


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _invalid(x: float, lo: float, hi: float, whole: bool) -> bool:
    """Whether ``x`` is below ``lo`` or above ``hi`` (or not whole when it must be); NaN,
    a missing value, compares false everywhere and passes."""
    floor: float = np.floor(x)  # a float: math.floor would round-trip through an int
    return (x < lo) | (x > hi) | (whole & (floor < x))


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _ranges(limits: Array) -> tuple[float, ...]:
    """The ``(lo, hi)`` rows of ``limits`` as scalars (read once per chunk)."""
    return (limits[0, 0], limits[0, 1], limits[1, 0], limits[1, 1], limits[2, 0], limits[2, 1],
            limits[3, 0], limits[3, 1], limits[4, 0], limits[4, 1], limits[5, 0], limits[5, 1],
            limits[6, 0], limits[6, 1], limits[7, 0], limits[7, 1])


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _row_invalid(row: tuple[float, ...], r: tuple[float, ...]) -> bool:
    """Whether any input of a row is invalid (absent inputs read as NaN, which passes)."""
    return (
        _invalid(row[0], r[0], r[1], True) | _invalid(row[1], r[2], r[3], True)
        | _invalid(row[2], r[4], r[5], False) | _invalid(row[3], r[6], r[7], False)
        | _invalid(row[4], r[8], r[9], False) | _invalid(row[5], r[10], r[11], False)
        | _invalid(row[6], r[12], r[13], False) | _invalid(row[7], r[14], r[15], False)
    )


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _joint_slot(t: float, s: float) -> np.uint32:
    """Index of ``0.56*sqrt(t) + 0.28*sqrt(s)`` in ``JOINTS``: ``29*t + s`` for whole counts
    0-28, ``JOINT_MISSING`` when a count is missing, else ``JOINT_OFF``."""
    inside = (t >= 0.0) & (t <= 28.0) & (s >= 0.0) & (s <= 28.0)
    safe_t, safe_s = (t, s) if inside else (0.0, 0.0)
    whole = (np.floor(safe_t) == safe_t) & (np.floor(safe_s) == safe_s)
    index = np.uint32(safe_t * 29.0 + safe_s) if inside & whole else np.uint32(JOINT_OFF)
    return np.uint32(JOINT_MISSING) if math.isnan(t + s) else index


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _esr_slot(esr: float) -> np.uint32:
    """Index of ln(ESR) in ``LN_ESR``: the whole mm/h value 1-200, ``ESR_MISSING`` when
    missing, else ``ESR_OFF``."""
    inside = (esr >= 1.0) & (esr <= 200.0)
    safe = esr if inside else 0.0
    index = np.uint32(safe) if inside & (np.floor(safe) == safe) else np.uint32(ESR_OFF)
    return np.uint32(ESR_MISSING) if math.isnan(esr) else index


@intrinsic
def _fma(typingctx: Any, a: Any, b: Any, c: Any) -> Any:
    """``a * b + c`` rounded once (LLVM's ``llvm.fma``; one instruction, vectorised)."""
    double = types.float64

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        values = [context.cast(builder, value, given, double)
                  for value, given in zip(args, signature.args, strict=True)]
        fma = builder.module.declare_intrinsic("llvm.fma", [ir.DoubleType()] * 3)
        return builder.call(fma, values)

    return types.float64(a, b, c), codegen


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _tenth(k: float) -> float:
    """``k / 10.0`` without a division, for whole ``k`` 0-5000: the product with 0.1 corrected
    once by its exact remainder (two fused multiply-adds). Equal to ``k / 10.0`` for every
    such ``k`` (all 5,001 checked by the tests); a division costs ~10x a multiply here."""
    q = k * 0.1
    return _fma(_fma(-q, 10.0, k), 0.1, q)  # type: ignore[call-arg]  # numba passes typingctx


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _crp_slot(crp_mg_l: float) -> np.uint32:
    """Index of ln(CRP + 1) in ``LN1P_CRP``: tenths of mg/L on the 0.1 mg/L grid 0-500,
    ``CRP_MISSING`` when missing, else ``CRP_OFF``."""
    inside = (crp_mg_l >= 0.0) & (crp_mg_l <= 500.0)
    tenths = np.floor((crp_mg_l if inside else 0.0) * 10.0 + 0.5)
    index = np.uint32(tenths) if inside & (_tenth(tenths) == crp_mg_l) else np.uint32(CRP_OFF)
    return np.uint32(CRP_MISSING) if math.isnan(crp_mg_l) else index


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _at(first_row: int, given: int) -> np.uint64:
    """Offset of a block in an array: its first row when given, 0 for a stand-in (unsigned,
    so that indexing needs no wraparound check and the pass vectorises)."""
    return numba.uint64(first_row * given)


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _band(edges: Array, k: int) -> tuple[float, float, float]:
    """The edges of ``SCORES[k]`` as scalars (read once per chunk, not per row)."""
    return edges[k, 0], edges[k, 1], edges[k, 2]


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _code(value: float, band: tuple[float, float, float]) -> int:
    """Number of edges passed (``value > edge``); -1 for NaN."""
    passed = int(value > band[0]) + int(value > band[1]) + int(value > band[2])
    return -1 if math.isnan(value) else passed


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy", inline="always")
def _remission(t: float, s: float, crp_mg_dl: float, ptga_cm: float, most: Any) -> int:
    """2022 Boolean remission code: 1 met, 0 not, -1 with a missing input."""
    met = int(t <= 1.0) * int(s <= 1.0) * int(crp_mg_dl <= most[0]) * int(ptga_cm <= most[1])
    total = t + s + crp_mg_dl + ptga_cm  # NaN when any input is missing
    return -1 if math.isnan(total) else met


@numba.njit(parallel=True, cache=True, fastmath=False, nogil=True, error_model="numpy")
def score_rows(  # noqa: PLR0917 - every column and output of the kernel
    n: int, tjc: Array, sjc: Array, esr: Array, crp: Array, ptga: Array, ega: Array,
    pain: Array, function: Array, units_: Any, given: Array, limits: Array, tables: Any,
    edges: Array, boolean: Array, values: Any, codes: Any, chunk_rows: int, bad: Array,
) -> None:
    """The fused loop over chunks of rows in parallel; ``bad[c]`` gets the first invalid row
    of chunk ``c``, or -1."""
    for c in numba.prange(bad.shape[0]):
        bad[c] = _chunk(c * chunk_rows, min(n, (c + 1) * chunk_rows), tjc, sjc, esr, crp, ptga,
                        ega, pain, function, units_, given, limits, tables, edges, boolean,
                        values, codes)


@numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy")
def _chunk(  # noqa: C901, PLR0912, PLR0915, PLR0917 - the fused kernel, written out
    lo: int, hi: int, tjc: Array, sjc: Array, esr: Array, crp: Array, ptga: Array, ega: Array,
    pain: Array, function: Array, units_: Any, given: Array, limits: Array, tables: Any,
    edges: Array, boolean: Array, values: Any, codes: Any,
) -> int:
    """Rows ``lo``-``hi`` in blocks of ``BLOCK``: one branch-free pass over the inputs
    (validation, CDAI, SDAI, Boolean remission, and the places of the DAS28 terms in the
    tables), RAPID3 when asked, the table reads, the exact logarithms of the rare block with
    an off-grid or missing value, then the DAS28 forms. Returns the first invalid row or -1."""
    crp_mul, crp_div, ptga_mul, ptga_div = units_
    present = (given[0], given[1], given[2], given[3], given[4], given[5], given[6], given[7])
    joint_table, ln_esr, ln1p_crp = tables
    ranges, most = _ranges(limits), (boolean[0], boolean[1])
    bands = (_band(edges, 0), _band(edges, 1), _band(edges, 2), _band(edges, 3),
             _band(edges, 4), _band(edges, 5), _band(edges, 6))
    spare_v, spare_k = np.empty((7, BLOCK)), np.empty((8, BLOCK), np.int8)
    w = (values[0].shape[0] > 0, values[1].shape[0] > 0, values[2].shape[0] > 0,
         values[3].shape[0] > 0, values[4].shape[0] > 0, values[5].shape[0] > 0,
         values[6].shape[0] > 0, codes[7].shape[0] > 0)
    v0, v1 = values[0] if w[0] else spare_v[0], values[1] if w[1] else spare_v[1]
    v2, v3 = values[2] if w[2] else spare_v[2], values[3] if w[3] else spare_v[3]
    v4, v5 = values[4] if w[4] else spare_v[4], values[5] if w[5] else spare_v[5]
    v6 = values[6] if w[6] else spare_v[6]
    k0, k1 = codes[0] if w[0] else spare_k[0], codes[1] if w[1] else spare_k[1]
    k2, k3 = codes[2] if w[2] else spare_k[2], codes[3] if w[3] else spare_k[3]
    k4, k5 = codes[4] if w[4] else spare_k[4], codes[5] if w[5] else spare_k[5]
    k6, k7 = codes[6] if w[6] else spare_k[6], codes[7] if w[7] else spare_k[7]
    das28 = w[0] | w[1] | w[2] | w[3]
    joints, ptga_term, ln_e, ln_c = np.empty(BLOCK), np.empty(BLOCK), np.empty(BLOCK), np.empty(BLOCK)
    joint_at = np.empty(BLOCK, np.uint32)
    esr_at, crp_at = np.empty(BLOCK, np.uint32), np.empty(BLOCK, np.uint32)
    first_bad = -1
    for b0 in range(lo, hi, BLOCK):
        m = min(BLOCK, hi - b0)
        i0, i1, i2, i3 = _at(b0, present[0]), _at(b0, present[1]), _at(b0, present[2]), _at(b0, present[3])
        i4, i5, i6, i7 = _at(b0, present[4]), _at(b0, present[5]), _at(b0, present[6]), _at(b0, present[7])
        o0, o1, o2, o3 = _at(b0, w[0]), _at(b0, w[1]), _at(b0, w[2]), _at(b0, w[3])
        o4, o5, o6, o7 = _at(b0, w[4]), _at(b0, w[5]), _at(b0, w[6]), _at(b0, w[7])
        invalid, off_grid = False, 0
        for j in range(m):  # validation, CDAI, SDAI, Boolean remission, DAS28 table places
            k = numba.uint64(j)
            t, s, e, c = float(tjc[i0 + k]), float(sjc[i1 + k]), esr[i2 + k], crp[i3 + k]
            p, g = ptga[i4 + k], ega[i5 + k]
            invalid |= _row_invalid((t, s, e, c, p, g, pain[i6 + k], function[i7 + k]), ranges)
            crp_mg_dl, ptga_cm = c / crp_div, p / ptga_div
            clinical = t + s + ptga_cm + g
            sdai = clinical + crp_mg_dl
            v4[o4 + k], k4[o4 + k] = clinical, _code(clinical, bands[4])
            v5[o5 + k], k5[o5 + k] = sdai, _code(sdai, bands[5])
            k7[o7 + k] = _remission(t, s, crp_mg_dl, ptga_cm, most)
            ptga_term[j] = 0.014 * (p * ptga_mul)
            at_joint, at_esr, at_crp = _joint_slot(t, s), _esr_slot(e), _crp_slot(c * crp_mul)
            joint_at[j], esr_at[j], crp_at[j] = at_joint, at_esr, at_crp
            off_grid += (at_joint == JOINT_OFF) | (at_esr == ESR_OFF) | (at_crp == CRP_OFF)
        if invalid and first_bad < 0:
            for j in range(m):
                k = numba.uint64(j)
                row = (float(tjc[i0 + k]), float(sjc[i1 + k]), esr[i2 + k], crp[i3 + k],
                       ptga[i4 + k], ega[i5 + k], pain[i6 + k], function[i7 + k])
                if first_bad < 0 and _row_invalid(row, ranges):
                    first_bad = b0 + j
        if w[6]:
            for j in range(m):  # RAPID3
                k = numba.uint64(j)
                rapid = function[i7 + k] + pain[i6 + k] + ptga[i4 + k] / ptga_div
                v6[o6 + k], k6[o6 + k] = rapid, _code(rapid, bands[6])
        if not das28:
            continue
        for j in range(m):  # the table reads (a missing or off-grid value reads NaN)
            joints[j] = joint_table[joint_at[j]]
            ln_e[j], ln_c[j] = ln_esr[esr_at[j]], ln1p_crp[crp_at[j]]
        if off_grid:
            for j in range(m):  # the exact terms of values off the grids
                k = numba.uint64(j)
                if joint_at[j] == JOINT_OFF:
                    joints[j] = 0.56 * math.sqrt(float(tjc[i0 + k])) + 0.28 * math.sqrt(float(sjc[i1 + k]))
                if esr_at[j] == ESR_OFF:
                    ln_e[j] = math.log(esr[i2 + k])
                if crp_at[j] == CRP_OFF:
                    ln_c[j] = math.log(crp[i3 + k] * crp_mul + 1.0)
        if w[0] | w[2]:
            for j in range(m):  # DAS28-ESR and DAS28-CRP
                k = numba.uint64(j)
                das_e = joints[j] + 0.70 * ln_e[j] + ptga_term[j]
                das_c = joints[j] + 0.36 * ln_c[j] + ptga_term[j] + 0.96
                v0[o0 + k], k0[o0 + k] = das_e, _code(das_e, bands[0])
                v2[o2 + k], k2[o2 + k] = das_c, _code(das_c, bands[2])
        if w[1] | w[3]:
            for j in range(m):  # the 3-variable forms
                k = numba.uint64(j)
                das_e3 = (joints[j] + 0.70 * ln_e[j]) * 1.08 + 0.16
                das_c3 = (joints[j] + 0.36 * ln_c[j]) * 1.10 + 1.15
                v1[o1 + k], k1[o1 + k] = das_e3, _code(das_e3, bands[1])
                v3[o3 + k], k3[o3 + k] = das_c3, _code(das_c3, bands[3])
    return first_bad
