"""A patient on a phone finds learn, check an offer, self-assess, trials and my record from the
home page and from the menu, in English and Spanish. Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = ["/learn/", "/learn/check-an-offer/", "/selfcheck/", "/trials/"]
MENU = {
    "en": ["Learn", "Check an offer", "Is it for me?", "Trials"],
    "es": ["Aprender", "Comprobar una oferta", "¿Es para mí?", "Ensayos"],
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_page_and_the_menu_on_a_phone_and_a_desktop(live_server, browser, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 844},
            device_scale_factor=1,
            has_touch=width < 500,
            locale=language,
            extra_http_headers={"Accept-Language": language},
        )
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == language
        menu = page.locator("nav.site-nav a")
        assert [t.strip() for t in menu.all_inner_texts()] == MENU[language]
        for box in (menu.nth(i).bounding_box() for i in range(menu.count())):
            assert box is not None and box["height"] >= 44 and box["x"] + box["width"] <= width
        actions = page.locator("#for-patients a.action")
        assert actions.count() == 5
        hrefs = [actions.nth(i).get_attribute("href") or "" for i in range(5)]
        assert hrefs[:4] == PAGES and hrefs[4].startswith("/accounts/login/?next=/my/")
        for i in range(5):
            box = actions.nth(i).bounding_box()
            assert box is not None and box["height"] >= 44
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"home-{language}-{width}.png"), full_page=True)
        with page.expect_navigation():
            actions.nth(2).click()
        assert page.url.endswith("/selfcheck/")
        context.close()
