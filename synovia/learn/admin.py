from django.contrib import admin

from synovia.learn.models import Article, Reference


class ReferenceInline(admin.TabularInline[Reference, Article]):
    model = Reference
    extra = 1


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
