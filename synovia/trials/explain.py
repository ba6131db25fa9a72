"""Match results for a reader: per trial the verdict and a one-line reason first, then every
criterion as a translated sentence; across trials, the facts that would decide the most.

Shared by the detailed matching page (clinicians, power users) and the self-assessment.
Wording never says "candidate for treatment": a verdict is about a study's listed criteria,
and only the study team decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from synovia.core.eligibility.evaluate import (
    CriterionResult,
    Status,
    TrialMatch,
    Verdict,
    closeness_key,
    match_trials,
)
from synovia.core.eligibility.facts import PatientFacts
from synovia.core.eligibility.parsing import ParsedCriterion
from synovia.trials import plain, registry, selectors
from synovia.trials.describe import fact_label
from synovia.trials.models import Trial

#: What to ask for, per fact that would decide an open criterion (others: a generic sentence).
ASK: dict[str, Any] = {
    "crp_mg_l": gettext_lazy("Ask your rheumatologist for a recent CRP (a blood test of inflammation)."),
    "crp_x_uln": gettext_lazy("Ask for a recent CRP with the laboratory's normal range."),
    "esr_mm_h": gettext_lazy("Ask your rheumatologist for a recent ESR (sedimentation rate)."),
    "das28_esr": gettext_lazy("Ask your rheumatologist for your DAS28 score at your next visit."),
    "das28_crp": gettext_lazy("Ask your rheumatologist for your DAS28 score at your next visit."),
    "cdai": gettext_lazy("Ask your rheumatologist for your CDAI score at your next visit."),
    "sdai": gettext_lazy("Ask your rheumatologist for your SDAI score at your next visit."),
    "tjc28": gettext_lazy("Ask your rheumatologist to count your tender and swollen joints."),
    "sjc28": gettext_lazy("Ask your rheumatologist to count your tender and swollen joints."),
    "tjc68": gettext_lazy("Ask your rheumatologist to count your tender and swollen joints."),
    "sjc66": gettext_lazy("Ask your rheumatologist to count your tender and swollen joints."),
    "meets_acr_eular_2010": gettext_lazy(
        "Ask your rheumatologist whether your diagnosis meets the 2010 ACR/EULAR classification criteria."
    ),
    "meets_acr_1987": gettext_lazy(
        "Ask your rheumatologist whether your diagnosis meets the 1987 ACR classification criteria."
    ),
    "consent_given": gettext_lazy(
        "Every study asks for your written consent: the study team explains it first."
    ),
    "hemoglobin_g_l": gettext_lazy(
        "Ask for a recent full blood count (haemoglobin, white cells, platelets)."
    ),
    "wbc_10e9_l": gettext_lazy("Ask for a recent full blood count (haemoglobin, white cells, platelets)."),
    "platelets_10e9_l": gettext_lazy(
        "Ask for a recent full blood count (haemoglobin, white cells, platelets)."
    ),
    "alt_x_uln": gettext_lazy("Ask for recent liver tests (ALT, AST)."),
    "ast_x_uln": gettext_lazy("Ask for recent liver tests (ALT, AST)."),
    "creatinine_umol_l": gettext_lazy("Ask for a recent kidney test (creatinine, eGFR)."),
    "egfr_ml_min": gettext_lazy("Ask for a recent kidney test (creatinine, eGFR)."),
    "radiographic_stage": gettext_lazy("Ask your rheumatologist what your hand X-rays show."),
    "erosions": gettext_lazy("Ask your rheumatologist what your hand X-rays show."),
    "functional_class": gettext_lazy("Ask your rheumatologist for your functional class."),
    "uses_contraception": gettext_lazy(
        "Studies ask about contraception: the study team will explain what counts."
    ),
}

TONES = {"bad": "✗", "open": "?", "good": "✓"}


def ask(fact: str) -> str:
    """The sentence asking for the fact that would decide an open criterion."""
    if fact in ASK:
        return str(ASK[fact])
    return _("Ask your rheumatologist about: %(label)s.") % {"label": fact_label(fact)}


def status_label(result: CriterionResult) -> str:
    """A criterion's status for this person, in words that do not depend on its kind."""
    if result.status == Status.REVIEW:
        return _("a person has to read it")
    if result.status == Status.UNKNOWN:
        return _("not known yet")
    return _("rules you out") if result.decides_against else _("fits")


def _tone(result: CriterionResult) -> str:
    return "bad" if result.decides_against else "open" if result.is_open else "good"


@dataclass
class Row:
    kind: str
    text: str
    source: str
    sentence: str
    status: str
    tone: str
    mark: str
    ask: list[str] = field(default_factory=list)


@dataclass
class Explained:
    trial: Trial
    match: TrialMatch
    headline: str
    reason: str
    rows: list[Row]
    link: registry.RegistryLink
    status: str
    countries: list[str]


def headline(match: TrialMatch) -> str:
    if match.verdict == Verdict.ELIGIBLE:
        return _("May fit: nothing we could check rules you out")
    if match.verdict == Verdict.POSSIBLY_ELIGIBLE:
        return _("May fit: some criteria are still open")
    return _("Does not fit: a criterion rules you out")


def reason(match: TrialMatch, rows: Sequence[Row]) -> str:
    """The one line under the verdict: the first criterion against, or what is still open."""
    against = [r for r in rows if r.tone == "bad"]
    if against:
        return against[0].sentence
    unknown = sorted({a for r in rows for a in r.ask})
    review = sum(1 for c in match.criteria if c.status == Status.REVIEW)
    if not unknown and not review:
        return _("Every listed criterion we could check fits; the study team decides who takes part.")
    parts = []
    if unknown:
        parts.append(
            ngettext("%(n)d fact to find out", "%(n)d facts to find out", len(unknown)) % {"n": len(unknown)}
        )
    if review:
        parts.append(
            ngettext(
                "%(n)d criterion for the study team to read",
                "%(n)d criteria for the study team to read",
                review,
            )
            % {"n": review}
        )
    return _("Still open: %(parts)s.") % {"parts": _(", ").join(parts)}


def explain(
    match: TrialMatch, criteria: Sequence[ParsedCriterion], trial: Trial, facts: PatientFacts | None
) -> Explained:
    """One trial's verdict, one-line reason and per-criterion sentences for one person."""
    rows = []
    for criterion, result in zip(criteria, match.criteria, strict=True):
        tone = _tone(result)
        rows.append(
            Row(
                kind=result.kind,
                text=result.text if result.source == "criteria" else "",
                source=result.source,
                sentence=plain.sentence(criterion.rule, result.kind, facts, result.source),
                status=status_label(result),
                tone=tone,
                mark=TONES[tone],
                ask=list(dict.fromkeys(ask(f) for f in result.missing_facts)),
            )
        )
    link = registry.registry_link(trial.registry_id, trial.source_url)
    return Explained(
        trial=trial,
        match=match,
        headline=headline(match),
        reason=reason(match, rows),
        rows=rows,
        link=link,
        status=registry.status_label(trial.status),
        countries=[registry.country_label(c) for c in registry.countries(trial.raw or {})],
    )


def order_key(item: Explained) -> tuple[int, int, tuple[int, int, int, str]]:
    """Recruiting trials first, then the closest fit."""
    open_first = 0 if item.trial.status in registry.OPEN_STATUSES else 1
    return (open_first, registry.status_rank(item.trial.status), closeness_key(item.match))


def explain_all(
    matches: Sequence[TrialMatch],
    catalog: Sequence[tuple[str, Sequence[ParsedCriterion]]],
    trials: dict[str, Trial],
    facts: PatientFacts | None,
) -> list[Explained]:
    criteria = dict(catalog)
    items = [explain(m, criteria[m.trial_id], trials[m.trial_id], facts) for m in matches]
    return sorted(items, key=order_key)


def deciding_facts(items: Sequence[Explained], limit: int = 6) -> list[tuple[str, int]]:
    """What to ask for, with the number of trials still open that it would help decide."""
    counts: Counter[str] = Counter()
    for item in items:
        if item.match.verdict == Verdict.NOT_ELIGIBLE:
            continue
        counts.update({a for r in item.rows for a in r.ask})
    return counts.most_common(limit)


def match_catalog(facts: PatientFacts) -> list[Explained]:
    """Every trial of the catalog for ``facts``, explained, recruiting and closest first."""
    catalog = selectors.catalog_for_matching()
    return explain_all(match_trials(catalog, facts), catalog, selectors.trial_titles(), facts)
