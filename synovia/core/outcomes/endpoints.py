"""Response endpoints at 1, 6 and 12 months: n/N, rate and 95 % Wilson interval per group.

The analysis data set has one row per patient and time point (``baseline``, ``m1``, ``m6``,
``m12``). A patient is enrolled when they have a ``baseline`` row; their group is the group
of that row. Endpoints at each follow-up time point (bounds as stated, inclusive unless
"<"):

=========================  ==================================================================
``ACR20/50/70``            the highest ACR level met is that level or higher (Felson 1995)
``EULAR_good``             EULAR response ``good`` (van Gestel 1996)
``EULAR_response``         EULAR response ``good`` or ``moderate``
``DAS28_remission``        DAS28 < 2.6 (Fransen 2004)
``DAS28_low_or_remission`` DAS28 <= 3.2 (Prevoo 1995; Fransen 2004)
``CDAI_remission``         CDAI <= 2.8 (Aletaha 2005)
``Boolean_remission``      ACR/EULAR Boolean remission (Felson 2011; Studenic 2022)
``HAQ_MCID``               baseline HAQ-DI - HAQ-DI at the time point >= 0.22 (Redelmeier &
                           Lorig 1993; Wells 1993)
=========================  ==================================================================

Scores are Decimal columns, so cut-offs are compared exactly (1.625 - 1.405 = 0.22 meets the
HAQ-DI MCID; in binary floating point it would be 0.21999...).

Analyses (both reported, both stated on the report):

* ``nri``, non-responder imputation (the primary analysis): N = enrolled patients of the
  group; n = those whose row at the time point meets the endpoint. A missing row or value
  counts as not met.
* ``observed``, observed cases: N = enrolled patients having what the endpoint needs at the
  time point (``HAQ_MCID`` needs the baseline and the time point); n = those meeting it.

The rate n/N has the Wilson score interval (``intervals.wilson``); N = 0 gives no rate and no
interval. Reported for the group ``all`` and each non-empty group.

Sources:
    Fransen J, Creemers MCW, van Riel PLCM. Remission in rheumatoid arthritis: agreement of
    the disease activity score (DAS28) with the ARA preliminary remission criteria.
    Rheumatology 2004;43(10):1252-1255.
    Prevoo MLL, van 't Hof MA, Kuper HH, et al. Modified disease activity scores that
    include twenty-eight-joint counts. Arthritis Rheum 1995;38(1):44-48.
    Aletaha D, Smolen JS. The Simplified Disease Activity Index (SDAI) and the Clinical
    Disease Activity Index (CDAI). Clin Exp Rheumatol 2005;23(5 Suppl 39):S100-S108.
    Redelmeier DA, Lorig K. Assessing the clinical importance of symptomatic improvements.
    Arch Intern Med 1993;153(11):1337-1342.
    Wells GA, Tugwell P, Kraag GR, et al. Minimum important difference between patients
    with rheumatoid arthritis: the patient's perspective. J Rheumatol 1993;20(3):557-560.
    (ACR, EULAR and Boolean remission: see ``synovia.core.measures.response``.)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl

from synovia.core.outcomes.intervals import wilson_arrays

TIMEPOINTS = ("m1", "m6", "m12")
ALL_TIMEPOINTS = ("baseline", *TIMEPOINTS)
ENDPOINTS = (
    "ACR20",
    "ACR50",
    "ACR70",
    "EULAR_good",
    "EULAR_response",
    "DAS28_remission",
    "DAS28_low_or_remission",
    "CDAI_remission",
    "Boolean_remission",
    "HAQ_MCID",
)
ANALYSES = ("nri", "observed")
ALL = "all"
ACR_LEVELS = ("none", "ACR20", "ACR50", "ACR70")
EULAR_LEVELS = ("none", "moderate", "good")

SCORE = pl.Decimal(20, 9)
"""Exact scores: 9 decimal places (the reader refuses more)."""

DAS28_REMISSION_BELOW = Decimal("2.6")
DAS28_LOW_AT_MOST = Decimal("3.2")
CDAI_REMISSION_AT_MOST = Decimal("2.8")
HAQ_MCID = Decimal("0.22")

SCHEMA: dict[str, Any] = {
    "patient_id": pl.Utf8,
    "group": pl.Utf8,
    "timepoint": pl.Utf8,
    "das28": SCORE,
    "cdai": SCORE,
    "haq_di": SCORE,
    "acr": pl.Utf8,
    "eular": pl.Utf8,
    "boolean_remission": pl.Boolean,
}
"""Columns of the analysis data set as the core reads it (``group``: null = no group)."""


def _lit(value: Decimal) -> pl.Expr:
    return pl.lit(value, dtype=SCORE)


def _level_at_least(column: str, levels: tuple[str, ...], level: str) -> pl.Expr:
    wanted = list(levels[levels.index(level) :])
    col = pl.col(column)
    return pl.when(col.is_null()).then(None).otherwise(col.is_in(wanted))


def endpoint_flags() -> dict[str, pl.Expr]:
    """Each endpoint as a Boolean expression: true met, false not met, null not evaluable."""
    return {
        "ACR20": _level_at_least("acr", ACR_LEVELS, "ACR20"),
        "ACR50": _level_at_least("acr", ACR_LEVELS, "ACR50"),
        "ACR70": _level_at_least("acr", ACR_LEVELS, "ACR70"),
        "EULAR_good": _level_at_least("eular", EULAR_LEVELS, "good"),
        "EULAR_response": _level_at_least("eular", EULAR_LEVELS, "moderate"),
        "DAS28_remission": pl.col("das28") < _lit(DAS28_REMISSION_BELOW),
        "DAS28_low_or_remission": pl.col("das28") <= _lit(DAS28_LOW_AT_MOST),
        "CDAI_remission": pl.col("cdai") <= _lit(CDAI_REMISSION_AT_MOST),
        "Boolean_remission": pl.col("boolean_remission"),
        "HAQ_MCID": (pl.col("haq_baseline") - pl.col("haq_di")) >= _lit(HAQ_MCID),
    }


def conform(visits: pl.DataFrame) -> pl.DataFrame:
    """The analysis columns in their core types (extra columns dropped)."""
    return visits.select([pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()])


def baseline(visits: pl.DataFrame) -> pl.DataFrame:
    """Enrolled patients (one baseline row each): patient_id, group, haq_baseline."""
    return visits.filter(pl.col("timepoint") == "baseline").select(
        "patient_id", "group", pl.col("haq_di").alias("haq_baseline")
    )


def enrolled(visits: pl.DataFrame) -> dict[str, int]:
    """Enrolled patients: ``{"all": N, "<group>": N, ...}`` (groups sorted)."""
    base = baseline(visits)
    counts = base.filter(pl.col("group").is_not_null()).group_by("group").len().sort("group")
    return {ALL: base.height, **dict(zip(counts["group"].to_list(), counts["len"].to_list(), strict=True))}


def met_wide(visits: pl.DataFrame) -> pl.DataFrame:
    """One row per enrolled patient and follow-up row: patient_id, group, timepoint and each
    endpoint as a column (true/false/null)."""
    base = baseline(visits)
    follow = visits.filter(pl.col("timepoint").is_in(TIMEPOINTS)).drop("group")
    joined = follow.join(base, on="patient_id", how="inner")
    return joined.select(
        "patient_id", "group", "timepoint", *[expr.alias(name) for name, expr in endpoint_flags().items()]
    )


def met_long(visits: pl.DataFrame) -> pl.DataFrame:
    """One row per enrolled patient, follow-up row and endpoint: group, timepoint, endpoint,
    met (true/false/null)."""
    return met_wide(visits).unpivot(
        index=["patient_id", "group", "timepoint"],
        on=list(ENDPOINTS),
        variable_name="endpoint",
        value_name="met",
    )


def _counts(wide: pl.DataFrame) -> pl.DataFrame:
    """n (met) and evaluable (not null) per group (``all`` and each named group), time point
    and endpoint: counted per group on the wide rows, ``all`` summed from the groups."""
    sums = [pl.col(e).fill_null(False).sum().alias(f"n|{e}") for e in ENDPOINTS]
    sums += [pl.col(e).is_not_null().sum().alias(f"evaluable|{e}") for e in ENDPOINTS]
    per_group = wide.group_by("group", "timepoint").agg(sums)
    everyone = per_group.drop("group").group_by("timepoint").sum().with_columns(pl.lit(ALL).alias("group"))
    both = pl.concat([everyone, per_group.filter(pl.col("group").is_not_null())], how="diagonal_relaxed")
    keys = ["group", "timepoint", "endpoint"]
    n, evaluable = (_long(both, what) for what in ("n", "evaluable"))
    return n.join(evaluable, on=keys, how="inner")


def _long(counts: pl.DataFrame, what: str) -> pl.DataFrame:
    columns = [f"{what}|{e}" for e in ENDPOINTS]
    long = counts.unpivot(index=["group", "timepoint"], on=columns, variable_name="endpoint", value_name=what)
    return long.with_columns(pl.col("endpoint").str.strip_prefix(f"{what}|"))


def _grid(groups: list[str]) -> pl.DataFrame:
    rows = [
        (g, gi, t, ti, e, ei)
        for gi, g in enumerate(groups)
        for ti, t in enumerate(TIMEPOINTS)
        for ei, e in enumerate(ENDPOINTS)
    ]
    return pl.DataFrame(rows, schema=["group", "g", "timepoint", "t", "endpoint", "e"], orient="row")


def response_table(visits: pl.DataFrame) -> pl.DataFrame:
    """Every group x time point x endpoint x analysis: n, N, rate, ci_low, ci_high."""
    return table_of(met_wide(visits), enrolled(visits))


def table_of(wide: pl.DataFrame, counts_by_group: dict[str, int]) -> pl.DataFrame:
    """:func:`response_table` from the endpoints met (:func:`met_wide`) and the patients
    enrolled per group (:func:`enrolled`): a caller grouping the same rows several ways finds
    the endpoints once and regroups them (``report.cells_by``)."""
    groups = list(counts_by_group)
    grid = _grid(groups).join(_counts(wide), on=["group", "timepoint", "endpoint"], how="left")
    grid = grid.with_columns(
        pl.col("n").fill_null(0).cast(pl.Int64),
        pl.col("evaluable").fill_null(0).cast(pl.Int64),
        pl.col("group").replace_strict(counts_by_group, return_dtype=pl.Int64).alias("enrolled"),
    )
    nri = grid.with_columns(
        pl.lit("nri").alias("analysis"), pl.lit(0).alias("a"), pl.col("enrolled").alias("N")
    )
    obs = grid.with_columns(
        pl.lit("observed").alias("analysis"), pl.lit(1).alias("a"), pl.col("evaluable").alias("N")
    )
    table = pl.concat([nri, obs]).sort("g", "t", "e", "a")
    lo, hi = wilson_arrays(table["n"].to_numpy(), table["N"].to_numpy())
    total = table["N"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(total > 0, table["n"].to_numpy() / total, np.nan)
    return table.select(
        "group", "timepoint", "endpoint", "analysis", pl.col("n").cast(pl.Int64), pl.col("N").cast(pl.Int64)
    ).with_columns(
        pl.Series("rate", rate).fill_nan(None),
        pl.Series("ci_low", lo).fill_nan(None),
        pl.Series("ci_high", hi).fill_nan(None),
    )


def response_records(table: pl.DataFrame) -> list[dict[str, Any]]:
    """The table as the command's JSON records (``ci95``: [low, high] or null)."""
    out = []
    for row in table.iter_rows(named=True):
        ci = None if row["ci_low"] is None else [row["ci_low"], row["ci_high"]]
        out.append(
            {
                "group": row["group"],
                "timepoint": row["timepoint"],
                "endpoint": row["endpoint"],
                "analysis": row["analysis"],
                "n": row["n"],
                "N": row["N"],
                "rate": row["rate"],
                "ci95": ci,
            }
        )
    return out
