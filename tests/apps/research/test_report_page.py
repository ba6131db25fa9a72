"""The outcomes report: who sees which cohort, the numbers equal ``synovia outcomes`` on the
page's own exports, filters, exports, suppression and the audit entry."""

from __future__ import annotations

import io
import json

import polars as pl
import pytest
from django.urls import reverse

from synovia.access.models import AuditEvent
from synovia.clinic.models import Patient
from synovia.clinic.models.choices import ConsentScope
from synovia.core.outcomes.endpoints import ENDPOINTS

pytestmark = pytest.mark.django_db
URL = "/research/outcomes/"


def _get(client, user, url=URL, **params):
    client.force_login(user)
    return client.get(url, params)


def _command(tmp_path, capsys, visits: bytes, events: bytes | None = None) -> dict:
    from synovia.cli import main

    (tmp_path / "v.csv").write_bytes(visits)
    args = ["synovia", "outcomes", "--visits", str(tmp_path / "v.csv")]
    if events is not None:
        (tmp_path / "e.csv").write_bytes(events)
        args += ["--events", str(tmp_path / "e.csv"), "--times", "90,180,365"]
    capsys.readouterr()
    main(args)
    return json.loads(capsys.readouterr().out)


def test_the_pages_numbers_equal_the_command_on_its_own_export(
    client, researcher, demo, tmp_path, capsys
) -> None:
    page = _get(client, researcher)
    assert page.status_code == 200
    export = _get(client, researcher, reverse("research:export_visits_csv"))
    result = _command(tmp_path, capsys, export.content)
    by_key = {(r["group"], r["timepoint"], r["endpoint"], r["analysis"]): r for r in result["responses"]}
    assert result["enrolled"]["all"] == page.context["enrolled"]
    compared = 0
    for table in page.context["tables"]:
        for row in table["rows"]:
            for analysis in ("nri", "observed"):
                cell, expected = row[analysis], by_key[("all", table["timepoint"], row["key"], analysis)]
                if cell.suppressed:
                    assert expected["N"] < 5 or 0 < expected["n"] < 5
                    continue
                compared += 1
                assert (cell.n, cell.total) == (expected["n"], expected["N"])
                assert cell.percent == pytest.approx(100 * expected["rate"])
                assert (cell.low, cell.high) == pytest.approx([100 * x for x in expected["ci95"]])
    assert compared >= 10  # the demo cohort is large enough for real numbers


def test_the_time_to_event_exports_are_read_by_the_command(
    client, researcher, demo, tmp_path, capsys
) -> None:
    visits = _get(client, researcher, reverse("research:export_visits_csv")).content
    flare = _get(client, researcher, reverse("research:export_flare_csv")).content
    result = _command(tmp_path, capsys, visits, flare)
    everyone = [s for s in result["survival"] if s["group"] == "all"]
    assert [s["time_days"] for s in everyone] == [90, 180, 365]
    assert all(0 <= s["ci95"][0] <= s["survival"] <= s["ci95"][1] <= 1 for s in everyone)


def _consented_treated() -> int:
    consented = Patient.objects.filter(
        consents__scope=ConsentScope.RESEARCH, consents__withdrawn_at__isnull=True
    )
    return consented.filter(infusions__isnull=False).distinct().count()


def test_a_researcher_sees_research_consented_patients_only(client, researcher, demo) -> None:
    page = _get(client, researcher)
    assert page.context["patients"] == _consented_treated()
    assert page.context["patients"] < Patient.objects.filter(infusions__isnull=False).distinct().count()


def test_a_clinician_sees_their_own_clinic_only(client, demo_clinician, demo) -> None:
    page = _get(client, demo_clinician)
    own = Patient.objects.filter(clinic=demo_clinician.clinic, infusions__isnull=False).distinct().count()
    assert page.status_code == 200 and page.context["patients"] == own


@pytest.mark.parametrize("persona", ["patient_user", "moderator"])
def test_other_roles_are_refused(client, request, persona) -> None:
    assert _get(client, request.getfixturevalue(persona)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_old_research_table_leads_to_the_report(client, researcher) -> None:
    response = _get(client, researcher, reverse("clinic:research"))
    assert response.status_code == 302 and response["Location"] == reverse("research:report")


@pytest.mark.parametrize(
    "params", [{"source": "moon"}, {"infusions": "x"}, {"period": "1066"}, {"group_by": "age"}, {"at": "m3"}]
)
def test_a_filter_value_the_cohort_does_not_hold_is_a_400(client, researcher, demo, params) -> None:
    response = _get(client, researcher, **params)
    assert response.status_code == 400
    assert b"does not hold" in response.content


def test_filters_narrow_the_selection(client, researcher, demo) -> None:
    everyone = _get(client, researcher).context["patients"]
    iv = _get(client, researcher, route="iv").context["patients"]
    ia = _get(client, researcher, route="intra_articular").context["patients"]
    assert iv + ia == everyone and 0 < iv < everyone


def test_the_page_states_nri_observed_and_the_registrys_limit(client, researcher, demo) -> None:
    body = _get(client, researcher).content.decode()
    assert "An uncontrolled registry cannot show that a therapy works." in body
    assert "non-responder imputation" in body and "observed cases" in body
    assert "http://" not in body.replace("http://www.w3.org", "") and "https://" not in body


def test_charts_not_yet_drawn_are_linked_then_inline(client, researcher, demo) -> None:
    import re

    from synovia.research import charts

    charts.clear()
    body = _get(client, researcher, route="iv").content.decode()
    linked = re.findall(r'<img src="(/research/outcomes/chart/[a-z0-9]+\.svg\?[^"]*)"', body)
    assert len(linked) == 4 and all("route=iv" in u for u in linked)
    for url in linked:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<?xml") and b"<svg" in response.content
    again = _get(client, researcher, route="iv").content.decode()
    assert again.count('src="data:image/svg+xml;base64,') == 4  # drawn once, then in the page


def test_an_unknown_chart_is_a_404_and_a_bad_filter_a_400(client, researcher, demo) -> None:
    assert _get(client, researcher, reverse("research:chart", args=["pie"])).status_code == 404
    chart = reverse("research:chart", args=["das28"])
    assert _get(client, researcher, chart, route="moon").status_code == 400


def test_the_page_in_spanish(client, researcher, demo) -> None:
    client.force_login(researcher)
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Un registro sin grupo control no puede demostrar que una terapia funciona." in body


def test_exports_parquet_equals_csv_and_pdf_is_a_pdf(client, researcher, demo) -> None:
    csv = pl.read_csv(io.BytesIO(_get(client, researcher, reverse("research:export_visits_csv")).content))
    parquet = pl.read_parquet(
        io.BytesIO(_get(client, researcher, reverse("research:export_visits_parquet")).content)
    )
    assert parquet.height == csv.height and parquet.columns == csv.columns
    assert parquet["patient_id"].to_list() == csv["patient_id"].to_list()
    pdf = _get(client, researcher, reverse("research:export_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_exports_name_patients_by_pseudonym_not_database_id(client, researcher, demo) -> None:
    csv = pl.read_csv(io.BytesIO(_get(client, researcher, reverse("research:export_visits_csv")).content))
    pseudonyms = set(Patient.objects.values_list("pseudonym", flat=True))
    assert set(csv["patient_id"].to_list()) <= pseudonyms


def test_small_cells_are_suppressed(client, researcher, demo) -> None:
    # one clinic and one route: small groups everywhere
    page = _get(client, researcher, route="intra_articular", group_by="source")
    for table in page.context["tables"]:
        for row in table["rows"]:
            for cell in (row["nri"], row["observed"]):
                assert cell.suppressed or (cell.total >= 5 and (cell.n == 0 or cell.n >= 5))
    for cmp in page.context["comparisons"]:
        for row in cmp["rows"]:
            for c in row["cells"]:
                assert c["cell"].suppressed or c["cell"].total >= 5
                if c["cell"].suppressed:
                    assert c["diff"] is None
    for r in page.context["ae"]:
        assert r["suppressed"] or r["patients"] == 0 or r["patients"] >= 5


def test_each_page_view_writes_one_audit_entry(client, researcher, demo) -> None:
    before = AuditEvent.objects.count()
    _get(client, researcher)
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert len(events) == 1
    consented = Patient.objects.filter(
        consents__scope=ConsentScope.RESEARCH, consents__withdrawn_at__isnull=True
    ).distinct()
    assert events[0].purpose == "outcomes report"
    assert events[0].patient_count == consented.count()  # the de-identified cohort read


def test_every_endpoint_is_on_the_page(client, researcher, demo) -> None:
    page = _get(client, researcher)
    assert [r["key"] for r in page.context["tables"][0]["rows"]] == list(ENDPOINTS)
    assert [t["timepoint"] for t in page.context["tables"]] == ["m1", "m6", "m12"]


@pytest.mark.parametrize("who", ["researcher", "clinician", "coordinator", "admin_user"])
def test_the_site_header_links_to_the_report_for_those_who_may_read_it(client, request, who) -> None:
    client.force_login(request.getfixturevalue(who))
    for language, label in (("en", "Outcomes report"), ("es", "Informe de resultados")):
        client.cookies["django_language"] = language
        page = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE=language)
        assert f'href="{URL}">{label}</a>' in page.content.decode(), (who, language)


@pytest.mark.parametrize("who", ["patient_user", "moderator"])
def test_others_get_no_link_to_the_report(client, request, who) -> None:
    client.force_login(request.getfixturevalue(who))
    assert URL not in client.get(reverse("web:home")).content.decode()


def test_one_clinic_is_read_alone_and_equals_the_whole_report_filtered(client, researcher, demo) -> None:
    from synovia.access import door
    from synovia.access.models import Via
    from synovia.core.outcomes import report
    from synovia.core.outcomes.report import Filters
    from synovia.research import selectors

    who = door.Principal(user=researcher, via=Via.WEB, where="", source="")
    code = sorted(set(Patient.objects.values_list("clinic__code", flat=True)))[0]
    alone = selectors.cohort(who, purpose="test", clinic=code)
    whole = report.apply(selectors.cohort(who, purpose="test"), Filters(clinic=code))
    for name in ("subjects", "visits"):
        a, b = getattr(alone, name), getattr(whole, name)
        assert a.sort(a.columns).equals(b.sort(b.columns)), name
    before = AuditEvent.objects.count()
    page = _get(client, researcher, clinic=code)
    assert page.status_code == 200 and page.context["patients"] == alone.subjects.height
    event = AuditEvent.objects.order_by("id")[before:].get()
    in_clinic = Patient.objects.filter(
        clinic__code=code, consents__scope=ConsentScope.RESEARCH, consents__withdrawn_at__isnull=True
    ).distinct()
    assert event.patient_count == in_clinic.count()  # only that clinic's rows were read


def test_a_clinician_cannot_choose_another_clinic(client, demo_clinician, demo) -> None:
    other = (
        Patient.objects.exclude(clinic=demo_clinician.clinic).values_list("clinic__code", flat=True).first()
    )
    client.force_login(demo_clinician)
    assert client.get(URL, {"clinic": other}).status_code == 400
