"""Trial pages: the catalog, one trial in plain language, and explained matches."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from synovia.access import door
from synovia.accounts.models import Role
from synovia.clinic.models import Patient
from synovia.core.eligibility.evaluate import match_trials
from synovia.core.eligibility.facts import FactsError, PatientFacts
from synovia.trials import describe, patient_reads, selectors
from synovia.trials.clinic_facts import record_facts
from synovia.trials.forms import FactsForm

SCREENERS = (Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN)


def trial_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trials/trial_list.html",
        {"trials": selectors.trial_list(), "offers": selectors.offer_list()},
    )


def trial_detail(request: HttpRequest, registry_id: str) -> HttpResponse:
    trial = selectors.trial_get(registry_id)
    criteria = [
        {"criterion": c, "plain": describe.describe_rule(c.rule), "review": c.rule.get("type") == "review"}
        for c in trial.criteria.all()
    ]
    context = {
        "trial": trial,
        "inclusion": [c for c in criteria if c["criterion"].kind == "inclusion"],
        "exclusion": [c for c in criteria if c["criterion"].kind == "exclusion"],
        "other": [c for c in criteria if c["criterion"].kind == "unlabelled"],
        "age_range": describe.age_range(trial.minimum_age_years, trial.maximum_age_years),
        "sex_label": describe.sex_label(trial.sex),
        "can_screen": getattr(request.user, "role", None) in SCREENERS,
    }
    return render(request, "trials/trial_detail.html", context)


def match(request: HttpRequest) -> HttpResponse:
    """Which trials might fit me: facts entered here are used once and never stored.

    The form posts (facts never travel in a URL); blank fields are unknown, never "no".
    """
    record = _own_record(request)
    if record is not None and request.method == "POST" and "use_record" in request.POST:
        return _match_own_record(request, record)
    form = FactsForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        try:
            facts = PatientFacts.from_dict(form.facts())
        except FactsError as exc:
            form.add_error(None, str(exc))
        else:
            results = _explained(match_trials(selectors.catalog_for_matching(), facts))
    return render(
        request, "trials/match.html", {"form": form, "results": results, "has_record": record is not None}
    )


def _own_record(request: HttpRequest) -> Patient | None:
    """Whether a signed-in patient has a record (its id only; reading it is audited below)."""
    return door.own_record(door.principal(request))


def _match_own_record(request: HttpRequest, own: Patient) -> HttpResponse:
    """A signed-in patient matched on what their clinic record states (an audited read)."""
    patient = patient_reads.own_record(door.principal(request), own.pk)
    facts, notes = record_facts(patient, timezone.localdate())
    for note in notes:  # a stored value outside its plausible range is unknown here
        messages.warning(request, note)
    results = _explained(match_trials(selectors.catalog_for_matching(), facts))
    context = {"form": FactsForm(), "results": results, "has_record": True, "from_record": True}
    return render(request, "trials/match.html", context)


def _explained(matches: list) -> list[dict]:
    trials = selectors.trial_titles()
    return [
        {
            "match": m,
            "trial": trials[m.trial_id],
            "criteria": [
                {
                    "result": c,
                    "missing": [describe.fact_label(f) for f in c.missing_facts],
                    "tone": "bad" if c.decides_against else "open" if c.is_open else "good",
                }
                for c in m.criteria
            ],
        }
        for m in matches
    ]
