"""Writes on the trial catalog: import (create or update, never duplicate) and curation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
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
    changed_since_approval: int = 0


@transaction.atomic
def trials_import(*, studies: Iterable[Study], raw_by_id: dict[str, Any] | None = None) -> ImportReport:
    """Create or update each study by registry id; re-importing never duplicates.

    Criteria are split and parsed again; a criterion whose kind and text are unchanged keeps
    the rule a curator approved, and one whose approved text came back changed is marked for
    review again with the text and rule approved before.
    """
    from synovia.myrecord import trial_alerts  # the alerts hook: checked once the import commits

    before = trial_alerts.snapshot()
    created = updated = criteria = kept = changed = 0
    for study in studies:
        trial, was_created = Trial.objects.update_or_create(
            registry_id=study.registry_id, defaults=_trial_fields(study, raw_by_id or {})
        )
        created += was_created
        updated += not was_created
        _replace_interventions(trial, study)
        counted, approved, edited = _replace_criteria(trial, study)
        criteria += counted
        kept += approved
        changed += edited
    transaction.on_commit(lambda: trial_alerts.after_import(before))
    return ImportReport(
        created=created,
        updated=updated,
        criteria=criteria,
        approved_kept=kept,
        changed_since_approval=changed,
    )


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


def _replace_criteria(trial: Trial, study: Study) -> tuple[int, int, int]:
    """The trial's criteria parsed again from ``study``: the number of criteria, of approved
    rules kept (same kind and text) and of criteria changed since approval.

    A criterion whose approved rule (or whose earlier change still to review) belonged to a
    text that is gone is matched to the new criterion most like it (:func:`_successors`):
    that one is marked "changed since approval", keeps the text and rule approved before for
    the curator to compare, and has the parser's rule in force until approved again."""
    before = list(trial.criteria.select_related("approved_by"))
    held = {c.text_hash: c for c in before if c.approved or c.changed_since_approval}
    trial.criteria.all().delete()
    items = list(parse_study(study))
    digests = [Criterion.hash_text(item.kind, item.text) for item in items]
    old_hashes = {c.text_hash for c in before}
    fresh = [(i, item.kind, item.text) for i, item in enumerate(items) if digests[i] not in old_hashes]
    gone = [c for c in held.values() if c.text_hash not in set(digests)]
    successors = _successors(gone, fresh)
    rows = []
    kept = 0
    for position, (item, digest) in enumerate(zip(items, digests, strict=True)):
        parsed = rule_language.rule_to_dict(item.rule)
        row = Criterion(
            trial=trial,
            position=position,
            kind=item.kind,
            source=item.source,
            text=item.text,
            text_hash=digest,
            parsed_rule=parsed,
            rule=parsed,
        )
        previous = held.get(digest)
        if previous is not None and previous.approved:
            kept += 1
            row.rule, row.approved = previous.rule, True
            row.approved_by, row.approved_at = previous.approved_by, previous.approved_at
        elif previous is not None or position in successors:
            _mark_changed(row, previous or successors[position])
        rows.append(row)
    Criterion.objects.bulk_create(rows)
    return len(rows), kept, sum(row.changed_since_approval for row in rows)


def _mark_changed(row: Criterion, before: Criterion) -> None:
    """``row`` replaces ``before``, whose approved rule was for another text (or which was
    already changed since approval, not yet reviewed): keep what was approved, to compare."""
    row.changed_since_approval = True
    if before.changed_since_approval:
        row.approved_text, row.approved_rule = before.approved_text, before.approved_rule
    else:
        row.approved_text, row.approved_rule = before.text, before.rule


SIMILAR = 0.6
"""Least :class:`difflib.SequenceMatcher` ratio for a new text to be read as an edit of an
old one: the cut-off :func:`difflib.get_close_matches` uses by default for a close match
(Python documentation, ``difflib``)."""


def _successors(gone: list[Criterion], fresh: list[tuple[int, str, str]]) -> dict[int, Criterion]:
    """For criteria whose text is gone, the new criteria (position, kind, text; texts not in
    the trial before) that edit them: each pairs with the unpaired new one of its kind most
    like it, at least :data:`SIMILAR` alike (ties: the nearest position)."""
    paired: dict[int, Criterion] = {}
    for old in sorted(gone, key=lambda c: c.position):
        scored = [
            (
                SequenceMatcher(None, old.text, text, autojunk=False).ratio(),
                -abs(position - old.position),
                position,
            )
            for position, kind, text in fresh
            if kind == old.kind and position not in paired
        ]
        best = max(scored, default=None)
        if best is not None and best[0] >= SIMILAR:
            paired[best[2]] = old
    return paired


@transaction.atomic
def criterion_approve(*, criterion: Criterion, rule: dict[str, Any], user: Any) -> Criterion:
    """A curator sets and approves the rule of one criterion (validated by the rule language);
    a change since an earlier approval is settled by it."""
    checked = rule_language.rule_to_dict(rule_language.rule_from_dict(rule))
    criterion.rule = checked
    criterion.approved = True
    criterion.approved_by = user
    criterion.approved_at = timezone.now()
    # Approving the text as it now reads settles a change since the earlier approval.
    criterion.changed_since_approval = False
    criterion.approved_text, criterion.approved_rule = "", None
    criterion.save(
        update_fields=[
            "rule", "approved", "approved_by", "approved_at", "changed_since_approval", "approved_text",
            "approved_rule",
        ]
    )  # fmt: skip
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
