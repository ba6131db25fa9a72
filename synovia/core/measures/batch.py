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

The formulas are the scalar functions' own: the same functions of ``das28``, ``cdai_sdai``,
``rapid3`` and ``response`` (written once, for floats or arrays) with the same ``Bands`` and
tolerance; a value outside its range raises ``MeasureInputError`` naming the column, the
first offending value and its row. The engine is plain NumPy: passes over chunks of rows
that stay in cache, spread over ``workers`` threads (NumPy releases the GIL inside its
loops); the output columns are allocated once per call with ``numpy.empty`` and first
written by the worker threads, chunk by chunk, so the page faults of the new memory are
shared by the threads. Nothing is compiled, so the first call is as fast as any other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import das28, kernels, units
from synovia.core.measures.cdai_sdai import CDAI_BANDS, SDAI_BANDS, clinical_sum, sdai_sum
from synovia.core.measures.das28 import CRP_FORM, DAS28_BANDS, ESR_FORM
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.rapid3 import RAPID3_BANDS, rapid3_sum
from synovia.core.measures.response import BOOLEAN_PTGA_CM
from synovia.core.measures.result import Bands

Array = npt.NDArray[Any]

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
    out: Mapping[str, Array] | None = None,
) -> dict[str, Array]:
    """Score every visit; see the module docstring for columns, outputs and codes.

    ``measures`` defaults to every measure of ``DEFAULT_MEASURES`` whose inputs are present;
    naming a measure whose inputs are absent raises ``MeasureInputError``. ``out`` may hold
    output arrays from an earlier call of the same length, to be overwritten (as NumPy's
    ``out=``); missing or mismatched ones are allocated. ``workers`` threads (default: up
    to 2) each score chunks of ``chunk_rows`` rows.
    """
    cols = _columns(columns)
    wanted = _wanted(cols, measures)
    n = len(next(iter(cols.values()))) if cols else 0
    result = _outputs(wanted, n, out or {})
    chunk_rows = max(1, int(chunk_rows))
    spans = [(lo, min(lo + chunk_rows, n)) for lo in range(0, n, chunk_rows)]
    workers = workers or min(2, os.cpu_count() or 1)
    local = threading.local()

    def work(span: tuple[int, int]) -> None:
        if not hasattr(local, "scratch"):
            local.scratch = kernels.Scratch()
        _chunk(cols, wanted, result, span, local.scratch)

    if workers == 1 or len(spans) < 2:
        for span in spans:
            work(span)
    else:
        with ThreadPoolExecutor(workers) as executor:
            list(executor.map(work, spans))
    return result


def _outputs(wanted: tuple[str, ...], n: int, given: Mapping[str, Array]) -> dict[str, Array]:
    """The output arrays: those of ``given`` that fit, new ones otherwise."""
    shapes: dict[str, type[np.generic]] = {f"{name}_category": np.int8 for name in wanted}
    shapes |= {name: np.float64 for name in wanted if name != "boolean_remission"}
    out: dict[str, Array] = {}
    for name, dtype in shapes.items():
        array = given.get(name)
        fits = array is not None and array.shape == (n,) and array.dtype == dtype
        out[name] = array if fits and array is not None else np.empty(n, dtype)
    return out


def _columns(columns: Mapping[str, Any]) -> dict[str, Array]:
    """The known input columns as 1-D numeric arrays of one length; unknown names refused."""
    cols: dict[str, Array] = {}
    for name, column in columns.items():
        if name not in units.RANGES or name in ("tjc68", "sjc66", "haq_di"):
            raise MeasureInputError(name, "column", "a per-visit input", f"unknown column {name}")
        array = np.asarray(column)
        if array.ndim != 1 or array.dtype.kind not in "iuf":
            raise MeasureInputError(
                name,
                str(array.dtype),
                "a 1-D numeric column",
                f"column {name} must be 1-D and numeric, got {array.ndim}-D {array.dtype}",
            )
        cols[name] = array
    if len({len(a) for a in cols.values()}) > 1:
        raise MeasureInputError(
            "columns", "lengths", "columns of equal length", "columns have different lengths"
        )
    for first, second in _UNIT_PAIRS.values():
        if first in cols and second in cols:
            raise MeasureInputError(
                first,
                "column",
                f"exactly one of {first} or {second}",
                f"{first} and {second} were both given; give exactly one",
            )
    return cols


def _has(cols: Mapping[str, object], need: str) -> bool:
    return any(name in cols for name in _UNIT_PAIRS.get(need, (need,)))


def _wanted(cols: Mapping[str, object], measures: Iterable[str] | None) -> tuple[str, ...]:
    if measures is None:
        return tuple(m for m in DEFAULT_MEASURES if all(_has(cols, k) for k in NEEDS[m]))
    wanted = tuple(measures)
    for name in wanted:
        if name not in NEEDS:
            known = ", ".join(NEEDS)
            raise MeasureInputError(
                "measures", name, known, f"unknown measure {name!r} for the batch ({known})"
            )
        missing = [k for k in NEEDS[name] if not _has(cols, k)]
        if missing:
            raise MeasureInputError(missing[0], None, "a column", f"{name} needs {missing[0]}")
    return wanted


class _Chunk(dict[str, Array]):
    """The validated input columns of one chunk. CRP and PtGA in the unit not given are
    converted on first use, with the operation and factor of ``units``, into a buffer."""

    def __init__(self, scratch: kernels.Scratch, rows: int) -> None:
        super().__init__()
        self.scratch, self.rows = scratch, rows

    def __missing__(self, name: str) -> Array:
        given, ufunc, factor = _CONVERSIONS[name]
        self[name] = ufunc(self[given], factor, out=self.scratch.get(name, self.rows))
        return self[name]


_CONVERSIONS = {
    "crp_mg_l": ("crp_mg_dl", np.multiply, units.MG_L_PER_MG_DL),
    "crp_mg_dl": ("crp_mg_l", np.divide, units.MG_L_PER_MG_DL),
    "ptga_mm": ("ptga_cm", np.multiply, units.MM_PER_CM),
    "ptga_cm": ("ptga_mm", np.divide, units.MM_PER_CM),
}
"""The conversions of ``units`` (the same factor and operation), by the unit produced."""
_NEED_OF = {"crp_mg_l": "crp", "crp_mg_dl": "crp", "ptga_mm": "ptga", "ptga_cm": "ptga"}


def _chunk(
    cols: Mapping[str, Array],
    wanted: tuple[str, ...],
    out: dict[str, Array],
    span: tuple[int, int],
    scratch: kernels.Scratch,
) -> None:
    lo, hi = span
    x = _Chunk(scratch, hi - lo)
    with_nan: dict[str, Array] = {}  # the chunk's columns that hold a NaN, by input of NEEDS
    for name, column in cols.items():
        x[name], nan = kernels.checked(name, column[lo:hi], lo)
        if nan:
            with_nan[_NEED_OF.get(name, name)] = x[name]
    into = {name: column[lo:hi] for name, column in out.items()}
    if any(m.startswith("das28") for m in wanted):
        _das28(x, into, scratch)
    _clinical(x, wanted, into, scratch)
    for name in wanted:
        missing = [with_nan[k] for k in NEEDS[name] if k in with_nan]
        if name == "boolean_remission":
            kernels.boolean_codes(x, BOOLEAN_PTGA_CM[2022], into[f"{name}_category"], missing)
        else:
            kernels.codes(BANDS[name], into[name], into[f"{name}_category"], bool(missing), scratch)


def _clinical(
    x: dict[str, Array],
    wanted: tuple[str, ...],
    into: dict[str, Array],
    scratch: kernels.Scratch,
) -> None:
    """CDAI, SDAI and RAPID3 of one chunk, with the scalar code's formulas."""
    if "cdai" in wanted or "sdai" in wanted:
        rows = len(x["ega_cm"])
        clinical = into["cdai"] if "cdai" in wanted else scratch.get("clinical", rows)
        clinical_sum(x["tjc28"], x["sjc28"], x["ptga_cm"], x["ega_cm"], out=clinical)
        if "sdai" in wanted:
            sdai_sum(clinical, x["crp_mg_dl"], out=into["sdai"])
    if "rapid3" in wanted:
        rapid3_sum(x["function_cm"], x["pain_cm"], x["ptga_cm"], out=into["rapid3"])


_DAS28_FORMS = {
    "esr": ("esr_mm_h", ESR_FORM, das28.ln_esr),
    "crp": ("crp_mg_l", CRP_FORM, das28.ln_crp),
}


def _das28(x: dict[str, Array], into: dict[str, Array], scratch: kernels.Scratch) -> None:
    """The DAS28 family of one chunk, written into ``into``; the joint term is shared.

    The logarithm is written straight into the output column of the score, which the
    formula then overwrites in place (NumPy's ``out=``), so it needs no buffer of its own.
    """
    joints = kernels.joint_term(x["tjc28"], x["sjc28"], scratch)
    ptga = None
    if "das28_esr" in into or "das28_crp" in into:
        ptga = das28.ptga_term(x["ptga_mm"], out=scratch.get("ptga_term", len(joints)))
    for lab, (name, form, ln) in _DAS28_FORMS.items():
        four, three = into.get(f"das28_{lab}"), into.get(f"das28_{lab}3")
        if four is None and three is None:
            continue
        term = ln(x[name], out=four if four is not None else three)
        if three is not None:
            das28.three_variable(form, joints, term, out=three)
        if four is not None:
            das28.four_variable(form, joints, term, ptga, out=four)
