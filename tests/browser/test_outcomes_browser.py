"""A researcher reads the outcomes report in Chromium, on a phone and on a desktop, in English
and Spanish: reached from the site header, filters applied, rates shown with their 95 %
intervals, the charts (trajectories and Kaplan-Meier curves) drawn, the exports downloaded
(and the CSV read back by ``synovia outcomes``), and nothing wider than the phone. Writes the
screenshots docs/screenshots/outcomes-{en,es}-{390,1280}.png."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from synovia.cli import main
from tests.apps.research.conftest import load_demo
from tests.browser.shots import screenshot_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()
STATEMENTS = {
    "en": ("Outcomes report", "An uncontrolled registry cannot show that a therapy works."),
    "es": (
        "Informe de resultados",
        "Un registro sin grupo control no puede demostrar que una terapia funciona.",
    ),
}
RATE = re.compile(r"^(\d+)/(\d+) · (\d+[.,]\d) %\s+(\d+[.,]\d)–(\d+[.,]\d) %$")
EXPORTS = {
    "visits.csv": b"patient_id,",
    "visits.parquet": b"PAR1",
    "flare.csv": b"patient_id,",
    "deidentified.csv": b"row_id",
    "report.pdf": b"%PDF",
}


def _sign_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _check_rates(page) -> int:
    """Every shown NRI/observed cell reads n/N · p % with lo–hi %, p = n/N, lo <= p <= hi."""
    cells = page.locator("table.report td.num").all_inner_texts()
    shown = 0
    for text in cells:
        match = RATE.match(" ".join(text.split()))
        if match is None:
            continue
        n, total, pct, low, high = match.groups()
        assert int(total) >= 5 and (int(n) == 0 or int(n) >= 5), text  # small cells suppressed
        assert _number(pct) == pytest.approx(100 * int(n) / int(total), abs=0.051)
        assert _number(low) <= _number(pct) <= _number(high), text
        shown += 1
    return shown


def _check_charts(page) -> None:
    images = page.locator("figure img")
    assert images.count() == 4
    for i in range(4):
        assert images.nth(i).get_attribute("alt")
    drawn = page.evaluate(
        "Array.from(document.querySelectorAll('figure img')).map(i => i.complete && i.naturalWidth > 0 "
        "&& i.getBoundingClientRect().width > 0)"
    )
    assert drawn == [True] * 4  # every SVG decoded and laid out (trajectories, flare, retreatment)


def _check_exports(page, tmp_path: Path, capsys) -> None:
    for suffix, magic in EXPORTS.items():
        with page.expect_download() as caught:
            page.click(f"ul.exports a[href*='{suffix}']")
        download = caught.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        assert target.read_bytes().startswith(magic), suffix
        assert "route=iv" in download.url
    visits = next(tmp_path.glob("*visits.csv"))
    capsys.readouterr()
    main(["synovia", "outcomes", "--visits", str(visits)])
    result = json.loads(capsys.readouterr().out)
    assert result["enrolled"]["all"] > 0 and result["responses"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_in_english_and_spanish(
    live_server, browser, researcher, password, width, tmp_path, capsys
):
    load_demo(60, 1)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=1, accept_downloads=True
    )
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, "res", password)
        for language, (link, statement) in STATEMENTS.items():
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page.goto(live_server.url + "/")
            with page.expect_navigation():
                page.click(f"nav.site-nav a:has-text('{link}')")  # reached from the site header
            assert page.url.endswith("/research/outcomes/")
            assert statement in page.inner_text("main")
            assert _check_rates(page) >= 10
            _check_charts(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(SHOTS / f"outcomes-{language}-{width}.png"), full_page=True)
        # a filter narrows the selection; the page and the exports follow it
        before = page.inner_text("main")
        page.select_option("#id_route", "iv")
        with page.expect_navigation():
            page.click("form.card[method=get] button[type=submit]")
        assert "route=iv" in page.url
        assert page.input_value("#id_route") == "iv"
        assert page.inner_text("main") != before
        assert _check_rates(page) >= 1
        _check_charts(page)
        _check_exports(page, tmp_path, capsys)
    finally:
        context.close()
