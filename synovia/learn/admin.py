from typing import Any

from django import forms
from django.contrib import admin
from django.db import models

from synovia.learn.models import Article, Reference

#: A reference typed without a scheme ("pubmed.ncbi.nlm.nih.gov/...") is read as https, the
#: scheme Django 6.0 assumes; said here so Django 5.x gives no RemovedInDjango60Warning.
URL_FIELD: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
}


class ReferenceInline(admin.TabularInline[Reference, Article]):
    model = Reference
    extra = 1
    formfield_overrides = URL_FIELD


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = (
        "title",
        "language",
        "topic",
        "reviewed_on",
        "medical_reviewer",
        "medically_reviewed_on",
        "published",
    )
    list_filter = ("language", "published")
    search_fields = ("title", "topic", "body")
    filter_horizontal = ("related",)
    inlines = [ReferenceInline]
    formfield_overrides = URL_FIELD
