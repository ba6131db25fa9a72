"""A person on a phone: opens the home page, switches to Spanish, signs in and out."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_language_switch_and_login_on_a_phone(live_server, phone, clinician, password):
    phone.goto(live_server.url + "/")
    assert "measured honestly" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.select_option("#language-select", "es")
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "es"
    assert "Sin consejo médico." in phone.content()

    phone.click("text=Iniciar sesión")
    phone.fill("input[name=username]", "doc")
    phone.fill("input[name=password]", password)
    phone.click("button[type=submit]")
    phone.wait_for_load_state()
    assert "doc · Médico" in phone.content()

    phone.click("text=Cerrar sesión")
    phone.wait_for_load_state()
    assert "Iniciar sesión" in phone.content()
