"""A person on a phone: opens the home page, switches to Spanish, signs in and out."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_language_switch_and_login_on_a_phone(live_server, phone, clinician, password):
    phone.goto(live_server.url + "/")
    assert "measured honestly" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    with phone.expect_navigation():
        phone.select_option("#language-select", "es")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert "Sin consejo médico." in phone.content()

    with phone.expect_navigation():
        phone.click("text=Iniciar sesión")
    phone.fill("input[name=username]", "doc")
    phone.fill("input[name=password]", password)
    with phone.expect_navigation():
        phone.click("button[type=submit]")
    assert "doc · Médico" in phone.content()

    with phone.expect_navigation():
        phone.click("text=Cerrar sesión")
    assert "Iniciar sesión" in phone.content()
