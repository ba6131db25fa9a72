"""Clinicians and coordinators screen their clinic's patients for one trial, and export the list.

Every screen is one audited read through the one door, naming each patient screened. Facts come
only from the record (see ``clinic_facts``), built set-based for the whole clinic and screened by
the batch engine at once; the page then explains one page of patients, closest first.

Only the facts the trial's criteria read are built (the rows of the other families are never
fetched): the verdicts, the criteria against and open and the facts to ask are those of every
fact, and a note on a stored value read as unknown is shown when that value is one the trial
reads.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from synovia.access import door
from synovia.access.models import Action
from synovia.accounts.permissions import role_required
from synovia.core.eligibility import batch
from synovia.core.eligibility.batch import CODES, VERDICT_CODES
from synovia.core.eligibility.evaluate import Status, TrialMatch, match_trial
from synovia.core.eligibility.facts import FACTS
from synovia.trials import patient_reads, selectors
from synovia.trials.clinic_facts import row_facts
from synovia.trials.describe import fact_label
from synovia.trials.plain import facts_of
from synovia.trials.views import SCREENERS
from synovia.web import csvsafe

PER_PAGE = 50
LABELS = {"record_number": pl.String, "synthetic": pl.Boolean}
SORTS = ("closest", "record")


@dataclass(frozen=True)
class Screened:
    """A clinic screened for one trial: every patient's label columns and facts, ranked."""

    trial: Any
    criteria: list[Any]
    ranked: pl.DataFrame
    notes: dict[int, list[str]]

    def match(self, row: dict[str, Any]) -> TrialMatch:
        return match_trial(self.trial.registry_id, self.criteria, row_facts(row))


def _screened(
    request: HttpRequest, registry_id: str, *, export: bool = False, sort: str = "closest"
) -> Screened:
    trial = selectors.trial_get(registry_id)
    criteria = list(selectors.trial_criteria(trial))
    found = patient_reads.scope_facts(
        door.principal(request),
        purpose="trial screen export" if export else "trial screen",
        action=Action.EXPORT if export else Action.READ,
        detail=trial.registry_id,
        today=timezone.localdate(),
        labels=LABELS | ({"pseudonym": pl.String} if export else {}),
        facts={fact for criterion in criteria for fact in facts_of(criterion.rule)},
    )
    table = found.table.sort("id")
    notes: dict[int, list[str]] = defaultdict(list)
    for pid, note in found.notes:
        notes[pid].append(note)
    return Screened(trial, criteria, _ranked(table, trial.registry_id, criteria, sort), notes)


def _ranked(table: pl.DataFrame, registry_id: str, criteria: list[Any], sort: str) -> pl.DataFrame:
    """``table`` with the verdict code, the number of criteria against and open, sorted."""
    result = batch.screen(table.select(list(FACTS)), [(registry_id, criteria)])
    columns = [pl.col(f"{registry_id}#{i}") for i in range(len(criteria))]
    against = [
        col == CODES[Status.NOT_MET if c.kind == "inclusion" else Status.MET]
        for col, c in zip(columns, criteria, strict=True)
    ]
    open_ = [col.is_in([CODES[Status.UNKNOWN], CODES[Status.REVIEW]]) for col in columns]
    counts = result.statuses.select(
        pl.sum_horizontal(against).alias("_against") if against else pl.lit(0).alias("_against"),
        pl.sum_horizontal(open_).alias("_open") if open_ else pl.lit(0).alias("_open"),
    )
    ranked = pl.concat([table, result.verdicts.rename({registry_id: "_verdict"}), counts], how="horizontal")
    keys = ["_verdict", "_against", "_open", "id"] if sort == "closest" else ["record_number", "id"]
    return ranked.sort(keys)


def _verdict_counts(ranked: pl.DataFrame) -> dict[str, int]:
    counts = dict(ranked.group_by("_verdict").len().iter_rows())
    return {verdict.value: counts.get(code, 0) for verdict, code in VERDICT_CODES.items()}


def _page_number(raw: Any, pages: int) -> int:
    text = str(raw or "1")
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else 1
    return min(max(number, 1), max(pages, 1))


@role_required(*SCREENERS)
def screen(request: HttpRequest, registry_id: str) -> HttpResponse:
    sort = request.GET.get("sort", "closest")
    sort = sort if sort in SORTS else "closest"
    screened = _screened(request, registry_id, sort=sort)
    total = screened.ranked.height
    pages = math.ceil(total / PER_PAGE)
    number = _page_number(request.GET.get("page"), pages)
    shown = []
    for row in screened.ranked.slice((number - 1) * PER_PAGE, PER_PAGE).iter_rows(named=True):
        match = screened.match(row)
        shown.append(
            {
                "record_number": row["record_number"],
                "synthetic": row["synthetic"],
                "match": match,
                "failed": [c.text for c in match.failed],
                "ask": sorted({fact_label(f) for c in match.open for f in c.missing_facts}),
                "review": sum(1 for c in match.open if c.status == "review"),
                "error": "; ".join(screened.notes.get(row["id"], [])),
            }
        )
    context = {
        "trial": screened.trial,
        "rows": shown,
        "total": total,
        "counts": _verdict_counts(screened.ranked),
        "page": number,
        "pages": pages,
        "sort": sort,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < pages else None,
    }
    return render(request, "trials/screen.html", context)


HEADER = [
    "record_number",
    "pseudonym",
    "synthetic",
    "verdict",
    "failed_criteria",
    "open_criteria",
    "facts_to_ask_or_measure",
    "error",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


@role_required(*SCREENERS)
def screen_csv(request: HttpRequest, registry_id: str) -> StreamingHttpResponse:
    screened = _screened(request, registry_id, export=True)
    response = StreamingHttpResponse(_csv_rows(screened), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="screen-{screened.trial.registry_id}.csv"'
    return response


def _csv_rows(screened: Screened) -> Iterator[str]:
    writer = csvsafe.writer(_Echo())
    yield writer.writerow(HEADER)
    for row in screened.ranked.iter_rows(named=True):
        match = screened.match(row)
        yield writer.writerow(
            [
                row["record_number"],
                row["pseudonym"],
                "yes" if row["synthetic"] else "no",
                match.verdict.value,
                " | ".join(c.text for c in match.failed),
                len(match.open),
                "; ".join(sorted({f for c in match.open for f in c.missing_facts})),
                "; ".join(screened.notes.get(row["id"], [])),
            ]
        )
