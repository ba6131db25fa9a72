"""The offer-check page and the Learn articles, in English and Spanish."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.learn.forms import MAX_TEXT
from synovia.learn.models import Article
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.services import trials_import
from tests.core.offercheck.adverts import ADVERTS

pytestmark = pytest.mark.django_db
URL = "/learn/check-an-offer/"


@pytest.fixture
def catalog():
    studies, raw = read_records(catalog_dir())
    trials_import(studies=studies, raw_by_id=raw)


def _post(data, language="en"):
    return Client(HTTP_ACCEPT_LANGUAGE=language).post(URL, data)


def test_the_page_names_resolve():
    assert reverse("learn:offer_check") == URL
    assert reverse("learn:index") == "/learn/"


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Check a clinic's offer"), ("es", "Comprobar la oferta de una clínica")]
)
def test_the_empty_form_in_each_language(language, title):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(URL)
    assert response.status_code == 200
    assert title in response.content.decode()


def test_a_pasted_offer_lists_each_flag_with_its_words_highlighted():
    _, text, expected = ADVERTS[1]
    response = _post({"text": text})
    body = response.content.decode()
    assert response.status_code == 200
    for code in expected:
        assert f'id="flag-{code}"' in body
    assert "<mark>repair damaged cartilage</mark>" in body
    assert "Where to report" in body and "FDA MedWatch" in body
    assert "No trial registry number was given." in body


def test_the_result_in_spanish_with_spanish_guidance():
    _, text, _ = ADVERTS[11]
    body = _post({"text": text}, "es").content.decode()
    assert "Qué encontramos" in body
    assert "El texto se leyó como español." in body
    assert "COFEPRIS" in body


def test_a_registry_id_is_looked_up_in_the_catalog(catalog):
    body = _post({"text": "See NCT01851070 and ISRCTN12345678."}).content.decode()
    assert "NCT01851070</span> is in our catalog of registered trials." in body
    assert "COMPLETED" in body
    assert "ISRCTN12345678</span> is not a registered trial in our catalog." in body


def test_answers_alone_raise_their_flags():
    data = {
        "registry_given": "no",
        "price": "yes",
        "systems": ["joints", "nerves"],
        "clinic_country": "MX",
        "home_country": "US",
        "route": "eye",
    }
    body = _post(data).content.decode()
    for code in ("no_registry_id", "charges_patient", "treats_many_conditions", "travel_abroad"):
        assert f'id="flag-{code}"' in body
    assert "From your answers." in body
    assert "left people blind" in body
    assert body.index("COFEPRIS") < body.index("FDA MedWatch")  # the clinic's country first


def test_a_typed_registry_number_is_looked_up(catalog):
    body = _post({"registry_given": "yes", "registry_id": "nct03828344"}).content.decode()
    assert "NCT03828344</span> is in our catalog" in body
    assert 'id="flag-no_registry_id"' not in body


def test_same_country_raises_no_travel_flag():
    body = _post({"clinic_country": "ES", "home_country": "ES"}).content.decode()
    assert 'id="flag-travel_abroad"' not in body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": "   "},
        {"text": "x" * (MAX_TEXT + 1)},
        {"price": "maybe"},
        {"clinic_country": "ZZ"},
        {"registry_id": "N" * 41},
    ],
)
def test_bad_input_is_refused_with_400_and_a_message(data):
    response = _post(data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_the_pasted_text_is_escaped():
    body = _post({"text": "<script>alert(1)</script> no side effects"}).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body


def test_a_get_never_checks_text_from_the_address():
    response = Client().get(URL, {"text": "no side effects"})
    assert response.status_code == 200
    assert "What we found" not in response.content.decode()


def test_other_methods_are_refused():
    assert Client().put(URL).status_code == 405


# Learn ---------------------------------------------------------------------------------


def test_the_first_articles_are_loaded_in_both_languages():
    for language in ("en", "es"):
        articles = Article.objects.filter(language=language)
        assert articles.count() == 6
        assert all(a.references.exists() for a in articles)
        assert all(a.related.exists() for a in articles)
    assert set(Article.objects.filter(language="en").values_list("topic", flat=True)) == set(
        Article.objects.filter(language="es").values_list("topic", flat=True)
    )


def test_every_reference_marker_points_to_a_reference():
    for article in Article.objects.all():
        numbers = {r.number for r in article.references.all()}
        used = {int(n) for n in re.findall(r"\[(\d+)\]", article.body)}
        assert used <= numbers, (article.slug, used - numbers)
        assert used, article.slug


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Learn what is known"), ("es", "Aprenda lo que se sabe")]
)
def test_the_index_in_each_language(language, heading):
    body = Client(HTTP_ACCEPT_LANGUAGE=language).get("/learn/").content.decode()
    assert heading in body
    expected = Article.objects.filter(language=language)
    assert all(a.title in body for a in expected)


def test_an_article_shows_its_review_date_sources_and_related_articles():
    article = Article.objects.get(topic="regulatory-status", language="en")
    body = Client().get(reverse("learn:article", args=[article.slug])).content.decode()
    assert "Last reviewed" in body and 'datetime="2026-12-02"' in body
    assert "remestemcel-L (Ryoncil)" in body
    assert 'href="https://www.fda.gov/news-events/press-announcements/' in body
    assert 'href="#ref-2"' in body and 'id="ref-2"' in body
    assert "Red flags of unproven stem-cell clinics" in body  # related
    assert "Leer en español" in body


def test_a_spanish_reader_of_an_english_address_gets_the_spanish_version():
    english = Article.objects.get(topic="red-flags", language="en")
    body = (
        Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("learn:article", args=[english.slug])).content.decode()
    )
    assert "Señales de alerta de las clínicas" in body
    assert "Última revisión" in body


def test_a_missing_article_is_404():
    assert Client().get("/learn/no-such-article/").status_code == 404


def test_an_unpublished_article_is_not_shown():
    article = Article.objects.get(topic="red-flags", language="en")
    article.published = False
    article.save()
    assert Client().get(reverse("learn:article", args=[article.slug])).status_code == 404


def test_an_edit_in_the_body_is_escaped_and_the_review_date_shown(admin_client):
    article = Article.objects.get(topic="red-flags", language="en")
    article.body = "## Heading\n\n<b>bold</b> [1] [9]\n\n- one\n- two"
    article.reviewed_on = datetime.date(2027, 1, 15)
    article.save()
    body = Client().get(reverse("learn:article", args=[article.slug])).content.decode()
    assert "<h2>Heading</h2>" in body and "&lt;b&gt;bold&lt;/b&gt;" in body
    assert '<a class="ref" href="#ref-1">[1]</a> [9]' in body
    assert "<ul><li>one</li><li>two</li></ul>" in body
    assert 'datetime="2027-01-15"' in body


def test_staff_edit_articles_in_the_admin(admin_client):
    article = Article.objects.get(topic="red-flags", language="en")
    assert admin_client.get(reverse("admin:learn_article_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:learn_article_change", args=[article.pk])).status_code == 200


def test_the_home_page_links_to_learn():
    body = Client().get("/").content.decode()
    assert 'href="/learn/"' in body


def test_the_body_renderer_mixes_headings_lists_and_paragraphs():
    from synovia.learn.rendering import render_body

    html = render_body("## Title\n- one [1]\n- two\nAfter the list.\n\nNext <i>para</i>.", [1])
    assert html == (
        '<h2>Title</h2><ul><li>one <a class="ref" href="#ref-1">[1]</a></li><li>two</li></ul>'
        "<p>After the list.</p><p>Next &lt;i&gt;para&lt;/i&gt;.</p>"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_body_renderer_never_lets_markup_through(body):
    from synovia.learn.rendering import render_body

    html = str(render_body(body, [1, 2]))
    stripped = re.sub(r"</?(?:h2|ul|li|p)>|<a class=\"ref\" href=\"#ref-\d\">|</a>", "", html)
    assert "<" not in stripped and ">" not in stripped


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(max_size=400),
    st.sampled_from(["", "yes", "no", "maybe", "\x00"]),
    st.lists(st.text(max_size=12), max_size=3),
    st.text(max_size=50),
)
def test_hostile_input_never_breaks_the_page(text, choice, systems, registry):
    response = _post({"text": text, "price": choice, "systems": systems, "registry_id": registry})
    assert response.status_code in {200, 400}


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_the_admin_reads_a_reference_link_without_a_scheme_as_https(admin_client):
    """No RemovedInDjango60Warning: the reference form says which scheme it assumes."""
    article = Article.objects.filter(published=True).first()
    page = admin_client.get(reverse("admin:learn_article_change", args=[article.pk]))
    assert page.status_code == 200
    field = page.context["inline_admin_formsets"][0].formset.forms[0].fields["url"]
    assert field.assume_scheme == "https"
    assert field.clean("example.org/study") == "https://example.org/study"


def test_spanish_articles_show_the_long_spanish_date():
    """'3 de diciembre de 2026' (Django's es DATE_FORMAT), never '3 diciembre 2026'."""
    article = Article.objects.filter(published=True, language="es").first()
    day = article.reviewed_on
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    months = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    expected = f"{day.day} de {months[day.month - 1]} de {day.year}"
    for url in (reverse("learn:index"), reverse("learn:article", args=[article.slug])):
        page = client.get(url).content.decode()
        assert expected in page, url
        assert not re.search(r"\d \b(" + "|".join(months) + r")\b \d{4}", page), url
