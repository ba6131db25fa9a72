"""The outcomes report page and its exports (thin: parse the filters, read through the
selectors, render)."""

from __future__ import annotations

import datetime as dt
import io
import weakref
from collections.abc import Callable
from typing import Any

import polars as pl
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from synovia.access import door
from synovia.core.outcomes import deid, report
from synovia.core.outcomes.derive import Dataset
from synovia.research import charts, pdf, presenter, selectors
from synovia.research.forms import ReportFilters
from synovia.research.kept import Kept

Loaded = tuple[Dataset, ReportFilters]


def _load(request: HttpRequest, purpose: str) -> tuple[Dataset, ReportFilters, bool]:
    who = door.principal(request)
    if not selectors.may_read(who):
        raise PermissionDenied("Researchers and clinical staff only.")
    clinics = selectors.clinics(who)
    chosen = request.GET.get("clinic", "")
    # A clinic the user may choose is read alone; anything else reads the whole scope and the
    # form then refuses the value (400 naming the field).
    data = selectors.cohort(who, purpose=purpose, clinic=chosen if chosen in clinics else None)
    form = ReportFilters(request.GET, subjects=data.subjects, clinics=clinics)
    return data, form, form.is_valid()


def _bad(request: HttpRequest, form: ReportFilters) -> HttpResponse:
    return render(request, "research/report.html", {"form": form, "invalid": True}, status=400)


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    data, form, ok = _load(request, "outcomes report")
    if not ok:
        return _bad(request, form)
    query = request.GET.urlencode()

    def chart_url(name: str) -> str:
        return reverse("research:chart", args=[name]) + (f"?{query}" if query else "")

    context = dict(_computed(data, form, query, chart_url))
    context["charts"] = presenter.linked_charts(context["charts"], chart_url)
    context |= {"form": form, "synthetic": selectors.any_synthetic(data), "query": query}
    return render(request, "research/report.html", context)


COMPUTED_PAGES = 16
"""Computed report pages kept per process: the tables of one data set (kept by the selectors
under the registry's change log) for one choice of filters and one language."""
_computed_pages: Kept[tuple[Any, ...], tuple[weakref.ref[Dataset], dict[str, Any]]] = Kept(COMPUTED_PAGES)


def _computed(
    data: Dataset, form: ReportFilters, query: str, chart_url: Callable[[str], str]
) -> dict[str, Any]:
    """The report's numbers for ``data`` and the form's filters, computed once per kept data
    set: the key holds the data set's identity, checked through a weak reference, so a data
    set read again (the registry changed) is never answered with the old numbers."""
    key = (id(data), query, get_language())
    found = _computed_pages.get(key)
    if found is not None and found[0]() is data:
        return found[1]
    filtered = report.apply(data, form.filters())
    context = presenter.context(filtered, by=form.grouping(), timepoint=form.timepoint(), chart_url=chart_url)
    _computed_pages.put(key, (weakref.ref(data), context))
    return context


@login_required
def chart_image(request: HttpRequest, name: str) -> HttpResponse:
    """One chart of the report, for the same filters, as an SVG file (the page links a chart
    it has not drawn yet, so the page itself does not wait for matplotlib)."""
    if name not in presenter.CHARTS:
        raise Http404("No such chart.")
    data, form, ok = _load(request, "outcomes chart")
    if not ok:
        return _bad(request, form)
    filtered = report.apply(data, form.filters())
    draw, inputs = presenter.chart_inputs(filtered, form.grouping(), only=name)[name]
    return HttpResponse(charts.svg_text(charts.drawn(draw, **inputs)), content_type="image/svg+xml")


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _keyed(frame: pl.DataFrame, data: Dataset) -> pl.DataFrame:
    """Exports name patients by their research pseudonym, never by a database id."""
    keys = data.subjects.select(pl.col("patient_id").cast(pl.Utf8), pl.col("pseudonym"))
    joined = frame.join(keys, on="patient_id", how="left")
    return joined.with_columns(pl.col("pseudonym").alias("patient_id")).drop("pseudonym")


def _export(
    purpose: str, make: Callable[[Dataset, ReportFilters], HttpResponse]
) -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        data, form, ok = _load(request, purpose)
        if not ok:
            return _bad(request, form)
        return make(report.apply(data, form.filters()), form)

    return view


def _csv(frame: pl.DataFrame, name: str) -> HttpResponse:
    return _download(frame.write_csv().encode("utf-8"), "text/csv; charset=utf-8", name)


def _visits_csv(data: Dataset, form: ReportFilters) -> HttpResponse:
    return _csv(_keyed(report.visits_export(data, form.grouping()), data), "synovia-outcomes-visits.csv")


def _visits_parquet(data: Dataset, form: ReportFilters) -> HttpResponse:
    buffer = io.BytesIO()
    _keyed(report.visits_export(data, form.grouping()), data).write_parquet(buffer)
    return _download(buffer.getvalue(), "application/vnd.apache.parquet", "synovia-outcomes-visits.parquet")


def _flare_csv(data: Dataset, form: ReportFilters) -> HttpResponse:
    return _csv(
        _keyed(report.events_export(data.flare, data, form.grouping()), data), "synovia-outcomes-flare.csv"
    )


def _retreatment_csv(data: Dataset, form: ReportFilters) -> HttpResponse:
    frame = report.events_export(data.retreatment, data, form.grouping())
    return _csv(_keyed(frame, data), "synovia-outcomes-retreatment.csv")


def _rows_csv(data: Dataset, form: ReportFilters) -> HttpResponse:
    year = dt.datetime.now(tz=dt.UTC).year
    return _csv(deid.rows(data, year=year), "synovia-deidentified-rows.csv")


def _pdf(data: Dataset, form: ReportFilters) -> HttpResponse:
    context = presenter.context(data, by=form.grouping(), timepoint=form.timepoint(), svg=False)
    body = pdf.render(context, context["figures"])
    return _download(body, "application/pdf", "synovia-outcomes-report.pdf")


export_visits_csv = _export("outcomes export visits csv", _visits_csv)
export_visits_parquet = _export("outcomes export visits parquet", _visits_parquet)
export_flare_csv = _export("outcomes export flare csv", _flare_csv)
export_retreatment_csv = _export("outcomes export retreatment csv", _retreatment_csv)
export_rows_csv = _export("outcomes export de-identified rows", _rows_csv)
export_pdf = _export("outcomes export pdf", _pdf)
