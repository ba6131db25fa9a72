"""Forms of the clinic pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
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
from synovia.core.joints import JOINTS_66, JOINTS_68
from synovia.core.labs import LAB_TESTS
from synovia.core.measures.haq_di import HAQ_CATEGORIES

DATE = forms.DateInput(attrs={"type": "date"})
PRESENCE = [("", "---"), ("absent", _("Absent")), ("present", _("Present"))]


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Move to"), choices=PathwayState.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label=_("Date"), widget=DATE)
    large_joints = forms.IntegerField(
        label=_("Large joints involved"), min_value=0, max_value=10, required=False
    )
    small_joints = forms.IntegerField(
        label=_("Small joints involved"), min_value=0, max_value=36, required=False
    )
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
    duration_weeks = forms.FloatField(label=_("Symptom duration (weeks)"), min_value=0, required=False)
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


class VisitForm(forms.Form):
    visit_date = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    tender_joints = forms.MultipleChoiceField(
        label=_("Tender joints (68)"),
        choices=[(j, joint_label_lazy(j)) for j in JOINTS_68],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    swollen_joints = forms.MultipleChoiceField(
        label=_("Swollen joints (66)"),
        choices=[(j, joint_label_lazy(j)) for j in JOINTS_66],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    esr_mm_h = forms.FloatField(label=_("ESR (mm/h)"), min_value=0, required=False)
    crp = forms.FloatField(label=_("CRP"), min_value=0, required=False)
    crp_unit = forms.ChoiceField(label=_("CRP unit"), choices=[("mg/L", "mg/L"), ("mg/dL", "mg/dL")])
    ptga_cm = forms.FloatField(label=_("Patient global (0-10)"), min_value=0, max_value=10, required=False)
    ega_cm = forms.FloatField(label=_("Evaluator global (0-10)"), min_value=0, max_value=10, required=False)
    pain_cm = forms.FloatField(label=_("Pain (0-10)"), min_value=0, max_value=10, required=False)
    function_cm = forms.FloatField(
        label=_("Function (0-10, RAPID3)"), min_value=0, max_value=10, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in HAQ_CATEGORIES:
            self.fields[f"haq_{name}"] = forms.ChoiceField(
                label=_("HAQ: %s (highest item)") % name, choices=HAQ_SCORE, required=False
            )

    def haq_scores(self) -> dict[str, int | None]:
        return {
            n: (int(v) if (v := self.cleaned_data.get(f"haq_{n}")) not in (None, "") else None)
            for n in HAQ_CATEGORIES
        }


class LabForm(forms.Form):
    test = forms.ChoiceField(label=_("Test"), choices=[(k, t.name) for k, t in LAB_TESTS.items()])
    value = forms.FloatField(label=_("Value"))
    unit = forms.CharField(label=_("Unit"), max_length=16)
    collected_on = forms.DateField(label=_("Collected on"), widget=DATE)
    ref_low = forms.FloatField(label=_("Reference low (same unit)"), required=False)
    ref_high = forms.FloatField(label=_("Reference high (same unit)"), required=False)


class AdverseEventForm(forms.Form):
    term = forms.CharField(label=_("Term (CTCAE v5)"), max_length=120)
    grade = forms.TypedChoiceField(label=_("Grade"), coerce=int, choices=[(g, str(g)) for g in range(1, 6)])
    serious = forms.BooleanField(label=_("Serious"), required=False)
    serious_criteria = forms.MultipleChoiceField(
        label=_("Seriousness criteria"),
        choices=SeriousCriterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    relatedness = forms.ChoiceField(label=_("Relatedness"), choices=Relatedness.choices)
    onset = forms.DateField(label=_("Onset"), widget=DATE)
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AEOutcome.choices)
    action_taken = forms.ChoiceField(label=_("Action taken"), choices=AEAction.choices)


class PatientForm(forms.Form):
    record_number = forms.CharField(label=_("Record number"), max_length=40)
    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    weight_kg = forms.DecimalField(label=_("Weight (kg)"), min_value=20, max_value=300, decimal_places=1)
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE)
    diagnosis_date = forms.DateField(label=_("RA diagnosis date"), widget=DATE, required=False)
    rf_status = forms.ChoiceField(label=_("Rheumatoid factor"), choices=Serostatus.choices)
    acpa_status = forms.ChoiceField(label=_("ACPA"), choices=Serostatus.choices)


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
    dose_cells_per_kg = forms.FloatField(label=_("Dose (cells/kg)"), min_value=1)
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices)
    joint = forms.ChoiceField(
        label=_("Joint (intra-articular)"),
        required=False,
        choices=[("", "---"), *((j, joint_label_lazy(j)) for j in JOINTS_68)],
    )
    planned_infusions = forms.IntegerField(label=_("Planned infusions"), min_value=1, max_value=12)
    interval_weeks = forms.IntegerField(label=_("Interval (weeks)"), min_value=1, max_value=52)


class InfusionForm(forms.Form):
    program = forms.TypedChoiceField(label=_("Program"), coerce=int)
    given_on = forms.DateField(label=_("Date"), widget=DATE)
    lot = forms.CharField(label=_("Product lot"), max_length=40)
    dose_cells = forms.FloatField(label=_("Cells given"), min_value=1)
    harvest_site = forms.ChoiceField(
        label=_("Harvest site (autologous)"), choices=HarvestSite.choices, required=False
    )
    immediate_reaction = forms.CharField(label=_("Immediate reaction"), max_length=200, required=False)

    def __init__(self, *args: object, programs: list[tuple[int, str]] = (), **kwargs: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["program"].choices = programs  # type: ignore[attr-defined]


class ImagingForm(forms.Form):
    taken_on = forms.DateField(label=_("Date"), widget=DATE)
    steinbrocker_stage = forms.TypedChoiceField(
        label=_("Steinbrocker stage"), coerce=int, choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
    )
    erosions = forms.BooleanField(label=_("Erosions"), required=False)
    sharp_vdh = forms.IntegerField(
        label=_("Modified Sharp/van der Heijde score"), min_value=0, max_value=448, required=False
    )
