"""Synthetic RA/MSC registry generator: column arrays, deterministic by seed, no database.

``generate_cohort(n_patients=..., seed=..., today=...)`` returns a ``Cohort`` of tables,
each a dict of equal-length NumPy arrays (or lists for the few clinics), indexed so that the
Django command can bulk insert them: ``programs["patient"]`` indexes ``patients``,
``infusions["program"]`` indexes ``programs``, ``labs["visit"]`` indexes ``visits``.
Every row is invented; callers must mark it synthetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from synovia.core.synthetic.patients import (
    Columns,
    make_adverse_events,
    make_infusions,
    make_patients,
    make_programs,
)
from synovia.core.synthetic.visits import make_labs, make_visits

CLINICS: tuple[tuple[str, str, str, str], ...] = (
    ("Synthetic Demo Clinic", "demo-clinic", "Demo City", "ES"),
    ("Synthetic North Rheumatology", "syn-north", "Oviedo", "ES"),
    ("Synthetic Cell Therapy Unit", "syn-cell", "Valencia", "ES"),
    ("Synthetic Andes Clinic", "syn-andes", "Bogotá", "CO"),
    ("Synthetic Pacific Centre", "syn-pacific", "Lima", "PE"),
    ("Synthetic Lakes Institute", "syn-lakes", "Guadalajara", "MX"),
)


@dataclass(frozen=True)
class Cohort:
    """All tables of a synthetic registry."""

    clinics: tuple[tuple[str, str, str, str], ...]
    patients: Columns
    programs: Columns
    infusions: Columns
    visits: Columns
    labs: Columns
    adverse_events: Columns


def generate_cohort(*, n_patients: int, seed: int, today: dt.date, n_clinics: int = len(CLINICS)) -> Cohort:
    """A synthetic cohort of ``n_patients``; same seed and day give the same cohort."""
    if n_patients < 0 or not 1 <= n_clinics <= len(CLINICS):
        raise ValueError(f"need n_patients >= 0 and 1 <= n_clinics <= {len(CLINICS)}")
    rng = np.random.default_rng(seed)
    patients = make_patients(rng, n_patients, n_clinics, today)
    programs = make_programs(rng, patients)
    infusions = make_infusions(rng, programs, today)
    visits = make_visits(rng, patients, today)
    labs = make_labs(rng, patients, visits)
    events = make_adverse_events(rng, programs, today)
    patients["state"] = pathway_states(patients, visits, today)
    return Cohort(CLINICS[:n_clinics], patients, programs, infusions, visits, labs, events)


def pathway_states(patients: Columns, visits: Columns, today: dt.date) -> np.ndarray:
    """Current pathway state of each patient from its plan and the visits that happened."""
    n = patients["treated"].size
    t = np.datetime64(today, "D")
    done12 = np.zeros(n, bool)
    done12[visits["patient"][visits["month"] == 12]] = True
    dropped = (patients["dropout_month"] < 13) & (
        patients["first_infusion"] + np.timedelta64(30 * 6 + 120, "D") < t
    )
    started = patients["first_infusion"] + np.timedelta64(23, "D") <= t
    state = np.where(started, "in_follow_up", "treated").astype(object)
    state = np.where(dropped, np.where(patients["dropout_withdrew"], "withdrawn", "lost_to_follow_up"), state)
    state = np.where(done12, "completed", state)
    out: np.ndarray = np.where(patients["treated"], state, patients["pre_state"])
    return out


__all__ = ["CLINICS", "Cohort", "Columns", "generate_cohort", "pathway_states"]
