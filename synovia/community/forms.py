"""Forms of the community: every field bounded where it enters."""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from synovia.community import pictures, rules
from synovia.community.models import CellSource, Felt, Kind, Report, Topic
from synovia.community.services import MAX_SUSPENSION_DAYS, ExperienceInput

CURRENCIES = [
    "USD",
    "EUR",
    "GBP",
    "MXN",
    "CAD",
    "AUD",
    "CHF",
    "CNY",
    "INR",
    "JPY",
    "BRL",
    "ARS",
    "COP",
    "CLP",
    "PEN",
    "CRC",
    "PAB",
    "TRY",
    "THB",
    "UAH",
    "RUB",
    "KZT",
    "AED",
]
FELT_CHOICES = [("", _("Not yet / prefer not to say")), *[(str(v), label) for v, label in Felt.choices]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def read_upload(upload: UploadedFile | None) -> bytes | None:
    """The uploaded bytes, read no further than the size limit (the service refuses beyond it)."""
    if upload is None:
        return None
    limit = pictures.max_bytes()
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(
            _("This picture is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        )
    return upload.read(limit + 1)


class PostForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    kind = forms.ChoiceField(
        label=_("This is"),
        choices=[(Kind.POST, _("A post")), (Kind.QUESTION, _("A question"))],
        initial=Kind.POST,
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    picture = forms.FileField(
        label=_("Picture (JPEG, PNG or WebP)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    share_chart = forms.BooleanField(
        label=_("Attach a chart of my DAS28 from my record (scores and months only: no dates, no names)"),
        required=False,
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def clean_picture(self) -> bytes | None:
        return read_upload(self.cleaned_data.get("picture"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("share_chart") and data.get("picture"):
            raise forms.ValidationError(_("Attach either your own picture or your chart, not both."))
        empty = (
            not (data.get("body") or "").strip() and not data.get("picture") and not data.get("share_chart")
        )
        if empty and not self.errors:
            raise forms.ValidationError(_("A post needs text, a picture, or both."))
        return data


class ExperienceForm(forms.Form):
    country = forms.CharField(
        label=_("Country where you were treated (two-letter code, e.g. MX, ES, US)"),
        max_length=2,
        min_length=2,
    )
    cell_source = forms.ChoiceField(label=_("Cell source, if you know it"), choices=CellSource.choices)
    cost = forms.DecimalField(
        label=_("Cost (optional)"), required=False, min_value=Decimal(0), max_value=Decimal(10_000_000),
        max_digits=10, decimal_places=2,
    )  # fmt: skip
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *[(c, c) for c in CURRENCIES]]
    )
    trial_id = forms.CharField(
        label=_("Registered trial number, if it was a trial (e.g. NCT01234567)"),
        max_length=40,
        required=False,
    )
    felt_1m = forms.ChoiceField(label=_("How you felt after 1 month"), choices=FELT_CHOICES, required=False)
    felt_6m = forms.ChoiceField(label=_("How you felt after 6 months"), choices=FELT_CHOICES, required=False)
    felt_12m = forms.ChoiceField(
        label=_("How you felt after 12 months"), choices=FELT_CHOICES, required=False
    )

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise forms.ValidationError(_("Use the two-letter country code, for example MX."))
        return country

    def clean_trial_id(self) -> str:
        value = self.cleaned_data["trial_id"].strip()
        if value and not rules.registry_ids(value):
            raise forms.ValidationError(
                _(
                    "This does not look like a trial registry number "
                    "(for example NCT01234567 or ISRCTN12345678)."
                )
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cost") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the cost."))
        return data

    def experience(self) -> ExperienceInput:
        data = self.cleaned_data

        def felt(key: str) -> int | None:
            return int(data[key]) if data.get(key) else None

        return ExperienceInput(
            country=data["country"],
            cell_source=data["cell_source"],
            cost=data.get("cost"),
            currency=data.get("currency") or "",
            trial_id=data.get("trial_id") or "",
            felt_1m=felt("felt_1m"),
            felt_6m=felt("felt_6m"),
            felt_12m=felt("felt_12m"),
        )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this?"), choices=Report.Reason.choices)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"), max_length=500, required=False
    )


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=40, min_length=3)
    avatar = forms.FileField(
        label=_("Avatar (JPEG, PNG or WebP, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    email_notifications = forms.BooleanField(label=_("E-mail me when there is something new"), required=False)

    def clean_avatar(self) -> bytes | None:
        return read_upload(self.cleaned_data.get("avatar"))


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("hide", _("Hide")), ("restore", _("Restore")), ("dismiss", _("Dismiss reports"))]
    )
    reason = forms.CharField(label=_("Reason (the member sees it)"), max_length=500)


class MemberActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("warn", _("Warn")), ("suspend", _("Suspend"))])
    reason = forms.CharField(label=_("Reason (the member sees it)"), max_length=500)
    days = forms.IntegerField(
        label=_("Days (for a suspension)"), min_value=1, max_value=MAX_SUSPENSION_DAYS, required=False
    )
