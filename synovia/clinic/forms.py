"""Forms of the clinic pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from synovia.clinic.models.choices import (
    AEAction,
    AEOutcome,
    Contraindication,
    PathwayState,
    Relatedness,
    SeriousCriterion,
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
        choices=[(j, j) for j in JOINTS_68],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    swollen_joints = forms.MultipleChoiceField(
        label=_("Swollen joints (66)"),
        choices=[(j, j) for j in JOINTS_66],
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
