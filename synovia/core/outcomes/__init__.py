"""Synovia core: outcomes of a registry cohort (response rates with Wilson intervals,
differences with Newcombe intervals, Kaplan-Meier survival, means, adverse-event rates,
small-cell suppression and de-identification), over Polars columns. No Django here."""

from synovia.core.outcomes.analysis import analyse
from synovia.core.outcomes.csvio import InputError, read_events, read_visits
from synovia.core.outcomes.endpoints import ENDPOINTS, TIMEPOINTS, response_table
from synovia.core.outcomes.intervals import mean_ci, newcombe, rate_per_100py, wilson
from synovia.core.outcomes.survival import kaplan_meier

__all__ = [
    "ENDPOINTS",
    "TIMEPOINTS",
    "InputError",
    "analyse",
    "kaplan_meier",
    "mean_ci",
    "newcombe",
    "rate_per_100py",
    "read_events",
    "read_visits",
    "response_table",
    "wilson",
]
