"""Reports, the moderator queue, hide/restore/warn/suspend, the append-only log, permissions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from synovia.community import selectors, services
from synovia.community.models import (
    AppendOnlyError,
    Comment,
    ModerationAction,
    Notification,
    Post,
    Report,
    Status,
    Topic,
)
from synovia.community.services import Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(patient_user):
    return services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="Swollen knuckles today")


def test_a_member_reports_and_a_moderator_hides_then_restores(client, post, other_patient_user, moderator):
    client.force_login(other_patient_user)
    response = client.post(
        reverse("community:report_post", args=[post.pk]), {"reason": "abuse", "note": "rude"}
    )
    assert response.status_code == 200 and Report.objects.filter(post=post, resolved_at=None).count() == 1
    client.force_login(moderator)
    queue = client.get(reverse("community:queue")).content.decode()
    assert "rude" in queue
    response = client.post(
        reverse("community:mod_post", args=[post.pk]), {"action": "hide", "reason": "Off topic"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    assert not Report.objects.filter(resolved_at=None).exists()
    client.force_login(other_patient_user)
    assert client.get(reverse("community:post", args=[post.pk])).status_code == 404
    assert "Swollen" not in client.get(reverse("community:feed")).content.decode()
    client.force_login(moderator)
    client.post(
        reverse("community:mod_post", args=[post.pk]), {"action": "restore", "reason": "Fine after all"}
    )
    post.refresh_from_db()
    assert post.status == Status.VISIBLE
    actions = list(ModerationAction.objects.order_by("id").values_list("action", "reason"))
    assert actions == [("hide", "Off topic"), ("restore", "Fine after all")]


def test_the_author_sees_why_a_post_was_hidden(client, post, patient_user, moderator):
    services.moderate(moderator=moderator, action="hide", reason="Please keep it kind", post=post)
    client.force_login(patient_user)
    assert client.get(reverse("community:post", args=[post.pk])).status_code == 200
    page = client.get(reverse("community:notifications")).content.decode()
    assert "Please keep it kind" in page and "A moderator hid your contribution" in page


def test_personal_data_holds_a_post_and_the_member_sees_why(
    client, patient_user, other_patient_user, moderator
):
    client.force_login(patient_user)
    response = client.post(
        reverse("community:post_new"),
        {"topic": "stem_cell", "kind": "post", "body": "Write me at ana@example.com or +34 612 345 678"},
    )
    post = Post.objects.get()
    assert response.status_code == 302 and post.status == Status.HELD
    assert sorted(post.held_reasons) == ["email", "phone"]
    page = client.get(reverse("community:post", args=[post.pk])).content.decode()
    assert "phone number" in page and "e-mail address" in page
    client.force_login(other_patient_user)
    assert client.get(reverse("community:post", args=[post.pk])).status_code == 404
    assert selectors.queue().held_posts.count() == 1
    entry = ModerationAction.objects.get()
    assert entry.action == "hold" and entry.moderator is None


def test_a_fraud_pattern_holds_a_comment(post, other_patient_user):
    comment = services.comment_create(
        author=other_patient_user, post=post, body="This clinic cures arthritis!"
    )
    assert comment.status == Status.HELD and comment.held_reasons == ["fraud"]
    assert Notification.objects.filter(user=other_patient_user, event="held").exists()


def test_warn_and_suspend(client, post, patient_user, moderator):
    profile = services.profile_for(patient_user)
    client.force_login(moderator)
    url = reverse("community:mod_member", args=[profile.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "warn", "reason": "Mind the rules"}).status_code == 302
    assert client.post(url, {"action": "suspend", "reason": "Spam", "days": "3"}).status_code == 302
    assert client.post(url, {"action": "suspend", "reason": "Spam", "days": "9999"}).status_code == 400
    with pytest.raises(Refused) as refused:
        services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="again")
    assert refused.value.status == 403
    client.force_login(patient_user)
    response = client.post(reverse("community:comment", args=[post.pk]), {"body": "hello"})
    assert response.status_code == 403 and "suspended until" in response.content.decode()
    assert client.get(reverse("community:feed")).status_code == 200  # reading is still allowed
    page = client.get(reverse("community:notifications")).content.decode()
    assert "Mind the rules" in page and "Spam" in page


def test_a_moderator_action_needs_a_reason(client, post, moderator):
    client.force_login(moderator)
    response = client.post(reverse("community:mod_post", args=[post.pk]), {"action": "hide", "reason": " "})
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.status == Status.VISIBLE and not ModerationAction.objects.exists()


@pytest.mark.parametrize("persona", ["patient_user", "other_patient_user", "clinician", "researcher"])
def test_members_who_are_not_moderators_cannot_moderate(request, client, post, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    profile = services.profile_for(user)
    for url in (
        reverse("community:queue"),
        reverse("community:log"),
        reverse("community:mod_member", args=[profile.pk]),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("community:mod_post", args=[post.pk]), {"action": "hide", "reason": "x"}
        ).status_code
        == 403
    )
    post.refresh_from_db()
    assert post.status == Status.VISIBLE
    with pytest.raises(Refused):
        services.moderate(moderator=user, action="hide", reason="x", post=post)


def test_moderators_cannot_be_suspended_from_the_queue(moderator, admin_user):
    with pytest.raises(Refused):
        services.member_suspend(moderator=admin_user, member=moderator, reason="x", days=1)


def test_the_log_is_append_only_and_visible_to_admins(client, post, moderator, admin_user):
    entry = services.moderate(moderator=moderator, action="hide", reason="r", post=post)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.all().update(reason="changed")
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.all().delete()
    client.force_login(admin_user)
    assert client.get(reverse("community:log")).status_code == 200
    admin_list = client.get(reverse("admin:community_moderationaction_changelist"))
    assert admin_list.status_code == 200 and "Hide" in admin_list.content.decode()
    change = client.post(reverse("admin:community_moderationaction_change", args=[entry.pk]), {"reason": "x"})
    assert change.status_code == 403
    assert ModerationAction.objects.get().reason == "r"


def test_deleting_a_post_keeps_the_log(post, patient_user, moderator):
    services.moderate(moderator=moderator, action="hide", reason="r", post=post)
    services.post_delete(user=patient_user, post=post)
    assert ModerationAction.objects.get().post_id_logged == post.pk or ModerationAction.objects.count() == 1


def test_a_comment_can_be_reported_and_hidden(client, post, other_patient_user, moderator):
    comment = services.comment_create(author=other_patient_user, post=post, body="A comment")
    client.force_login(post.author)
    assert (
        client.post(reverse("community:report_comment", args=[comment.pk]), {"reason": "spam"}).status_code
        == 200
    )
    client.force_login(moderator)
    client.post(reverse("community:mod_comment", args=[comment.pk]), {"action": "hide", "reason": "spam"})
    assert Comment.objects.get().status == Status.HIDDEN
    client.force_login(post.author)
    assert "A comment" not in client.get(reverse("community:post", args=[post.pk])).content.decode()
