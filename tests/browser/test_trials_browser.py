"""A patient on a phone checks which trials might fit, in Spanish, and reads the reasons."""

from urllib.parse import urlsplit

import pytest

from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.services import trials_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fit_check_on_a_phone_in_spanish(live_server, phone):
    studies, raw = read_records(catalog_dir())
    trials_import(studies=studies, raw_by_id=raw)
    phone.goto(live_server.url + "/")
    with phone.expect_navigation():
        phone.select_option("#language-select", "es")
    # The home page leads patients to the self-assessment; its first screen offers the detailed
    # check with every criterion (for clinicians and experienced users).
    with phone.expect_navigation():
        phone.click("#for-patients a.action[href='/selfcheck/']")
    with phone.expect_navigation():
        phone.click("a[href='/trials/match/']")
    phone.fill("#id_age_years", "52")
    phone.select_option("#id_sex", "female")
    phone.select_option("#id_pregnant", "no")
    phone.fill("#id_crp_mg_l", "2.5")
    phone.select_option("#id_crp_mg_l__unit", "mg/dL")
    with phone.expect_navigation():
        phone.click("button:has-text('Comprobar los ensayos')")
    assert phone.locator("#results-title").inner_text() == (
        "Sus resultados: primero los ensayos que reclutan, después los que mejor encajan"
    )
    assert phone.locator("article.trial-result").count() == 16
    assert phone.locator("text=Pregunte a su reumatólogo").count() > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # the facts went in the POST body: the address bar carries none of them
    address = urlsplit(phone.url)
    assert (address.path, address.query) == ("/trials/match/", "")
