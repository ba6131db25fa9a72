"""Reading the analysis data set (VISITS.csv) and the time-to-event file (EVENTS.csv).

Both files have a header row; columns come in any order and extra columns are ignored.
Every value is checked where it enters, and the first problem in file order is reported as
an :class:`InputError` naming the file, the line (1 = the header) and the column (its number
in the header and its name). Surrounding spaces are ignored; an empty value is missing.

VISITS.csv (one row per patient and time point; a second row for the same pair is an
error): ``patient_id`` (1-64 characters), ``group`` (0-64 characters; empty: no group;
``all`` is reserved for everyone), ``timepoint`` (``baseline``, ``m1``, ``m6``, ``m12``),
``das28`` (0-10), ``cdai`` (0-76), ``haq_di`` (0-3): plain decimals with at most 9 decimal
places, read exactly; ``acr`` (``none``, ``ACR20``, ``ACR50``, ``ACR70``), ``eular``
(``none``, ``moderate``, ``good``), ``boolean_remission`` (``true``, ``false``).

EVENTS.csv (one row per patient): ``patient_id``, ``group``, ``time_days`` (a decimal from 0
to 100000 days since the first infusion), ``event`` (``1`` event, ``0`` censored).

Two readers, one result. The fast path hands the bytes to Polars' CSV reader (every column
read as text, strict UTF-8) when the file is plain: no quote character, no lone carriage
return, no blank line and the header's number of fields on every line (counted with NumPy over
the bytes), so Polars and Python's ``csv`` module cannot split it differently. Any doubt (a
quoted field, a Polars error, a failed check) goes to the slow path, Python's ``csv`` module
in strict mode, which keeps the line of every row and reports the first problem in file order.
Both paths give the same frame (tested with hypothesis).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from synovia.core.outcomes.endpoints import ACR_LEVELS, ALL, ALL_TIMEPOINTS, EULAR_LEVELS, SCORE

MAX_ROWS = 5_000_000
MAX_BYTES = 2**30
MAX_ID = 64
QUOTE, COMMA, LF, CR = (ord(c) for c in '",\n\r')
NUMBER = r"^[0-9]{1,6}(\.[0-9]{1,9})?$"

VISIT_COLUMNS = (
    "patient_id",
    "group",
    "timepoint",
    "das28",
    "cdai",
    "haq_di",
    "acr",
    "eular",
    "boolean_remission",
)
EVENT_COLUMNS = ("patient_id", "group", "time_days", "event")
SCORE_RANGES = {"das28": Decimal(10), "cdai": Decimal(76), "haq_di": Decimal(3)}
BOOLEANS = {"true": True, "false": False}


class InputError(ValueError):
    """A malformed input file: where (file, line, column) and what."""

    def __init__(self, file: str, line: int, column: str, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        super().__init__(f"{file}, line {line}, column {column}: {message}")


@dataclass(frozen=True)
class _Table:
    file: str
    header: list[str]
    frame: pl.DataFrame  # the wanted columns as stripped strings, plus "_line"

    def where(self, name: str) -> str:
        return f"{self.header.index(name) + 1} ({name})"

    def fail(self, row: int, name: str, message: str) -> InputError:
        return InputError(self.file, int(self.frame["_line"][row]), self.where(name), message)


def _text(path: Path, file: str) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(file, 0, "-", f"is larger than {MAX_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(file, 0, "-", f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(file, line, f"byte {column}", "is not UTF-8 text") from exc


def _open_rows(path: Path, file: str, wanted: tuple[str, ...]) -> _Table:
    reader = csv.reader(io.StringIO(_text(path, file), newline=""), strict=True)
    try:
        header, rows, lines = _read_all(reader, file)
    except csv.Error as exc:
        raise InputError(file, reader.line_num, "-", f"is not valid CSV ({exc})") from exc
    index = _check_header(header, file, wanted)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(header)
    data = {name: pl.Series(name, columns[index[name]], dtype=pl.Utf8).str.strip_chars() for name in wanted}
    frame = pl.DataFrame({**data, "_line": pl.Series("_line", lines, dtype=pl.Int64)})
    return _Table(file, header, frame)


def _quotes_standard(raw: np.ndarray, quotes: np.ndarray) -> bool:
    """Whether every quote (at the positions ``quotes``) is standard CSV quoting of a whole
    field: an opening quote (an even one in file order) at a field's start, a closing quote
    before a comma or the line's end, a quote inside written twice."""
    if quotes.size % 2:
        return False
    prev = raw[np.maximum(quotes - 1, 0)]
    prev[quotes == 0] = LF
    nxt = raw[np.minimum(quotes + 1, raw.size - 1)]
    nxt[quotes == raw.size - 1] = LF
    opening = np.arange(quotes.size) % 2 == 0
    bad_open = opening & ~np.isin(prev, (COMMA, LF, QUOTE))
    bad_close = ~opening & ~np.isin(nxt, (COMMA, LF, CR, QUOTE))
    return not (bad_open.any() or bad_close.any())


def _fields_per_line(raw: np.ndarray, quotes: np.ndarray) -> np.ndarray | None:
    """Fields on each line (commas outside quoted fields + 1), or None when a quoted field
    spans a line break."""
    breaks, commas = np.flatnonzero(raw == LF), np.flatnonzero(raw == COMMA)
    opens, closes = quotes[0::2], quotes[1::2]
    line_open, line_close = np.searchsorted(breaks, opens), np.searchsorted(breaks, closes)
    if np.any(line_open != line_close):
        return None
    edges = np.r_[0, breaks + 1, raw.size]
    per_line = np.diff(np.searchsorted(commas, edges))
    quoted = np.searchsorted(commas, closes) - np.searchsorted(commas, opens)
    inside = np.bincount(line_open, weights=quoted, minlength=per_line.size).astype(np.int64)
    return per_line - inside + 1


def _plain_header(data: bytes) -> list[str] | None:
    """The header's fields when the file can be split without doubt (standard quoting on one
    line, no lone CR, no blank line, the header's number of fields on every line, within the
    size and row limits), else None."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    body = body[:-1] if body.endswith(b"\n") else body
    raw = np.frombuffer(body, dtype=np.uint8)
    if raw.size == 0 or len(data) > MAX_BYTES:
        return None
    crs, quotes = np.flatnonzero(raw == CR), np.flatnonzero(raw == QUOTE)
    if np.any(raw[np.minimum(crs + 1, raw.size - 1)] != LF) or crs[-1:].tolist() == [raw.size - 1]:
        return None  # a lone carriage return
    if not _quotes_standard(raw, quotes):
        return None
    fields = _fields_per_line(raw, quotes)
    if fields is None or np.any(fields != fields[0]) or fields.size - 1 > MAX_ROWS:
        return None
    return _header_of(body)


def _header_of(body: bytes) -> list[str] | None:
    """The first line's fields, or None if the file has a blank line or an unusual header."""
    end = body.find(b"\n")
    first = (body if end < 0 else body[:end]).removesuffix(b"\r")
    blank = b"\n\n" in body or b"\n\r\n" in body or body.endswith(b"\n")
    if b'"' in first or blank or not first:
        return None  # a blank line (the csv module skips it, Polars reads a row of nulls)
    try:
        header = [h.strip() for h in first.decode("utf-8").split(",")]
    except UnicodeDecodeError:
        return None
    return header if any(header) else None


def _fast_rows(path: Path, file: str, wanted: tuple[str, ...]) -> _Table | None:
    """The plain file's table through Polars, or None when the slow path must decide."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _plain_header(data)
    if header is None or len(set(header) & set(wanted)) != len(wanted):
        return None
    if any(header.count(name) > 1 for name in wanted):
        return None
    try:
        read = pl.read_csv(data, has_header=True, infer_schema=False, encoding="utf8", raise_if_empty=False)
    except (pl.exceptions.PolarsError, ValueError):
        return None
    if read.width != len(header):
        return None
    columns = {
        name: read.to_series(header.index(name)).fill_null("").str.strip_chars().alias(name)
        for name in wanted
    }
    lines = pl.int_range(2, read.height + 2, dtype=pl.Int64, eager=True).alias("_line")
    return _Table(file, header, pl.DataFrame([*columns.values(), lines]))


def _table(path: Path, file: str, wanted: tuple[str, ...], checks: list[tuple[str, pl.Expr, str]]) -> _Table:
    """The checked table: fast when the file is plain and passes, else from the csv module,
    which raises the first problem with its line."""
    fast = _fast_rows(path, file, wanted)
    if fast is not None and _first_failure(fast, checks) is None:
        return fast
    table = _open_rows(path, file, wanted)
    _first(table, checks)
    return table


def _read_all(reader: Any, file: str) -> tuple[list[str], list[list[str]], list[int]]:
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise InputError(file, 1, "-", "has no header row")
    width = len(header)
    rows: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        if not row:
            continue  # a blank line
        if len(row) != width:
            column = min(len(row), width) + 1
            raise InputError(file, reader.line_num, str(column), f"{len(row)} fields, the header has {width}")
        if len(rows) >= MAX_ROWS:
            raise InputError(file, reader.line_num, "-", f"more than {MAX_ROWS} rows")
        rows.append(row)
        lines.append(reader.line_num)
    return [h.strip() for h in header], rows, lines


def _check_header(header: list[str], file: str, wanted: tuple[str, ...]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in seen and name in wanted:
            raise InputError(file, 1, f"{i + 1} ({name})", f"column {name!r} appears twice")
        seen.setdefault(name, i)
    for name in wanted:
        if name not in seen:
            raise InputError(file, 1, f"{len(header) + 1} ({name})", f"missing column {name!r}")
    return seen


def _first_failure(table: _Table, checks: list[tuple[str, pl.Expr, str]]) -> InputError | None:
    """The first failing check in file order (then in header order within a row), or None."""
    found = table.frame.select(
        [bad.fill_null(False).arg_true().first().alias(str(i)) for i, (_, bad, _) in enumerate(checks)]
    ).row(0)
    worst: tuple[int, int, str, str] | None = None
    for hit, (name, _, message) in zip(found, checks, strict=True):
        if hit is None:
            continue
        key = (int(hit), table.header.index(name), name, message)
        if worst is None or key[:2] < worst[:2]:
            worst = key
    return None if worst is None else table.fail(worst[0], worst[2], worst[3])


def _first(table: _Table, checks: list[tuple[str, pl.Expr, str]]) -> None:
    """Raise the first failing check in file order (then in header order within a row)."""
    error = _first_failure(table, checks)
    if error is not None:
        raise error


def _empty(name: str) -> pl.Expr:
    return pl.col(name) == ""


def _id_checks(name: str, required: bool) -> list[tuple[str, pl.Expr, str]]:
    length = pl.col(name).str.len_chars()
    checks = [(name, length > MAX_ID, f"longer than {MAX_ID} characters")]
    if required:
        checks.append((name, _empty(name), "is empty"))
    else:
        checks.append((name, pl.col(name) == ALL, f"{ALL!r} is reserved for the whole cohort"))
    return checks


def _choice(name: str, allowed: tuple[str, ...]) -> tuple[str, pl.Expr, str]:
    bad = ~_empty(name) & ~pl.col(name).is_in(list(allowed))
    return name, bad, f"must be one of {', '.join(allowed)} (or empty)"


def _number_checks(name: str, high: Decimal) -> list[tuple[str, pl.Expr, str]]:
    text = pl.col(name)
    malformed = ~_empty(name) & ~text.str.contains(NUMBER)
    value = pl.when(malformed | _empty(name)).then(None).otherwise(text).cast(SCORE, strict=False)
    return [
        (name, malformed, "must be a plain decimal number with at most 9 decimal places"),
        (name, value > pl.lit(high, dtype=SCORE), f"must be between 0 and {high}"),
    ]


def _score(name: str) -> pl.Expr:
    return pl.when(_empty(name)).then(None).otherwise(pl.col(name)).cast(SCORE).alias(name)


def _nullable(name: str) -> pl.Expr:
    return pl.when(_empty(name)).then(None).otherwise(pl.col(name)).alias(name)


def read_visits(path: str | Path) -> pl.DataFrame:
    """VISITS.csv as the analysis frame of ``endpoints.SCHEMA`` (``InputError`` if malformed)."""
    file = str(path)
    checks = [*_id_checks("patient_id", True), *_id_checks("group", False)]
    checks.append(_choice("timepoint", ALL_TIMEPOINTS))
    checks.append(("timepoint", _empty("timepoint"), f"must be one of {', '.join(ALL_TIMEPOINTS)}"))
    for name, high in SCORE_RANGES.items():
        checks += _number_checks(name, high)
    checks += [
        _choice("acr", ACR_LEVELS),
        _choice("eular", EULAR_LEVELS),
        _choice("boolean_remission", ("true", "false")),
    ]
    twice = ~pl.struct("patient_id", "timepoint").is_first_distinct()
    checks.append(("timepoint", twice, "a second row for this patient and time point"))
    table = _table(Path(path), file, VISIT_COLUMNS, checks)
    frame = table.frame.select(
        "patient_id",
        _nullable("group"),
        "timepoint",
        *[_score(name) for name in SCORE_RANGES],
        _nullable("acr"),
        _nullable("eular"),
        _nullable("boolean_remission").replace_strict(BOOLEANS, default=None, return_dtype=pl.Boolean),
    )
    return frame


def read_events(path: str | Path) -> pl.DataFrame:
    """EVENTS.csv as columns patient_id, group (null: none), time_days (float), event (0/1)."""
    file = str(path)
    checks = [*_id_checks("patient_id", True), *_id_checks("group", False)]
    text = pl.col("time_days")
    malformed = ~text.str.contains(NUMBER)
    checks.append(("time_days", malformed, "must be a number of days >= 0 (at most 9 decimal places)"))
    checks.append(("time_days", text.cast(pl.Float64, strict=False) > 100_000, "must be at most 100000 days"))
    checks.append(("event", ~pl.col("event").is_in(["0", "1"]), "must be 1 (event) or 0 (censored)"))
    checks.append(("patient_id", ~pl.col("patient_id").is_first_distinct(), "a second row for this patient"))
    table = _table(Path(path), file, EVENT_COLUMNS, checks)
    return table.frame.select(
        "patient_id",
        _nullable("group"),
        pl.col("time_days").cast(pl.Float64),
        pl.col("event").cast(pl.Int64),
    )
