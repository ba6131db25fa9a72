"""Writes of the community, one transaction each. Every refusal is a ``Refused`` with a message
for the member and an HTTP status (400, 403, 404 or 429): the views show it, never a 500."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import Role, User
from synovia.community import pictures, rules
from synovia.community.models import (
    Comment,
    ExperienceReport,
    Follow,
    HelpfulVote,
    Kind,
    ModerationAction,
    Notification,
    Picture,
    Post,
    Profile,
    Reaction,
    Report,
    Status,
    Topic,
)

MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.ADMIN})
# Per member: at most N actions of a kind within the window (seconds).
DEFAULT_LIMITS = {"post": (5, 3600), "comment": (30, 3600), "report": (10, 86400), "picture": (20, 3600)}
MAX_SUSPENSION_DAYS = 365


class Refused(Exception):
    """A request the community will not carry out; ``message`` is shown to the member."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class ExperienceInput:
    country: str
    cell_source: str
    cost: Decimal | None
    currency: str
    trial_id: str
    felt_1m: int | None
    felt_6m: int | None
    felt_12m: int | None


def is_moderator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role in MODERATOR_ROLES)


def profile_for(user: User) -> Profile:
    """The member's community profile, made on first use with a neutral display name."""
    profile = Profile.objects.filter(user=user).select_related("avatar").first()
    if profile is not None:
        return profile
    for _attempt in range(5):
        name = f"member-{secrets.randbelow(900_000) + 100_000}"
        try:
            with transaction.atomic():
                return Profile.objects.create(user=user, display_name=name)
        except IntegrityError:
            existing = Profile.objects.filter(user=user).first()
            if existing is not None:
                return existing
    raise Refused(_("Your community profile could not be created; please try again."), 409)


def _limit(kind: str) -> tuple[int, int]:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "SYNOVIA_COMMUNITY_LIMITS", {})}
    count, seconds = limits[kind]
    return int(count), int(seconds)


def _check_rate(kind: str, user: User, recent: int) -> None:
    count, seconds = _limit(kind)
    if recent >= count:
        minutes = max(1, seconds // 60)
        messages = {
            "post": _(
                "You have reached the limit of %(count)d posts in %(minutes)d minutes. Please wait a while."
            ),
            "comment": _(
                "You have reached the limit of %(count)d comments in %(minutes)d minutes. "
                "Please wait a while."
            ),
            "report": _(
                "You have reached the limit of %(count)d reports in %(minutes)d minutes. "
                "The moderators are looking at what you sent."
            ),
            "picture": _(
                "You have reached the limit of %(count)d pictures in %(minutes)d minutes. "
                "Please wait a while."
            ),
        }
        raise Refused(messages[kind] % {"count": count, "minutes": minutes}, 429)


def _since(kind: str) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=_limit(kind)[1])


def _active_member(user: User) -> Profile:
    if not user.is_active:
        raise Refused(_("This account is not active."), 403)
    profile = profile_for(user)
    if profile.is_suspended():
        raise Refused(
            _("Your community access is suspended until %(until)s. You can still read the community.")
            % {"until": timezone.localtime(profile.suspended_until).strftime("%Y-%m-%d %H:%M")},
            403,
        )
    return profile


# --- Profiles and pictures -------------------------------------------------------------------


def picture_create(*, owner: User, data: bytes) -> Picture:
    _check_rate(
        "picture", owner, Picture.objects.filter(owner=owner, created_at__gte=_since("picture")).count()
    )
    try:
        clean = pictures.clean(data)
    except pictures.PictureError as error:
        raise Refused(str(error), 400) from error
    file_name, thumb_name = pictures.write(clean)
    try:
        return Picture.objects.create(
            owner=owner,
            file_name=file_name,
            thumb_name=thumb_name,
            content_type=clean.content_type,
            width=clean.width,
            height=clean.height,
            size_bytes=len(clean.data),
        )
    except BaseException:
        pictures.remove(file_name, thumb_name)  # no row: no file either
        raise


def pictures_sweep(*, older_than_seconds: float = 3600.0) -> list[str]:
    """Remove picture files no row names (an enclosing transaction rolled back after they were
    written); see :func:`pictures.sweep`."""
    rows = Picture.objects.values_list("file_name", "thumb_name")
    referenced = {name for pair in rows for name in pair}
    return pictures.sweep(referenced, older_than_seconds=older_than_seconds)


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, email_notifications: bool, avatar_data: bytes | None = None
) -> Profile:
    profile = profile_for(user)
    name = " ".join("".join(c for c in display_name[:400] if c.isprintable()).split())
    if not 3 <= len(name) <= 40:
        raise Refused(_("A display name has 3 to 40 characters."))
    if rules.hold_reasons(name):
        raise Refused(
            _("A display name may not contain a phone number, an e-mail address or a health claim.")
        )
    if Profile.objects.filter(display_name__iexact=name).exclude(pk=profile.pk).exists():
        raise Refused(_("Another member already uses this display name."), 409)
    profile.display_name = name
    profile.email_notifications = email_notifications
    if avatar_data:
        profile.avatar = picture_create(owner=user, data=avatar_data)
    profile.save()
    return profile


# --- Posts and comments ----------------------------------------------------------------------


def _clean_text(text: str, limit: int) -> str:
    text = (text or "").replace("\x00", "").strip()
    if len(text) > limit:
        raise Refused(_("The text is too long (at most %(limit)d characters).") % {"limit": limit})
    return text


def _validate_experience(experience: ExperienceInput) -> None:
    if experience.cost is not None and not experience.currency:
        raise Refused(_("Give the currency of the cost."))
    if experience.trial_id and not rules.registry_ids(experience.trial_id):
        raise Refused(
            _("This does not look like a trial registry number (for example NCT01234567 or ISRCTN12345678).")
        )


@transaction.atomic
def post_create(
    *,
    author: User,
    topic: str,
    body: str,
    kind: str = Kind.POST,
    title: str = "",
    picture_data: bytes | None = None,
    experience: ExperienceInput | None = None,
    token: str = "",
) -> Post:
    """Publish a post: text, a picture, or both. Held for review when a rule matches."""
    _active_member(author)
    if token and (done := Post.objects.filter(author=author, token=token[:64]).first()):
        return done
    if topic not in Topic.values or kind not in Kind.values:
        raise Refused(_("Choose one of the topics."))
    body, title = _clean_text(body, 5000), _clean_text(title, 200)
    if not body and not picture_data:
        raise Refused(_("A post needs text, a picture, or both."))
    if kind == Kind.EXPERIENCE and experience is None:
        raise Refused(_("An experience report needs where you were treated."))
    if experience is not None:
        _validate_experience(experience)
    _check_rate("post", author, Post.objects.filter(author=author, created_at__gte=_since("post")).count())
    picture = picture_create(owner=author, data=picture_data) if picture_data else None
    reasons = rules.hold_reasons(f"{title}\n{body}")
    post = Post.objects.create(
        author=author,
        topic=topic,
        kind=kind if experience is None else Kind.EXPERIENCE,
        title=title,
        body=body,
        picture=picture,
        status=Status.HELD if reasons else Status.VISIBLE,
        held_reasons=reasons,
        token=token[:64],
    )
    if experience is not None:
        ExperienceReport.objects.create(post=post, **experience.__dict__)
    Follow.objects.get_or_create(user=author, post=post, topic="")
    if reasons:
        _log(None, ModerationAction.Action.HOLD, post=post, member=author, reason=",".join(reasons))
        _notify([author], Notification.Event.HELD, post)
    else:
        _notify_topic_followers(post)
    return post


@transaction.atomic
def comment_create(*, author: User, post: Post, body: str, token: str = "") -> Comment:
    _active_member(author)
    if token and (done := Comment.objects.filter(author=author, token=token[:64]).first()):
        return done
    body = _clean_text(body, 2000)
    if not body:
        raise Refused(_("Write something before sending."))
    if post.status != Status.VISIBLE:
        raise Refused(_("This post is not open for comments."), 403)
    recent = Comment.objects.filter(author=author, created_at__gte=_since("comment")).count()
    _check_rate("comment", author, recent)
    reasons = rules.hold_reasons(body)
    comment = Comment.objects.create(
        post=post,
        author=author,
        body=body,
        status=Status.HELD if reasons else Status.VISIBLE,
        held_reasons=reasons,
        token=token[:64],
    )
    if reasons:
        _log(None, ModerationAction.Action.HOLD, comment=comment, member=author, reason=",".join(reasons))
        _notify([author], Notification.Event.HELD, post)
        return comment
    Follow.objects.get_or_create(user=author, post=post, topic="")
    followers = User.objects.filter(pk__in=Follow.objects.filter(post=post).values("user")).exclude(
        pk=author.pk
    )
    _notify(list(followers), Notification.Event.COMMENT, post)
    return comment


@transaction.atomic
def post_delete(*, user: User, post: Post) -> None:
    """The author deletes their own post (a moderator hides instead, which is logged)."""
    if post.author_id != user.pk:
        raise Refused(_("Only the author can delete a post."), 403)
    picture = post.picture
    post.delete()
    if picture is not None and not Post.objects.filter(picture=picture).exists():
        pictures.remove(picture.file_name, picture.thumb_name)
        picture.delete()


@transaction.atomic
def reaction_toggle(*, user: User, post: Post, type: str) -> bool:
    """Add the reaction, or take it back; True when it is now present."""
    _active_member(user)
    if type not in Reaction.Type.values:
        raise Refused(_("Unknown reaction."))
    deleted, _rows = Reaction.objects.filter(user=user, post=post, type=type).delete()
    if deleted:
        return False
    Reaction.objects.create(user=user, post=post, type=type)
    return True


@transaction.atomic
def helpful_toggle(*, user: User, comment: Comment) -> bool:
    _active_member(user)
    if comment.author_id == user.pk:
        raise Refused(_("You cannot vote for your own answer."), 403)
    deleted, _rows = HelpfulVote.objects.filter(user=user, comment=comment).delete()
    if deleted:
        return False
    HelpfulVote.objects.create(user=user, comment=comment)
    return True


@transaction.atomic
def answer_accept(*, user: User, comment: Comment) -> Post:
    post = comment.post
    if post.author_id != user.pk:
        raise Refused(_("Only the person who asked can accept an answer."), 403)
    if post.kind != Kind.QUESTION:
        raise Refused(_("Only questions have an accepted answer."))
    if comment.status != Status.VISIBLE:
        raise Refused(_("This answer is not visible."))
    post.accepted_answer = None if post.accepted_answer_id == comment.pk else comment
    post.save(update_fields=["accepted_answer"])
    if post.accepted_answer_id and comment.author_id != user.pk:
        _notify([comment.author], Notification.Event.ANSWER_ACCEPTED, post)
    return post


@transaction.atomic
def follow_toggle(*, user: User, post: Post | None = None, topic: str = "") -> bool:
    if post is None and topic not in Topic.values:
        raise Refused(_("Choose one of the topics."))
    target = {"post": post, "topic": ""} if post is not None else {"post": None, "topic": topic}
    deleted, _rows = Follow.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    Follow.objects.create(user=user, **target)
    return True


# --- Reports and moderation ------------------------------------------------------------------


@transaction.atomic
def report_create(
    *, reporter: User, reason: str, note: str = "", post: Post | None = None, comment: Comment | None = None
) -> Report:
    _active_member(reporter)
    if reason not in Report.Reason.values:
        raise Refused(_("Choose a reason for the report."))
    if (post is None) == (comment is None):
        raise Refused(_("Report one post or one comment."))
    note = _clean_text(note, 500)
    recent = Report.objects.filter(reporter=reporter, created_at__gte=_since("report")).count()
    _check_rate("report", reporter, recent)
    existing = Report.objects.filter(reporter=reporter, post=post, comment=comment, resolved_at=None).first()
    if existing is not None:
        return existing
    return Report.objects.create(reporter=reporter, post=post, comment=comment, reason=reason, note=note)


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise Refused(_("Only community moderators can do this."), 403)


def _reason(reason: str) -> str:
    reason = _clean_text(reason, 500)
    if not reason:
        raise Refused(_("Give the reason: the member will see it."))
    return reason


def _log(moderator: User | None, action: str, **fields: Any) -> ModerationAction:
    post = fields.pop("post", None)
    comment = fields.pop("comment", None)
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        post_id_logged=post.pk if post is not None else None,
        comment_id_logged=comment.pk if comment is not None else None,
        **fields,
    )


def _resolve_reports(**target: Any) -> None:
    Report.objects.filter(resolved_at=None, **target).update(resolved_at=timezone.now())


@transaction.atomic
def moderate(
    *, moderator: User, action: str, reason: str, post: Post | None = None, comment: Comment | None = None
) -> ModerationAction:
    """Hide, restore or dismiss the reports of one post or comment; logged, the author told."""
    _require_moderator(moderator)
    reason = _reason(reason)
    target: Post | Comment | None = post if post is not None else comment
    if target is None or action not in {"hide", "restore", "dismiss"}:
        raise Refused(_("Unknown moderation action."))
    if action == "hide":
        target.status = Status.HIDDEN
    elif action == "restore":
        target.status = Status.VISIBLE
        target.held_reasons = []
    target.save()
    _resolve_reports(post=post) if post is not None else _resolve_reports(comment=comment)
    thread = post if post is not None else comment.post  # type: ignore[union-attr]
    event = {"hide": Notification.Event.HIDDEN, "restore": Notification.Event.RESTORED}.get(action)
    if event:
        _notify([target.author], event, thread)
    if action == "restore" and post is not None:
        _notify_topic_followers(post)
    return _log(moderator, action, post=post, comment=comment, member=target.author, reason=reason)


@transaction.atomic
def member_warn(*, moderator: User, member: User, reason: str) -> ModerationAction:
    _require_moderator(moderator)
    entry = _log(moderator, ModerationAction.Action.WARN, member=member, reason=_reason(reason))
    _notify([member], Notification.Event.WARNED, None)
    return entry


@transaction.atomic
def member_suspend(*, moderator: User, member: User, reason: str, days: int) -> ModerationAction:
    _require_moderator(moderator)
    if not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise Refused(_("A suspension lasts 1 to %(max)d days.") % {"max": MAX_SUSPENSION_DAYS})
    if is_moderator(member):
        raise Refused(_("Moderators and administrators cannot be suspended here."), 403)
    reason = _reason(reason)
    profile = profile_for(member)
    profile.suspended_until = timezone.now() + dt.timedelta(days=days)
    profile.save(update_fields=["suspended_until"])
    _notify([member], Notification.Event.SUSPENDED, None)
    return _log(moderator, ModerationAction.Action.SUSPEND, member=member, reason=reason, days=days)


# --- Notifications ---------------------------------------------------------------------------


def _notify_topic_followers(post: Post) -> None:
    followers = User.objects.filter(
        pk__in=Follow.objects.filter(topic=post.topic, post__isnull=True).values("user")
    ).exclude(pk=post.author_id)
    _notify(list(followers), Notification.Event.POST, post)


def _notify(users: list[User], event: str, post: Post | None) -> None:
    """In-app notices, and an e-mail to those who asked for one. The e-mail says only that there
    is something new and links to the notifications page: no text, no topic, no health data."""
    if not users:
        return
    Notification.objects.bulk_create([Notification(user=u, event=event, post=post) for u in users])
    wanting = Profile.objects.filter(user__in=users, email_notifications=True).select_related("user")
    link = settings.SYNOVIA_SITE_URL.rstrip("/") + "/community/notifications/"
    for profile in wanting:
        if profile.user.email:
            send_mail(
                _("Synovia community: something new for you"),
                _("There is new activity for you in the Synovia community. Sign in to read it: %(link)s")
                % {"link": link},
                None,
                [profile.user.email],
                fail_silently=True,
            )


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read=False).update(read=True)
