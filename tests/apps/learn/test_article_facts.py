"""The Learn articles are honest about their review, and their regulatory facts are current.

Facts checked (sources in the articles): no MSC product approved for rheumatoid arthritis; the
FDA approved remestemcel-L (Ryoncil) on 18 December 2024 for steroid-refractory acute GVHD in
children (FDA news release); the FDA's other approved stem-cell products are cord-blood
blood-forming cells for disorders of the blood (FDA, approved cellular and gene therapy products).
"""

from __future__ import annotations

import datetime
import html as html_module
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from synovia.learn.models import Article

pytestmark = pytest.mark.django_db

NOT_REVIEWED = {"en": "Not yet medically reviewed.", "es": "Aún sin revisión médica."}
NOT_REVIEWED_SHORT = {"en": "not yet medically reviewed", "es": "aún sin revisión médica"}


def _page(article: Article) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=article.language)
    return client.get(reverse("learn:article", args=[article.slug])).content.decode()


def _text(html: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_no_shipped_article_names_a_pending_reviewer():
    for article in Article.objects.all():
        assert article.medical_reviewer == "" and article.medically_reviewed_on is None
        assert not article.medically_reviewed


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_article_says_it_is_not_yet_medically_reviewed_and_shows_its_date(language):
    articles = Article.objects.filter(language=language)
    assert articles.count() == 6
    for article in articles:
        body = _page(article)
        assert NOT_REVIEWED[language] in body, article.slug
        assert f'datetime="{article.reviewed_on:%Y-%m-%d}"' in body
        assert "Pending" not in body and "Pendiente" not in body
    index = Client(HTTP_ACCEPT_LANGUAGE=language).get(reverse("learn:index")).content.decode()
    assert index.count(NOT_REVIEWED_SHORT[language]) == 6
    assert index.count('<time datetime="2026-12-02"') == 6


def test_a_reviewed_article_names_the_physician_and_the_date_and_drops_the_warning():
    article = Article.objects.get(topic="red-flags", language="es")
    article.medical_reviewer = "Dra. Ana Pérez, reumatóloga"
    article.medically_reviewed_on = datetime.date(2026, 12, 1)
    article.full_clean()
    article.save()
    body = _page(article)
    assert "Dra. Ana Pérez, reumatóloga" in body and 'datetime="2026-12-01"' in body
    assert NOT_REVIEWED["es"] not in body
    index = Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("learn:index")).content.decode()
    assert index.count(NOT_REVIEWED_SHORT["es"]) == 5


@pytest.mark.parametrize(
    ("reviewer", "on"),
    [("Dr. X", None), ("", datetime.date(2026, 12, 1)), ("   ", datetime.date(2026, 12, 1))],
)
def test_a_reviewer_without_a_date_or_a_date_without_a_reviewer_is_refused(reviewer, on):
    article = Article.objects.get(topic="red-flags", language="en")
    article.medical_reviewer, article.medically_reviewed_on = reviewer, on
    with pytest.raises(ValidationError):
        article.full_clean()


def test_a_medical_review_after_the_facts_check_is_refused():
    article = Article.objects.get(topic="red-flags", language="en")
    article.medical_reviewer = "Dr. X"
    article.medically_reviewed_on = article.reviewed_on + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        article.full_clean()


def test_the_admin_refuses_a_reviewer_without_a_date(admin_client):
    article = Article.objects.get(topic="red-flags", language="en")
    url = reverse("admin:learn_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "related"}
    data.update(
        medical_reviewer="Dr. X",
        medically_reviewed_on="",
        reviewed_on="2026-12-02",
        related=[a.pk for a in article.related.all()],
        **{"references-TOTAL_FORMS": "0", "references-INITIAL_FORMS": "0"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    article.refresh_from_db()
    assert article.medical_reviewer == ""


# The facts, in both languages ----------------------------------------------------------------

REGULATORY = {
    "en": [
        "No MSC product is approved for rheumatoid arthritis",
        "18 December 2024",
        "remestemcel-L (Ryoncil)",
        "graft-versus-host disease that does not respond to steroids",
        "children",
        "umbilical cord blood, for disorders of the blood",
        "It is not approved for rheumatoid arthritis",
        "outside the FDA's control",
    ],
    "es": [
        "Ningún producto de MSC está aprobado para la artritis reumatoide",
        "18 de diciembre de 2024",
        "remestemcel-L (Ryoncil)",
        "injerto contra huésped aguda que no responde a los corticoides",
        "niños",
        "sangre de cordón umbilical, para trastornos de la sangre",
        "No está aprobado para la artritis reumatoide",
        "fuera del control de la FDA",
    ],
}

# Sentences that would be wrong today: they must not appear in any article, except quoted as
# the example of an outdated sentence. The second kind is wrong unless negated in its clause
# ("No MSC product is approved for rheumatoid arthritis" is right; "X is approved for ..." is not).
OUTDATED = [
    r"\bno (?:mesenchymal|MSC|stem[- ]cell) (?:product|therapy|treatment)s? (?:is|are|has been) approved "
    r"(?:by the FDA|in the (?:US|United States))",
    r"Ryoncil[^.]{0,80}\badults?\b",
    r"Ryoncil[^.]{0,40}\b20(?:1\d|2[0-3])\b",
]
APPROVED_FOR_RA = (
    r"\b(?:est[aá]n?|ha sido|han sido|fue) (?:ya )?aprobad[oa]s? para la artritis reumatoide"
    r"|\b(?:is|are|has been|was|have been) (?:now )?approved for rheumatoid arthritis"
)
NEGATION = re.compile(r"\b(?:no|not|ning[uú]n[oa]?|none|nor|ni)\b", re.IGNORECASE)


def _quoted(body: str, start: int) -> bool:
    return start > 0 and body[start - 1] in '"“«'


def _outdated(body: str) -> list[str]:
    found = [m.group(0) for p in OUTDATED for m in re.finditer(p, body, re.I) if not _quoted(body, m.start())]
    for m in re.finditer(APPROVED_FOR_RA, body, re.IGNORECASE):
        clause = re.split(r"[.;:\n]", body[: m.start()])[-1]
        if not NEGATION.search(clause) and not _quoted(body, m.start()):
            found.append(m.group(0))
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_regulatory_article_states_the_current_facts(language):
    article = Article.objects.get(topic="regulatory-status", language=language)
    text = _text(_page(article))
    for fact in REGULATORY[language]:
        assert fact in text, fact
    refs = {r.url for r in article.references.all()}
    assert any("fda-approves-first-mesenchymal-stromal-cell-therapy" in u for u in refs)
    assert any("approved-cellular-and-gene-therapy-products" in u for u in refs)


def test_no_article_carries_an_outdated_claim():
    for article in Article.objects.all():
        assert _outdated(article.body) == [], article.slug


@pytest.mark.parametrize(
    "sentence",
    [
        "No MSC product is approved by the FDA.",
        "no stem cell therapy has been approved in the United States",
        "Ryoncil was approved in 2020 for adults.",
        "Cx611 is approved for rheumatoid arthritis in Europe.",
        "Estas células están aprobadas para la artritis reumatoide.",
    ],
)
def test_the_checker_catches_what_a_2022_article_or_a_careless_edit_would_say(sentence):
    assert _outdated(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "No MSC product is approved for rheumatoid arthritis anywhere we know of.",
        "It is not approved for rheumatoid arthritis or any other disease.",
        "Ningún producto de MSC está aprobado para la artritis reumatoide.",
        'An article that says "no MSC product is approved in the US" is out of date.',
    ],
)
def test_the_checker_leaves_correct_sentences_alone(sentence):
    assert _outdated(sentence) == []


def test_every_article_shows_the_date_its_facts_were_checked_in_each_language():
    for article in Article.objects.all():
        label = {"en": "Last reviewed", "es": "Última revisión"}[article.language]
        body = _page(article)
        assert label in body and f'datetime="{article.reviewed_on:%Y-%m-%d}"' in body


def test_the_spanish_articles_name_their_author_in_spanish():
    assert set(Article.objects.filter(language="es").values_list("author", flat=True)) == {
        "Equipo editorial de Synovia"
    }
