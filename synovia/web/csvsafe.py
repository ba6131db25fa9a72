"""CSV that a spreadsheet opens as data, never as formulas (CSV/formula injection).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` in a record number
becomes a link that leaks data). :func:`safe_cell` prefixes such a text cell with a single
quote, which the spreadsheet shows as text (OWASP, "CSV Injection"). Numbers are written as
they are: a negative number is data, not a formula. Every CSV writer of the project writes
through :func:`writer` (``csv``) or :func:`safe_frame` (Polars ``write_csv``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> object:
    """``value``, with a leading quote when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows pass through :func:`safe_cell`."""

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with :func:`safe_cell` applied to every text column (for ``write_csv``)."""
    starts = "^[" + "".join(re.escape(c) for c in FORMULA_STARTS) + "]"
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def writer(out: _Writable) -> SafeWriter:
    """A CSV writer on ``out`` that neutralises formulas in every text cell."""
    return SafeWriter(out)
