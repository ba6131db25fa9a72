"""The community: member profiles, posts, comments, pictures, experience reports, moderation.

Nothing here refers to the clinical record. A member's community profile is a display name and
an avatar; posts are what members choose to write. Moderator actions are append-only.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    STEM_CELL = "stem_cell", _("Stem-cell therapy")
    TREATMENTS = "treatments", _("Treatments")
    DAILY_LIFE = "daily_life", _("Daily life")
    QUESTIONS = "questions", _("Questions")


class Kind(models.TextChoices):
    POST = "post", _("Post")
    QUESTION = "question", _("Question")
    EXPERIENCE = "experience", _("Experience report")


class Status(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Picture(models.Model):
    """An uploaded picture after validation and re-encoding: random file names, no metadata."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=64, unique=True)
    thumb_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(
        max_length=20, choices=[("image/jpeg", "JPEG"), ("image/png", "PNG"), ("image/webp", "WebP")]
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}x{self.height}"


class Profile(models.Model):
    """A member's community identity, separate from any medical record."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community")
    display_name = models.CharField(_("display name"), max_length=40, unique=True)
    avatar = models.ForeignKey(Picture, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    email_notifications = models.BooleanField(
        _("e-mail me about new activity"),
        default=False,
        help_text=_("The e-mail says only that there is something new; it never contains what was written."),
    )
    suspended_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")

    def __str__(self) -> str:
        return self.display_name

    def is_suspended(self, now: Any = None) -> bool:
        return self.suspended_until is not None and self.suspended_until > (now or timezone.now())


class Post(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_posts"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.POST)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), max_length=5000, blank=True)
    picture = models.ForeignKey(
        Picture, null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    held_reasons = models.JSONField(default=list, blank=True)
    accepted_answer = models.ForeignKey(
        "Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    token = models.CharField(max_length=64, blank=True)  # the form's idempotency token

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            # Text, a picture, or both: never neither (the service strips blank text first).
            models.CheckConstraint(
                condition=~Q(body="") | Q(picture__isnull=False), name="community_post_text_or_picture"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="community_post_status_known"),
            models.UniqueConstraint(
                fields=["author", "token"], condition=~Q(token=""), name="community_post_token_once"
            ),
        ]
        indexes = [models.Index(fields=["topic", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.pk}"


class Comment(models.Model):
    """A comment on a post; on a question, an answer."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("text"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    held_reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="community_comment_has_text"),
            models.UniqueConstraint(
                fields=["author", "token"], condition=~Q(token=""), name="community_comment_token_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk}"


class HelpfulVote(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="community_vote_once")]

    def __str__(self) -> str:
        return f"{self.comment_id}"


class Reaction(models.Model):
    class Type(models.TextChoices):
        SUPPORT = "support", _("Support")
        THANKS = "thanks", _("Thanks")
        SAME = "same", _("Same here")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=10, choices=Type.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "type"], name="community_react_once")]

    def __str__(self) -> str:
        return f"{self.type} {self.post_id}"


class Follow(models.Model):
    """A member follows a topic or a thread (exactly one of the two)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=20, choices=Topic.choices, blank=True)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic="") & Q(post__isnull=False)) | (~Q(topic="") & Q(post__isnull=True)),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "topic", "post"], name="community_follow_once"),
            models.UniqueConstraint(
                fields=["user", "topic"], condition=Q(post__isnull=True), name="community_follow_topic_once"
            ),
        ]

    def __str__(self) -> str:
        return self.topic or f"{self.post_id}"


class Notification(models.Model):
    """In-app notice of new activity. It stores no text: the page says what kind of thing happened."""

    class Event(models.TextChoices):
        COMMENT = "comment", _("New comment in a thread you follow")
        POST = "post", _("New post in a topic you follow")
        ANSWER_ACCEPTED = "accepted", _("Your answer was accepted")
        HELD = "held", _("Your post is held for review")
        HIDDEN = "hidden", _("A moderator hid your contribution")
        RESTORED = "restored", _("A moderator restored your contribution")
        WARNED = "warned", _("A moderator sent you a warning")
        SUSPENDED = "suspended", _("Your community access is suspended")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=10, choices=Event.choices)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d}"


class CellSource(models.TextChoices):
    UNKNOWN = "unknown", _("I don't know")
    UMBILICAL_CORD = "umbilical_cord", _("Umbilical cord")
    BONE_MARROW = "bone_marrow", _("Bone marrow")
    ADIPOSE = "adipose", _("Fat (adipose tissue)")
    OTHER = "other", _("Other")


class Felt(models.IntegerChoices):
    """How the member felt compared with before the treatment (their own words, not a measure)."""

    MUCH_WORSE = 1, _("Much worse")
    WORSE = 2, _("Worse")
    SAME = 3, _("About the same")
    BETTER = 4, _("Better")
    MUCH_BETTER = 5, _("Much better")


class ExperienceReport(models.Model):
    """The structured part of an experience report on stem-cell treatment."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="experience")
    country = models.CharField(_("country where treated"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    cell_source = models.CharField(
        _("cell source"), max_length=20, choices=CellSource.choices, default=CellSource.UNKNOWN
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10_000_000)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    trial_id = models.CharField(_("registered trial id"), max_length=40, blank=True)
    felt_1m = models.PositiveSmallIntegerField(
        _("after 1 month"), choices=Felt.choices, null=True, blank=True
    )
    felt_6m = models.PositiveSmallIntegerField(
        _("after 6 months"), choices=Felt.choices, null=True, blank=True
    )
    felt_12m = models.PositiveSmallIntegerField(
        _("after 12 months"), choices=Felt.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | ~Q(currency=""), name="community_cost_has_currency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.post_id}"


class Report(models.Model):
    """A member's report of a post or a comment to the moderators."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("It shares personal data")
        MISLEADING = "misleading", _("Misleading medical claims or an unproven offer")
        ABUSE = "abuse", _("Abusive or hateful")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=(Q(post__isnull=False) & Q(comment__isnull=True))
                | (Q(post__isnull=True) & Q(comment__isnull=False)),
                name="community_report_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.created_at:%Y-%m-%d}"


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete a moderation log row."""


_M = TypeVar("_M", bound=models.Model)


class _AppendOnlyQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("the moderation log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the moderation log is append-only")


class ModerationAction(models.Model):
    """One moderator action (or an automatic hold), never changed or deleted."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Held automatically")
        HIDE = "hide", _("Hide")
        RESTORE = "restore", _("Restore")
        WARN = "warn", _("Warn")
        SUSPEND = "suspend", _("Suspend")
        DISMISS = "dismiss", _("Dismiss reports")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # Targets by id without database constraints, so that deleting a post keeps its log.
    post_id_logged = models.BigIntegerField(null=True, blank=True)
    comment_id_logged = models.BigIntegerField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    days = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects: ClassVar[models.Manager[ModerationAction]] = _AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("the moderation log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the moderation log is append-only")
