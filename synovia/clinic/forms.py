"""Forms of the clinic pages: they parse input; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from synovia.clinic.joint_labels import joint_label_lazy
from synovia.clinic.models.choices import (
    AEAction,
    AEOutcome,
    CellSource,
    ConsentScope,
    Contraindication,
    HarvestSite,
    PathwayState,
    Product,
    Relatedness,
    Route,
    SeriousCriterion,
    Serostatus,
    Sex,
    VisitKind,
)
from synovia.clinic.scoring import haq_items_from_categories
from synovia.core import ctcae, labs
from synovia.core.bounds import BOUNDS, EARLIEST_BIRTH, latest_date
from synovia.core.joints import JOINTS_66, JOINTS_68
from synovia.core.labs import LAB_TESTS
from synovia.core.measures.haq_di import HAQ_CATEGORIES
from synovia.web.widgets import Checkboxes

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
"""ISO dates in every language: a date input shows only ISO values (a Spanish 02/12/2026 is blank)."""
PRESENCE = [("", "---"), ("absent", _("Absent")), ("present", _("Present"))]


def _float(name: str, label: Any, *, required: bool = False) -> forms.FloatField:
    """A number field limited to the plausible range of ``name`` (synovia.core.bounds), so
    the error shows beside the field; NaN and Infinity are refused by Django's FloatField."""
    b = BOUNDS[name]
    return forms.FloatField(label=label, min_value=b.low, max_value=b.high, required=required)


def _int(name: str, label: Any, *, required: bool = False) -> forms.IntegerField:
    b = BOUNDS[name]
    return forms.IntegerField(label=label, min_value=int(b.low), max_value=int(b.high), required=required)


class PlausibleDateField(forms.DateField):
    """A date from 1900 to today plus the margin (``SYNOVIA_FUTURE_DATE_MARGIN_DAYS``); the
    service also checks it against the patient's date of birth."""

    widget = DATE

    def __init__(self, *args: Any, past_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.past_only = past_only

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        margin = 0 if self.past_only else int(getattr(settings, "SYNOVIA_FUTURE_DATE_MARGIN_DAYS", 1))
        latest = latest_date(timezone.localdate(), margin)
        if not EARLIEST_BIRTH <= value <= latest:
            raise forms.ValidationError(
                _("Enter a date from %(start)s to %(end)s.")
                % {"start": EARLIEST_BIRTH.isoformat(), "end": latest.isoformat()}
            )


CHOOSE = ("", _("Choose…"))
"""The first option of a choice that matters: nothing is pre-selected for the user."""


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Move to"), choices=[CHOOSE, *PathwayState.choices])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class EvaluationForm(forms.Form):
    evaluated_on = PlausibleDateField(label=_("Date"))
    large_joints = _int("large_joints", _("Large joints involved"))
    small_joints = _int("small_joints", _("Small joints involved"))
    serology = forms.ChoiceField(
        label=_("Serology (RF/ACPA)"),
        required=False,
        choices=[
            ("", "---"),
            ("negative", _("Negative")),
            ("low_positive", _("Low positive")),
            ("high_positive", _("High positive")),
        ],
    )
    acute_phase_abnormal = forms.BooleanField(label=_("Abnormal CRP or ESR"), required=False)
    duration_weeks = _float("duration_weeks", _("Symptom duration (weeks)"))
    candidate = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Candidate")), ("no", _("Not a candidate"))],
    )
    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for c in Contraindication:
            self.fields[f"ci_{c.value}"] = forms.ChoiceField(label=c.label, choices=PRESENCE)

    def contraindications(self) -> dict[str, bool]:
        return {c.value: self.cleaned_data[f"ci_{c.value}"] == "present" for c in Contraindication}

    def acr_eular(self) -> dict[str, object] | None:
        d = self.cleaned_data
        keys = ("large_joints", "small_joints", "serology", "duration_weeks")
        if any(d.get(k) in (None, "") for k in keys):
            return None
        return {k: d[k] for k in keys} | {"acute_phase_abnormal": d["acute_phase_abnormal"]}


HAQ_SCORE = [("", "---"), ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")]
HAQ_LABELS = {
    "dressing": _("dressing and grooming"),
    "arising": _("arising"),
    "eating": _("eating"),
    "walking": _("walking"),
    "hygiene": _("hygiene"),
    "reach": _("reach"),
    "grip": _("grip"),
    "activities": _("common activities"),
}
"""The eight HAQ-DI categories (Fries et al. 1980) in the reader's language."""


class VisitForm(forms.Form):
    visit_date = PlausibleDateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    tender_joints = forms.MultipleChoiceField(
        label=_("Tender joints (68)"),
        choices=[(j, joint_label_lazy(j)) for j in JOINTS_68],
        required=False,
        widget=Checkboxes,
    )
    swollen_joints = forms.MultipleChoiceField(
        label=_("Swollen joints (66)"),
        choices=[(j, joint_label_lazy(j)) for j in JOINTS_66],
        required=False,
        widget=Checkboxes,
    )
    esr_mm_h = _float("esr_mm_h", _("ESR (mm/h)"))
    crp = _float("crp_mg_l", _("CRP"))
    crp_unit = forms.ChoiceField(label=_("CRP unit"), choices=[("mg/L", "mg/L"), ("mg/dL", "mg/dL")])
    ptga_cm = _float("ptga_cm", _("Patient global (0-10)"))
    ega_cm = _float("ega_cm", _("Evaluator global (0-10)"))
    pain_cm = _float("pain_cm", _("Pain (0-10)"))
    function_cm = _float("function_cm", _("Function (0-10, RAPID3)"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in HAQ_CATEGORIES:
            self.fields[f"haq_{name}"] = forms.ChoiceField(
                label=_("HAQ: %s (highest item)") % HAQ_LABELS[name], choices=HAQ_SCORE, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        crp = data.get("crp")
        if crp is not None and data.get("crp_unit") == "mg/dL" and not BOUNDS["crp_mg_dl"].holds(crp):
            self.add_error("crp", BOUNDS["crp_mg_dl"].refusal(crp))
        return data

    def haq_scores(self) -> dict[str, int | None]:
        return {
            n: (int(v) if (v := self.cleaned_data.get(f"haq_{n}")) not in (None, "") else None)
            for n in HAQ_CATEGORIES
        }

    def entered(self) -> dict[str, Any]:
        """The visit's values in the service's units (CRP in mg/L: 1 mg/dL = 10 mg/L,
        synovia.core.labs), from the fields that are valid; an invalid field counts as empty."""
        d = self.cleaned_data
        crp = d.get("crp")
        if crp is not None and d.get("crp_unit") == "mg/dL":
            crp = crp * 10
        haq = self.haq_scores()
        answered = any(v is not None for v in haq.values())
        return {
            "tender_joints": list(d.get("tender_joints") or []),
            "swollen_joints": list(d.get("swollen_joints") or []),
            "esr_mm_h": d.get("esr_mm_h"),
            "crp_mg_l": crp,
            "ptga_cm": d.get("ptga_cm"),
            "ega_cm": d.get("ega_cm"),
            "pain_cm": d.get("pain_cm"),
            "function_cm": d.get("function_cm"),
            "haq_items": haq_items_from_categories(haq) if answered else None,
        }


class LabForm(forms.Form):
    test = forms.ChoiceField(label=_("Test"), choices=[(k, t.name) for k, t in LAB_TESTS.items()])
    value = forms.FloatField(label=_("Value"), min_value=0)
    unit = forms.CharField(label=_("Unit"), max_length=16)
    collected_on = PlausibleDateField(label=_("Collected on"))
    ref_low = forms.FloatField(label=_("Reference low (same unit)"), min_value=0, required=False)
    ref_high = forms.FloatField(label=_("Reference high (same unit)"), min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        """The analyte's plausible range and a sane reference range (synovia.core.labs),
        shown beside the field at fault."""
        data = super().clean()
        test, value, unit = data.get("test"), data.get("value"), data.get("unit")
        if not test or value is None or not unit:
            return data
        try:
            labs.convert(test, value, unit)
            labs.reference_range(test, unit, data.get("ref_low"), data.get("ref_high"))
        except labs.LabUnitError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc))
        return data


def _ctcae_choices() -> list[tuple[str, str]]:
    return [(t.code, t.term) for t in ctcae.terms().values()] + [(ctcae.OTHER, "Other, specify")]


class AdverseEventForm(forms.Form):
    """An adverse event: the term chosen from the CTCAE v5.0 list (searchable) or "Other,
    specify" with its SOC; a grade the chosen term has; nothing that matters pre-selected."""

    term_code = forms.ChoiceField(
        label=_("Term (CTCAE v5.0)"), choices=_ctcae_choices, widget=forms.RadioSelect
    )
    other_soc = forms.ChoiceField(label=_("System organ class (other, specify)"), required=False)
    other_text = forms.CharField(label=_("Other, specify"), max_length=ctcae.MAX_OTHER, required=False)
    grade = forms.TypedChoiceField(
        label=_("Grade"), coerce=int, choices=[(g, str(g)) for g in ctcae.GRADES], widget=forms.RadioSelect
    )
    serious = forms.BooleanField(label=_("Serious"), required=False)
    serious_criteria = forms.MultipleChoiceField(
        label=_("Seriousness criteria"),
        choices=SeriousCriterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    relatedness = forms.ChoiceField(label=_("Relatedness"), choices=[CHOOSE, *Relatedness.choices])
    onset = PlausibleDateField(label=_("Onset"))
    resolved_on = PlausibleDateField(label=_("Resolved on"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[CHOOSE, *AEOutcome.choices])
    action_taken = forms.ChoiceField(label=_("Action taken"), choices=[CHOOSE, *AEAction.choices])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["other_soc"].choices = [CHOOSE, *((s, s) for s in ctcae.socs())]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """The stored term (CTCAE's English name, or "<SOC> - Other, specify: ...") and a
        grade the term has, each refusal beside its field."""
        data = super().clean()
        code, grade = data.get("term_code"), data.get("grade")
        if not code:
            return data
        if code == ctcae.OTHER:
            soc, text = data.get("other_soc") or "", " ".join((data.get("other_text") or "").split())
            if soc not in ctcae.socs():
                self.add_error("other_soc", _("Choose the system organ class of the event."))
            elif not text:
                self.add_error("other_text", _("Say what the event was (other, specify)."))
            else:
                data["term"] = ctcae.other_term(soc, text)
            return data
        chosen = ctcae.term(code)
        data["term"] = chosen.term
        if grade is not None and grade not in chosen.grades:
            have = ", ".join(str(g) for g in sorted(chosen.grades))
            self.add_error(
                "grade",
                _("%(term)s has no grade %(grade)s in CTCAE v5.0 (its grades: %(have)s).")
                % {"term": chosen.label(get_language() or "en"), "grade": grade, "have": have},
            )
        return data


class PatientForm(forms.Form):
    record_number = forms.CharField(label=_("Record number"), max_length=40)
    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_date = PlausibleDateField(label=_("Date of birth"), past_only=True)
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        min_value=BOUNDS["weight_kg"].low,
        max_value=BOUNDS["weight_kg"].high,
        decimal_places=1,
    )
    referred_on = PlausibleDateField(label=_("Referred on"))
    diagnosis_date = PlausibleDateField(label=_("RA diagnosis date"), required=False)
    rf_status = forms.ChoiceField(label=_("Rheumatoid factor"), choices=Serostatus.choices)
    acpa_status = forms.ChoiceField(label=_("ACPA"), choices=Serostatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        birth = data.get("birth_date")
        for name in ("referred_on", "diagnosis_date"):
            day = data.get(name)
            if birth and day and day < birth:
                self.add_error(name, _("This date cannot precede the date of birth."))
        return data


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("Scope"), choices=ConsentScope.choices)
    text_version = forms.CharField(label=_("Version of the consent text"), max_length=20)


class ProgramForm(forms.Form):
    source = forms.ChoiceField(label=_("Cell source"), choices=CellSource.choices)
    autologous = forms.TypedChoiceField(
        label=_("Origin"),
        coerce=lambda v: v == "auto",
        choices=[("allo", _("Allogeneic")), ("auto", _("Autologous"))],
    )
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)
    dose_cells_per_kg = _float("dose_cells_per_kg", _("Dose (cells/kg)"), required=True)
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices)
    joint = forms.ChoiceField(
        label=_("Joint (intra-articular)"),
        required=False,
        choices=[("", "---"), *((j, joint_label_lazy(j)) for j in JOINTS_68)],
    )
    planned_infusions = _int("planned_infusions", _("Planned infusions"), required=True)
    interval_weeks = _int("interval_weeks", _("Interval (weeks)"), required=True)


class InfusionForm(forms.Form):
    program = forms.TypedChoiceField(label=_("Program"), coerce=int)
    given_on = PlausibleDateField(label=_("Date"))
    lot = forms.CharField(label=_("Product lot"), max_length=40)
    dose_cells = _float("dose_cells", _("Cells given"), required=True)
    harvest_site = forms.ChoiceField(
        label=_("Harvest site (autologous)"), choices=HarvestSite.choices, required=False
    )
    immediate_reaction = forms.CharField(label=_("Immediate reaction"), max_length=200, required=False)

    def __init__(self, *args: object, programs: list[tuple[int, str]] = (), **kwargs: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["program"].choices = programs  # type: ignore[attr-defined]


class ImagingForm(forms.Form):
    taken_on = PlausibleDateField(label=_("Date"))
    steinbrocker_stage = forms.TypedChoiceField(
        label=_("Steinbrocker stage"), coerce=int, choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
    )
    erosions = forms.BooleanField(label=_("Erosions"), required=False)
    sharp_vdh = _int("sharp_vdh", _("Modified Sharp/van der Heijde score"))
