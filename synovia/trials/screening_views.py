"""Clinicians and coordinators screen their clinic's patients for one trial, and export the list.

Every screen is one audited read through the one door, naming each patient screened. Facts come only from the
record (see ``clinic_facts``); what it does not state stays unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from synovia.access import door
from synovia.accounts.permissions import role_required
from synovia.clinic.models import Patient
from synovia.core.eligibility.evaluate import TrialMatch, closeness_key, match_trial
from synovia.trials import patient_reads, selectors
from synovia.trials.clinic_facts import record_facts
from synovia.trials.describe import fact_label
from synovia.trials.views import SCREENERS
from synovia.web import csvsafe


@dataclass(frozen=True)
class ScreenRow:
    patient: Patient
    match: TrialMatch | None
    error: str = ""


def _screen(
    request: HttpRequest, registry_id: str, *, export: bool = False
) -> tuple[object, list[ScreenRow]]:
    trial = selectors.trial_get(registry_id)
    criteria = selectors.trial_criteria(trial)
    today = timezone.localdate()
    patients = patient_reads.screen_cohort(
        door.principal(request), registry_id=trial.registry_id, export=export
    )
    rows = []
    for patient in patients:
        facts, notes = record_facts(patient, today)
        match = match_trial(trial.registry_id, criteria, facts)
        rows.append(ScreenRow(patient, match, "; ".join(notes)))
    rows.sort(key=lambda r: closeness_key(r.match) if r.match else (3, 0, 0, ""))
    return trial, rows


@role_required(*SCREENERS)
def screen(request: HttpRequest, registry_id: str) -> HttpResponse:
    trial, rows = _screen(request, registry_id)
    shown = [
        {
            "row": row,
            "failed": [c.text for c in row.match.failed] if row.match else [],
            "ask": sorted({fact_label(f) for c in row.match.open for f in c.missing_facts})
            if row.match
            else [],
            "review": sum(1 for c in row.match.open if c.status == "review") if row.match else 0,
        }
        for row in rows
    ]
    return render(request, "trials/screen.html", {"trial": trial, "rows": shown})


@role_required(*SCREENERS)
def screen_csv(request: HttpRequest, registry_id: str) -> HttpResponse:
    trial, rows = _screen(request, registry_id, export=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="screen-{trial.registry_id}.csv"'
    writer = csvsafe.writer(response)
    writer.writerow(
        [
            "record_number",
            "pseudonym",
            "synthetic",
            "verdict",
            "failed_criteria",
            "open_criteria",
            "facts_to_ask_or_measure",
            "error",
        ]
    )
    for row in rows:
        match = row.match
        writer.writerow(
            [
                row.patient.record_number,
                row.patient.pseudonym,
                "yes" if row.patient.synthetic else "no",
                match.verdict.value if match else "",
                " | ".join(c.text for c in match.failed) if match else "",
                len(match.open) if match else "",
                "; ".join(sorted({f for c in match.open for f in c.missing_facts})) if match else "",
                row.error,
            ]
        )
    return response
