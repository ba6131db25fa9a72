"""A researcher reads the outcomes report in Chromium, on a phone and on a desktop, in English
and Spanish; the charts are drawn and nothing overflows the phone's width. Writes the
screenshots docs/screenshots/outcomes-{en,es}-{390,1280}.png."""

from __future__ import annotations

import pytest

from tests.apps.research.conftest import load_demo
from tests.browser.shots import screenshot_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_in_english_and_spanish(live_server, browser, researcher, password, width):
    load_demo(60, 1)
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, "res", password)
        for language, statement in (
            ("en", "An uncontrolled registry cannot show that a therapy works."),
            ("es", "Un registro sin grupo control no puede demostrar que una terapia funciona."),
        ):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page.goto(live_server.url + "/research/outcomes/")
            assert statement in page.inner_text("main")
            images = page.locator("figure img")
            assert images.count() == 4
            widths = page.evaluate(
                "Array.from(document.querySelectorAll('figure img')).map(i => i.naturalWidth)"
            )
            assert all(w > 0 for w in widths)  # every SVG decoded and drawn
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(SHOTS / f"outcomes-{language}-{width}.png"), full_page=True)
        # a filter narrows the selection and keeps the exports on the same selection
        page.select_option("#id_route", "iv")
        with page.expect_navigation():
            page.click("form.card[method=get] button[type=submit]")
        assert "route=iv" in page.url
        assert "route=iv" in page.locator("a[href*='visits.csv']").get_attribute("href")
    finally:
        context.close()
