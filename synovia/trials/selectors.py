"""Reads on the trial catalog; list pages fetch related rows in bulk (no N+1)."""

from __future__ import annotations

from typing import cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from synovia.core.eligibility.parsing import CriterionKind, ParsedCriterion, Source
from synovia.core.eligibility.rules import rule_from_dict
from synovia.trials.models import Criterion, Offer, Trial


def trial_list() -> QuerySet[Trial]:
    return (
        Trial.objects.prefetch_related("interventions")
        .annotate(
            n_criteria=Count("criteria", distinct=True),
            n_review=Count("criteria", filter=Q(criteria__rule__type="review"), distinct=True),
        )
        .order_by("registry_id")
    )


def trial_get(registry_id: str) -> Trial:
    queryset = Trial.objects.prefetch_related(
        "interventions", Prefetch("criteria", queryset=Criterion.objects.order_by("position"))
    )
    return get_object_or_404(queryset, registry_id=registry_id)


def trials_for_matching() -> QuerySet[Trial]:
    return Trial.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("position"))
    ).order_by("registry_id")


def catalog_for_matching() -> list[tuple[str, tuple[ParsedCriterion, ...]]]:
    """Every trial's criteria with the rules in force (curator-approved where approved)."""
    return [(trial.registry_id, trial_criteria(trial)) for trial in trials_for_matching()]


def trial_titles() -> dict[str, Trial]:
    return {t.registry_id: t for t in Trial.objects.prefetch_related("interventions")}


def offer_list() -> QuerySet[Offer]:
    return Offer.objects.order_by("kind", "name")


def trial_criteria(trial: Trial) -> tuple[ParsedCriterion, ...]:
    """One trial's criteria with the rules in force."""
    return tuple(
        ParsedCriterion(cast(CriterionKind, c.kind), c.text, rule_from_dict(c.rule), cast(Source, c.source))
        for c in trial.criteria.all()
    )
