"""Learn pages and the offer check: thin views over the core check and the selectors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from synovia.core.offercheck import FLAG_CODES, OfferReport
from synovia.core.offercheck.answers import answer_flags
from synovia.learn import guidance, rendering, selectors
from synovia.learn.forms import OfferCheckForm

NOTES = {
    "eye": _(
        "Injections of so-called stem cells into the eye have left people blind (Kuriyan and others, "
        "New England Journal of Medicine, 2017)."
    ),
    "spine": _(
        "A man treated with stem cells into the spine abroad developed a tumour of the spinal cord made of "
        "the injected cells (Berkowitz and others, New England Journal of Medicine, 2016)."
    ),
    "cord": _(
        "Donor cord-blood products sold by clinics have caused serious bacterial infections (CDC, 2018)."
    ),
    "placenta": _(
        "Donor birth-tissue products sold by clinics have caused serious bacterial infections (CDC, 2018)."
    ),
    "exosomes": _("There is no FDA-approved exosome product."),
}


def _language() -> str:
    return "es" if (get_language() or "en").startswith("es") else "en"


def _segments(text: str, report: OfferReport) -> list[tuple[str, str]]:
    """The text cut into (piece, flag code or "") so that each quote can be highlighted."""
    spans = sorted((e.start, e.end, f.code) for f in report.flags for e in f.evidence)
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for start, end, code in spans:
        if start < cursor:
            continue
        pieces += [(text[cursor:start], ""), (text[start:end], code)]
        cursor = end
    pieces.append((text[cursor:], ""))
    return [p for p in pieces if p[0]]


def _flags(report: OfferReport | None, answered: list[str]) -> list[dict[str, Any]]:
    by_code = {f.code: f for f in report.flags} if report else {}
    codes = [c for c in FLAG_CODES if c in by_code or c in answered]
    return [
        {
            "code": code,
            "guidance": guidance.GUIDANCE[code],
            "evidence": [e.quote for e in by_code[code].evidence] if code in by_code else [],
            "from_answers": code in answered,
        }
        for code in codes
    ]


def _result(form: OfferCheckForm) -> dict[str, Any]:
    text = form.cleaned_data.get("text") or ""
    report, entries = selectors.offer_report(text) if text.strip() else (None, [])
    answers = form.answers()
    typed = [r.id for r in selectors.find_ids(answers.registry_id)]
    entries += [e for e in selectors.catalog_entries(typed) if e.id not in {x.id for x in entries}]
    if report is not None and report.registry_ids:
        answered = [c for c in answer_flags(answers) if c != "no_registry_id"]
    else:
        answered = answer_flags(answers)
    clinic = answers.clinic_country
    return {
        "report": report,
        "segments": _segments(text, report) if report else [],
        "flags": _flags(report, answered),
        "entries": entries,
        "notes": [
            NOTES[k] for k in (form.cleaned_data.get("cells"), form.cleaned_data.get("route")) if k in NOTES
        ],
        "regulators": guidance.regulators_for(clinic),
    }


@require_http_methods(["GET", "POST"])
def offer_check(request: HttpRequest) -> HttpResponse:
    """Paste an offer and/or answer a few questions; the red flags come back on the same page.

    POST only for the check: the pasted text never goes into the address.
    """
    if request.method == "POST":
        form = OfferCheckForm(request.POST)
        if form.is_valid():
            return render(request, "learn/offer_check.html", {"form": form, "result": _result(form)})
        return render(request, "learn/offer_check.html", {"form": form}, status=400)
    return render(request, "learn/offer_check.html", {"form": OfferCheckForm()})


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "learn/index.html", {"articles": selectors.article_list(_language())})


def article(request: HttpRequest, slug: str) -> HttpResponse:
    language = _language()
    item = selectors.article_get(slug, language)
    return render(
        request,
        "learn/article.html",
        {
            "article": item,
            "body": rendering.render_body(item.body, [r.number for r in item.references.all()]),
            "related": selectors.related_in(item, item.language),
            "translation": selectors.translation_of(item),
        },
    )
