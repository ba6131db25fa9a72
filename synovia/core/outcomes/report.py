"""The outcomes report over a cohort's analysis data set: filters, groups, response tables
with small-cell suppression, differences between groups, trajectories, survival and
adverse-event rates. Every number here comes from the same functions as ``synovia outcomes``.

Small cells (disclosure control): a count of 1 to 4 patients, or a denominator under 5, is
not shown ("<5"), nor anything computed from it (its percentage, interval or difference);
a trajectory point or a survival curve step with fewer than 5 patients is not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from synovia.core.outcomes import survival
from synovia.core.outcomes.derive import Dataset
from synovia.core.outcomes.endpoints import ALL, ALL_TIMEPOINTS, enrolled, met_wide, table_of
from synovia.core.outcomes.intervals import Difference, mean_ci, newcombe, rate_per_100py

SMALL = 5
"""Cells with fewer patients than this are suppressed."""

GROUPINGS = {"source": "source", "route": "route", "origin": "origin", "none": None}
FILTERS = ("clinic", "source", "origin", "route", "dose_band", "infusions", "baseline_activity", "period")


def small(count: int | None) -> bool:
    """True when ``count`` patients must not be shown (1 to 4)."""
    return count is not None and 0 < count < SMALL


@dataclass(frozen=True)
class Filters:
    """Values chosen in the report's filters (``None``: any)."""

    clinic: str | None = None
    source: str | None = None
    origin: str | None = None
    route: str | None = None
    dose_band: str | None = None
    infusions: int | None = None
    baseline_activity: str | None = None
    period: int | None = None


def apply(data: Dataset, filters: Filters) -> Dataset:
    """The data set restricted to subjects matching every chosen filter."""
    subjects = data.subjects
    for name in FILTERS:
        value = getattr(filters, name)
        if value is not None:
            subjects = subjects.filter(pl.col(name) == value)
    keep = subjects.select("patient_id")
    return replace(
        data,
        subjects=subjects,
        visits=data.visits.join(keep, on="patient_id", how="semi"),
        flare=data.flare.join(keep, on="patient_id", how="semi"),
        retreatment=data.retreatment.join(keep, on="patient_id", how="semi"),
        adverse_events=data.adverse_events.join(keep, on="patient_id", how="semi"),
    )


def _groups(data: Dataset, by: str | None) -> pl.DataFrame:
    column = pl.lit(None, dtype=pl.Utf8) if by is None else pl.col(by).cast(pl.Utf8)
    return data.subjects.select("patient_id", column.alias("group"))


def visits_export(data: Dataset, by: str | None) -> pl.DataFrame:
    """VISITS.csv of ``synovia outcomes`` (plus the day since the first infusion)."""
    frame = _grouped_visits(data, by).with_columns(pl.col("patient_id").cast(pl.Utf8))
    return frame.select(
        "patient_id",
        "group",
        "timepoint",
        "das28",
        "cdai",
        "haq_di",
        "acr",
        "eular",
        "boolean_remission",
        "day",
    )


def _grouped_visits(data: Dataset, by: str | None) -> pl.DataFrame:
    return data.visits.join(_groups(data, by), on="patient_id")


def events_export(events: pl.DataFrame, data: Dataset, by: str | None) -> pl.DataFrame:
    """EVENTS.csv of ``synovia outcomes`` for a time-to-event frame of the data set."""
    frame = events.join(_groups(data, by), on="patient_id").with_columns(pl.col("patient_id").cast(pl.Utf8))
    return frame.select("patient_id", "group", "time_days", "event")


@dataclass(frozen=True)
class Cell:
    """One rate as shown: n/N, rate and interval, or suppressed."""

    n: int
    total: int
    rate: float | None
    low: float | None
    high: float | None

    @property
    def suppressed(self) -> bool:
        return self.total < SMALL or small(self.n)


Grid = dict[tuple[str, str, str, str], Cell]


def cells(data: Dataset, by: str | None) -> Grid:
    """(group, time point, endpoint, analysis) -> Cell, for ``all`` and each group."""
    return cells_by(data, (by,))[by]


def cells_by(data: Dataset, groupings: tuple[str | None, ...]) -> dict[str | None, Grid]:
    """:func:`cells` for each of ``groupings``: the endpoints are evaluated once (they do not
    depend on the grouping) and counted per grouping."""
    visits = _grouped_visits(data, None)
    wide = met_wide(visits).drop("group")
    base = visits.filter(pl.col("timepoint") == "baseline").drop("group")
    out = {}
    for by in groupings:
        groups = _groups(data, by)
        counts = enrolled(base.join(groups, on="patient_id"))
        table = table_of(wide.join(groups, on="patient_id"), counts)
        columns = [table[c].to_list() for c in ("group", "timepoint", "endpoint", "analysis")]
        values = [table[c].to_list() for c in ("n", "N", "rate", "ci_low", "ci_high")]
        out[by] = {
            key: Cell(*v)
            for key, v in zip(zip(*columns, strict=True), zip(*values, strict=True), strict=True)
        }
    return out


def difference(a: Cell, b: Cell) -> Difference | None:
    """``a - b`` with Newcombe's interval; ``None`` when either side is suppressed."""
    if a.suppressed or b.suppressed:
        return None
    return newcombe(a.n, a.total, b.n, b.total)


@dataclass(frozen=True)
class Comparison:
    """Groups side by side at one time point (NRI), each against the rest of the cohort."""

    by: str
    timepoint: str
    groups: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def compare(
    data: Dataset, by: str, timepoint: str, endpoints: tuple[str, ...], grouped: Grid | None = None
) -> Comparison:
    """Each group's NRI rate beside the rest of the cohort's, with the difference
    (``grouped``: :func:`cells` of ``data`` by ``by`` when already computed)."""
    grouped = cells(data, by) if grouped is None else grouped
    groups = sorted({k[0] for k in grouped} - {ALL})
    rows = []
    for endpoint in endpoints:
        everyone = grouped[(ALL, timepoint, endpoint, "nri")]
        entry: dict[str, Any] = {"endpoint": endpoint, "cells": [], "differences": []}
        for g in groups:
            mine = grouped[(g, timepoint, endpoint, "nri")]
            rest = Cell(everyone.n - mine.n, everyone.total - mine.total, None, None, None)
            entry["cells"].append(mine)
            entry["differences"].append(difference(mine, rest))
        rows.append(entry)
    return Comparison(by, timepoint, groups, rows)


def trajectory(data: Dataset, by: str | None, score: str) -> list[dict[str, Any]]:
    """Mean with 95 % t interval per group and time point (points under 5 patients dropped)."""
    return trajectories(data, by, (score,))[score]


def trajectories(data: Dataset, by: str | None, scores: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """:func:`trajectory` of each of ``scores`` from one grouping of the visits. The rows are
    split once by time point and once by group and time point (each part keeps the rows'
    order, so every mean is summed in the same order as over the filtered rows)."""
    frame = _grouped_visits(data, by).select("group", "timepoint", *scores)
    names = [ALL, *sorted(frame["group"].drop_nulls().unique().to_list())]
    out: dict[str, list[dict[str, Any]]] = {}
    for score in scores:
        values = frame.select("group", "timepoint", pl.col(score).cast(pl.Float64).alias("value")).drop_nulls(
            "value"
        )
        everyone = _parts(values, ["timepoint"])
        per_group = _parts(values.drop_nulls("group"), ["group", "timepoint"])
        out[score] = []
        for g in names:
            for t in ALL_TIMEPOINTS:
                part = everyone.get((t,)) if g == ALL else per_group.get((g, t))
                m = mean_ci(np.empty(0) if part is None else part)
                if m.n >= SMALL:
                    out[score].append(
                        {"group": g, "timepoint": t, "n": m.n, "mean": m.mean, "low": m.low, "high": m.high}
                    )
    return out


def _parts(frame: pl.DataFrame, keys: list[str]) -> dict[tuple[Any, ...], npt.NDArray[np.float64]]:
    """The ``value`` column split by ``keys``, each part in the frame's order."""
    split = frame.partition_by(keys, as_dict=True, maintain_order=True)
    return {key: part["value"].to_numpy() for key, part in split.items()}


def curves(events: pl.DataFrame, data: Dataset, by: str | None) -> dict[str, survival.Curve]:
    """Kaplan-Meier curves for ``all`` and each group of at least 5 patients."""
    frame = events.join(_groups(data, by), on="patient_id")
    parts = frame.drop_nulls("group").partition_by("group", as_dict=True, maintain_order=True)
    out = {}
    for g, rows in [(ALL, frame), *sorted((key[0], part) for key, part in parts.items())]:
        if rows.height >= SMALL:
            out[g] = survival.kaplan_meier(rows["time_days"].to_numpy(), rows["event"].to_numpy())
    return out


def adverse_event_rates(data: Dataset) -> list[dict[str, Any]]:
    """Events per 100 patient-years of follow-up by CTCAE grade and relatedness."""
    patient_days = float(data.subjects["last_day"].sum() or 0)
    ae = data.adverse_events
    out = []
    for grade in range(1, 6):
        for related in (True, False):
            rows = ae.filter((pl.col("grade") == grade) & (pl.col("related") == related))
            patients = rows["patient_id"].n_unique()
            rate = rate_per_100py(rows.height, patient_days)
            out.append(
                {"grade": grade, "related": related, "patients": patients, "events": rows.height,
                 "rate": rate, "suppressed": small(patients)}
            )  # fmt: skip
    return out


def numbers_at_risk(curve: survival.Curve, times: list[float]) -> list[int | None]:
    """Patients at risk at each time, ``None`` where 1-4 (suppressed)."""
    counts = survival.at_risk(curve, np.asarray(times, dtype=float)).tolist()
    return [None if small(c) else int(c) for c in counts]
