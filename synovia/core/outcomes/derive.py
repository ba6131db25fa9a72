"""From registry columns to the analysis data set: subjects, time points, responses, events.

Input: one Polars frame per family of rows as read from the registry (``patients``,
``programs``, ``infusions``, ``visits``, ``adverse_events``; column names below). Output:

* ``subjects``: one row per treated patient (a first infusion): attributes used by the
  filters and groups (clinic, cell source, autologous, route, dose band, infusions given,
  baseline activity, year of the first infusion) and the follow-up time.
* ``visits``: the analysis data set of ``endpoints`` (one row per patient and time point):
  ``baseline`` is the latest baseline visit on or before the first infusion; ``m1``, ``m6``,
  ``m12`` the visits filed in those follow-up slots. DAS28 is DAS28-ESR when computed, else
  DAS28-CRP (``measures.das28.preferred_das28``). EULAR response and ACR20/50/70 are
  computed against the baseline visit, Boolean remission (2022 revision, PtGA <= 2) at the
  visit, column-wise with the cut-offs of ``synovia.core.measures.response``.
* ``flare`` and ``retreatment``: time-to-event rows (days since the first infusion). A flare
  is the first follow-up visit whose DAS28 rose from baseline by more than 1.2, or by more
  than 0.6 with a DAS28 above 3.2 (after van der Maas et al. 2013, with the baseline as the
  reference), or an adverse event whose term names a flare, whichever comes first.
  Retreatment is the first infusion of a later treatment program. Patients without the
  event are censored at their last contact (visit, infusion or adverse-event onset).
* ``adverse_events``: events with onset on or after the first infusion, with the day.

Source (flare): van der Maas A, Lie E, Christensen R, et al. Construct and criterion
validity of several proposed DAS28-based rheumatoid arthritis flare criteria: an OMERACT
cohort validation study. Ann Rheum Dis 2013;72(11):1800-1805.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from synovia.core.measures import response
from synovia.core.measures.result import TOLERANCE
from synovia.core.outcomes.endpoints import SCORE

RELATED = ("possible", "probable", "definite")
FOLLOW_UP = {"M1": "m1", "M6": "m6", "M12": "m12"}
DOSE_BANDS = ((1e6, "<1M/kg"), (2e6 + 1, "1-2M/kg"))
DOSE_TOP = ">2M/kg"
ACTIVITY = ((2.6, "remission"), (3.2 + TOLERANCE, "low"), (5.1 + TOLERANCE, "moderate"))
FLARE_RISE, FLARE_RISE_ACTIVE, FLARE_ACTIVE_ABOVE = 1.2, 0.6, 3.2


@dataclass(frozen=True)
class Dataset:
    subjects: pl.DataFrame
    visits: pl.DataFrame
    flare: pl.DataFrame
    retreatment: pl.DataFrame
    adverse_events: pl.DataFrame


def _first_programs(programs: pl.DataFrame, infusions: pl.DataFrame) -> pl.DataFrame:
    first = programs.sort("created_at", "id").group_by("patient_id", maintain_order=True).first()
    given = infusions.group_by("patient_id").agg(
        pl.col("given_on").min().alias("first_infusion"), pl.len().alias("infusions")
    )
    return first.join(given, on="patient_id", how="inner")


def _band(column: str, bands: tuple[tuple[float, str], ...], top: str) -> pl.Expr:
    expr: Any = pl.lit(top)
    for bound, label in reversed(bands):
        expr = pl.when(pl.col(column) < bound).then(pl.lit(label)).otherwise(expr)
    return pl.when(pl.col(column).is_null()).then(None).otherwise(expr)


def _das28() -> pl.Expr:
    return pl.coalesce("das28_esr", "das28_crp").alias("das28")


def _baseline_visits(visits: pl.DataFrame, treated: pl.DataFrame) -> pl.DataFrame:
    return (
        visits.filter(pl.col("kind") == "baseline")
        .join(treated.select("patient_id", "first_infusion"), on="patient_id")
        .filter(pl.col("visit_date") <= pl.col("first_infusion"))
        .sort("visit_date", "id")
        .group_by("patient_id", maintain_order=True)
        .last()
        .drop("first_infusion")
        .with_columns(pl.lit("baseline").alias("timepoint"))
    )


def _follow_up_visits(visits: pl.DataFrame, treated: pl.DataFrame) -> pl.DataFrame:
    return (
        visits.filter(pl.col("label").is_in(list(FOLLOW_UP)))
        .join(treated.select("patient_id"), on="patient_id")
        .sort("visit_date", "id")
        .group_by("patient_id", "label", maintain_order=True)
        .last()
        .with_columns(pl.col("label").replace_strict(FOLLOW_UP).alias("timepoint"))
    )


def _gain(before: npt.NDArray[np.float64], after: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Percent improvement as ``response.percent_improvement``; NaN when either is missing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = np.where(before > 0, 100.0 * (before - after) / before, np.where(after == 0, 0.0, -np.inf))
    return np.where(np.isnan(before) | np.isnan(after), np.nan, gain)


def acr_series(
    base: dict[str, npt.NDArray[np.float64]], now: dict[str, npt.NDArray[np.float64]]
) -> pl.Series:
    """ACR level column-wise, as ``response.acr_response``: both joint counts at both visits
    and at least 3 of the 5 other measures (the reactant: CRP when both visits have it,
    else ESR), or null (not analysable)."""
    crp = ~np.isnan(base["crp_mg_l"]) & ~np.isnan(now["crp_mg_l"])
    reactant = np.where(
        crp, _gain(base["crp_mg_l"], now["crp_mg_l"]), _gain(base["esr_mm_h"], now["esr_mm_h"])
    )
    others = np.column_stack(
        [_gain(base[k], now[k]) for k in ("pain_cm", "ptga_cm", "ega_cm", "haq_di")] + [reactant]
    )
    present = (~np.isnan(others)).sum(axis=1)
    third = -np.sort(-np.where(np.isnan(others), -np.inf, others), axis=1)[:, response.ACR_MIN_OTHERS - 1]
    n = np.minimum(np.minimum(_gain(base["tjc68"], now["tjc68"]), _gain(base["sjc66"], now["sjc66"])), third)
    counts = (
        ~np.isnan(base["tjc68"])
        & ~np.isnan(base["sjc66"])
        & ~np.isnan(now["tjc68"])
        & ~np.isnan(now["sjc66"])
    )
    analysable = counts & (present >= response.ACR_MIN_OTHERS)
    edges = np.asarray(response.ACR_BANDS.edges)
    code = np.where(np.isfinite(n), (n[:, None] > edges[None, :]).sum(axis=1), 0)
    return _labelled("acr", response.ACR_BANDS.labels, code, analysable)


def _labelled(
    name: str, labels: tuple[str, ...], code: npt.NDArray[Any], known: npt.NDArray[np.bool_]
) -> pl.Series:
    """``labels[code]`` where ``known``, else null: a text column built without a Python loop
    over its rows."""
    frame = pl.DataFrame({"code": np.asarray(code, dtype=np.int64), "known": np.asarray(known, dtype=bool)})
    text = pl.Series(labels, dtype=pl.Utf8)
    return frame.select(pl.when("known").then(pl.lit(text).gather("code")).alias(name)).to_series()


def acr_levels(
    base: dict[str, npt.NDArray[np.float64]], now: dict[str, npt.NDArray[np.float64]]
) -> list[str | None]:
    """:func:`acr_series` as a list."""
    return acr_series(base, now).to_list()


EULAR_LABELS = ("none", "moderate", "good")


def eular_series(das_base: npt.NDArray[np.float64], das_now: npt.NDArray[np.float64]) -> pl.Series:
    """EULAR response column-wise, with the bounds and tolerance of ``response._eular``
    (null without both scores)."""
    gain = das_base - das_now
    low, high = (b + TOLERANCE for b in response.EULAR_CURRENT)
    big = gain > response.EULAR_IMPROVEMENT[1] + TOLERANCE
    some = (gain > response.EULAR_IMPROVEMENT[0] + TOLERANCE) & (das_now <= high)
    code = np.where(big, np.where(das_now <= low, 2, 1), np.where(some, 1, 0))
    missing = np.isnan(das_base) | np.isnan(das_now)
    return _labelled("eular", EULAR_LABELS, code, ~missing)


def eular_levels(das_base: npt.NDArray[np.float64], das_now: npt.NDArray[np.float64]) -> list[str | None]:
    """:func:`eular_series` as a list."""
    return eular_series(das_base, das_now).to_list()


ACR_INPUTS = ("tjc68", "sjc66", "pain_cm", "ptga_cm", "ega_cm", "haq_di", "crp_mg_l", "esr_mm_h")


def _arrays(
    frame: pl.DataFrame, names: tuple[str, ...], suffix: str = ""
) -> dict[str, npt.NDArray[np.float64]]:
    return {n: frame[n + suffix].cast(pl.Float64).fill_null(np.nan).to_numpy() for n in names}


def _responses(follow: pl.DataFrame, base: pl.DataFrame) -> pl.DataFrame:
    cols = ["patient_id", "das28", *ACR_INPUTS]
    joined = follow.join(base.select(cols), on="patient_id", how="left", suffix="_b")
    now, before = _arrays(joined, ACR_INPUTS), _arrays(joined, ACR_INPUTS, "_b")
    das_now, das_before = _arrays(joined, ("das28",))["das28"], _arrays(joined, ("das28_b",))["das28_b"]
    x = _arrays(joined, ("tjc28", "sjc28", "crp_mg_l", "ptga_cm"))
    met = response.boolean_met(
        x["tjc28"], x["sjc28"], x["crp_mg_l"] / 10.0, x["ptga_cm"], response.BOOLEAN_PTGA_CM[2022]
    )
    missing = np.asarray(np.isnan(np.column_stack(list(x.values()))).any(axis=1), dtype=bool)
    known = pl.Series("known", ~missing)
    remission = pl.select(pl.when(known).then(pl.Series(np.atleast_1d(met).astype(bool)))).to_series()
    return joined.with_columns(
        acr_series(before, now),
        eular_series(das_before, das_now),
        remission.alias("boolean_remission"),
    )


def _exact(name: str) -> pl.Expr:
    return pl.col(name).round(4).cast(SCORE).alias(name)


def analysis_visits(
    visits: pl.DataFrame, subjects: pl.DataFrame, base: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The analysis data set (``endpoints.SCHEMA`` plus ``day`` since the first infusion);
    ``base``: the subjects' baseline visits when already found (:func:`build`)."""
    visits = visits.with_columns(_das28())
    base = _baseline_visits(visits, subjects) if base is None else base
    follow = _responses(_follow_up_visits(visits, subjects), base)
    base = base.with_columns(
        pl.lit(None, dtype=pl.Utf8).alias("acr"),
        pl.lit(None, dtype=pl.Utf8).alias("eular"),
        pl.lit(None, dtype=pl.Boolean).alias("boolean_remission"),
    )
    cols = [
        "patient_id",
        "timepoint",
        "visit_date",
        "das28",
        "cdai",
        "haq_di",
        "acr",
        "eular",
        "boolean_remission",
    ]
    rows = pl.concat([base.select(cols), follow.select(cols)], how="vertical_relaxed")
    rows = rows.join(subjects.select("patient_id", "first_infusion"), on="patient_id")
    order = {"baseline": 0, "m1": 1, "m6": 2, "m12": 3}
    return rows.select(
        "patient_id",
        "timepoint",
        (pl.col("visit_date") - pl.col("first_infusion")).dt.total_days().alias("day"),
        *[_exact(n) for n in ("das28", "cdai", "haq_di")],
        "acr",
        "eular",
        "boolean_remission",
    ).sort(pl.col("patient_id"), pl.col("timepoint").replace_strict(order, return_dtype=pl.Int8))


def subjects_of(
    patients: pl.DataFrame, programs: pl.DataFrame, infusions: pl.DataFrame, visits: pl.DataFrame
) -> pl.DataFrame:
    """One row per treated patient with the filter and group attributes."""
    return _subjects(patients, programs, infusions, visits.with_columns(_das28()))[0]


def _subjects(
    patients: pl.DataFrame, programs: pl.DataFrame, infusions: pl.DataFrame, visits: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`subjects_of` and the baseline visits it found (``visits`` with ``das28``)."""
    first = _first_programs(programs, infusions)
    treated = patients.rename({"id": "patient_id"}).join(
        first.drop("id", "created_at"), on="patient_id", how="inner"
    )
    base = _baseline_visits(visits, treated)
    out = treated.join(
        base.select("patient_id", pl.col("das28").alias("baseline_das28")), on="patient_id", how="left"
    )
    subjects = out.with_columns(
        _band("dose_cells_per_kg", DOSE_BANDS, DOSE_TOP).alias("dose_band"),
        _band("baseline_das28", ACTIVITY, "high").alias("baseline_activity"),
        pl.col("first_infusion").dt.year().alias("period"),
        pl.when(pl.col("autologous"))
        .then(pl.lit("autologous"))
        .otherwise(pl.lit("allogeneic"))
        .alias("origin"),
    )
    return subjects, base


def _last_contact(
    subjects: pl.DataFrame, visits: pl.DataFrame, infusions: pl.DataFrame, events: pl.DataFrame
) -> pl.DataFrame:
    dates = pl.concat(
        [
            visits.select("patient_id", pl.col("visit_date").alias("on")),
            infusions.select("patient_id", pl.col("given_on").alias("on")),
            events.select("patient_id", pl.col("onset").alias("on")),
        ]
    )
    last = dates.group_by("patient_id").agg(pl.col("on").max().alias("last_on"))
    joined = subjects.select("patient_id", "first_infusion").join(last, on="patient_id", how="left")
    days = (pl.col("last_on") - pl.col("first_infusion")).dt.total_days().fill_null(0).clip(lower_bound=0)
    return joined.select("patient_id", days.alias("last_day"))


def _time_to(first_events: pl.DataFrame, contact: pl.DataFrame) -> pl.DataFrame:
    joined = contact.join(first_events, on="patient_id", how="left")
    return joined.select(
        "patient_id",
        pl.coalesce("event_day", "last_day").cast(pl.Float64).alias("time_days"),
        pl.col("event_day").is_not_null().cast(pl.Int64).alias("event"),
    )


def flare_events(rows: pl.DataFrame, events: pl.DataFrame, contact: pl.DataFrame) -> pl.DataFrame:
    """Time to the first flare (see the module's docstring)."""
    base = rows.filter(pl.col("timepoint") == "baseline").select("patient_id", pl.col("das28").alias("b"))
    now, b = pl.col("das28").cast(pl.Float64), pl.col("b").cast(pl.Float64)
    rise = now - b
    worse = (rise > FLARE_RISE + TOLERANCE) | (
        (rise > FLARE_RISE_ACTIVE + TOLERANCE) & (now > FLARE_ACTIVE_ABOVE + TOLERANCE)
    )
    by_visit = (
        rows.filter(pl.col("timepoint") != "baseline")
        .join(base, on="patient_id")
        .filter(worse)
        .select("patient_id", pl.col("day"))
    )
    by_event = events.filter(pl.col("term").str.to_lowercase().str.contains("flare")).select(
        "patient_id", "day"
    )
    first = (
        pl.concat([by_visit, by_event], how="vertical_relaxed")
        .group_by("patient_id")
        .agg(pl.col("day").min().alias("event_day"))
    )
    return _time_to(first, contact)


def retreatment_events(
    subjects: pl.DataFrame, programs: pl.DataFrame, infusions: pl.DataFrame, contact: pl.DataFrame
) -> pl.DataFrame:
    """Time to the first infusion of a later treatment program."""
    first_program = subjects.select("patient_id", "first_infusion")
    later = (
        infusions.join(
            programs.sort("created_at", "id")
            .group_by("patient_id", maintain_order=True)
            .first()
            .select("patient_id", pl.col("id").alias("first_id")),
            on="patient_id",
        )
        .filter(pl.col("program_id") != pl.col("first_id"))
        .join(first_program, on="patient_id")
        .group_by("patient_id")
        .agg((pl.col("given_on").min() - pl.col("first_infusion").first()).dt.total_days().alias("event_day"))
    )
    return _time_to(later, contact)


def build(
    patients: pl.DataFrame,
    programs: pl.DataFrame,
    infusions: pl.DataFrame,
    visits: pl.DataFrame,
    adverse_events: pl.DataFrame,
) -> Dataset:
    """The analysis data set of a cohort from its families of rows."""
    subjects, base = _subjects(patients, programs, infusions, visits.with_columns(_das28()))
    rows = analysis_visits(visits, subjects, base)
    events = (
        adverse_events.join(subjects.select("patient_id", "first_infusion"), on="patient_id")
        .with_columns(
            (pl.col("onset") - pl.col("first_infusion")).dt.total_days().alias("day"),
            pl.col("relatedness").is_in(list(RELATED)).alias("related"),
        )
        .filter(pl.col("day") >= 0)
    )
    contact = _last_contact(subjects, visits, infusions, events)
    subjects = subjects.join(contact, on="patient_id", how="left")
    return Dataset(
        subjects=subjects,
        visits=rows,
        flare=flare_events(rows, events, contact),
        retreatment=retreatment_events(subjects, programs, infusions, contact),
        adverse_events=events.select("patient_id", "grade", "related", "serious", "day"),
    )
