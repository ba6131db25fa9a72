"""Thin views of the community: parse the form, call one service or selector, render.

Every page is for signed-in members; moderation pages for moderators and administrators.
A refusal of a service is shown with its message and its 4xx status."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from synovia.accounts.models import Role
from synovia.accounts.permissions import role_required
from synovia.community import chart_share, pictures, selectors, services
from synovia.community.forms import (
    CommentForm,
    ExperienceForm,
    MemberActionForm,
    ModerateForm,
    PostForm,
    ProfileForm,
    ReportForm,
    new_token,
)
from synovia.community.models import Kind, Picture, Post, Profile, Topic
from synovia.community.services import Refused

moderators_only = role_required(Role.MODERATOR, Role.ADMIN)


def refused(request: HttpRequest, error: Refused) -> HttpResponse:
    template = "community/_refused.html" if request.headers.get("HX-Request") else "community/refused.html"
    return render(request, template, {"message": error.message, "status": error.status}, status=error.status)


def handles_refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Refused as error:
            return refused(request, error)

    return wrapped


def _member(request: HttpRequest) -> Any:
    return request.user


def _page_number(request: HttpRequest) -> str:
    return request.GET.get("page", "1")[:6]


# --- Reading ---------------------------------------------------------------------------------


@login_required
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    topic = request.GET.get("topic", "")[:20]
    following = request.GET.get("following") == "1"
    page = selectors.page_of(selectors.feed(user, topic=topic, following=following), _page_number(request))
    context = {
        "page": page,
        "topics": Topic.choices,
        "topic": topic if topic in Topic.values else "",
        "following": following,
        "followed_topics": selectors.followed_topics(user),
        "unread": selectors.unread_count(user),
        "profile": services.profile_for(user),
    }
    return render(request, "community/feed.html", context)


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: selectors.MAX_QUERY]
    page = selectors.page_of(selectors.search(_member(request), query), _page_number(request))
    return render(request, "community/search.html", {"page": page, "query": query})


@login_required
@require_GET
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _member(request)
    post = selectors.post_for(user, post_id)
    comments = selectors.page_of(selectors.comments_of(user, post), _page_number(request), size=50)
    context = {
        "post": post,
        "comments": comments,
        "reactions": selectors.reactions_of(user, post),
        "following": selectors.is_following(user, post=post),
        "comment_form": CommentForm(initial={"token": new_token()}),
        "is_moderator": services.is_moderator(user),
        "moderate_form": ModerateForm(),
    }
    return render(request, "community/post.html", context)


@login_required
@require_GET
def experiences(request: HttpRequest) -> HttpResponse:
    return render(request, "community/experiences.html", {"summary": selectors.experience_summary()})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if request.method == "POST":
        services.notifications_mark_read(user=user)
        return redirect("community:notifications")
    page = selectors.page_of(selectors.notifications(user), _page_number(request))
    warnings = selectors.page_of(selectors.warnings_for(user), request.GET.get("wpage", "1")[:6], size=10)
    return render(request, "community/notifications.html", {"page": page, "warnings": warnings})


def _picture(request: HttpRequest, picture_id: uuid.UUID, thumb: bool) -> HttpResponse:
    user = _member(request)
    picture = Picture.objects.filter(pk=picture_id).first()
    if picture is None:
        raise Http404(_("There is no such picture."))
    allowed = (
        picture.owner_id == user.pk
        or services.is_moderator(user)
        or selectors.visible_posts(user).filter(picture=picture, status="visible").exists()
        or Profile.objects.filter(avatar=picture).exists()
    )
    if not allowed:
        raise Http404(_("There is no such picture."))
    path = pictures.picture_dir() / (picture.thumb_name if thumb else picture.file_name)
    if not path.is_file():
        raise Http404(_("There is no such picture."))
    response = FileResponse(path.open("rb"), content_type=picture.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def picture(request: HttpRequest, picture_id: uuid.UUID) -> HttpResponse:
    return _picture(request, picture_id, thumb=False)


@login_required
@require_GET
def picture_thumb(request: HttpRequest, picture_id: uuid.UUID) -> HttpResponse:
    return _picture(request, picture_id, thumb=True)


# --- Writing ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_refusals
def post_new(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    is_experience = request.GET.get("kind") == Kind.EXPERIENCE or request.POST.get("kind") == Kind.EXPERIENCE
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES)
        if is_experience:
            form.fields["kind"].choices = [(Kind.EXPERIENCE, _("An experience report"))]
        extra = ExperienceForm(request.POST, prefix="x") if is_experience else None
        status = 400
        if form.is_valid() and (extra is None or extra.is_valid()):
            data = form.cleaned_data
            try:
                post = _post_create(request, data, extra)
            except Refused as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("community:post", post_id=post.pk)
    else:
        topic = Topic.STEM_CELL if is_experience else request.GET.get("topic", Topic.DAILY_LIFE)[:20]
        initial = {
            "token": new_token(),
            "topic": topic,
            "kind": Kind.EXPERIENCE if is_experience else Kind.POST,
        }
        form = PostForm(initial=initial)
        if is_experience:
            form.fields["kind"].choices = [(Kind.EXPERIENCE, _("An experience report"))]
        extra = ExperienceForm(prefix="x") if is_experience else None
        status = 200
    if getattr(user, "role", None) != Role.PATIENT:
        form.fields.pop("share_chart", None)  # only a patient has a record of their own
    context = {"form": form, "experience_form": extra, "is_experience": is_experience}
    return render(request, "community/post_new.html", context, status=status)


def _post_create(request: HttpRequest, data: dict[str, Any], extra: ExperienceForm | None) -> Post:
    picture = data["picture"]
    if data.get("share_chart"):  # the member's choice: one audited read of their own record
        picture = chart_share.draw(chart_share.own_das28(request))
    return services.post_create(
        author=request.user,
        topic=data["topic"],
        kind=data["kind"],
        title=data["title"],
        body=data["body"],
        picture_data=picture,
        experience=extra.experience() if extra is not None else None,
        token=data.get("token") or "",
    )


@login_required
@require_POST
@handles_refusals
def comment_new(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _member(request)
    post = selectors.post_for(user, post_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        raise Refused(_("Write a comment of at most 2,000 characters."))
    comment = services.comment_create(
        author=user, post=post, body=form.cleaned_data["body"], token=form.cleaned_data.get("token") or ""
    )
    return redirect(reverse("community:post", kwargs={"post_id": post.pk}) + f"#comment-{comment.pk}")


@login_required
@require_POST
@handles_refusals
def react(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _member(request)
    post = selectors.post_for(user, post_id)
    services.reaction_toggle(user=user, post=post, type=request.POST.get("type", "")[:10])
    if request.headers.get("HX-Request"):
        context = {"post": post, "reactions": selectors.reactions_of(user, post)}
        return render(request, "community/_reactions.html", context)
    return redirect("community:post", post_id=post.pk)


@login_required
@require_POST
@handles_refusals
def follow_post(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _member(request)
    post = selectors.post_for(user, post_id)
    following = services.follow_toggle(user=user, post=post)
    if request.headers.get("HX-Request"):
        return render(request, "community/_follow.html", {"post": post, "following": following})
    return redirect("community:post", post_id=post.pk)


@login_required
@require_POST
@handles_refusals
def follow_topic(request: HttpRequest, topic: str) -> HttpResponse:
    services.follow_toggle(user=_member(request), topic=topic[:20])
    return redirect(reverse("community:feed") + f"?topic={topic}")


@login_required
@require_POST
@handles_refusals
def helpful(request: HttpRequest, comment_id: int) -> HttpResponse:
    user = _member(request)
    comment = selectors.comment_for(user, comment_id)
    services.helpful_toggle(user=user, comment=comment)
    return redirect(reverse("community:post", kwargs={"post_id": comment.post_id}) + f"#comment-{comment.pk}")


@login_required
@require_POST
@handles_refusals
def accept(request: HttpRequest, comment_id: int) -> HttpResponse:
    user = _member(request)
    comment = selectors.comment_for(user, comment_id)
    services.answer_accept(user=user, comment=comment)
    return redirect(reverse("community:post", kwargs={"post_id": comment.post_id}) + f"#comment-{comment.pk}")


@login_required
@require_POST
@handles_refusals
def post_delete(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _member(request)
    services.post_delete(user=user, post=selectors.post_for(user, post_id))
    return redirect("community:feed")


def _report(request: HttpRequest, *, post: Post | None = None, comment: Any = None) -> HttpResponse:
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.report_create(
                reporter=_member(request),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                post=post,
                comment=comment,
            )
            thread = post if post is not None else comment.post
            return render(request, "community/reported.html", {"post": thread})
        status = 400
    return render(
        request, "community/report.html", {"form": form, "post": post, "comment": comment}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
@handles_refusals
def report_post(request: HttpRequest, post_id: int) -> HttpResponse:
    return _report(request, post=selectors.post_for(_member(request), post_id))


@login_required
@require_http_methods(["GET", "POST"])
@handles_refusals
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _report(request, comment=selectors.comment_for(_member(request), comment_id))


@login_required
@require_http_methods(["GET", "POST"])
@handles_refusals
def profile(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    current = services.profile_for(user)
    initial = {"display_name": current.display_name, "email_notifications": current.email_notifications}
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.profile_update(
                user=user,
                display_name=data["display_name"],
                email_notifications=data["email_notifications"],
                avatar_data=data["avatar"],
            )
            return redirect("community:profile")
        status = 400
    return render(request, "community/profile.html", {"form": form, "profile": current}, status=status)


# --- Moderation ------------------------------------------------------------------------------


@moderators_only
@require_GET
def mod_queue(request: HttpRequest) -> HttpResponse:
    queue = selectors.queue()
    context = {
        "held_posts": selectors.page_of(queue.held_posts, request.GET.get("page", "1")[:6]),
        "held_comments": selectors.page_of(queue.held_comments, request.GET.get("cpage", "1")[:6]),
        "reports": selectors.page_of(queue.reports, request.GET.get("rpage", "1")[:6]),
        "moderate_form": ModerateForm(),
    }
    return render(request, "community/queue.html", context)


def _moderate(request: HttpRequest, **target: Any) -> HttpResponse:
    form = ModerateForm(request.POST)
    if not form.is_valid():
        raise Refused(_("Choose an action and give the reason: the member will see it."))
    services.moderate(
        moderator=_member(request),
        action=form.cleaned_data["action"],
        reason=form.cleaned_data["reason"],
        **target,
    )
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url in {reverse("community:queue")} else reverse("community:queue"))


@moderators_only
@require_POST
@handles_refusals
def mod_post(request: HttpRequest, post_id: int) -> HttpResponse:
    return _moderate(request, post=selectors.post_for(_member(request), post_id))


@moderators_only
@require_POST
@handles_refusals
def mod_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _moderate(request, comment=selectors.comment_for(_member(request), comment_id))


@moderators_only
@require_http_methods(["GET", "POST"])
@handles_refusals
def mod_member(request: HttpRequest, profile_id: int) -> HttpResponse:
    member = selectors.member_for_moderation(profile_id)
    form = MemberActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if data["action"] == "warn":
                services.member_warn(moderator=_member(request), member=member, reason=data["reason"])
            else:
                services.member_suspend(
                    moderator=_member(request), member=member, reason=data["reason"], days=data["days"] or 0
                )
            return redirect("community:queue")
        status = 400
    context = {"form": form, "member_profile": services.profile_for(member)}
    return render(request, "community/member.html", context, status=status)


@moderators_only
@require_GET
def mod_log(request: HttpRequest) -> HttpResponse:
    page = selectors.page_of(selectors.moderation_log(), _page_number(request), size=50)
    return render(request, "community/log.html", {"page": page})
