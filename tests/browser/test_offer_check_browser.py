"""A person on a phone pastes a clinic's offer and reads the red flags, in English and Spanish;
the Learn pages at phone and desktop widths. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import importlib
from urllib.parse import urlsplit

import pytest
from django.apps import apps

from tests.browser.shots import screenshot_folder
from tests.core.offercheck.adverts import ADVERTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()
OFFERS = {"en": ADVERTS[1][1], "es": ADVERTS[11][1]}
SELECT_LABEL = {"en": "English", "es": "Español"}


def _articles():
    """The transactional test database is emptied between tests: load the first set again."""
    importlib.import_module("synovia.learn.migrations.0002_first_articles").load(apps, None)


def _page(browser, width):
    context = browser.new_context(
        viewport={"width": width, "height": 844}, device_scale_factor=1, has_touch=width < 500
    )
    return context, context.new_page()


def _language(page, base, language):
    page.goto(base + "/learn/check-an-offer/")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_offer_check_with_a_pasted_offer_on_a_phone(live_server, browser, language):
    _articles()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        context, page = _page(browser, width)
        _language(page, live_server.url, language)
        page.fill("#id_text", OFFERS[language])
        with page.expect_navigation():
            page.click("button[type=submit].button")
        address = urlsplit(page.url)
        assert (address.path, address.query) == ("/learn/check-an-offer/", "")  # the text went in the body
        flags = page.locator("ol.flags > li.flag")
        assert flags.count() == 5
        assert page.locator("ol.flags mark").count() >= 5
        heading = {"en": "What we found", "es": "Qué encontramos"}[language]
        assert page.locator("#result-title").inner_text() == heading
        assert page.locator(".report a").count() >= 10
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"offer-check-{language}-{width}.png"), full_page=True)
        context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_learn_article_shows_its_review_date(live_server, browser, language):
    _articles()
    for width in (390, 1280):
        context, page = _page(browser, width)
        _language(page, live_server.url, language)
        page.goto(live_server.url + "/learn/")
        link = page.locator("ul.articles h2 a").nth(2)  # the regulatory status
        with page.expect_navigation():
            link.click()
        review = page.locator("p.review").inner_text()
        assert {"en": "Last reviewed", "es": "Última revisión"}[language] in review
        assert page.locator(".references li").count() >= 5
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"learn-{language}-{width}.png"), full_page=True)
        context.close()
