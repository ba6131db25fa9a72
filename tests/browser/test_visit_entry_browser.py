"""Live-scored visit entry in Debian's Chromium: joints tapped and values typed are scored by
the core on the server (HTMX) while the clinician types; the saved visit keeps the same
scores. Also writes the screenshots of the visit entry, worklist and chart pages (English and
Spanish, 390 and 1280 px): into docs/screenshots/ when SYNOVIA_SCREENSHOTS=1, else a
temporary folder."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from synovia.clinic import services
from synovia.core import measures
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _visit(patient, by, day, kind, tender, swollen, esr, ptga, ega, pain, haq=None):
    items = None if haq is None else {"items": {k: [haq] + [None] * (n - 1) for k, n in
                                                measures.haq_di.__globals__["HAQ_CATEGORIES"].items()}}  # fmt: skip  # noqa: E501
    return services.visit_record(
        patient=patient, by=by, visit_date=day, kind=kind, tender_joints=tender, swollen_joints=swollen,
        esr_mm_h=esr, crp_mg_l=esr / 3, ptga_cm=ptga, ega_cm=ega, pain_cm=pain, function_cm=pain,
        haq_items=items,
    )  # fmt: skip


def _treated(clinic, by, record, given, family, infused_days_ago):
    today = timezone.localdate()
    p = make_patient(clinic, by, record_number=record)
    p.given_name, p.family_name, p.synthetic = given, family, True
    p.save()
    start = today - dt.timedelta(days=infused_days_ago)
    _visit(p, by, start - dt.timedelta(days=10), "baseline",
           ["R_WRIST", "L_WRIST", "R_MCP2", "R_MCP3", "L_MCP2", "R_PIP2", "L_PIP3", "R_KNEE", "L_KNEE",
            "R_ELBOW", "L_SHOULDER", "R_MCP4"],
           ["R_WRIST", "L_WRIST", "R_MCP2", "L_MCP2", "R_KNEE", "R_PIP2", "L_PIP3", "R_MCP3"],
           46.0, 7.0, 6.5, 7.0, haq=2)  # fmt: skip
    services.evaluation_record(patient=p, by=by, evaluated_on=start - dt.timedelta(days=9),
                               contraindications=NO_CONTRAINDICATIONS, candidate=True,
                               reason="Active RA after two biologics (synthetic example)")  # fmt: skip
    program = services.program_create(patient=p, by=by, source="umbilical_cord", autologous=False, product="msc",  # noqa: E501
                                      dose_cells_per_kg=1e6, route="iv", planned_infusions=1)  # fmt: skip
    services.infusion_record(program=program, by=by, given_on=start, lot="UC-2291", dose_cells=7e7)
    return p, start


def _story(clinic, clinician):
    """A synthetic clinic: one patient due at 6 months (one month scored), one overdue at 12
    months with an open serious event, one waiting for evaluation."""
    ana, start = _treated(clinic, clinician, "SYN-0142", "Ana", "García Ruiz", 186)
    _visit(ana, clinician, start + dt.timedelta(days=30), "scheduled",
           ["R_WRIST", "L_WRIST", "R_MCP2", "R_KNEE", "L_PIP3"], ["R_WRIST", "R_MCP2", "R_KNEE"],
           28.0, 4.5, 4.0, 4.0, haq=1)  # fmt: skip
    for k, (test, value, unit) in enumerate(
        [("crp", 15.3, "mg/L"), ("il6", 12.0, "pg/mL"), ("esr", 28, "mm/h")]
    ):
        services.lab_record(patient=ana, by=clinician, test=test, value=value - k, unit=unit,
                            collected_on=start + dt.timedelta(days=30))  # fmt: skip
    services.adverse_event_record(patient=ana, by=clinician, term="Fever", grade=1, serious=False,
                                  relatedness="possible", onset=start, resolved_on=start + dt.timedelta(days=1),  # noqa: E501
                                  outcome="recovered", action_taken="none")  # fmt: skip
    luis, start_b = _treated(clinic, clinician, "SYN-0098", "Luis", "Moreno Vidal", 400)
    _visit(luis, clinician, start_b + dt.timedelta(days=31), "scheduled", ["R_WRIST", "L_KNEE"], ["L_KNEE"],
           18.0, 3.0, 2.0, 2.5, haq=1)  # fmt: skip
    services.adverse_event_record(patient=luis, by=clinician, term="Lung infection", grade=3, serious=True,
                                  serious_criteria=["hospitalisation"], relatedness="unlikely",
                                  onset=timezone.localdate() - dt.timedelta(days=6), outcome="recovering",
                                  action_taken="medication_given")  # fmt: skip
    waiting = make_patient(clinic, clinician, record_number="SYN-0201")
    waiting.given_name, waiting.family_name, waiting.synthetic = "Marta", "Iglesias", True
    waiting.save()
    return ana


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def _enter_follow_up(page):
    tender = page.locator("figure[data-field=tender_joints]")
    for joint in ("R_WRIST", "R_MCP2"):
        tender.locator(f"circle[data-joint={joint}]").click()
    page.locator("figure[data-field=swollen_joints] circle[data-joint=R_WRIST]").click()
    page.fill("#id_esr_mm_h", "14")
    page.fill("#id_ptga_cm", "2")
    page.fill("#id_ega_cm", "1.5")
    page.fill("#id_pain_cm", "2")


def test_scores_appear_while_typing_and_are_the_ones_saved(live_server, browser, clinic, clinician, password):
    ana = _story(clinic, clinician)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, live_server.url, "doc", password)
    assert page.url.endswith("/clinic/")  # staff land on the worklist
    page.goto(f"{live_server.url}/clinic/patients/{ana.pk}/visit/")
    today = timezone.localdate()
    due = ana.scheduled_visits.get(earliest__lte=today, latest__gte=today)  # the story's M6 window
    assert (due.label, due.visit) == ("M6", None)
    assert page.input_value("#id_visit_date") == today.isoformat()
    assert page.input_value("#id_kind") == "scheduled"
    assert "Due: follow-up M6" in page.locator(".due-note").inner_text()
    _enter_follow_up(page)
    expected = measures.das28_esr(tjc28=2, sjc28=1, esr_mm_h=14, ptga_cm=2).value
    row = page.locator("#live-scores tr[data-score=das28_esr] .score-value")
    row.wait_for(timeout=5000)
    page.wait_for_function(
        "v => document.querySelector('#live-scores tr[data-score=das28_esr] .score-value')"
        "?.textContent.trim() === v",
        arg=f"{expected:.2f}",
        timeout=5000,
    )
    # The last field typed sends the last live-score request: wait for its answer, not the first.
    expect(page.locator("#live-scores [data-response=eular]")).to_contain_text("good response", timeout=5000)
    expect(page.locator("#live-scores [data-response=acr]")).to_contain_text("ACR", timeout=5000)
    page.wait_for_load_state("networkidle")  # no live-score request in flight while saving
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Save')")
    assert page.locator(".errorlist, .errors").count() == 0, page.locator("main").inner_text()
    saved = ana.visits.get(visit_date=today)  # the visit saved now, not the latest by id
    assert saved.label == "M6" and round(saved.das28_esr, 2) == round(expected, 2)
    due.refresh_from_db()
    assert due.visit == saved
    context.close()


PAGES = ("visit-entry", "worklist", "chart")


def test_screenshots(live_server, browser, clinic, clinician, password, tmp_path):
    ana = _story(clinic, clinician)
    folder = DOCS if os.environ.get("SYNOVIA_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    urls = {"visit-entry": f"/clinic/patients/{ana.pk}/visit/", "worklist": "/clinic/",
            "chart": f"/clinic/patients/{ana.pk}/"}  # fmt: skip
    for language in ("en", "es"):
        for width in (390, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page = context.new_page()
            _sign_in(page, live_server.url, "doc", password)
            for name in PAGES:
                page.goto(live_server.url + urls[name])
                if name == "visit-entry":
                    _enter_follow_up(page)
                    page.locator("#live-scores [data-response=eular] strong").wait_for(timeout=5000)
                    page.wait_for_timeout(800)  # the last keystroke's scoring (debounced 400 ms)
                    page.wait_for_load_state("networkidle")
                    page.evaluate("window.scrollTo(0, 0)")
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (name, width)
                page.screenshot(path=str(folder / f"{name}-{language}-{width}.png"), full_page=True)
            context.close()
    assert len(list(folder.glob("*.png"))) >= 12
