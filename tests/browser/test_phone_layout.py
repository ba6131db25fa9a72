"""Every main page fits a phone's width: no sideways scrolling of the page itself."""

import io

import pytest
from django.core.management import call_command

from synovia.clinic.models import Patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


def _sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "synovia-demo-only")
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_main_pages_fit_a_phone(live_server, phone):
    call_command("demo", "--no-serve", "--patients", "30", stdout=io.StringIO())
    chart = Patient.objects.filter(clinic__code="demo-clinic", visits__isnull=False).first()
    pages = {
        "demo-clinician": [
            "/clinic/",
            "/clinic/patients/",
            f"/clinic/patients/{chart.pk}/",
            f"/clinic/patients/{chart.pk}/visit/",
            "/trials/",
            "/trials/NCT01547091/screen/",
        ],
        "demo-patient": [
            "/clinic/me/",
            "/trials/match/",
            "/",
            "/learn/",
            "/learn/check-an-offer/",
            "/selfcheck/",
            "/my/",
        ],
        "demo-researcher": ["/clinic/research/"],
    }
    for username, paths in pages.items():
        phone.context.clear_cookies()
        _sign_in(phone, live_server.url, username)
        for path in paths:
            response = phone.goto(live_server.url + path)
            assert response.status == 200, (username, path)
            assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, (username, path)
