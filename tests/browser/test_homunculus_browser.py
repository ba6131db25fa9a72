"""A clinician on a phone marks tender joints by tapping the homunculus, and the visit keeps them."""

import datetime as dt

import pytest

from synovia.clinic.models import Patient
from tests.apps.clinic.conftest import make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def touch_phone(browser):
    """The phone of conftest.py with a touch screen, so that joints are tapped, not clicked."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True
    )
    yield context.new_page()
    context.close()


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_tapping_joints_marks_them_and_the_visit_stores_them(
    live_server, touch_phone, clinic, clinician, password
):
    phone = touch_phone
    patient: Patient = make_patient(clinic, clinician)
    _sign_in(phone, live_server.url, "doc", password)
    phone.goto(f"{live_server.url}/clinic/patients/{patient.pk}/visit/")
    tender = phone.locator("figure[data-field=tender_joints]")
    assert tender.is_visible()
    assert phone.locator("details[data-joint-boxes]").get_attribute("open") is None
    assert "Tender: 0 / 68" in tender.inner_text()

    tender.locator("circle[data-joint=R_MCP2]").tap()
    tender.locator("circle[data-joint=L_KNEE]").tap()
    tender.locator("circle[data-joint=L_MTP1]").focus()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Space")  # and off again

    assert phone.is_checked("input[name=tender_joints][value=R_MCP2]")
    assert phone.is_checked("input[name=tender_joints][value=L_KNEE]")
    assert not phone.is_checked("input[name=tender_joints][value=L_MTP1]")
    assert tender.locator("circle.is-marked").count() == 2
    assert "Tender: 2 / 68" in tender.inner_text()
    assert "28-joint count: 2 / 28" in tender.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.fill("#id_visit_date", dt.date(2026, 1, 10).isoformat())
    with phone.expect_navigation():
        phone.click("button[type=submit]:has-text('Save')")
    assert phone.url.endswith(f"/clinic/patients/{patient.pk}/")
    visit = patient.visits.get()
    assert sorted(visit.tender_joints) == ["L_KNEE", "R_MCP2"]
    assert visit.swollen_joints == []
