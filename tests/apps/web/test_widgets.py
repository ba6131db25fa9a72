"""``Checkboxes`` writes exactly the markup Django's ``CheckboxSelectMultiple`` templates write."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from synovia.clinic.forms import VisitForm
from synovia.web.widgets import Checkboxes

CHOICES = [
    ("a", "Alpha"),
    ("b&c", 'B <b>"quoted"</b> & co'),
    (3, gettext_lazy("Date")),
    ("", "empty value"),
]
GROUPED = [("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Zed"), ("Group 2", [(4, "four")])]


def _both(choices, name: str, value, attrs) -> tuple[str, str]:
    ours = Checkboxes(choices=choices, attrs=attrs).render(name, value, attrs={"id": "id_f"} | (attrs or {}))
    django = forms.CheckboxSelectMultiple(choices=choices, attrs=attrs).render(
        name, value, attrs={"id": "id_f"} | (attrs or {})
    )
    return ours, django


@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []], ids=["flat", "grouped", "none"])
@pytest.mark.parametrize("value", [None, [], ["a"], ["b&c", "3", "x", "4"], ["nothing"]])
@pytest.mark.parametrize(
    "attrs",
    [None, {"class": "boxes"}, {"data-x": 'q"<', "disabled": True, "required": False, "data-n": 5}],
    ids=["plain", "class", "odd"],
)
def test_the_same_markup_as_django(choices, value, attrs) -> None:
    ours, django = _both(choices, "f", value, attrs)
    assert ours == django


def test_without_an_id() -> None:
    ours = Checkboxes(choices=CHOICES).render("f", ["a"])
    assert ours == forms.CheckboxSelectMultiple(choices=CHOICES).render("f", ["a"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_visit_form_joints_as_django_writes_them(language) -> None:
    form = VisitForm(initial={"tender_joints": ["R_WRIST", "L_MTP1"], "swollen_joints": ["R_KNEE"]})
    with translation.override(language):
        for name in ("tender_joints", "swollen_joints"):
            field = form[name]
            assert isinstance(field.field.widget, Checkboxes)
            ours = field.as_widget()
            django = field.as_widget(widget=forms.CheckboxSelectMultiple(choices=field.field.choices))
            assert ours == django
            assert ours.count(f'name="{name}"') == len(field.field.choices)
