"""The form renderer writes the markup Django's templates write, for forms of every kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from synovia.clinic.forms import VisitForm
from synovia.trials.forms import FactsForm
from synovia.web.renderer import WRITTEN, Renderer


class Everything(forms.Form):
    text = forms.CharField(label="Name <b>", help_text="Help & <i>more</i>", max_length=20)
    optional = forms.CharField(required=False, label="Ends in punctuation?")
    number = forms.FloatField(min_value=0, max_value=10, initial=2.5, localize=True)
    integer = forms.IntegerField(label="")
    email = forms.EmailField(required=False)
    when = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), initial=dt.date(2026, 1, 2)
    )
    flag = forms.BooleanField(required=False, initial=True)
    hidden = forms.CharField(widget=forms.HiddenInput, initial='x"y')
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    choice = forms.ChoiceField(choices=[("", "---"), ("a", "A & a"), (1, 1.5)], initial="a")
    grouped = forms.ChoiceField(choices=[("G <1>", [("x", "X"), ("y", "Y")]), ("z", "Zed")], required=False)
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "data-x": True, "data-n": False}), required=False
    )
    attrs = forms.CharField(
        widget=forms.TextInput(
            attrs={"class": "c", "placeholder": "<p>", "autofocus": True, "disabled": False}
        )
    )


def _forms():
    yield "everything, unbound", Everything
    wrong = {"text": "x" * 30, "number": "11", "when": "no", "choice": "q", "many": ["a", "zz"], "radio": "b"}
    yield "everything, bound with errors", lambda: Everything(wrong)
    yield "everything, prefixed, no id", lambda: Everything(prefix="p", auto_id=False)
    yield "everything, label suffix", lambda: Everything(label_suffix=" :", auto_id="f_%s")
    yield "visit form", lambda: VisitForm(initial={"visit_date": dt.date(2026, 12, 1), "kind": "baseline"})
    yield (
        "visit form, errors",
        lambda: VisitForm({"kind": "nothing", "esr_mm_h": "-1", "tender_joints": ["R_WRIST"]}),
    )
    yield "trial facts form", FactsForm
    yield "trial facts form, errors", lambda: FactsForm({"age": "abc", "das28": "99"})


FORMS = list(_forms())


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("name", "make"), FORMS, ids=[f[0] for f in FORMS])
def test_the_same_markup_as_django(name, make, language) -> None:
    with translation.override(language):
        ours, django = make(), make()
        ours.renderer, django.renderer = Renderer(), DjangoTemplates()
        assert ours.renderer.written() == WRITTEN  # nothing overridden in this project
        for field in ours:
            theirs = django[field.name]
            assert field.as_field_group() == theirs.as_field_group(), field.name
            assert str(field) == str(theirs), field.name
            assert field.label_tag() == theirs.label_tag(), field.name
            assert str(field.errors) == str(theirs.errors), field.name
        assert ours.as_div() == django.as_div()
        assert str(ours.non_field_errors()) == str(django.non_field_errors())


def test_an_overridden_template_is_left_to_django(settings, tmp_path) -> None:
    override = tmp_path / "django" / "forms" / "widgets"
    override.mkdir(parents=True)
    (override / "text.html").write_text("<b>mine</b>")
    renderer = Renderer()
    renderer.engine.engine.dirs = [tmp_path, *renderer.engine.engine.dirs]
    renderer.engine.engine.template_loaders[0].reset()
    written = renderer.written()
    assert "django/forms/widgets/text.html" not in written and "django/forms/widgets/number.html" in written
    form = Everything()
    form.renderer = renderer
    assert str(form["text"]) == "<b>mine</b>"
