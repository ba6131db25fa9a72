"""The report's filters (a GET form): every value must be one the cohort holds."""

from __future__ import annotations

from typing import Any

import polars as pl
from django import forms
from django.utils.translation import gettext_lazy as _

from synovia.clinic.models.choices import CellSource, Route
from synovia.core.outcomes.endpoints import TIMEPOINTS
from synovia.core.outcomes.report import Filters

ANY = ("", _("Any"))
ORIGINS = {"autologous": _("Autologous"), "allogeneic": _("Allogeneic")}
ACTIVITIES = {
    "remission": _("Remission (DAS28 < 2.6)"),
    "low": _("Low (DAS28 ≤ 3.2)"),
    "moderate": _("Moderate (DAS28 ≤ 5.1)"),
    "high": _("High (DAS28 > 5.1)"),
}
DOSE_BANDS = {
    "<1M/kg": _("under 1 million cells/kg"),
    "1-2M/kg": _("1 to 2 million cells/kg"),
    ">2M/kg": _("over 2 million cells/kg"),
}
GROUP_BY = {
    "source": _("Cell source"),
    "route": _("Route"),
    "origin": _("Autologous or allogeneic"),
    "none": _("No groups"),
}
TIMEPOINT_LABELS = {"m1": _("1 month"), "m6": _("6 months"), "m12": _("12 months")}
SOURCES = dict(CellSource.choices)
ROUTES = dict(Route.choices)


def _present(subjects: pl.DataFrame, column: str) -> list[Any]:
    if subjects.height == 0:
        return []
    return sorted(subjects[column].drop_nulls().unique().to_list())


def _choices(values: list[Any], labels: dict[Any, Any] | None = None) -> list[tuple[str, Any]]:
    return [ANY, *[(str(v), (labels or {}).get(v, str(v))) for v in values]]


class ReportFilters(forms.Form):
    clinic = forms.ChoiceField(label=_("Clinic"), required=False)
    source = forms.ChoiceField(label=_("Cell source"), required=False)
    origin = forms.ChoiceField(label=_("Autologous or allogeneic"), required=False)
    route = forms.ChoiceField(label=_("Route"), required=False)
    dose_band = forms.ChoiceField(label=_("Dose"), required=False)
    infusions = forms.ChoiceField(label=_("Infusions given"), required=False)
    baseline_activity = forms.ChoiceField(label=_("Baseline activity"), required=False)
    period = forms.ChoiceField(label=_("First infusion in"), required=False)
    group_by = forms.ChoiceField(label=_("Groups"), required=False, choices=list(GROUP_BY.items()))
    at = forms.ChoiceField(
        label=_("Compare groups at"), required=False, choices=list(TIMEPOINT_LABELS.items())
    )

    def __init__(self, data: Any, *, subjects: pl.DataFrame, clinics: list[str] | None = None) -> None:
        super().__init__(data)
        f = self.fields
        codes = _present(subjects, "clinic") if clinics is None else clinics
        f["clinic"].choices = _choices(codes)  # type: ignore[attr-defined]
        f["source"].choices = _choices(_present(subjects, "source"), SOURCES)  # type: ignore[attr-defined]
        f["origin"].choices = _choices(list(ORIGINS), ORIGINS)  # type: ignore[attr-defined]
        f["route"].choices = _choices(_present(subjects, "route"), ROUTES)  # type: ignore[attr-defined]
        f["dose_band"].choices = _choices(list(DOSE_BANDS), DOSE_BANDS)  # type: ignore[attr-defined]
        f["infusions"].choices = _choices(_present(subjects, "infusions"))  # type: ignore[attr-defined]
        f["baseline_activity"].choices = _choices(list(ACTIVITIES), ACTIVITIES)  # type: ignore[attr-defined]
        f["period"].choices = _choices(_present(subjects, "period"))  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            clinic=d.get("clinic") or None,
            source=d.get("source") or None,
            origin=d.get("origin") or None,
            route=d.get("route") or None,
            dose_band=d.get("dose_band") or None,
            infusions=int(d["infusions"]) if d.get("infusions") else None,
            baseline_activity=d.get("baseline_activity") or None,
            period=int(d["period"]) if d.get("period") else None,
        )

    def grouping(self) -> str | None:
        value = self.cleaned_data.get("group_by") or "source"
        return None if value == "none" else str(value)

    def timepoint(self) -> str:
        value = self.cleaned_data.get("at") or "m6"
        return value if value in TIMEPOINTS else "m6"
