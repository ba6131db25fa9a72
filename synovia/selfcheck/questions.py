"""The self-assessment's questions: one short form per screen, in words a patient knows.

Every answer is optional where a person may not know it ("I don't know" or blank is unknown,
never "no"), bounded where it enters (numbers have ranges and a fixed number of decimals,
choices are closed lists), and kept as JSON-safe text in the session until the person sends
or saves it. :mod:`synovia.selfcheck.mapping` turns the answers into eligibility facts.

At most 15 screens (:data:`STEPS`, 14 today; a man skips the pregnancy screen).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DONT_KNOW = ("", _("I don't know"))
TRI = [("yes", _("Yes")), ("no", _("No")), DONT_KNOW]

#: How a person took a medicine, and why they stopped (the choice list of every medicine).
MEDICINE_USE = [
    ("never", _("Never taken")),
    ("now_ok", _("Taking it now, and it helps")),
    ("now_not_enough", _("Taking it now, but it does not help enough")),
    ("stopped_not_enough", _("Stopped: it did not help enough")),
    ("stopped_side_effects", _("Stopped: side effects")),
    ("stopped_other", _("Stopped for another reason")),
    DONT_KNOW,
]

#: Conventional medicines (csDMARDs): field name -> name given to the matching core.
CSDMARDS = {
    "methotrexate": ("methotrexate", _("Methotrexate")),
    "leflunomide": ("leflunomide", _("Leflunomide")),
    "sulfasalazine": ("sulfasalazine", _("Sulfasalazine")),
    "hydroxychloroquine": ("hydroxychloroquine", _("Hydroxychloroquine")),
}
#: Biologic and targeted medicines, by their generic names (brand names in the label).
BIOLOGICS = {
    "adalimumab": ("adalimumab", _("Adalimumab (Humira and others)")),
    "etanercept": ("etanercept", _("Etanercept (Enbrel and others)")),
    "infliximab": ("infliximab", _("Infliximab (Remicade and others)")),
    "certolizumab": ("certolizumab", _("Certolizumab (Cimzia)")),
    "golimumab": ("golimumab", _("Golimumab (Simponi)")),
    "other_biologic": (
        "other biologic or JAK inhibitor",
        _(
            "Another biologic or a JAK tablet (abatacept, rituximab, tocilizumab, tofacitinib, "
            "baricitinib, upadacitinib)"
        ),
    ),
}

#: Steroid tablets and their prednisone-equivalent factor (mg prednisone per mg of the drug).
#: Equivalent doses: prednisone 5 mg = prednisolone 5 mg = methylprednisolone 4 mg =
#: dexamethasone 0.75 mg = deflazacort 6 mg (Liu D, Ahmet A, Ward L, et al. A practical guide to
#: the monitoring and management of the complications of systemic corticosteroid therapy.
#: Allergy Asthma Clin Immunol 2013;9:30, Table 1; deflazacort: British National Formulary).
STEROIDS = {
    "prednisone": (Decimal("1"), _("Prednisone or prednisolone")),
    "methylprednisolone": (Decimal("1.25"), _("Methylprednisolone")),
    "dexamethasone": (Decimal("5") / Decimal("0.75"), _("Dexamethasone")),
    "deflazacort": (Decimal("5") / Decimal("6"), _("Deflazacort")),
}

#: The 10 MDHAQ function items, each scored 0-3 (Pincus T, Swearingen C, Wolfe F.
#: Toward a multidimensional health assessment questionnaire (MDHAQ). Arthritis Rheum
#: 1999;42:2220-30); "Are you able to ..." over the last week.
MDHAQ_ITEMS = {
    "dress": _("Dress yourself, including tying shoelaces and doing buttons?"),
    "bed": _("Get in and out of bed?"),
    "cup": _("Lift a full cup or glass to your mouth?"),
    "walk": _("Walk outdoors on flat ground?"),
    "wash": _("Wash and dry your entire body?"),
    "bend": _("Bend down to pick up clothing from the floor?"),
    "taps": _("Turn regular faucets on and off?"),
    "car": _("Get in and out of a car, bus, train or aeroplane?"),
    "miles": _("Walk two miles or three kilometres, if you wish?"),
    "sports": _("Take part in recreational activities and sports as you would like, if you wish?"),
}
MDHAQ_SCALE = [
    ("0", _("Without any difficulty")),
    ("1", _("With some difficulty")),
    ("2", _("With much difficulty")),
    ("3", _("Unable to do")),
]

PREGNANCY = [
    ("pregnant", _("I am pregnant")),
    ("breastfeeding", _("I am breastfeeding")),
    ("could", _("Neither, but I could become pregnant")),
    ("cannot", _("Neither, and I cannot become pregnant")),
    DONT_KNOW,
]
CANCER = [
    ("never", _("Never")),
    ("active", _("Yes, it is active now or being treated")),
    ("past", _("Yes, in the past")),
    DONT_KNOW,
]
JOINT_INJECTION = [
    ("never", _("Never")),
    ("weeks", _("Yes: I can say how many weeks ago")),
    DONT_KNOW,
]
TRIAL_BEFORE = [
    ("never", _("Never")),
    ("months", _("Yes: I can say how many months ago it ended")),
    DONT_KNOW,
]
CONDITIONS = {
    "kidney": ("kidney failure", _("Kidney failure")),
    "lung": ("interstitial lung disease", _("Scarring of the lungs (interstitial lung disease)")),
    "heart": ("heart failure", _("Heart failure")),
    "liver": ("liver disease", _("Long-term liver disease")),
}


def _decimal(label: Any, low: str, high: str, places: int = 1, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(low),
        max_value=Decimal(high),
        max_digits=len(high.split(".", maxsplit=1)[0]) + places,
        decimal_places=places,
        help_text=help_text,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _choice(label: Any, choices: list[tuple[str, Any]], *, required: bool = False) -> forms.ChoiceField:
    widget = forms.RadioSelect if len(choices) <= 6 else forms.Select
    return forms.ChoiceField(label=label, choices=choices, required=required, widget=widget)


class StepForm(forms.Form):
    """A screen's form; ``answers()`` is what the session keeps (JSON-safe text)."""

    def answers(self) -> dict[str, str]:
        return {k: ("" if v is None else str(v)) for k, v in self.cleaned_data.items()}


class AgeForm(StepForm):
    age = forms.IntegerField(
        label=_("How old are you? (years)"),
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class SexForm(StepForm):
    sex = _choice(
        _("What is your sex?"),
        [("female", _("Female")), ("male", _("Male")), ("", _("I prefer not to say"))],
    )


class PregnancyForm(StepForm):
    pregnancy = _choice(_("Are you pregnant or breastfeeding?"), PREGNANCY)


class DurationForm(StepForm):
    years = _decimal(
        _("How many years ago did your rheumatoid arthritis start? (years)"),
        "0",
        "90",
        help_text=_(
            "Counting from the first symptoms or the diagnosis; 0.5 is six months. "
            "Leave blank if you don't know."
        ),
    )


def _medicine_form(name: str, items: Mapping[str, tuple[str, Any]]) -> type[StepForm]:
    fields = {
        key: forms.ChoiceField(label=label, choices=MEDICINE_USE, required=False, initial="never")
        for key, (_core, label) in items.items()
    }
    return type(name, (StepForm,), fields)


CsdmardForm = _medicine_form("CsdmardForm", CSDMARDS)
BiologicForm = _medicine_form("BiologicForm", BIOLOGICS)


class SteroidForm(StepForm):
    takes = _choice(
        _("Do you take steroid tablets every day?"), [("no", _("No")), ("yes", _("Yes")), DONT_KNOW]
    )
    drug = forms.ChoiceField(
        label=_("Which one?"), choices=[(k, label) for k, (_f, label) in STEROIDS.items()], required=False
    )
    dose = _decimal(_("How many mg a day?"), "0", "1000", places=2)
    injection = _choice(_("Have you had a steroid injection into a joint?"), JOINT_INJECTION)
    injection_weeks = _decimal(_("How many weeks ago was the last one?"), "0", "5200", places=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("takes") == "yes" and data.get("dose") is None:
            self.add_error("dose", _("Give the dose in mg a day, or answer “I don't know”."))
        if data.get("injection") == "weeks" and data.get("injection_weeks") is None:
            self.add_error("injection_weeks", _("Give the number of weeks, or answer “I don't know”."))
        return data


class InfectionForm(StepForm):
    hbv = _choice(_("Hepatitis B"), TRI)
    hcv = _choice(_("Hepatitis C"), TRI)
    hiv = _choice(_("HIV"), TRI)
    tb_active = _choice(_("Tuberculosis now (active)"), TRI)
    tb_latent = _choice(_("A tuberculosis test that was positive without illness (latent tuberculosis)"), TRI)


class CancerForm(StepForm):
    cancer = _choice(_("Have you ever had cancer?"), CANCER)
    years_ago = _decimal(_("How many years ago was it last active or treated?"), "0", "110")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cancer") == "past" and data.get("years_ago") is None:
            self.add_error("years_ago", _("Give the number of years, or answer “I don't know”."))
        return data


class ConditionsForm(StepForm):
    conditions = forms.MultipleChoiceField(
        label=_("Do you have any of these?"),
        choices=[(k, label) for k, (_core, label) in CONDITIONS.items()] + [("none", _("None of these"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_conditions(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["conditions"]
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError(_("Tick “None of these” alone, or tick the ones you have."))
        return chosen

    def answers(self) -> dict[str, str]:
        return {"conditions": ",".join(self.cleaned_data["conditions"])}


class BloodForm(StepForm):
    crp = _decimal(_("Your latest CRP"), "0", "500", places=2)
    crp_unit = forms.ChoiceField(
        label=_("unit"), choices=[("mg/L", _("mg/L")), ("mg/dL", _("mg/dL"))], required=False
    )
    crp_uln = _decimal(
        _("The upper limit of normal printed beside it (same unit)"),
        "0.01",
        "500",
        places=2,
        help_text=_("Optional: the top of the normal range on your report."),
    )
    esr = forms.IntegerField(label=_("Your latest ESR (mm/h)"), min_value=0, max_value=200, required=False)
    rf = _choice(_("Rheumatoid factor (RF) positive?"), TRI)
    acpa = _choice(_("Anti-CCP (ACPA) positive?"), TRI)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        crp, unit = data.get("crp"), data.get("crp_unit") or "mg/L"
        if crp is not None and unit == "mg/dL" and crp > Decimal("50"):
            self.add_error("crp", _("Above 50 mg/dL is not a plausible CRP: check the unit."))
        if data.get("crp_uln") is not None and crp is None:
            self.add_error("crp", _("Give the CRP too, or leave both blank."))
        return data


class FunctionForm(StepForm):
    """The MDHAQ function items; all ten or none (a partial answer is not scored)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in MDHAQ_ITEMS.items():
            self.fields[key] = forms.ChoiceField(
                label=label, choices=[DONT_KNOW, *MDHAQ_SCALE], required=False
            )


class PainForm(StepForm):
    pain = _decimal(
        _("How much pain have you had in the last week? (0 no pain, 10 as bad as it can be)"), "0", "10"
    )
    global_ = _decimal(
        _("Considering everything, how are you doing this week? (0 very well, 10 very poorly)"), "0", "10"
    )


class EarlierForm(StepForm):
    cell_therapy = _choice(_("Have you ever had a stem-cell or other cell treatment?"), TRI)
    trial = _choice(_("Have you taken part in a trial of a new medicine?"), TRIAL_BEFORE)
    trial_months = _decimal(_("How many months ago did it end?"), "0", "1200", places=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("trial") == "months" and data.get("trial_months") is None:
            self.add_error("trial_months", _("Give the number of months, or answer “I don't know”."))
        return data


@dataclass(frozen=True)
class Step:
    """One screen: its key in the answers, title, form and when it applies."""

    key: str
    title: Any
    form: type[StepForm]
    applies: Callable[[Mapping[str, Mapping[str, str]]], bool] = lambda answers: True


def _not_male(answers: Mapping[str, Mapping[str, str]]) -> bool:
    return answers.get("sex", {}).get("sex") != "male"


STEPS: tuple[Step, ...] = (
    Step("age", _("Your age"), AgeForm),
    Step("sex", _("Your sex"), SexForm),
    Step("pregnancy", _("Pregnancy"), PregnancyForm, _not_male),
    Step("duration", _("Your arthritis"), DurationForm),
    Step("csdmards", _("Usual arthritis medicines"), CsdmardForm),
    Step("biologics", _("Injections, infusions and newer tablets"), BiologicForm),
    Step("steroids", _("Steroids"), SteroidForm),
    Step("infections", _("Infections you have or had"), InfectionForm),
    Step("cancer", _("Cancer"), CancerForm),
    Step("conditions", _("Other serious illnesses"), ConditionsForm),
    Step("blood", _("Recent blood tests, if you know them"), BloodForm),
    Step("function", _("Everyday tasks in the last week"), FunctionForm),
    Step("pain", _("Pain and how you are doing"), PainForm),
    Step("earlier", _("Earlier treatments and studies"), EarlierForm),
)
MAX_STEPS = 15
assert len(STEPS) <= MAX_STEPS

STEP_KEYS = {step.key for step in STEPS}


def applicable(answers: Mapping[str, Mapping[str, str]]) -> list[Step]:
    """The screens this person sees, given what they answered so far."""
    return [step for step in STEPS if step.applies(answers)]
