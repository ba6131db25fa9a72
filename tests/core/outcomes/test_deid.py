"""Generalisation of the quasi-identifiers and the grouping of ages over 89."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.outcomes import deid

people = st.lists(
    st.tuples(
        st.sampled_from(["north", "south", "east", "tiny"]),
        st.sampled_from(["F", "M", "X"]),
        st.integers(1925, 2005),
    ),
    min_size=0,
    max_size=120,
)


def _frame(rows, year=2026) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["clinic", "sex", "birth_year"], orient="row")
    return frame.with_columns((pl.lit(year) - pl.col("birth_year")).alias("_age"))


@settings(max_examples=150, deadline=None)
@given(people)
def test_no_combination_of_clinic_sex_and_birth_year_is_shared_by_fewer_than_k(rows) -> None:
    out = deid.generalise(_frame(rows))
    if out.height:
        sizes = out.group_by(list(deid.QUASI)).len()["len"]
        assert sizes.min() >= deid.K
        assert out.filter(pl.len().over(list(deid.QUASI)) == 1).height == 0  # no row is unique


@settings(max_examples=100, deadline=None)
@given(people)
def test_nobody_over_89_keeps_a_birth_year(rows) -> None:
    out = deid.generalise(_frame(rows))
    old = out.filter(pl.col("_age") > deid.OLDEST)
    assert set(old["birth_year"].to_list()) <= {"*"}


def test_a_large_homogeneous_cohort_keeps_its_detail() -> None:
    rows = [("north", "F", 1970)] * 10 + [("south", "M", 1981)] * 6
    out = deid.generalise(_frame(rows))
    assert sorted(set(out["birth_year"].to_list())) == ["1970", "1981"]
    assert sorted(set(out["clinic"].to_list())) == ["north", "south"]


def test_rare_patients_are_generalised_together_and_a_lone_one_is_withheld() -> None:
    rare = [
        ("tiny", "M", 1931),
        ("tiny", "F", 1950),
        ("east", "X", 1990),
        ("east", "M", 1962),
        ("tiny", "F", 2001),
    ]
    out = deid.generalise(_frame([("north", "F", 1970)] * 10 + rare, year=2026))
    assert out.height == 15
    assert out.filter(pl.col("clinic") == "north")["birth_year"].unique().to_list() == ["1970"]
    assert out.filter(pl.len().over(list(deid.QUASI)) < deid.K).height == 0
    alone = deid.generalise(_frame([("north", "F", 1970)] * 10 + [("tiny", "M", 1931)], year=2026))
    assert alone.height == 10  # one patient cannot hide among 10 identical others: withheld
