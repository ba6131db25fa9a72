"""Reading JSON from outside (files, stdin, request bodies) without surprises.

:func:`safe_json_loads` refuses, with one :class:`JsonInputError` whose message says why,
what the standard ``json.loads`` lets through or turns into a traceback:

- bytes that are not UTF-8;
- the ``NaN``, ``Infinity`` and ``-Infinity`` literals (not JSON, RFC 8259 section 6);
- numbers that do not fit a finite float (``1e400``) or integers longer than
  ``MAX_INT_DIGITS`` digits (a 400-digit integer cannot be a clinical value, and turning it
  into a float raises ``OverflowError`` far from the boundary);
- nesting deeper than ``MAX_DEPTH`` (100 000 ``[`` exhaust the recursion of the decoder and of
  every function that walks the result).
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 64
MAX_INT_DIGITS = 30


class JsonInputError(ValueError):
    """Input that is not acceptable JSON; the message says why (and where, when known)."""


def _reject_constant(name: str) -> Any:
    raise JsonInputError(f"{name} is not a JSON number (use a finite number or null)")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonInputError(f"number {text[:40]} is too large")
    return value


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonInputError(
            f"integer {text[:20]}... has {len(text.lstrip('-'))} digits (at most {MAX_INT_DIGITS})"
        )
    return int(text)


def safe_json_loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Decode ``data`` (text, or UTF-8 bytes) as strict JSON; :class:`JsonInputError` on
    anything that is not plain, finite, reasonably nested JSON."""
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonInputError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        value = json.loads(
            data,
            parse_constant=_reject_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"invalid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise JsonInputError(f"JSON nested deeper than {max_depth} levels") from None
    _check_depth(value, max_depth)
    return value


def _check_depth(value: Any, max_depth: int) -> None:
    """Walk without recursion; refuse containers nested deeper than ``max_depth``."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > max_depth:
            raise JsonInputError(f"JSON nested deeper than {max_depth} levels")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
