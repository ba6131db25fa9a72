"""Synthetic cohort generator: deterministic, complete, plausible, fast."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.pathway import State, add_months
from synovia.core.synthetic import generate_cohort
from synovia.core.synthetic.dates import add_months as add_months_vec
from synovia.core.synthetic.patients import SOURCES

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def cohort():
    return generate_cohort(n_patients=3000, seed=7, today=TODAY)


def test_same_seed_same_cohort() -> None:
    a = generate_cohort(n_patients=200, seed=3, today=TODAY)
    b = generate_cohort(n_patients=200, seed=3, today=TODAY)
    for table in ("patients", "programs", "visits", "labs", "adverse_events"):
        ta, tb = getattr(a, table), getattr(b, table)
        for col in ta:
            nan_ok = ta[col].dtype.kind in "fM"
            assert np.array_equal(ta[col], tb[col], equal_nan=nan_ok), (table, col)


def test_different_seed_different_cohort() -> None:
    a = generate_cohort(n_patients=200, seed=3, today=TODAY)
    b = generate_cohort(n_patients=200, seed=4, today=TODAY)
    assert not np.array_equal(a.patients["weight_kg"], b.patients["weight_kg"])


def test_every_cell_source_route_and_product_appears(cohort) -> None:
    assert set(cohort.programs["source"]) == set(SOURCES)
    assert set(cohort.programs["route"]) == {"iv", "intra_articular"}
    assert set(cohort.programs["product"]) == {"msc", "exosome"}
    assert cohort.programs["autologous"].any() and (~cohort.programs["autologous"]).any()


def test_states_are_pathway_states_and_include_dropouts(cohort) -> None:
    states = set(cohort.patients["state"])
    assert states <= {s.value for s in State}
    assert {"withdrawn", "lost_to_follow_up", "completed", "not_candidate"} <= states


def test_visits_are_in_the_past_and_sorted_per_patient(cohort) -> None:
    v = cohort.visits
    assert (v["date"] <= np.datetime64(TODAY)).all()
    key = v["patient"].astype(np.int64) * 100000 + (v["date"] - v["date"].min()).astype(np.int64)
    assert (np.diff(key) >= 0).all()


def test_joint_counts_are_homunculi(cohort) -> None:
    assert cohort.visits["tender"].shape[1] == 68
    assert cohort.visits["swollen"].shape[1] == 66


def test_responders_improve_more_than_non_responders(cohort) -> None:
    v, p = cohort.visits, cohort.patients
    m6 = v["month"] == 6
    response = p["response"][v["patient"]]
    tjc = v["tender"].sum(axis=1)
    assert tjc[m6 & (response == "responder")].mean() < tjc[m6 & (response == "non_responder")].mean()


def test_some_visits_miss_esr_and_crp(cohort) -> None:
    missing = np.isnan(cohort.visits["esr"]) & np.isnan(cohort.visits["crp"])
    assert 0 < missing.sum() < 0.1 * missing.size


def test_adverse_events_include_serious_and_deaths_are_serious(cohort) -> None:
    ae = cohort.adverse_events
    assert ae["serious"].any()
    assert ae["serious"][ae["grade"] >= 4].all()
    assert set(np.unique(ae["grade"])) <= {1, 2, 3, 4, 5}


def test_labs_cover_routine_and_mechanism_panels(cohort) -> None:
    keys = set(cohort.labs["key"])
    assert {"hgb", "creat", "il6", "il10", "treg", "th17", "baff", "april"} <= keys


def test_infusions_never_in_the_future(cohort) -> None:
    assert (cohort.infusions["date"] <= np.datetime64(TODAY)).all()


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 1, 1)),
    st.integers(min_value=0, max_value=36),
)
def test_vectorised_month_arithmetic_matches_the_pathway(day: dt.date, months: int) -> None:
    vec = add_months_vec(np.array([day], dtype="datetime64[D]"), months)
    assert vec[0].astype(dt.date) == add_months(day, months)


def test_empty_cohort_is_allowed() -> None:
    c = generate_cohort(n_patients=0, seed=1, today=TODAY)
    assert c.visits["patient"].size == 0
