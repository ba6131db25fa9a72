"""Screen many patients at once: facts as Polars columns, each rule compiled to an expression.

Every criterion of every trial becomes one ``Int8`` column of status codes (:data:`CODES`),
computed for all patients together; trial verdicts are then row-wise reductions over those
columns. The result equals :func:`synovia.core.eligibility.evaluate.match_trial` for each
patient (the test suite holds the two to each other with generated patients).

A facts table (Parquet or CSV) has one column per fact (any subset) and optionally a
``patient_id`` column. In CSV, an empty cell is unknown, booleans are ``true``/``false``,
list facts are ``;``-separated names and a ``since`` fact may say ``never``. In Parquet,
``since`` facts hold ``inf`` for never and list facts are lists of strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from synovia.core.eligibility.evaluate import Status, Verdict
from synovia.core.eligibility.facts import (
    FACTS,
    FAILED_REASONS,
    ITEM_FIELDS,
    FactsError,
    FactSpec,
    Item,
    PatientFacts,
    normalise_name,
)
from synovia.core.eligibility.parsing import ParsedCriterion
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Exposure,
    Flag,
    History,
    InList,
    Not,
    Note,
    Review,
    Rule,
    Site,
)
from synovia.core.jsonsafe import JsonInputError, safe_json_loads

CODES: dict[Status, int] = {Status.MET: 0, Status.NOT_MET: 1, Status.UNKNOWN: 2, Status.REVIEW: 3}
STATUS_OF_CODE: dict[int, Status] = {code: status for status, code in CODES.items()}
VERDICT_CODES: dict[Verdict, int] = {
    Verdict.ELIGIBLE: 0,
    Verdict.POSSIBLY_ELIGIBLE: 1,
    Verdict.NOT_ELIGIBLE: 2,
}
ID_COLUMN = "patient_id"
MET, NOT_MET, UNKNOWN, REVIEW = (pl.lit(CODES[s], dtype=pl.Int8) for s in Status)

Catalog = Sequence[tuple[str, Sequence[ParsedCriterion]]]


@dataclass(frozen=True)
class BatchResult:
    """Statuses (one column per criterion) and verdicts (one column per trial)."""

    columns: tuple[tuple[str, int], ...]
    statuses: pl.DataFrame
    verdicts: pl.DataFrame


def _item_dtype(fact: str) -> pl.DataType:
    fields: dict[str, pl.DataType] = {"name": pl.String()}
    for name, kind in ITEM_FIELDS[fact].items():
        fields[name] = pl.Float64() if kind == "number" else pl.String()
    return pl.List(pl.Struct(fields))


def _dtype(spec: FactSpec) -> pl.DataType:
    if spec.kind == "history":
        return _item_dtype(spec.name)
    if spec.kind in ("number", "since"):
        return pl.Float64()
    if spec.kind == "boolean":
        return pl.Boolean()
    if spec.kind == "sex":
        return pl.String()
    return pl.List(pl.String())


def facts_frame(patients: Sequence[PatientFacts]) -> pl.DataFrame:
    """A table of facts, one row per patient, one column per known fact."""
    data = {
        name: pl.Series(name, [_cell(p.get(name)) for p in patients], dtype=_dtype(spec))
        for name, spec in FACTS.items()
    }
    return pl.DataFrame(data)


def _cell(value: object) -> object:
    if isinstance(value, tuple):
        return [{"name": v.name, **dict(v.fields)} if isinstance(v, Item) else v for v in value]
    return value


def read_facts_table(path: Path | str) -> pl.DataFrame:
    """Facts from Parquet or CSV; :class:`FactsError` names an unknown or malformed column."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".parquet":
            frame = pl.read_parquet(path)
        else:
            frame = pl.read_csv(path, infer_schema=False)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise FactsError(f"cannot read facts table {path}: {exc}") from exc
    return validate_frame(frame)


def validate_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Check column names and convert each fact column to its kind's type."""
    for name in frame.columns:
        if name != ID_COLUMN and name not in FACTS:
            raise FactsError(f"unknown fact: {name!r}")
    converted = [_convert(frame[name], FACTS[name]) for name in frame.columns if name != ID_COLUMN]
    keep = [frame[ID_COLUMN]] if ID_COLUMN in frame.columns else []
    return pl.DataFrame(keep + converted)


def _convert(series: pl.Series, spec: FactSpec) -> pl.Series:
    if series.dtype == pl.String:
        series = _from_text(series, spec)
    try:
        series = series.cast(_dtype(spec), strict=True)
    except pl.exceptions.PolarsError as exc:
        raise FactsError(f"fact {spec.name!r} has values that are not {spec.kind}") from exc
    if spec.kind in ("number", "since"):
        _check_range(series, spec)
    return series


def _check_range(series: pl.Series, spec: FactSpec) -> None:
    values = series.drop_nulls()
    finite_ok = spec.kind == "since" or values.is_finite().all()
    if not finite_ok or not values.is_between(spec.low, spec.high).all():
        raise FactsError(f"fact {spec.name!r} has values outside {spec.low:g}-{spec.high:g} {spec.unit}")


def _from_text(series: pl.Series, spec: FactSpec) -> pl.Series:
    text = series.str.strip_chars().replace("", None)
    if spec.kind == "history":
        return _history_from_json(text, spec)
    if spec.kind == "since":
        return text.replace({"never": "inf"})
    if spec.kind == "boolean":
        lowered = text.str.to_lowercase()
        bad = lowered.drop_nulls().filter(~lowered.drop_nulls().is_in(["true", "false"]))
        if len(bad):
            raise FactsError(f"fact {spec.name!r} must be true or false, got {bad[0]!r}")
        return lowered == "true"
    if spec.kind == "list":
        return (
            text.str.split(";")
            .list.eval(pl.element().str.strip_chars())
            .list.eval(pl.element().filter(pl.element() != ""))
        )
    return text


def _history_from_json(text: pl.Series, spec: FactSpec) -> pl.Series:
    """A history column given as JSON arrays in CSV cells, each validated as a fact."""
    cells: list[object] = []
    for cell in text.to_list():
        if cell is None:
            cells.append(None)
            continue
        try:
            data = safe_json_loads(cell.encode())
        except JsonInputError as exc:
            raise FactsError(f"fact {spec.name!r} must be a JSON list of items: {exc}") from exc
        cells.append(_cell(PatientFacts.from_dict({spec.name: data}).get(spec.name)))
    return pl.Series(spec.name, cells, dtype=_dtype(spec))


def prepare(frame: pl.DataFrame) -> pl.DataFrame:
    """Add absent fact columns as unknown, normalise lists, derive male -> not pregnant."""
    missing = [
        pl.lit(None, dtype=_dtype(spec)).alias(name)
        for name, spec in FACTS.items()
        if name not in frame.columns
    ]
    frame = frame.with_columns(missing)
    lists = [
        pl.col(name).list.eval(pl.element().str.to_lowercase().str.replace_all("-", " "))
        for name, spec in FACTS.items()
        if spec.kind == "list"
    ]
    male = pl.col("sex") == "male"
    derived = [
        pl.when(pl.col(n).is_null() & male).then(False).otherwise(pl.col(n)).alias(n)
        for n in ("pregnant", "lactating")
    ]
    return frame.with_columns(lists).with_columns(derived)


def _decided(value: pl.Expr, ok: pl.Expr) -> pl.Expr:
    return pl.when(value.is_null()).then(UNKNOWN).when(ok).then(MET).otherwise(NOT_MET)


def _names_regex(names: tuple[str, ...]) -> str:
    words = "|".join(re.escape(normalise_name(n)).replace("\\ ", " ") for n in names)
    return rf"\b(?:{words})\b"


def _in_list(rule: InList) -> pl.Expr:
    column = pl.col(rule.fact)
    if rule.names:
        hit = column.list.eval(pl.element().str.contains(_names_regex(rule.names))).list.any()
    else:
        hit = column.list.len() > 0
    decided = _decided(column, hit)
    asked = f"{rule.fact}_asked"
    if asked not in FACTS:
        return decided
    # as ``evaluate.covered``: every rule name holds, as a whole word, something asked about
    covered = pl.lit(bool(rule.names))
    for name in rule.names:
        word = normalise_name(name)
        pattern = pl.concat_str(pl.lit(r"\b(?:"), pl.element().str.escape_regex(), pl.lit(r")\b"))
        covered = covered & pl.col(asked).list.eval(pl.lit(word).str.contains(pattern)).list.any()
    unasked = column.is_not_null() & ~hit & pl.col(asked).is_not_null() & ~covered.fill_null(False)
    return pl.when(unasked).then(UNKNOWN).otherwise(decided)


_YES, _NO, _MAYBE = 0, 1, 2


def _tri_and(parts: list[pl.Expr]) -> pl.Expr:
    """Per item: 0 yes, 1 no, 2 unknown; no wins, then unknown."""
    if not parts:
        return pl.lit(_YES, dtype=pl.Int8)
    no = pl.any_horizontal([p == _NO for p in parts])
    maybe = pl.any_horizontal([p == _MAYBE for p in parts])
    return (
        pl.when(no)
        .then(pl.lit(_NO, dtype=pl.Int8))
        .when(maybe)
        .then(pl.lit(_MAYBE, dtype=pl.Int8))
        .otherwise(pl.lit(_YES, dtype=pl.Int8))
    )


def _tri(ok: pl.Expr) -> pl.Expr:
    """A boolean expression as yes/no, null as unknown."""
    return (
        pl.when(ok.is_null())
        .then(pl.lit(_MAYBE, dtype=pl.Int8))
        .when(ok)
        .then(pl.lit(_YES, dtype=pl.Int8))
        .otherwise(pl.lit(_NO, dtype=pl.Int8))
    )


def _field(name: str) -> pl.Expr:
    return pl.element().struct.field(name)


def _item_name() -> pl.Expr:
    return (
        _field("name")
        .str.to_lowercase()
        .str.replace_all("-", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def _exposure_checks(rule: Exposure) -> list[pl.Expr]:
    stopped, started = _field("stopped_weeks_ago"), _field("started_weeks_ago")
    current = stopped.is_null()
    checks: list[pl.Expr] = []
    if rule.usage == "current":
        checks.append(_tri(current))
    elif rule.usage == "within" and rule.within_weeks is not None:
        checks.append(_tri(current | (stopped <= rule.within_weeks)))
    if rule.failed:
        reason = _field("stop_reason")
        checks.append(_tri(pl.when(reason.is_not_null()).then(reason.is_in(sorted(FAILED_REASONS)))))
    if rule.min_weeks is not None:
        checks.append(_tri(started - stopped.fill_null(0.0) >= rule.min_weeks))
    if rule.stable_weeks is not None:
        since = _field("dose_changed_weeks_ago").fill_null(started)
        checks.append(_tri_and([_tri(current), _tri(since >= rule.stable_weeks)]))
    if rule.dose_op is not None and rule.dose is not None:
        dose, unit = _field("dose"), _field("dose_unit")
        ok = {
            "<": dose < rule.dose,
            "<=": dose <= rule.dose,
            ">": dose > rule.dose,
            ">=": dose >= rule.dose,
            "==": dose == rule.dose,
        }[rule.dose_op]
        known = dose.is_not_null() & (unit == (rule.dose_unit or "")).fill_null(False)
        checks.append(_tri(pl.when(known).then(ok)))
    if rule.routes:
        route = _field("route")
        checks.append(_tri(pl.when(route.is_not_null()).then(route.is_in(list(rule.routes)))))
    return checks


def _counted(fact: str, names: tuple[str, ...], checks: list[pl.Expr], at_least: int) -> pl.Expr:
    column = pl.col(fact)
    matched = _item_name().str.contains(_names_regex(names)) if names else pl.lit(True)
    verdict = _tri_and(checks)
    yes = (
        column.list.eval(pl.when(matched & (verdict == _YES)).then(_item_name()))
        .list.drop_nulls()
        .list.n_unique()
    )
    maybe = (
        column.list.eval(pl.when(matched & (verdict != _NO)).then(_item_name()))
        .list.drop_nulls()
        .list.n_unique()
    )
    return (
        pl.when(column.is_null())
        .then(UNKNOWN)
        .when(yes >= at_least)
        .then(MET)
        .when(maybe >= at_least)
        .then(UNKNOWN)
        .otherwise(NOT_MET)
    )


def _exposure(rule: Exposure) -> pl.Expr:
    return _counted("drug_history", rule.names, _exposure_checks(rule), rule.at_least)


def _history(rule: History) -> pl.Expr:
    checks: list[pl.Expr] = []
    if rule.excluded:
        checks.append(_tri(~_item_name().str.contains(_names_regex(rule.excluded))))
    if rule.within_years is not None:
        checks.append(_tri(_field("years_ago") <= rule.within_years))
    return _counted(rule.fact, rule.names, checks, 1)


def _compare(rule: Compare) -> pl.Expr:
    column, value = pl.col(rule.fact), rule.value
    checks = {
        "<": column < value,
        "<=": column <= value,
        ">": column > value,
        ">=": column >= value,
        "==": column == value,
    }
    return _decided(column, checks[rule.op])


def _join(parts: tuple[Rule, ...], decisive: pl.Expr, fallback: pl.Expr) -> pl.Expr:
    codes = [compile_rule(p) for p in parts]
    return (
        pl.when(pl.any_horizontal([c == decisive for c in codes]))
        .then(decisive)
        .when(pl.any_horizontal([c == REVIEW for c in codes]))
        .then(REVIEW)
        .when(pl.any_horizontal([c == UNKNOWN for c in codes]))
        .then(UNKNOWN)
        .otherwise(fallback)
    )


def compile_rule(rule: Rule) -> pl.Expr:  # noqa: PLR0911 (one return per node type)
    """A Polars expression giving the status code of ``rule`` for every row."""
    match rule:
        case Compare():
            return _compare(rule)
        case Equals(fact, value):
            return _decided(pl.col(fact), pl.col(fact) == value)
        case Flag(fact):
            return _decided(pl.col(fact), pl.col(fact))
        case InList():
            return _in_list(rule)
        case Not(inner):
            code = compile_rule(inner)
            return pl.when(code == MET).then(NOT_MET).when(code == NOT_MET).then(MET).otherwise(code)
        case AllOf(parts):
            return _join(parts, NOT_MET, MET)
        case AnyOf(parts):
            return _join(parts, MET, NOT_MET)
        case Note():
            return MET
        case Review() | Site():
            return REVIEW
        case Exposure():
            return _exposure(rule)
        case History():
            return _history(rule)


def _criterion_expr(criterion: ParsedCriterion) -> pl.Expr:
    if isinstance(criterion.rule, Note) and criterion.kind == "exclusion":
        return NOT_MET
    return compile_rule(criterion.rule)


def screen(frame: pl.DataFrame, catalog: Catalog) -> BatchResult:
    """Status of every criterion and verdict of every trial for every row of ``frame``."""
    prepared = prepare(validate_frame(frame))
    columns = tuple((trial_id, i) for trial_id, criteria in catalog for i in range(len(criteria)))
    exprs = [
        _criterion_expr(c).cast(pl.Int8).alias(f"{trial_id}#{i}")
        for trial_id, criteria in catalog
        for i, c in enumerate(criteria)
    ]
    statuses = prepared.lazy().select(exprs).collect()
    verdicts = statuses.select([_verdict(trial_id, criteria) for trial_id, criteria in catalog])
    return BatchResult(columns, statuses, verdicts)


def _verdict(trial_id: str, criteria: Sequence[ParsedCriterion]) -> pl.Expr:
    cols = [(c.kind, pl.col(f"{trial_id}#{i}")) for i, c in enumerate(criteria)]
    against = [col == (NOT_MET if kind == "inclusion" else MET) for kind, col in cols]
    open_ = [(col == UNKNOWN) | (col == REVIEW) for _, col in cols]
    if not cols:
        return pl.lit(VERDICT_CODES[Verdict.ELIGIBLE], dtype=pl.Int8).alias(trial_id)
    codes = {v: pl.lit(c, dtype=pl.Int8) for v, c in VERDICT_CODES.items()}
    return (
        pl.when(pl.any_horizontal(against))
        .then(codes[Verdict.NOT_ELIGIBLE])
        .when(pl.any_horizontal(open_))
        .then(codes[Verdict.POSSIBLY_ELIGIBLE])
        .otherwise(codes[Verdict.ELIGIBLE])
        .alias(trial_id)
    )
