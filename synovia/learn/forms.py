"""The offer-check form: pasted text and/or a few answers; every field bounded."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from synovia.core.offercheck import MAX_CHARS
from synovia.core.offercheck.answers import Answers

MAX_TEXT = 20_000
assert MAX_TEXT <= MAX_CHARS

YES_NO = [("", _("I don't know")), ("yes", _("Yes")), ("no", _("No"))]
CELLS = [
    ("", _("I don't know")),
    ("own_fat", _("My own fat")),
    ("own_marrow", _("My own bone marrow")),
    ("own_blood", _("My own blood")),
    ("cord", _("Umbilical cord or cord blood (a donor's)")),
    ("placenta", _("Placenta or amniotic tissue (a donor's)")),
    ("exosomes", _("Exosomes or 'cell products' without cells")),
    ("other", _("Something else")),
]
ROUTES = [
    ("", _("I don't know")),
    ("vein", _("Into a vein (a drip)")),
    ("joint", _("Into the joints")),
    ("spine", _("Into the spine")),
    ("eye", _("Into the eye")),
    ("other", _("Another way")),
]
SYSTEMS = [
    ("joints", _("Joints, muscles or back")),
    ("nerves", _("Brain and nerves (for example Parkinson's, MS, autism, stroke)")),
    ("heart and lungs", _("Heart or lungs")),
    ("metabolism, kidney and liver", _("Diabetes, kidneys or liver")),
    ("gut and skin", _("Gut or skin")),
    ("eyes", _("Eyes")),
    ("aesthetics and ageing", _("Ageing, looks, hair or sexual health")),
]
COUNTRIES = [
    ("", _("I don't know")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("MX", _("Mexico")),
    ("PA", _("Panama")),
    ("CR", _("Costa Rica")),
    ("DO", _("Dominican Republic")),
    ("BS", _("Bahamas")),
    ("CO", _("Colombia")),
    ("PE", _("Peru")),
    ("CL", _("Chile")),
    ("AR", _("Argentina")),
    ("ES", _("Spain")),
    ("GB", _("United Kingdom")),
    ("DE", _("Germany")),
    ("AU", _("Australia")),
    ("XX", _("Another country")),
]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class OfferCheckForm(forms.Form):
    text = forms.CharField(
        label=_("The offer's text"),
        help_text=_("Paste the advert, e-mail, message or web page (up to 20,000 characters)."),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_TEXT, "spellcheck": "false"}),
    )
    registry_given = forms.ChoiceField(
        label=_("Did they give a trial registry number?"), choices=YES_NO, required=False
    )
    registry_id = forms.CharField(
        label=_("The number, if they gave one"),
        required=False,
        max_length=40,
        help_text=_("For example NCT01851070"),
    )
    price = forms.ChoiceField(label=_("Do they ask you to pay?"), choices=YES_NO, required=False)
    cells = forms.ChoiceField(label=_("What cells do they use?"), choices=CELLS, required=False)
    route = forms.ChoiceField(label=_("How are the cells given?"), choices=ROUTES, required=False)
    systems = forms.MultipleChoiceField(
        label=_("Which diseases does the clinic say it treats?"),
        choices=SYSTEMS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clinic_country = forms.ChoiceField(
        label=_("In which country is the clinic?"), choices=COUNTRIES, required=False
    )
    home_country = forms.ChoiceField(
        label=_("In which country do you live?"), choices=COUNTRIES, required=False
    )

    ANSWER_FIELDS = (
        "registry_given",
        "registry_id",
        "price",
        "cells",
        "route",
        "systems",
        "clinic_country",
        "home_country",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not any(data.get(f) for f in self.ANSWER_FIELDS):
            raise forms.ValidationError(_("Paste the offer's text or answer at least one question."))
        return data

    def answers(self) -> Answers:
        data = self.cleaned_data
        clinic, home = data.get("clinic_country", ""), data.get("home_country", "")
        if clinic == home == "XX":  # two "other" countries may or may not be the same one
            clinic = home = ""
        return Answers(
            registry_id=data.get("registry_id", ""),
            registry_id_given=_yes_no(data.get("registry_given", "")),
            price=_yes_no(data.get("price", "")),
            systems=frozenset(data.get("systems") or ()),
            clinic_country=clinic,
            home_country=home,
        )
