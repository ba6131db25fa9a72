"""Reads of the community. Visibility is decided here, once: a visible post is for every member;
a held or hidden one only for its author and the moderators."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from synovia.accounts.models import User
from synovia.community import summary
from synovia.community.models import (
    CellSource,
    Comment,
    ExperienceReport,
    Felt,
    Follow,
    HelpfulVote,
    ModerationAction,
    Notification,
    Post,
    Reaction,
    Report,
    Status,
    Topic,
)
from synovia.community.services import is_moderator

PAGE_SIZE = 20
MAX_QUERY = 200


def page_of(items: Any, number: Any, size: int = PAGE_SIZE) -> Page[Any]:
    """A page, clamped: a bad or too large page number gives the first or last page, never an error."""
    return Paginator(items, size).get_page(number)


def _posts() -> QuerySet[Post]:
    return (
        Post.objects.select_related("author__community", "author__community__avatar", "picture", "experience")
        .annotate(n_comments=Count("comments", filter=Q(comments__status=Status.VISIBLE), distinct=True))
        .annotate(n_reactions=Count("reactions", distinct=True))
    )


def visible_posts(user: User) -> QuerySet[Post]:
    if is_moderator(user):
        return _posts()
    return _posts().filter(Q(status=Status.VISIBLE) | Q(author=user))


def feed(user: User, *, topic: str = "", following: bool = False) -> QuerySet[Post]:
    posts = visible_posts(user)
    if is_moderator(user):
        posts = posts.filter(Q(status=Status.VISIBLE) | Q(author=user))
    if topic in Topic.values:
        posts = posts.filter(topic=topic)
    if following:
        followed_topics = Follow.objects.filter(user=user, post__isnull=True).values("topic")
        followed_posts = Follow.objects.filter(user=user, post__isnull=False).values("post")
        posts = posts.filter(Q(topic__in=followed_topics) | Q(pk__in=followed_posts))
    return posts.order_by("-created_at", "-id")


def search(user: User, query: str) -> QuerySet[Post]:
    """PostgreSQL full-text search (the 'simple' configuration, so English and Spanish words both
    match as written), ranked; on SQLite a plain case-insensitive substring match."""
    query = " ".join("".join(c for c in query[: MAX_QUERY * 4] if c.isprintable()).split())[:MAX_QUERY]
    posts = visible_posts(user).filter(Q(status=Status.VISIBLE) | Q(author=user))
    if not query:
        return posts.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "body", weight="B", config="simple"
        )
        terms = SearchQuery(query, search_type="websearch", config="simple")
        return (
            posts.annotate(document=vector, rank=SearchRank(vector, terms))
            .filter(document=terms)
            .order_by("-rank", "-created_at", "-id")
        )
    words = query.split()[:10]
    match = Q()
    for word in words:
        match &= Q(title__icontains=word) | Q(body__icontains=word)
    return posts.filter(match).order_by("-created_at", "-id")


def post_for(user: User, post_id: int) -> Post:
    """The post if this member may see it; 404 otherwise (existence does not leak)."""
    post = visible_posts(user).filter(pk=post_id).first()
    if post is None:
        raise Http404(_("There is no such post."))
    return post


def comment_for(user: User, comment_id: int) -> Comment:
    comment = Comment.objects.select_related("post", "author").filter(pk=comment_id).first()
    may_see = comment is not None and (
        comment.status == Status.VISIBLE or comment.author_id == user.pk or is_moderator(user)
    )
    if comment is None or not may_see or not visible_posts(user).filter(pk=comment.post_id).exists():
        raise Http404(_("There is no such comment."))
    return comment


def comments_of(user: User, post: Post) -> QuerySet[Comment]:
    comments = Comment.objects.filter(post=post).select_related(
        "author__community", "author__community__avatar"
    )
    if not is_moderator(user):
        comments = comments.filter(Q(status=Status.VISIBLE) | Q(author=user))
    mine = HelpfulVote.objects.filter(comment=OuterRef("pk"), user=user)
    comments = comments.annotate(helpful=Count("votes", distinct=True), voted=Exists(mine))
    if post.kind == "question":
        return comments.order_by("-helpful", "created_at", "id")
    return comments.order_by("created_at", "id")


def reactions_of(user: User, post: Post) -> list[dict[str, Any]]:
    counts = dict(Reaction.objects.filter(post=post).values_list("type").annotate(n=Count("id")))
    mine = set(Reaction.objects.filter(post=post, user=user).values_list("type", flat=True))
    return [
        {"type": value, "label": label, "count": counts.get(value, 0), "mine": value in mine}
        for value, label in Reaction.Type.choices
    ]


def is_following(user: User, *, post: Post | None = None, topic: str = "") -> bool:
    if post is not None:
        return Follow.objects.filter(user=user, post=post).exists()
    return Follow.objects.filter(user=user, topic=topic, post__isnull=True).exists()


def followed_topics(user: User) -> set[str]:
    return set(Follow.objects.filter(user=user, post__isnull=True).values_list("topic", flat=True))


def notifications(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read=False).count()


def warnings_for(user: User) -> QuerySet[ModerationAction]:
    """What moderators told this member (their own reasons), newest first."""
    return ModerationAction.objects.filter(member=user).exclude(action=ModerationAction.Action.DISMISS)


# --- Moderation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    held_posts: QuerySet[Post]
    held_comments: QuerySet[Comment]
    reports: QuerySet[Report]


def queue() -> Queue:
    return Queue(
        held_posts=_posts().filter(status=Status.HELD).order_by("created_at", "id"),
        held_comments=Comment.objects.filter(status=Status.HELD).select_related("post", "author__community"),
        reports=Report.objects.filter(resolved_at=None).select_related(
            "post", "comment", "comment__post", "reporter__community"
        ),
    )


def moderation_log() -> QuerySet[ModerationAction]:
    return ModerationAction.objects.select_related("moderator", "member__community").order_by(
        "-created_at", "-id"
    )


def member_for_moderation(profile_id: int) -> User:
    user = User.objects.filter(community__pk=profile_id).first()
    if user is None:
        raise Http404(_("There is no such member."))
    return user


# --- The anonymous experience summary --------------------------------------------------------

COST_BANDS = (
    ("lt5k", Decimal(0), Decimal(5000)),
    ("5k", Decimal(5000), Decimal(15000)),
    ("15k", Decimal(15000), Decimal(30000)),
    ("30k", Decimal(30000), None),
)


def _band(cost: Decimal | None) -> str:
    if cost is None:
        return "none"
    for key, low, high in COST_BANDS:
        if cost >= low and (high is None or cost < high):
            return key
    return "none"


def experience_summary() -> dict[str, Any]:
    """Counts and distributions of the visible experience reports, small cells suppressed."""
    rows = list(
        ExperienceReport.objects.filter(post__status=Status.VISIBLE).values(
            "country", "cell_source", "cost", "currency", "trial_id", "felt_1m", "felt_6m", "felt_12m"
        )
    )
    countries = sorted({r["country"] for r in rows})
    felt_labels = [(str(v), label) for v, label in Felt.choices] + [("", _("Not given yet"))]
    cost_labels = [
        ("lt5k", _("under 5,000")),
        ("5k", _("5,000 to 14,999")),
        ("15k", _("15,000 to 29,999")),
        ("30k", _("30,000 or more")),
        ("none", _("not given")),
    ]
    by_currency = []
    for currency in sorted({r["currency"] for r in rows if r["currency"]}):
        mine = [r for r in rows if r["currency"] == currency]
        if len(mine) >= summary.THRESHOLD:
            by_currency.append(
                (currency, summary.distribution((_band(r["cost"]) for r in mine), cost_labels))
            )
    return {
        "total": summary.shown_total(len(rows)),
        "threshold": summary.THRESHOLD,
        "countries": summary.distribution((r["country"] for r in rows), [(c, c) for c in countries]),
        "sources": summary.distribution((r["cell_source"] for r in rows), list(CellSource.choices)),
        "registered": summary.distribution(
            ("yes" if r["trial_id"] else "no" for r in rows),
            [("yes", _("In a registered trial")), ("no", _("No registry number given"))],
        ),
        "costs": by_currency,
        "felt": [
            (label, summary.distribution((str(r[key] or "") for r in rows), felt_labels))
            for key, label in (
                ("felt_1m", _("After 1 month")),
                ("felt_6m", _("After 6 months")),
                ("felt_12m", _("After 12 months")),
            )
        ],
    }
