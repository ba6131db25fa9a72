"""Trial pages: the catalog, one trial in plain language, and explained matches."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from synovia.access import door
from synovia.accounts.models import Role
from synovia.clinic.models import Patient
from synovia.core.eligibility.facts import FactsError, PatientFacts
from synovia.core.eligibility.rules import rule_from_dict
from synovia.trials import describe, explain, patient_reads, plain, registry, selectors
from synovia.trials.clinic_facts import record_facts
from synovia.trials.forms import FactsForm

SCREENERS = (Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN)


def trial_list(request: HttpRequest) -> HttpResponse:
    """The catalog, recruiting first; filters by status and country (closed lists, so a
    stray value shows everything rather than an error)."""
    trials = sorted(selectors.trial_list(), key=lambda t: (registry.status_rank(t.status), t.registry_id))
    all_countries = sorted({c for t in trials for c in registry.countries(t.raw or {})})
    status = request.GET.get("status", "")
    country = request.GET.get("country", "")
    if status == "open":
        trials = [t for t in trials if t.status in registry.OPEN_STATUSES]
    elif status in registry.STATUSES:
        trials = [t for t in trials if t.status == status]
    if country in all_countries:
        trials = [t for t in trials if country in registry.countries(t.raw or {})]
    present = sorted({t.status for t in selectors.trial_list()}, key=registry.status_rank)
    rows = [
        {
            "trial": t,
            "status": registry.status_label(t.status),
            "open": t.status in registry.OPEN_STATUSES,
            "phases": registry.phase_labels(t.phases),
            "link": registry.registry_link(t.registry_id, t.source_url),
            "countries": [registry.country_label(c) for c in registry.countries(t.raw or {})],
            "origins": [str(registry.ORIGINS.get(i.origin, "")) for i in t.interventions.all()],
        }
        for t in trials
    ]
    context = {
        "rows": rows,
        "offers": selectors.offer_list(),
        "statuses": [(code, registry.status_label(code)) for code in present if code],
        "countries": [(c, registry.country_label(c)) for c in all_countries],
        "status": status if status == "open" or status in registry.STATUSES else "",
        "country": country if country in all_countries else "",
    }
    return render(request, "trials/trial_list.html", context)


def trial_detail(request: HttpRequest, registry_id: str) -> HttpResponse:
    trial = selectors.trial_get(registry_id)
    criteria = [
        {
            "criterion": c,
            "plain": plain.sentence(rule_from_dict(c.rule), c.kind, None, c.source),
            "text": c.text if c.source == "criteria" else "",
        }
        for c in trial.criteria.all()
    ]
    raw = trial.raw or {}
    context = {
        "trial": trial,
        "inclusion": [c for c in criteria if c["criterion"].kind == "inclusion"],
        "exclusion": [c for c in criteria if c["criterion"].kind == "exclusion"],
        "other": [c for c in criteria if c["criterion"].kind not in ("inclusion", "exclusion")],
        "age_range": describe.age_range(trial.minimum_age_years, trial.maximum_age_years),
        "sex_label": describe.sex_label(trial.sex),
        "status": registry.status_label(trial.status),
        "phases": registry.phase_labels(trial.phases),
        "link": registry.registry_link(trial.registry_id, trial.source_url),
        "contacts": registry.contacts(raw),
        "places": [(p, registry.country_label(p.country)) for p in registry.places(raw)],
        "origins": {i.pk: str(registry.ORIGINS.get(i.origin, "")) for i in trial.interventions.all()},
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
            results = explain.match_catalog(facts)
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
    results = explain.match_catalog(facts)
    context = {"form": FactsForm(), "results": results, "has_record": True, "from_record": True}
    return render(request, "trials/match.html", context)
