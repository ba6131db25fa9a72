"""Forms of the patient's pages: every field bounded where it enters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from synovia.myrecord.models import MAX_MESSAGE, MAX_STIFFNESS_MIN, MAX_TEXT


def _scale(label: Any, help_text: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal(0),
        max_value=Decimal(10),
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "10", "inputmode": "decimal"}),
    )


class ReportForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    function_cm = _scale(
        _("How hard were daily tasks this week? (0 = no difficulty, 10 = could not do them)"),
        _("Dressing, walking, getting out of bed, lifting a cup."),
    )
    pain_cm = _scale(_("How much pain did you have this week? (0 = none, 10 = as bad as it can be)"), "")
    ptga_cm = _scale(
        _("Considering everything, how are you doing this week? (0 = very well, 10 = very poorly)"), ""
    )
    morning_stiffness_min = forms.IntegerField(
        label=_("How long did morning stiffness last? (minutes)"),
        min_value=0,
        max_value=MAX_STIFFNESS_MIN,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": str(MAX_STIFFNESS_MIN)}),
    )
    side_effects = forms.CharField(
        label=_("Side effects or anything new (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(MAX_TEXT)}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": str(MAX_MESSAGE)}),
    )


class ThreadForm(MessageForm):
    subject = forms.CharField(label=_("Subject"), max_length=120)
    field_order = ["subject", "body"]


class LinkForm(forms.Form):
    code = forms.CharField(label=_("Code shown by the patient"), max_length=40)
