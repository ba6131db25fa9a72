"""The ``synovia measures`` command: JSON Lines in, one JSON line out per line, in order.

Input line: ``{"measure": NAME, ...inputs}`` with the inputs named as the keyword
arguments of the measure (units in the names). Output line: ``{"value": number or null,
"category": string or null}``, or ``{"error": message}`` for a line that cannot be
computed (bad JSON, unknown measure, unknown or missing input, value out of range, a
quantity given in two units). The run goes on after an error; the exit code is 0 when
every line was computed and 2 otherwise.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from synovia.core.measures import units
from synovia.core.measures.cdai_sdai import cdai, sdai
from synovia.core.measures.classification import acr_eular_2010
from synovia.core.measures.das28 import das28_crp, das28_crp3, das28_esr, das28_esr3
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.haq_di import haq_di
from synovia.core.measures.rapid3 import rapid3
from synovia.core.measures.response import acr_response, boolean_remission, eular_response
from synovia.core.measures.result import MeasureResult

MEASURES: dict[str, Callable[..., MeasureResult]] = {
    f.__name__: f
    for f in (
        das28_esr,
        das28_esr3,
        das28_crp,
        das28_crp3,
        cdai,
        sdai,
        haq_di,
        rapid3,
        eular_response,
        acr_response,
        boolean_remission,
        acr_eular_2010,
    )
}
"""Every measure the command knows, by the name used in the ``measure`` field."""

EXIT_OK = 0
EXIT_SOME_FAILED = 2


@functools.cache
def _parameters(name: str) -> Mapping[str, inspect.Parameter]:
    return inspect.signature(MEASURES[name]).parameters


def _check_names(name: str, inputs: dict[str, object]) -> None:
    """Refuse inputs the measure does not take and required inputs that are absent."""
    params = _parameters(name)
    for key, value in inputs.items():
        if key not in params:
            accepted = ", ".join(params)
            raise MeasureInputError(
                key, value, accepted, f"{key} is not an input of {name} (inputs: {accepted})"
            )
    for key, param in params.items():
        if param.default is inspect.Parameter.empty and key not in inputs:
            rng = units.RANGES.get(key)
            hint = f" (allowed {rng})" if rng else ""
            raise MeasureInputError(key, None, str(rng or "required"), f"{key} is missing{hint}")


def compute_line(line: str) -> MeasureResult:
    """Parse one input line and compute its measure; raises ``MeasureInputError``."""
    if not line.strip():
        raise MeasureInputError("line", line, "a JSON object", "empty line")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise MeasureInputError("line", line, "a JSON object", f"invalid JSON: {error}") from None
    if not isinstance(data, dict):
        raise MeasureInputError("line", data, "a JSON object", "a line must be a JSON object")
    name = data.pop("measure", None)
    if not isinstance(name, str) or name not in MEASURES:
        known = ", ".join(MEASURES)
        raise MeasureInputError("measure", name, known, f"unknown measure {name!r} ({known})")
    _check_names(name, data)
    return MEASURES[name](**data)


def _output(line: str) -> tuple[dict[str, object], bool]:
    try:
        result = compute_line(line)
    except MeasureInputError as error:
        return {"error": str(error)}, False
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        # a safety net: malformed input that slipped past validation still gets its line
        return {"error": f"invalid input: {error}"}, False
    return {"value": result.value, "category": result.category}, True


def run(lines: Iterable[str], out: TextIO) -> int:
    """Compute every line of ``lines`` and write one JSON line each to ``out``.

    Returns the exit code: 0 when every line was computed, 2 otherwise.
    """
    all_ok = True
    for line in lines:
        payload, ok = _output(line)
        all_ok = all_ok and ok
        out.write(json.dumps(payload, allow_nan=False) + "\n")
        out.flush()
    return EXIT_OK if all_ok else EXIT_SOME_FAILED
