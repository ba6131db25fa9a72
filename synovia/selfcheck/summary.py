"""The answers as a reader sees them: each question with the answer in words (for the person's
result, the referral they send and the clinic that receives it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from synovia.selfcheck.questions import STEPS, applicable


@dataclass(frozen=True)
class Line:
    question: str
    answer: str


def _shown(field: forms.Field, value: str) -> str:
    if value == "":
        if isinstance(field, forms.MultipleChoiceField):
            return _("none ticked")
        choices: Any = getattr(field, "choices", [])
        known = isinstance(field, forms.ChoiceField) and "" in {str(k) for k, _v in choices}
        return _("I don't know") if known else ""
    if isinstance(field, forms.ChoiceField):
        options: Any = field.choices
        labels = {str(k): str(v) for k, v in options}
        return (
            ", ".join(labels.get(part, "") for part in value.split(","))
            if isinstance(field, forms.MultipleChoiceField)
            else labels.get(value, "")
        )
    try:
        return str(number_format(Decimal(value)))
    except InvalidOperation:
        return ""


def lines(answers: Mapping[str, Mapping[str, str]]) -> list[tuple[str, list[Line]]]:
    """Per screen answered: its title and each question with the answer in words."""
    out = []
    for step in applicable(answers):
        given = answers.get(step.key)
        if given is None:
            continue
        form = step.form()
        rows = [
            Line(str(form.fields[name].label), _shown(form.fields[name], str(given.get(name, ""))))
            for name in form.fields
        ]
        out.append((str(step.title), [r for r in rows if r.answer]))
    return out


def complete(answers: Mapping[str, Mapping[str, str]]) -> bool:
    """Whether every screen this person sees has been answered."""
    return all(step.key in answers for step in applicable(answers)) and bool(STEPS)
