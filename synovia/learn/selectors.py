"""Reads for the Learn pages and the offer check: articles, and registry ids in the trial catalog.

Looking a registry id up in the catalog reads public trial records, not patient data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from synovia.core.offercheck import OfferReport, RegistryId, check_offer, find_registry_ids
from synovia.learn.models import Article, Reference
from synovia.trials.models import Trial


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    in_catalog: bool
    status: str | None
    title: str


def catalog_entries(ids: list[str]) -> list[CatalogEntry]:
    """Each id with whether the trial catalog holds it, and its status there (one query)."""
    found = {
        t.registry_id.upper(): t
        for t in Trial.objects.filter(registry_id__in=ids).only("registry_id", "status", "title")
    }
    entries = []
    for registry_id in ids:
        trial = found.get(registry_id.upper())
        entries.append(
            CatalogEntry(
                registry_id,
                trial is not None,
                (trial.status or None) if trial else None,
                trial.title if trial else "",
            )
        )
    return entries


def offer_report(text: str) -> tuple[OfferReport, list[CatalogEntry]]:
    report = check_offer(text)
    return report, catalog_entries([r.id for r in report.registry_ids])


def report_json(report: OfferReport, entries: list[CatalogEntry]) -> dict[str, Any]:
    """The fixed interface of ``synovia offer-check``."""
    return {
        "language": report.language,
        "registry_ids": [{"id": e.id, "in_catalog": e.in_catalog, "status": e.status} for e in entries],
        "flags": [{"code": f.code, "evidence": [e.quote for e in f.evidence]} for f in report.flags],
    }


def article_list(language: str) -> QuerySet[Article]:
    return Article.objects.filter(language=language, published=True).order_by("position", "title")


def article_get(slug: str, language: str) -> Article:
    """The article at ``slug``, or its version in ``language`` when there is one."""
    articles = Article.objects.filter(published=True).prefetch_related(
        Prefetch("references", queryset=Reference.objects.order_by("number")), "related"
    )
    article = articles.filter(slug=slug).first()
    if article is None:
        raise Http404
    if article.language != language:
        return articles.filter(topic=article.topic, language=language).first() or article
    return article


def related_in(article: Article, language: str) -> list[Article]:
    topics = {a.topic for a in article.related.all()}
    return list(
        Article.objects.filter(topic__in=topics, language=language, published=True).order_by("position")
    )


def translation_of(article: Article) -> Article | None:
    other = "es" if article.language == "en" else "en"
    return Article.objects.filter(topic=article.topic, language=other, published=True).first()


def find_ids(text: str) -> list[RegistryId]:
    return find_registry_ids(text)
