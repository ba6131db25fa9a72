"""Forms of the referral: the person's sending (explicit consent), the clinic's proposal or
closing, the person's answer. Every field bounded; the send form carries a one-time token so
that a double submit creates one referral."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from synovia.selfcheck.models import ReferralSite


class SendForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Which clinic or trial site?"),
        queryset=ReferralSite.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        min_value=Decimal("20"),
        max_value=Decimal("400"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    email_updates = forms.BooleanField(
        label=_(
            "E-mail me when the site answers. The e-mail only says that there is a new message here; "
            "it never carries my answers, my name or the site's message."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Synovia sends my answers, my name, date of birth, weight and contact details to "
            "the site I chose, so that it can contact me about an evaluation. I can ask the site to delete "
            "them at any time."
        ),
        required=True,
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)

    def __init__(self, *args: Any, sites: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["site"])  # type: ignore[type-arg]
        field.queryset = sites if sites is not None else ReferralSite.objects.none()
        field.label_from_instance = _site_label  # type: ignore[method-assign,assignment]
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))

    def clean_birth_date(self) -> dt.date:
        born: dt.date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today or born.year < today.year - 120:
            raise forms.ValidationError(_("Give your real date of birth."))
        return born

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not all(ch.isdigit() or ch in "+-() ." for ch in phone):
            raise forms.ValidationError(_("A phone number has digits, spaces and + - ( ) only."))
        return phone


def _site_label(site: ReferralSite) -> str:
    place = ", ".join(p for p in (site.clinic.city, site.clinic.country) if p)
    return " · ".join(p for p in (site.clinic.name, place, site.about) if p)


class ProposeForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time of the evaluation"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Where"), max_length=200)
    note = forms.CharField(
        label=_("What to bring, or a note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why (the person reads this)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RespondForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = forms.CharField(label=_("A note for the clinic (optional)"), max_length=500, required=False)
