"""Articles for patients: plain-language, sourced, reviewed, in English and in Spanish.

The two language versions of one article share a ``topic``; each has its own slug, title, body
and references. A reader always sees who wrote it, who reviewed it medically and when it was
last reviewed: regulatory facts change (a 2022 text that says no MSC product is approved in the
US is out of date since December 2024).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")


class Article(models.Model):
    topic = models.SlugField(
        _("topic"), max_length=80, help_text=_("Shared by the English and Spanish versions of one article.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by a blank line; '## ' starts a heading, '- ' a list item; "
            "[1] points to reference 1."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order in the list"), default=0)
    author = models.CharField(_("author"), max_length=200)
    medical_reviewer = models.CharField(
        _("medical reviewer"),
        max_length=200,
        blank=True,
        help_text=_("The physician who checked the article; leave empty until one has."),
    )
    medically_reviewed_on = models.DateField(_("date of the medical review"), null=True, blank=True)
    reviewed_on = models.DateField(
        _("date the facts were last checked"),
        help_text=_("When the editors last checked every claim against its sources."),
    )
    published = models.BooleanField(_("published"), default=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related articles"))
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    class Meta:
        ordering = ["language", "position", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [models.UniqueConstraint(fields=["topic", "language"], name="article_topic_language")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def medically_reviewed(self) -> bool:
        """True only when a named physician and the date of their review are both given."""
        return bool(self.medical_reviewer.strip()) and self.medically_reviewed_on is not None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if bool(self.medical_reviewer.strip()) != (self.medically_reviewed_on is not None):
            raise ValidationError(
                _("Give both the medical reviewer and the date of their review, or neither.")
            )
        if self.medically_reviewed_on is not None and self.medically_reviewed_on > self.reviewed_on:
            raise ValidationError(
                _("The facts must be checked again on or after the medical review: update their date.")
            )


class Reference(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    number = models.PositiveSmallIntegerField(_("number"))
    citation = models.CharField(_("citation"), max_length=500)
    url = models.URLField(_("link"), max_length=500)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="reference_number")]

    def __str__(self) -> str:
        return f"[{self.number}] {self.citation[:80]}"
