"""The facts form of the matching page: every field optional, blank means unknown.

Units are chosen by the person where labs are reported in more than one (CRP in mg/L or
mg/dL, haemoglobin in g/L or g/dL, creatinine in umol/L or mg/dL) and converted here, at the
boundary, into the units of the core's facts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from synovia.core.eligibility.facts import FACTS
from synovia.trials.describe import fact_label

TRI_STATE = [("", _("I don't know")), ("yes", _("Yes")), ("no", _("No"))]

GROUPS: list[tuple[Any, list[str]]] = [
    (
        _("About you"),
        [
            "age_years",
            "sex",
            "weight_kg",
            "pregnant",
            "lactating",
            "childbearing_potential",
            "uses_contraception",
            "consent_given",
        ],
    ),
    (
        _("Your arthritis"),
        [
            "meets_acr_eular_2010",
            "meets_acr_1987",
            "disease_duration_months",
            "rf_positive",
            "acpa_positive",
            "erosions",
            "radiographic_stage",
            "functional_class",
        ],
    ),
    (_("Disease activity"), ["das28_esr", "das28_crp", "cdai", "sdai", "tjc28", "sjc28", "tjc68", "sjc66"]),
    (
        _("Blood tests"),
        [
            "esr_mm_h",
            "crp_mg_l",
            "hemoglobin_g_l",
            "wbc_10e9_l",
            "platelets_10e9_l",
            "alt_x_uln",
            "ast_x_uln",
            "creatinine_umol_l",
            "egfr_ml_min",
        ],
    ),
    (
        _("Medicines"),
        [
            "failed_csdmards",
            "failed_biologics",
            "current_drugs",
            "prednisone_mg_day",
            "intraarticular_steroid_weeks_ago",
        ],
    ),
    (
        _("Infections and other conditions"),
        ["hbv", "hcv", "hiv", "tb_active", "tb_latent", "malignancy_years_ago", "conditions"],
    ),
    (_("Earlier treatments and studies"), ["prior_cell_therapy", "trial_participation_months_ago"]),
]

#: Alternative units a person may report in, with the factor into the fact's unit.
ALTERNATIVE_UNITS: dict[str, list[tuple[str, Any, float]]] = {
    "crp_mg_l": [("mg/L", _("mg/L"), 1.0), ("mg/dL", _("mg/dL"), 10.0)],
    "hemoglobin_g_l": [("g/L", _("g/L"), 1.0), ("g/dL", _("g/dL"), 10.0)],
    "creatinine_umol_l": [("umol/L", _("µmol/L"), 1.0), ("mg/dL", _("mg/dL"), 88.42)],
}


def _field(name: str) -> forms.Field:
    spec = FACTS[name]
    label = fact_label(name)
    if spec.kind == "boolean":
        return forms.ChoiceField(label=label, choices=TRI_STATE, required=False)
    if spec.kind == "sex":
        choices = [("", _("I don't know")), ("female", _("female")), ("male", _("male"))]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if spec.kind == "list":
        return forms.CharField(
            label=label,
            required=False,
            max_length=500,
            help_text=_("Names separated by commas; write “none” if there are none."),
        )
    unit = f" ({spec.unit})" if spec.unit and name not in ALTERNATIVE_UNITS else ""
    help_text = (
        _("Leave blank if it never happened or you don't know; see below.") if spec.kind == "since" else ""
    )
    return forms.FloatField(
        label=f"{label}{unit}",
        required=False,
        help_text=help_text,
        min_value=max(spec.low, 0.0) if spec.low > -1e308 else None,
        max_value=spec.high if spec.high < 1e308 else None,
    )


class FactsForm(forms.Form):
    """One optional field per fact, grouped for a phone screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for _title, names in GROUPS:
            for name in names:
                self.fields[name] = _field(name)
                if name in ALTERNATIVE_UNITS:
                    self.fields[f"{name}__unit"] = forms.ChoiceField(
                        label=_("unit"),
                        choices=[(c, shown) for c, shown, _f in ALTERNATIVE_UNITS[name]],
                        required=False,
                    )
                if FACTS[name].kind == "since":
                    self.fields[f"{name}__never"] = forms.BooleanField(label=_("never"), required=False)

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        shown = []
        for title, names in GROUPS:
            bound = []
            for name in names:
                bound.append(self[name])
                bound.extend(
                    self[f"{name}{suffix}"]
                    for suffix in ("__unit", "__never")
                    if f"{name}{suffix}" in self.fields
                )
            shown.append((title, bound))
        return shown

    def facts(self) -> dict[str, Any]:
        """The core's fact dictionary: only what was given, converted into the facts' units."""
        data = self.cleaned_data
        facts: dict[str, Any] = {}
        for name, spec in FACTS.items():
            if name not in self.fields:
                continue
            value = self._value(name, spec.kind, data)
            if value is not _ABSENT:
                facts[name] = value
        return facts

    def _value(self, name: str, kind: str, data: dict[str, Any]) -> Any:
        raw = data.get(name)
        if kind == "boolean":
            return {"yes": True, "no": False}.get(raw or "", _ABSENT)
        if kind == "sex":
            return raw or _ABSENT
        if kind == "list":
            return _names(raw or "")
        if kind == "since" and data.get(f"{name}__never"):
            return None  # the facts interface reads null as "never"
        return _ABSENT if raw is None else raw * self._factor(name, data)

    @staticmethod
    def _factor(name: str, data: dict[str, Any]) -> float:
        options = ALTERNATIVE_UNITS.get(name)
        if not options:
            return 1.0
        chosen = data.get(f"{name}__unit") or options[0][0]
        return next(factor for code, _shown, factor in options if code == chosen)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, spec in FACTS.items():
            if spec.kind == "since" and data.get(f"{name}__never") and data.get(name) is not None:
                self.add_error(name, _("Give a time or tick “never”, not both."))
        for name in ALTERNATIVE_UNITS:  # the field's limits are in the fact's unit
            value, spec = data.get(name), FACTS[name]
            if value is not None and not spec.low <= value * self._factor(name, data) <= spec.high:
                self.add_error(
                    name, _("Outside the plausible range (%s).") % f"{spec.low:g}-{spec.high:g} {spec.unit}"
                )
        return data


def _names(raw: str) -> Any:
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if [item.casefold() for item in items] in (["none"], ["ninguno"], ["ninguna"]):
        return []
    return items or _ABSENT


_ABSENT = object()  # the person left the field blank: the fact is unknown
