"""Curators review the parser's rules here: build or edit a criterion's rule, preview it in
plain English and Spanish, test it against a patient's facts, and approve it.

The rule builder adds one condition (a fact from the list, with its unit, an operator and a
value) to the rule in force, or replaces it; the raw JSON stays editable for the other nodes.
Every change is recorded in the admin's change history (who, when, what).
"""

from __future__ import annotations

import json
import math
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from synovia.core.eligibility.evaluate import evaluate
from synovia.core.eligibility.facts import FACTS, FactsError, PatientFacts
from synovia.core.eligibility.rules import Rule, RuleError, rule_from_dict
from synovia.trials import plain
from synovia.trials.models import Criterion, Offer, Trial, TrialIntervention
from synovia.trials.services import criterion_approve, criterion_reset

BUILDER_KINDS = ("number", "since", "boolean", "sex")
NUMBER_OPS = ("<", "<=", ">", ">=", "==")


def fact_choices() -> list[tuple[str, str]]:
    """The facts a condition can be built on, with their units and meanings."""
    return [("", "---------")] + [
        (f.name, f"{f.name} [{f.unit}] {f.meaning}" if f.unit else f"{f.name}: {f.meaning}")
        for f in FACTS.values()
        if f.kind in BUILDER_KINDS
    ]


OP_CHOICES = [
    ("", "---------"),
    ("<", "<"),
    ("<=", "≤"),
    (">", ">"),
    (">=", "≥"),
    ("==", "="),
    ("yes", _("is yes (true)")),
    ("no", _("is no (false)")),
]
COMBINE_CHOICES = [
    ("replace", _("Replace the rule in force by this condition")),
    ("all_of", _("All of: the rule in force and this condition")),
    ("any_of", _("Any of: the rule in force or this condition")),
]


def built_condition(fact: str, op: str, raw: str) -> dict[str, Any]:
    """One condition as rule JSON; ValidationError naming what is wrong."""
    spec = FACTS[fact]
    if spec.kind == "boolean":
        if op not in ("yes", "no"):
            raise forms.ValidationError(_("A yes/no fact takes “is yes” or “is no”."))
        flag = {"type": "flag", "fact": fact}
        return flag if op == "yes" else {"type": "not", "rule": flag}
    if spec.kind == "sex":
        if op != "==" or raw.strip() not in ("female", "male"):
            raise forms.ValidationError(_("Sex takes “=” and the value female or male."))
        return {"type": "equals", "fact": fact, "value": raw.strip()}
    if op not in NUMBER_OPS:
        raise forms.ValidationError(_("A number takes one of < ≤ > ≥ =."))
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise forms.ValidationError(_("The value must be a number.")) from None
    if not math.isfinite(value) or not spec.low <= value <= spec.high:
        raise forms.ValidationError(
            _("%(value)s is outside the plausible range of %(fact)s.") % {"value": raw, "fact": fact}
        )
    return {"type": "compare", "fact": fact, "op": op, "value": value, "unit": spec.unit}


def combined(rule: dict[str, Any], condition: dict[str, Any], how: str) -> dict[str, Any]:
    if how == "replace" or rule.get("type") == "review":
        return condition
    return {"type": how, "rules": [rule, condition]}


def preview(rule: Rule, kind: str) -> SafeString:
    """The rule in plain words, in English and in Spanish."""
    lines = []
    for code, label in (("en", "English"), ("es", "Español")):
        with translation.override(code):
            lines.append(format_html("<p><strong>{}</strong>: {}</p>", label, plain.requirement(rule, kind)))
    return format_html("{}{}", *lines)


class CriterionForm(forms.ModelForm[Criterion]):
    builder_fact = forms.ChoiceField(label=_("Build a condition: fact"), required=False, choices=fact_choices)
    builder_op = forms.ChoiceField(label=_("operator"), required=False, choices=OP_CHOICES)
    builder_value = forms.CharField(label=_("value"), required=False, max_length=40)
    builder_combine = forms.ChoiceField(
        label=_("with the rule in force"), required=False, choices=COMBINE_CHOICES, initial="replace"
    )
    test_facts = forms.CharField(
        label=_("Test against a patient (facts JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('For example {"crp_mg_l": 12, "age_years": 54}. Not stored.'),
    )

    class Meta:
        model = Criterion
        fields = ["rule", "approved"]

    def clean_rule(self) -> Any:
        rule = self.cleaned_data["rule"]
        try:
            rule_from_dict(rule)
        except RuleError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return rule

    def clean_test_facts(self) -> PatientFacts | None:
        raw = self.cleaned_data["test_facts"].strip()
        if not raw:
            return None
        try:
            return PatientFacts.from_dict(json.loads(raw))
        except (ValueError, FactsError, TypeError, AttributeError) as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fact = data.get("builder_fact")
        if not fact or "rule" not in data:
            return data
        try:
            condition = built_condition(fact, data.get("builder_op", ""), data.get("builder_value", ""))
            rule = combined(data["rule"], condition, data.get("builder_combine") or "replace")
            rule_from_dict(rule)
        except forms.ValidationError as exc:
            self.add_error("builder_op", exc)
            return data
        except RuleError as exc:
            self.add_error("builder_fact", str(exc))
            return data
        data["rule"] = rule
        self.instance.rule = rule
        return data


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin[Criterion]):
    form = CriterionForm
    list_display = (
        "trial",
        "position",
        "kind",
        "short_text",
        "rule_type",
        "approved",
        "changed_since_approval",
    )
    list_filter = ("approved", "changed_since_approval", "kind", "trial")
    search_fields = ("text", "trial__registry_id")
    readonly_fields = (
        "trial",
        "position",
        "kind",
        "text",
        "parsed_rule_pretty",
        "rule_preview",
        "approved_by",
        "approved_at",
    )
    changed_fields = ("changed_since_approval", "approved_text", "approved_rule_preview")
    """Shown on the change page of a criterion changed since approval, beside its new text."""
    fields = (
        *readonly_fields,
        "rule",
        "builder_fact",
        "builder_op",
        "builder_value",
        "builder_combine",
        "test_facts",
        "approved",
    )
    actions = ["approve_selected", "reset_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj: Criterion | None = None) -> tuple[str, ...]:
        return (*self.readonly_fields, *self.changed_fields)

    def get_fields(self, request: HttpRequest, obj: Criterion | None = None) -> list[str]:
        fields = list(self.fields)
        if obj is not None and obj.changed_since_approval:
            at = fields.index("text") + 1
            fields[at:at] = self.changed_fields
        return fields

    @admin.display(description=_("rule approved before, in plain words"))
    def approved_rule_preview(self, obj: Criterion) -> SafeString:
        if not obj.approved_rule:
            return format_html("{}", "—")
        try:
            words = preview(rule_from_dict(obj.approved_rule), obj.kind)
        except RuleError as exc:
            words = format_html("{}", str(exc))
        rule = json.dumps(obj.approved_rule, indent=2, ensure_ascii=False)
        return format_html("{}<pre>{}</pre>", words, rule)

    @admin.display(description=_("text"))
    def short_text(self, obj: Criterion) -> str:
        return obj.text[:90]

    @admin.display(description=_("rule"))
    def rule_type(self, obj: Criterion) -> str:
        return str(obj.rule.get("type", ""))

    @admin.display(description=_("rule proposed by the parser"))
    def parsed_rule_pretty(self, obj: Criterion) -> str:
        return json.dumps(obj.parsed_rule, indent=2, ensure_ascii=False)

    @admin.display(description=_("rule in force, in plain words"))
    def rule_preview(self, obj: Criterion) -> SafeString:
        try:
            return preview(rule_from_dict(obj.rule), obj.kind)
        except RuleError as exc:
            return format_html("{}", str(exc))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Criterion, form: forms.Form, change: bool) -> None:
        rule = form.cleaned_data["rule"]
        facts = form.cleaned_data.get("test_facts")
        if facts is not None:
            outcome = evaluate(rule_from_dict(rule), facts)
            self.message_user(
                request,
                _("Against the test patient: %(status)s (%(reason)s)")
                % {"status": outcome.status.value, "reason": outcome.reason},
                messages.INFO,
            )
        if form.cleaned_data["approved"]:
            criterion_approve(criterion=obj, rule=rule, user=request.user)
        else:  # only an approved rule replaces the parser's: a test run changes nothing
            criterion_reset(criterion=obj)

    @admin.action(description=_("Approve the rules in force of the selected criteria"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Criterion]) -> None:
        for criterion in queryset:
            criterion_approve(criterion=criterion, rule=criterion.rule, user=request.user)
        self.message_user(request, _("Approved %d criteria.") % queryset.count(), messages.SUCCESS)

    @admin.action(description=_("Withdraw approval (back to the parser's rule)"))
    def reset_selected(self, request: HttpRequest, queryset: QuerySet[Criterion]) -> None:
        for criterion in queryset:
            criterion_reset(criterion=criterion)


class InterventionInline(admin.TabularInline[TrialIntervention, Trial]):
    model = TrialIntervention
    extra = 0
    can_delete = False
    readonly_fields = ("type", "cell_source", "origin", "dose", "schedule", "route", "description")
    exclude = ("position",)


class CriterionInline(admin.TabularInline[Criterion, Trial]):
    model = Criterion
    extra = 0
    can_delete = False
    fields = ("position", "kind", "text", "approved", "changed_since_approval")
    readonly_fields = fields
    show_change_link = True


@admin.register(Trial)
class TrialAdmin(admin.ModelAdmin[Trial]):
    list_display = ("registry_id", "title", "status", "criteria_complete", "regulatory_kind")
    list_filter = ("status", "criteria_complete", "regulatory_kind")
    search_fields = ("registry_id", "title", "sponsor")
    readonly_fields = ("imported_at", "updated_at", "raw")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [InterventionInline, CriterionInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin[Offer]):
    list_display = ("name", "provider", "country", "kind")
    list_filter = ("kind", "country")
    search_fields = ("name", "provider")
