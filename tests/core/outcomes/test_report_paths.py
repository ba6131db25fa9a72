"""The restructured report computations give exactly what the straightforward ones gave.

The report once evaluated the endpoints once per grouping, each trajectory and survival curve
by filtering the rows per group and time point, and the ACR, EULAR and Boolean columns by a
Python loop over the rows. The straightforward versions are kept here as the reference; on
random registries (hypothesis draws the seed: several clinics, cell sources and routes, missing
values, scores on the cut-offs, duplicate visits, patients never treated) the report's
functions must return equal values, float for float."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.measures import response
from synovia.core.outcomes import derive, report, survival
from synovia.core.outcomes.endpoints import ALL, ALL_TIMEPOINTS, ENDPOINTS, response_table
from synovia.core.outcomes.intervals import mean_ci

D0 = dt.date(2024, 1, 1)
GROUPINGS = (None, "source", "route", "origin")
SCORES = np.array([0.0, 1.0, 2.0, 2.59, 2.6, 2.8, 3.2, 3.21, 4.4, 5.1, 6.3, 7.9])
HAQ = np.array([0.0, 0.125, 0.22, 1.405, 1.625, 2.0, 2.5])


def _maybe(rng: np.random.Generator, values: np.ndarray, n: int, missing: float = 0.15) -> list[Any]:
    drawn = rng.choice(values, n)
    return [None if rng.random() < missing else float(v) for v in drawn]


def _visits(rng: np.random.Generator, patient: np.ndarray, start: list[dt.date]) -> pl.DataFrame:
    slots = [
        ("baseline", "", -7),
        ("scheduled", "M1", 30),
        ("scheduled", "M6", 182),
        ("scheduled", "M12", 365),
    ]
    slots += [("unscheduled", "", 90), ("scheduled", "M6", 190)]  # a second M6: the later one counts
    rows = [
        (pid, kind, label, start[i] + dt.timedelta(days=day + int(rng.integers(-5, 5))))
        for i, pid in enumerate(patient)
        for kind, label, day in slots
        if rng.random() < 0.8
    ]
    n = len(rows)
    frame = pl.DataFrame(rows, schema=["patient_id", "kind", "label", "visit_date"], orient="row")
    counts = {c: _maybe(rng, np.arange(0, 29, dtype=float), n) for c in ("tjc28", "sjc28")}
    counts |= {c: _maybe(rng, np.arange(0, 40, dtype=float), n) for c in ("tjc68", "sjc66")}
    floats = {c: _maybe(rng, SCORES, n) for c in ("das28_esr", "das28_crp", "cdai")}
    floats |= {"haq_di": _maybe(rng, HAQ, n)}
    floats |= {c: _maybe(rng, np.linspace(0, 10, 21), n) for c in ("ptga_cm", "ega_cm", "pain_cm")}
    floats |= {c: _maybe(rng, np.array([0.5, 3.0, 9.0, 20.0, 45.0]), n) for c in ("esr_mm_h", "crp_mg_l")}
    return frame.with_columns(
        pl.Series("id", rng.permutation(n) + 1, dtype=pl.Int64),
        *[pl.Series(k, v, dtype=pl.Float64) for k, v in (counts | floats).items()],
    )


def families(seed: int, n: int = 90) -> dict[str, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    start = [D0 + dt.timedelta(days=int(d)) for d in rng.integers(0, 400, n)]
    treated = ids[rng.random(n) < 0.9]
    again = treated[rng.random(treated.size) < 0.3]
    owners = np.concatenate([treated, again])
    programs = pl.DataFrame(
        {
            "id": np.arange(100, 100 + owners.size),
            "patient_id": owners,
            "source": rng.choice(["adipose", "bone_marrow", "umbilical_cord"], owners.size),
            "autologous": rng.random(owners.size) < 0.5,
            "route": rng.choice(["iv", "intra_articular"], owners.size),
            "dose_cells_per_kg": rng.choice([5e5, 1e6, 2e6, 3e6], owners.size),
            "created_at": [
                dt.datetime(2023, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=i) for i in range(owners.size)
            ],
        }
    )
    first = dict(zip(treated.tolist(), range(treated.size), strict=True))
    infusions = pl.DataFrame(
        {
            "patient_id": owners,
            "program_id": programs["id"],
            "given_on": [
                start[p - 1] + dt.timedelta(days=0 if k < treated.size else int(rng.integers(150, 500)))
                for k, p in enumerate(owners.tolist())
            ],
        }
    )
    assert len(first) == treated.size
    patients = pl.DataFrame(
        {
            "id": ids,
            "pseudonym": [f"P{i}" for i in ids],
            "clinic": rng.choice(["north", "south", "west"], n),
            "sex": rng.choice(["F", "M"], n),
            "birth_year": rng.integers(1940, 2000, n),
            "synthetic": [True] * n,
        }
    )
    m = int(rng.integers(0, 40))
    events = pl.DataFrame(
        {
            "patient_id": rng.choice(ids, m),
            "grade": rng.integers(1, 6, m),
            "relatedness": rng.choice(["unrelated", "possible", "probable", "definite"], m),
            "serious": rng.random(m) < 0.2,
            "onset": [D0 + dt.timedelta(days=int(d)) for d in rng.integers(0, 900, m)],
            "term": rng.choice(["Arthritis flare", "Fever", "Joint infection"], m),
        },
        schema_overrides={
            "patient_id": pl.Int64,
            "grade": pl.Int64,
            "relatedness": pl.Utf8,
            "serious": pl.Boolean,
            "onset": pl.Date,
            "term": pl.Utf8,
        },
    )
    return {
        "patients": patients,
        "programs": programs,
        "infusions": infusions,
        "visits": _visits(rng, ids, start),
        "adverse_events": events,
    }


# -- the straightforward versions -------------------------------------------------------------


def old_acr(base: dict[str, np.ndarray], now: dict[str, np.ndarray]) -> list[str | None]:
    crp = ~np.isnan(base["crp_mg_l"]) & ~np.isnan(now["crp_mg_l"])
    reactant = np.where(
        crp,
        derive._gain(base["crp_mg_l"], now["crp_mg_l"]),
        derive._gain(base["esr_mm_h"], now["esr_mm_h"]),
    )
    others = np.column_stack(
        [derive._gain(base[k], now[k]) for k in ("pain_cm", "ptga_cm", "ega_cm", "haq_di")] + [reactant]
    )
    present = (~np.isnan(others)).sum(axis=1)
    third = -np.sort(-np.where(np.isnan(others), -np.inf, others), axis=1)[:, response.ACR_MIN_OTHERS - 1]
    n = np.minimum(
        np.minimum(derive._gain(base["tjc68"], now["tjc68"]), derive._gain(base["sjc66"], now["sjc66"])),
        third,
    )
    counts = (
        ~np.isnan(base["tjc68"])
        & ~np.isnan(base["sjc66"])
        & ~np.isnan(now["tjc68"])
        & ~np.isnan(now["sjc66"])
    )
    analysable = counts & (present >= response.ACR_MIN_OTHERS)
    edges = np.asarray(response.ACR_BANDS.edges)
    code = np.where(np.isfinite(n), (n[:, None] > edges[None, :]).sum(axis=1), 0)
    labels = np.asarray(response.ACR_BANDS.labels, dtype=object)[code]
    return [str(x) if ok else None for x, ok in zip(labels, analysable, strict=True)]


def old_eular(das_base: np.ndarray, das_now: np.ndarray) -> list[str | None]:
    from synovia.core.measures.result import TOLERANCE

    gain = das_base - das_now
    low, high = (b + TOLERANCE for b in response.EULAR_CURRENT)
    big = gain > response.EULAR_IMPROVEMENT[1] + TOLERANCE
    some = (gain > response.EULAR_IMPROVEMENT[0] + TOLERANCE) & (das_now <= high)
    level = np.where(big, np.where(das_now <= low, "good", "moderate"), np.where(some, "moderate", "none"))
    missing = np.isnan(das_base) | np.isnan(das_now)
    return [None if m else str(v) for v, m in zip(level, missing, strict=True)]


def old_cells(data: derive.Dataset, by: str | None) -> dict[tuple[str, str, str, str], report.Cell]:
    table = response_table(report.visits_export(data, by))
    return {
        (r["group"], r["timepoint"], r["endpoint"], r["analysis"]): report.Cell(
            r["n"], r["N"], r["rate"], r["ci_low"], r["ci_high"]
        )
        for r in table.iter_rows(named=True)
    }


def old_trajectory(data: derive.Dataset, by: str | None, score: str) -> list[dict[str, Any]]:
    frame = report.visits_export(data, by).with_columns(pl.col(score).cast(pl.Float64).alias("value"))
    out = []
    for g in [ALL, *sorted(frame["group"].drop_nulls().unique().to_list())]:
        rows = frame if g == ALL else frame.filter(pl.col("group") == g)
        for t in ALL_TIMEPOINTS:
            m = mean_ci(rows.filter(pl.col("timepoint") == t)["value"].drop_nulls().to_numpy())
            if m.n >= report.SMALL:
                out.append(
                    {"group": g, "timepoint": t, "n": m.n, "mean": m.mean, "low": m.low, "high": m.high}
                )
    return out


def old_curves(events: pl.DataFrame, data: derive.Dataset, by: str | None) -> dict[str, survival.Curve]:
    frame = report.events_export(events, data, by)
    out = {}
    for g in [ALL, *sorted(frame["group"].drop_nulls().unique().to_list())]:
        rows = frame if g == ALL else frame.filter(pl.col("group") == g)
        if rows.height >= report.SMALL:
            out[g] = survival.kaplan_meier(rows["time_days"].to_numpy(), rows["event"].to_numpy())
    return out


# -- the comparisons --------------------------------------------------------------------------

SEEDS = st.integers(0, 2**32 - 1)


def _same_curves(a: dict[str, survival.Curve], b: dict[str, survival.Curve]) -> None:
    assert list(a) == list(b)
    for g, curve in a.items():
        for name in curve.__dataclass_fields__:
            x, y = getattr(curve, name), getattr(b[g], name)
            assert x.dtype == y.dtype and np.array_equal(x, y), (g, name)


@settings(max_examples=25, deadline=None)
@given(SEEDS)
def test_response_columns_equal_the_row_by_row_ones(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 60))
    arrays = {k: np.where(rng.random(n) < 0.2, np.nan, rng.choice(SCORES, n)) for k in derive.ACR_INPUTS}
    before = {k: np.where(rng.random(n) < 0.2, np.nan, rng.choice(SCORES, n)) for k in derive.ACR_INPUTS}
    assert derive.acr_levels(before, arrays) == old_acr(before, arrays)
    das = [np.where(rng.random(n) < 0.2, np.nan, rng.choice(SCORES, n)) for _ in range(2)]
    assert derive.eular_levels(*das) == old_eular(*das)


@settings(max_examples=25, deadline=None)
@given(SEEDS)
def test_report_numbers_equal_the_straightforward_ones(seed: int) -> None:
    data = derive.build(**families(seed))
    grids = report.cells_by(data, GROUPINGS)
    for by in GROUPINGS:
        assert grids[by] == old_cells(data, by), by
        assert report.cells(data, by) == grids[by]
        both = report.trajectories(data, by, ("das28", "haq_di"))
        for score in ("das28", "haq_di", "cdai"):
            expected = old_trajectory(data, by, score)
            assert report.trajectory(data, by, score) == expected, (by, score)
            if score in both:
                assert both[score] == expected
        for events in (data.flare, data.retreatment):
            _same_curves(report.curves(events, data, by), old_curves(events, data, by))
    for by in ("source", "route"):
        for t in ("m1", "m6", "m12"):
            assert report.compare(data, by, t, ENDPOINTS, grids[by]) == report.compare(data, by, t, ENDPOINTS)


def test_the_random_registries_hold_every_kind_of_row() -> None:
    data = derive.build(**families(7))
    assert set(data.visits["timepoint"]) == set(ALL_TIMEPOINTS)
    assert data.subjects["source"].n_unique() == 3 and data.retreatment["event"].sum() > 0
    assert data.visits["acr"].null_count() > 0 and data.visits["eular"].drop_nulls().n_unique() >= 2
    assert report.cells(data, "source")[(ALL, "m6", "ACR20", "nri")].total == data.subjects.height - len(
        set(data.subjects["patient_id"])
        - set(data.visits.filter(pl.col("timepoint") == "baseline")["patient_id"])
    )
