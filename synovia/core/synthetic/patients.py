"""Synthetic patients and their treatment programs, infusions and adverse events.

All distributions are invented for demonstration and loosely follow published RA cohorts
(about three women per man, mean age at onset ~50, RF+ ~70 %, ACPA+ ~65 %); nothing here is
real patient data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from synovia.core.synthetic.dates import add_months, plus_days

Columns = dict[str, NDArray[Any]]

SOURCES = ("bone_marrow", "adipose", "umbilical_cord", "cord_blood", "placenta",
           "dental_pulp", "synovial", "other")  # fmt: skip
SOURCE_P = (0.2, 0.2, 0.3, 0.08, 0.08, 0.06, 0.05, 0.03)
AUTOLOGOUS_SOURCES = frozenset({"bone_marrow", "adipose", "synovial"})
ROUTES = ("iv", "intra_articular")
IA_JOINTS = ("R_KNEE", "L_KNEE", "R_WRIST", "L_WRIST")
RESPONSES = ("responder", "partial", "non_responder")
RESPONSE_P = (0.45, 0.25, 0.30)
PRE_TREATMENT = ("referred", "evaluating", "not_candidate", "candidate", "scheduled")
PRE_TREATMENT_P = (0.03, 0.04, 0.06, 0.02, 0.03)
AE_TERMS = (
    ("Infusion-related reaction", 0.25), ("Fever", 0.2), ("Headache", 0.15),
    ("Upper respiratory infection", 0.15), ("Arthritis flare", 0.1), ("Fatigue", 0.08),
    ("Pneumonia", 0.04), ("Venous thromboembolism", 0.03),
)  # fmt: skip
RELATEDNESS = ("unrelated", "unlikely", "possible", "probable", "definite")
RELATED_P = (0.3, 0.25, 0.25, 0.15, 0.05)


def _choice(
    rng: np.random.Generator, options: tuple[str, ...], n: int, p: tuple[float, ...] | None = None
) -> NDArray[Any]:
    probs = None if p is None else np.asarray(p) / np.sum(p)
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=probs)]


def make_patients(rng: np.random.Generator, n: int, n_clinics: int, today: dt.date) -> Columns:
    """Demographics, RA history, comorbidities and the pathway plan of ``n`` patients."""
    t = np.datetime64(today, "D")
    age = np.clip(rng.normal(55, 12, n), 19, 85)
    disease_years = np.clip(rng.gamma(2.0, 4.0, n), 0.5, age - 18)
    pre = rng.random(n) < sum(PRE_TREATMENT_P)
    treated = ~pre
    first_inf = plus_days(np.full(n, t), -rng.integers(5, 900, n))
    return {
        "clinic": rng.integers(0, n_clinics, n),
        "sex": np.where(rng.random(n) < 0.75, "F", "M").astype(object),
        "birth_date": plus_days(np.full(n, t), -(age * 365.25).astype(np.int64)),
        "weight_kg": np.round(np.clip(rng.normal(70, 13, n), 40, 140), 1),
        "diagnosis_date": plus_days(np.full(n, t), -(disease_years * 365.25).astype(np.int64)),
        "rf_positive": rng.random(n) < 0.7,
        "acpa_positive": rng.random(n) < 0.65,
        "erosions": rng.random(n) < 0.55,
        "steinbrocker": rng.choice([1, 2, 3, 4], n, p=[0.2, 0.4, 0.3, 0.1]),
        "prior_csdmards": rng.integers(1, 5, n),
        "prior_biologics": rng.poisson(1.2, n),
        "prior_jaki": rng.random(n) < 0.3,
        "tb_latent": rng.random(n) < 0.05,
        "hbv_core_positive": rng.random(n) < 0.03,
        "response": _choice(rng, RESPONSES, n, RESPONSE_P),
        "treated": treated,
        "pre_state": np.where(pre, _choice(rng, PRE_TREATMENT, n, PRE_TREATMENT_P), ""),
        "first_infusion": first_inf,
        "referred_on": plus_days(first_inf, -rng.integers(30, 120, n)),
        # month after which the patient stops coming (13 = completes follow-up)
        "dropout_month": np.where(rng.random(n) < 0.12, rng.choice([1, 6], n), 13),
        "dropout_withdrew": rng.random(n) < 0.5,
        "research_panel": rng.random(n) < 0.15,
    }


def make_programs(rng: np.random.Generator, patients: Columns) -> Columns:
    """One treatment program per treated patient (indices into the patient columns)."""
    idx = np.flatnonzero(patients["treated"])
    m = idx.size
    source = _choice(rng, SOURCES, m, SOURCE_P)
    autologous = np.isin(source, list(AUTOLOGOUS_SOURCES)) & (rng.random(m) < 0.8)
    route = np.where(rng.random(m) < 0.8, ROUTES[0], ROUTES[1]).astype(object)
    per_kg = np.round(rng.choice([0.5, 1.0, 1.5, 2.0, 5.0], m) * 1e6, 0)
    weight = patients["weight_kg"][idx]
    return {
        "patient": idx,
        "source": source,
        "autologous": autologous,
        "product": np.where(rng.random(m) < 0.9, "msc", "exosome").astype(object),
        "route": route,
        "joint": np.where(route == "intra_articular", _choice(rng, IA_JOINTS, m), ""),
        "dose_per_kg": per_kg,
        "total_cells": np.round(per_kg * weight, -4),
        "n_planned": rng.choice([1, 2, 3, 4], m, p=[0.35, 0.3, 0.25, 0.1]),
        "interval_weeks": rng.choice([1, 2, 4], m),
        "first_infusion": patients["first_infusion"][idx],
    }


def make_infusions(rng: np.random.Generator, programs: Columns, today: dt.date) -> Columns:
    """Every infusion given so far (planned ones in the future are not yet given)."""
    reps = programs["n_planned"].astype(np.int64)
    prog = np.repeat(np.arange(reps.size), reps)
    number = np.arange(prog.size) - np.repeat(np.cumsum(reps) - reps, reps) + 1
    when = plus_days(programs["first_infusion"][prog], (number - 1) * programs["interval_weeks"][prog] * 7)
    keep = when <= np.datetime64(today, "D")
    prog, number, when = prog[keep], number[keep], when[keep]
    autologous = programs["autologous"][prog]
    source = programs["source"][prog]
    harvest = np.where(
        autologous & (source == "bone_marrow"),
        "bone_marrow",
        np.where(autologous & (source == "adipose"), "fat", ""),
    )
    reaction = np.where(rng.random(prog.size) < 0.04, "Transient fever", "")
    lots = np.char.add("LOT-", rng.integers(10000, 99999, prog.size).astype(str))
    return {
        "program": prog,
        "patient": programs["patient"][prog],
        "number": number,
        "date": when,
        "lot": lots.astype(object),
        "dose_cells": programs["total_cells"][prog],
        "route": programs["route"][prog],
        "joint": programs["joint"][prog],
        "harvest_site": harvest.astype(object),
        "reaction": reaction.astype(object),
    }


def make_adverse_events(rng: np.random.Generator, programs: Columns, today: dt.date) -> Columns:
    """About a quarter of treated patients have one adverse event; some are serious."""
    has = rng.random(programs["patient"].size) < 0.25
    prog = np.flatnonzero(has)
    k = prog.size
    terms = tuple(t for t, _ in AE_TERMS)
    term = _choice(rng, terms, k, tuple(p for _, p in AE_TERMS))
    grade = rng.choice([1, 2, 3, 4, 5], k, p=[0.55, 0.3, 0.11, 0.035, 0.005])
    severe_term = np.isin(term, ["Pneumonia", "Venous thromboembolism"])
    grade = np.where(severe_term, np.maximum(grade, 3), grade)
    serious = (grade >= 4) | ((grade == 3) & (rng.random(k) < 0.8))
    onset = plus_days(programs["first_infusion"][prog], rng.integers(0, 200, k))
    onset = np.minimum(onset, np.datetime64(today, "D"))
    duration = rng.integers(1, 30, k)
    resolved = plus_days(onset, duration)
    ongoing = (resolved > np.datetime64(today, "D")) | (grade == 5)
    outcome = np.where(grade == 5, "fatal", np.where(ongoing, "not_recovered", "recovered"))
    return {
        "program": prog,
        "patient": programs["patient"][prog],
        "term": term,
        "grade": grade,
        "serious": serious,
        "criteria": np.where(serious, np.where(grade == 5, "death", "hospitalisation"), ""),
        "relatedness": _choice(rng, RELATEDNESS, k, RELATED_P),
        "onset": onset,
        "resolved": np.where(ongoing, np.datetime64("NaT"), resolved),
        "outcome": outcome.astype(object),
        "action": np.where(grade >= 3, "treatment_interrupted", "none").astype(object),
    }


def follow_up_targets(first_infusion: NDArray[np.datetime64], months: int) -> NDArray[Any]:
    """Target dates ``months`` after each first infusion."""
    return add_months(first_infusion, months)
