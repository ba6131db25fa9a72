"""Writes on the trial catalog: import (create or update, never duplicate) and curation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from synovia.core.eligibility import rules as rule_language
from synovia.core.eligibility.parsing import parse_study
from synovia.core.eligibility.studies import Study
from synovia.trials.models import Criterion, Trial, TrialIntervention


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    criteria: int
    approved_kept: int


@transaction.atomic
def trials_import(*, studies: Iterable[Study], raw_by_id: dict[str, Any] | None = None) -> ImportReport:
    """Create or update each study by registry id; re-importing never duplicates.

    Criteria are split and parsed again; a criterion whose kind and text are unchanged keeps
    the rule a curator approved.
    """
    from synovia.myrecord import trial_alerts  # the alerts hook: checked once the import commits

    before = trial_alerts.snapshot()
    created = updated = criteria = kept = 0
    for study in studies:
        trial, was_created = Trial.objects.update_or_create(
            registry_id=study.registry_id, defaults=_trial_fields(study, raw_by_id or {})
        )
        created += was_created
        updated += not was_created
        _replace_interventions(trial, study)
        counted, approved = _replace_criteria(trial, study)
        criteria += counted
        kept += approved
    transaction.on_commit(lambda: trial_alerts.after_import(before))
    return ImportReport(created=created, updated=updated, criteria=criteria, approved_kept=kept)


def _trial_fields(study: Study, raw_by_id: dict[str, Any]) -> dict[str, Any]:
    el = study.eligibility
    return {
        "title": study.title or "",
        "status": study.status or "",
        "status_as_seen": study.status_as_seen or "",
        "phases": list(study.phases),
        "sponsor": study.sponsor or "",
        "conditions": list(study.conditions),
        "enrollment": study.enrollment,
        "locations": list(study.locations),
        "criteria_text": el.criteria_text or "",
        "sex": el.sex or "",
        "minimum_age_years": el.minimum_age_years,
        "maximum_age_years": el.maximum_age_years,
        "healthy_volunteers": el.healthy_volunteers,
        "criteria_complete": study.criteria_complete,
        "source_url": study.source_url or "",
        "regulatory_kind": study.regulatory.kind,
        "raw": raw_by_id.get(study.registry_id, {}),
    }


def _replace_interventions(trial: Trial, study: Study) -> None:
    trial.interventions.all().delete()
    TrialIntervention.objects.bulk_create(
        TrialIntervention(
            trial=trial,
            position=index,
            type=item.type or "",
            description=item.description or "",
            cell_source=item.cell_source or "",
            origin=item.origin or "",
            dose=item.dose or "",
            schedule=item.schedule or "",
            route=item.route or "",
        )
        for index, item in enumerate(study.interventions)
    )


def _replace_criteria(trial: Trial, study: Study) -> tuple[int, int]:
    approved = {c.text_hash: c for c in trial.criteria.filter(approved=True).select_related("approved_by")}
    trial.criteria.all().delete()
    rows = []
    kept = 0
    for position, item in enumerate(parse_study(study)):
        digest = Criterion.hash_text(item.kind, item.text)
        parsed = rule_language.rule_to_dict(item.rule)
        previous = approved.get(digest)
        kept += previous is not None
        rows.append(
            Criterion(
                trial=trial,
                position=position,
                kind=item.kind,
                source=item.source,
                text=item.text,
                text_hash=digest,
                parsed_rule=parsed,
                rule=previous.rule if previous else parsed,
                approved=previous is not None,
                approved_by=previous.approved_by if previous else None,
                approved_at=previous.approved_at if previous else None,
            )
        )
    Criterion.objects.bulk_create(rows)
    return len(rows), kept


@transaction.atomic
def criterion_approve(*, criterion: Criterion, rule: dict[str, Any], user: Any) -> Criterion:
    """A curator sets and approves the rule of one criterion (validated by the rule language)."""
    checked = rule_language.rule_to_dict(rule_language.rule_from_dict(rule))
    criterion.rule = checked
    criterion.approved = True
    criterion.approved_by = user
    criterion.approved_at = timezone.now()
    criterion.save(update_fields=["rule", "approved", "approved_by", "approved_at"])
    return criterion


@transaction.atomic
def criterion_reset(*, criterion: Criterion) -> Criterion:
    """Withdraw a curator's approval: the parser's rule is in force again."""
    criterion.rule = criterion.parsed_rule
    criterion.approved = False
    criterion.approved_by = None
    criterion.approved_at = None
    criterion.save(update_fields=["rule", "approved", "approved_by", "approved_at"])
    return criterion
