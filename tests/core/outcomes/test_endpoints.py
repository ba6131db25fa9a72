"""Response endpoints on a small cohort whose every number was computed by hand."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from synovia.core.outcomes import analyse, response_table
from synovia.core.outcomes.endpoints import ENDPOINTS, SCHEMA, TIMEPOINTS, conform
from synovia.core.outcomes.intervals import wilson

COLUMNS = list(SCHEMA)


def cohort(rows: list[tuple]) -> pl.DataFrame:
    frame = pl.DataFrame(
        rows,
        schema=COLUMNS,
        orient="row",
        schema_overrides={"das28": pl.Utf8, "cdai": pl.Utf8, "haq_di": pl.Utf8},
    )
    return conform(frame)


# patient, group, time point, das28, cdai, haq_di, acr, eular, boolean remission
HAND = cohort(
    [
        ("a", "IV", "baseline", "5.1", "30", "1.625", None, None, None),
        ("a", "IV", "m6", "2.6", "2.8", "1.405", "ACR50", "good", True),  # 2.6 is not < 2.6
        ("b", "IV", "baseline", "6.0", "40", "2.0", None, None, None),
        ("b", "IV", "m6", "3.2", "2.9", "1.79", "ACR20", "moderate", False),  # MCID: 0.21 < 0.22
        ("c", "IA", "baseline", "5.0", "20", None, None, None, None),
        ("c", "IA", "m6", "2.59", None, "0.5", "ACR70", "none", None),  # no baseline HAQ
        ("d", None, "baseline", "4.0", "15", "1.0", None, None, None),  # no group, no follow-up
        ("e", "IA", "m6", "1.0", "1", "0", "ACR70", "good", True),  # no baseline: not enrolled
    ]
)


def row(table: pl.DataFrame, group: str, endpoint: str, analysis: str, timepoint: str = "m6") -> dict:
    hit = table.filter(
        (pl.col("group") == group)
        & (pl.col("endpoint") == endpoint)
        & (pl.col("analysis") == analysis)
        & (pl.col("timepoint") == timepoint)
    )
    assert hit.height == 1
    return hit.row(0, named=True)


# (endpoint, n, N observed) for group "all" at m6; NRI N = 4 enrolled (a, b, c, d)
EXPECTED_ALL_M6 = [
    ("ACR20", 3, 3),
    ("ACR50", 2, 3),
    ("ACR70", 1, 3),
    ("EULAR_good", 1, 3),
    ("EULAR_response", 2, 3),
    ("DAS28_remission", 1, 3),  # only c (2.59); a's 2.6 is not below 2.6
    ("DAS28_low_or_remission", 3, 3),  # 3.2 is at most 3.2
    ("CDAI_remission", 1, 2),  # a (2.8 <= 2.8); c has no CDAI
    ("Boolean_remission", 1, 2),
    ("HAQ_MCID", 1, 2),  # a: 1.625 - 1.405 = 0.22 exactly; b: 0.21; c: no baseline
]


@pytest.mark.parametrize(("endpoint", "n", "observed"), EXPECTED_ALL_M6)
def test_hand_computed_rates_for_everyone(endpoint, n, observed) -> None:
    table = response_table(HAND)
    nri, obs = row(table, "all", endpoint, "nri"), row(table, "all", endpoint, "observed")
    assert (nri["n"], nri["N"], obs["n"], obs["N"]) == (n, 4, n, observed)
    assert nri["rate"] == pytest.approx(n / 4)
    assert (nri["ci_low"], nri["ci_high"]) == pytest.approx(wilson(n, 4))
    assert (obs["ci_low"], obs["ci_high"]) == pytest.approx(wilson(n, observed))


def test_groups_take_the_baseline_rows_group_and_empty_groups_only_count_in_all() -> None:
    result = analyse(HAND)
    assert result["enrolled"] == {"all": 4, "IA": 1, "IV": 2}
    groups = {r["group"] for r in result["responses"]}
    assert groups == {"all", "IA", "IV"}
    table = response_table(HAND)
    assert (row(table, "IV", "HAQ_MCID", "nri")["n"], row(table, "IV", "HAQ_MCID", "nri")["N"]) == (1, 2)
    assert row(table, "IA", "ACR70", "observed")["n"] == 1  # e is not enrolled


def test_no_follow_up_gives_zero_of_n_and_observed_n_zero_gives_null() -> None:
    table = response_table(HAND)
    m1 = row(table, "all", "ACR20", "nri", "m1")
    assert (m1["n"], m1["N"], m1["rate"]) == (0, 4, 0.0)
    obs = row(table, "all", "ACR20", "observed", "m1")
    assert (obs["n"], obs["N"], obs["rate"], obs["ci_low"], obs["ci_high"]) == (0, 0, None, None, None)
    assert next(r for r in analyse(HAND)["responses"] if r["N"] == 0)["ci95"] is None


def test_every_group_time_point_endpoint_and_analysis_is_reported_in_order() -> None:
    records = analyse(HAND)["responses"]
    keys = [(r["group"], r["timepoint"], r["endpoint"], r["analysis"]) for r in records]
    expected = [
        (g, t, e, a)
        for g in ("all", "IA", "IV")
        for t in TIMEPOINTS
        for e in ENDPOINTS
        for a in ("nri", "observed")
    ]
    assert keys == expected


def test_the_cut_offs_are_exact_decimals() -> None:
    assert float(Decimal("1.625")) - float(Decimal("1.405")) < 0.22  # why floats would fail
    edge = cohort(
        [
            ("p", None, "baseline", None, None, "1.625", None, None, None),
            ("p", None, "m1", None, None, "1.405", None, None, None),
            ("q", None, "baseline", None, None, "3", None, None, None),
            ("q", None, "m1", None, None, "2.780000001", None, None, None),
        ]
    )
    assert row(response_table(edge), "all", "HAQ_MCID", "nri", "m1")["n"] == 1


def test_an_empty_cohort() -> None:
    result = analyse(cohort([]))
    assert result["enrolled"] == {"all": 0}
    assert all(r["rate"] is None and r["N"] == 0 for r in result["responses"])
