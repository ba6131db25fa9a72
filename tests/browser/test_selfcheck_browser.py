"""A first-time visitor on a 390 px touch phone takes the self-assessment in English and in
Spanish (screens and fields counted), then sends it to a clinic, which proposes an
appointment that the person accepts. Screenshots for docs/screenshots/."""

from __future__ import annotations

import pytest

from synovia.selfcheck.models import Referral, ReferralSite
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.services import trials_import
from tests.browser.shots import screenshot_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()
LOCALES = {"en": "en-GB", "es": "es-ES"}
NEXT = {"en": "Next", "es": "Siguiente"}


def _context(browser, language, width):
    height = 844 if width == 390 else 900
    return browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        has_touch=width == 390,
        locale=LOCALES[language],
    )


def _decimal(language, text):
    return text.replace(".", ",") if language == "es" else text


def _answer(page, key, language):
    form = page.locator("#selfcheck form")
    tap = (lambda sel: form.locator(sel).tap()) if key else None
    if key == "age":
        form.locator("#id_age").fill("52")
    elif key == "sex":
        tap("input[name=sex][value=female]")
    elif key == "pregnancy":
        tap("input[name=pregnancy][value=cannot]")
    elif key == "duration":
        form.locator("#id_years").fill(_decimal(language, "6.5"))
    elif key == "csdmards":
        form.locator("#id_methotrexate").select_option("now_not_enough")
    elif key == "biologics":
        form.locator("#id_adalimumab").select_option("stopped_not_enough")
    elif key == "steroids":
        tap("input[name=takes][value=yes]")
        form.locator("#id_dose").fill("5")
        tap("input[name=injection][value=never]")
    elif key == "infections":
        for name in ("hbv", "hcv", "hiv", "tb_active", "tb_latent"):
            tap(f"input[name={name}][value=no]")
    elif key == "cancer":
        tap("input[name=cancer][value=never]")
    elif key == "conditions":
        tap("input[name=conditions][value=none]")
    elif key == "blood":
        form.locator("#id_crp").fill(_decimal(language, "1.5"))
        form.locator("#id_crp_unit").select_option("mg/dL")
        form.locator("#id_esr").fill("38")
        tap("input[name=rf][value=yes]")
    elif key == "function":
        for select in form.locator("select").all():
            select.select_option("1")
    elif key == "pain":
        form.locator("#id_pain").fill("6")
        form.locator("#id_global_").fill(_decimal(language, "5.5"))
    elif key == "earlier":
        tap("input[name=cell_therapy][value=no]")
        tap("input[name=trial][value=never]")


def take_selfcheck(page, base, language, shot=None):
    """Start to result on the page; returns (screens, questions, inputs) counted on the way."""
    page.goto(base + "/selfcheck/")
    with page.expect_navigation():
        page.locator("button[name=begin]").tap()
    screens, questions, inputs = 0, 0, 0
    while "/result/" not in page.url:
        form = page.locator("#selfcheck form")
        key = form.get_attribute("data-key")
        number = page.locator("[data-step]").get_attribute("data-step")
        screens += 1
        questions += form.locator(".field").count()
        inputs += form.locator("input:not([type=hidden]), select, textarea").count()
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], key
        _answer(page, key, language)
        if shot and key == "steroids":
            page.screenshot(path=str(SHOTS / shot), full_page=True)
        page.locator("button[name=next]").tap()
        page.wait_for_function(
            "n => location.pathname.endsWith('/result/') || "
            "(document.querySelector('[data-step]') && "
            "document.querySelector('[data-step]').dataset.step !== n)",
            arg=number,
        )
        assert screens <= 15
        assert page.locator("#selfcheck .error").count() == 0, (
            key,
            page.locator("#selfcheck .error").all_inner_texts(),
        )
    page.wait_for_load_state()
    return screens, questions, inputs


@pytest.fixture
def shipped_catalog(db):
    studies, raw = read_records(catalog_dir())
    trials_import(studies=studies, raw_by_id=raw)


@pytest.mark.parametrize("language", ["en", "es"])
def test_selfcheck_start_to_result_on_a_touch_phone(live_server, browser, shipped_catalog, language):
    context = _context(browser, language, 390)
    page = context.new_page()
    screens, questions, inputs = take_selfcheck(
        page, live_server.url, language, f"selfcheck-{language}-390.png"
    )
    print(f"\nselfcheck {language}: {screens} screens, {questions} questions, {inputs} inputs")
    assert screens == 14 and questions <= 50
    heading = {"en": "What your answers mean", "es": "Qué significan sus respuestas"}[language]
    assert page.locator("h1").inner_text() == heading
    assert page.locator("article.trial-result").count() == 16  # open, closed and not fitting
    body = page.locator("main").inner_text()
    assert "candidat" not in body.lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("article.trial-result details summary").first.tap()
    page.evaluate("window.scrollTo(0, 0)")
    top = {"x": 0, "y": 0, "width": 390, "height": 1800}
    page.screenshot(path=str(SHOTS / f"trial-result-{language}-390.png"), full_page=True, clip=top)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/selfcheck/question/")
    page.screenshot(path=str(SHOTS / f"selfcheck-{language}-1280.png"))
    page.goto(live_server.url + "/selfcheck/result/")
    page.locator("article.trial-result details summary").first.click()
    page.screenshot(path=str(SHOTS / f"trial-result-{language}-1280.png"))
    context.close()


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


@pytest.mark.parametrize("language", ["en", "es"])
def test_referral_from_sending_to_the_clinic_and_back(
    live_server, browser, shipped_catalog, clinic, clinician, password, language
):
    ReferralSite.objects.create(clinic=clinic, about="MSC trial site (synthetic)")
    person = _context(browser, language, 390).new_page()
    take_selfcheck(person, live_server.url, language)
    with person.expect_navigation():
        person.locator("a[href$='/selfcheck/send/']").tap()
    person.locator("input[name=site]").first.tap()
    person.fill("#id_given_name", "Ana")
    person.fill("#id_family_name", "Referida")
    person.fill("#id_birth_date", "1974-03-02")
    person.fill("#id_weight_kg", _decimal(language, "64.5"))
    person.fill("#id_email", "ana@example.org")
    assert not person.locator("#id_email_updates").is_checked()  # e-mail about answers is opt-in
    person.locator("#id_email_updates").tap()
    person.locator("#id_consent").tap()
    assert person.evaluate("document.documentElement.scrollWidth") <= 390
    person.screenshot(path=str(SHOTS / f"referral-send-{language}-390.png"), full_page=True)
    with person.expect_navigation():
        person.locator("#selfcheck button[type=submit]").tap()
    assert person.url.endswith("/selfcheck/referrals/")
    referral = Referral.objects.get()
    assert referral.patient.state == "referred" and referral.email_updates is True
    waiting = {"en": "Waiting for the site", "es": "Esperando a que el centro"}[language]
    assert waiting in person.locator("main").inner_text()

    staff_context = _context(browser, language, 1280)
    staff = staff_context.new_page()
    _sign_in(staff, live_server.url, clinician.username, password)
    staff.goto(live_server.url + "/clinic/")
    with staff.expect_navigation():
        staff.locator(".selfcheck-referrals a").first.click()
    staff.fill("#id_at", "2027-01-12T10:30")
    staff.fill("#id_place", "Consulta 2")
    staff.fill("#id_note", "Traiga sus análisis" if language == "es" else "Bring your blood tests")
    with staff.expect_navigation():
        staff.locator("button[name=propose]").click()

    person.reload()
    with person.expect_navigation():
        person.locator("button[name=answer][value=accept]").tap()
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert person.evaluate("document.documentElement.scrollWidth") <= 390
    person.screenshot(path=str(SHOTS / f"referral-{language}-390.png"), full_page=True)
    staff.reload()
    accepted = {"en": "You accepted the appointment", "es": "Usted aceptó la cita"}[language]
    assert accepted in staff.locator(".referral-status").inner_text()
    staff.screenshot(path=str(SHOTS / f"referral-{language}-1280.png"))
    staff_context.close()
