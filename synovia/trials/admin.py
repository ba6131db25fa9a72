"""Curators review the parser's rules here: edit the JSON rule of a criterion and approve it."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from synovia.core.eligibility.rules import RuleError, rule_from_dict
from synovia.trials.models import Criterion, Offer, Trial, TrialIntervention
from synovia.trials.services import criterion_approve, criterion_reset


class CriterionForm(forms.ModelForm[Criterion]):
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


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin[Criterion]):
    form = CriterionForm
    list_display = ("trial", "position", "kind", "short_text", "rule_type", "approved")
    list_filter = ("approved", "kind", "trial")
    search_fields = ("text", "trial__registry_id")
    readonly_fields = (
        "trial",
        "position",
        "kind",
        "text",
        "parsed_rule_pretty",
        "approved_by",
        "approved_at",
    )
    fields = (*readonly_fields, "rule", "approved")
    actions = ["approve_selected", "reset_selected"]

    @admin.display(description=_("text"))
    def short_text(self, obj: Criterion) -> str:
        return obj.text[:90]

    @admin.display(description=_("rule"))
    def rule_type(self, obj: Criterion) -> str:
        return str(obj.rule.get("type", ""))

    @admin.display(description=_("rule proposed by the parser"))
    def parsed_rule_pretty(self, obj: Criterion) -> str:
        return json.dumps(obj.parsed_rule, indent=2, ensure_ascii=False)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Criterion, form: forms.Form, change: bool) -> None:
        if form.cleaned_data["approved"]:
            criterion_approve(criterion=obj, rule=form.cleaned_data["rule"], user=request.user)
        else:
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
    fields = ("position", "kind", "text", "approved")
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
