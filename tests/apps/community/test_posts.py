"""Posts carry text, a picture, or both; never neither (service, form and database)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.community import services
from synovia.community.models import Comment, Follow, Kind, Notification, Post, Status, Topic
from synovia.community.services import ExperienceInput, Refused

pytestmark = pytest.mark.django_db


def test_text_only_picture_only_and_both_are_accepted(patient_user, png):
    text = services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="Morning stiffness today")
    picture = services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="", picture_data=png)
    both = services.post_create(
        author=patient_user, topic=Topic.DAILY_LIFE, body="My hands", picture_data=png
    )
    assert text.picture is None and picture.body == "" and both.picture and both.body
    assert {p.status for p in (text, picture, both)} == {Status.VISIBLE}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blank=st.text(alphabet=" \t\n\r\x00\u00a0\u2003", max_size=30))
def test_neither_text_nor_picture_is_refused(blank, patient_user):
    user = patient_user
    with pytest.raises(Refused) as refused:
        services.post_create(author=user, topic=Topic.DAILY_LIFE, body=blank)
    assert refused.value.status == 400
    assert not Post.objects.filter(author=user).exists()


def test_the_database_refuses_a_post_with_neither(patient_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(author=patient_user, topic=Topic.DAILY_LIFE, body="")


def test_the_form_says_why_a_blank_post_is_refused(client, patient_user):
    client.force_login(patient_user)
    response = client.post(
        reverse("community:post_new"), {"topic": "daily_life", "kind": "post", "body": "  "}
    )
    assert response.status_code == 400
    assert "A post needs text, a picture, or both." in response.content.decode()
    assert not Post.objects.exists()


def test_posting_through_the_page_is_idempotent(client, patient_user):
    client.force_login(patient_user)
    data = {"topic": "daily_life", "kind": "post", "body": "Hello all", "token": "tok-1"}
    first = client.post(reverse("community:post_new"), data)
    second = client.post(reverse("community:post_new"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Post.objects.count() == 1


def test_question_answer_accept_and_helpful(patient_user, other_patient_user, clinician):
    question = services.post_create(
        author=patient_user,
        topic=Topic.QUESTIONS,
        kind=Kind.QUESTION,
        body="Does cold weather make it worse?",
    )
    answer = services.comment_create(author=other_patient_user, post=question, body="For me, yes.")
    assert services.helpful_toggle(user=clinician, comment=answer) is True
    with pytest.raises(Refused):
        services.helpful_toggle(user=other_patient_user, comment=answer)  # one's own answer
    with pytest.raises(Refused) as refused:
        services.answer_accept(user=other_patient_user, comment=answer)
    assert refused.value.status == 403
    services.answer_accept(user=patient_user, comment=answer)
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert Notification.objects.filter(user=other_patient_user, event="accepted").exists()


def test_followers_of_a_thread_and_a_topic_are_notified_and_emailed_without_content(
    patient_user, other_patient_user, mailoutbox
):
    services.follow_toggle(user=other_patient_user, topic=Topic.STEM_CELL)
    profile = services.profile_for(other_patient_user)
    profile.email_notifications = True
    profile.save()
    post = services.post_create(author=patient_user, topic=Topic.STEM_CELL, body="My infusion went fine")
    assert Notification.objects.filter(user=other_patient_user, event="post", post=post).exists()
    services.comment_create(author=other_patient_user, post=post, body="Glad to hear about your knees")
    assert Follow.objects.filter(user=other_patient_user, post=post).exists()
    assert Notification.objects.filter(user=patient_user, event="comment").exists()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    for secret in ("infusion", "knees", "stem", "Stem", "/posts/"):
        assert secret not in mail.subject + mail.body


def test_reactions_toggle(patient_user, other_patient_user):
    post = services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="A good day")
    assert services.reaction_toggle(user=other_patient_user, post=post, type="support") is True
    assert services.reaction_toggle(user=other_patient_user, post=post, type="support") is False
    with pytest.raises(Refused):
        services.reaction_toggle(user=other_patient_user, post=post, type="<script>")


def test_comments_on_a_held_post_are_refused(patient_user, other_patient_user):
    post = services.post_create(
        author=patient_user, topic=Topic.DAILY_LIFE, body="Call me on +34 612 345 678"
    )
    assert post.status == Status.HELD
    with pytest.raises(Refused) as refused:
        services.comment_create(author=other_patient_user, post=post, body="Hi")
    assert refused.value.status == 403
    assert not Comment.objects.exists()


def test_experience_report_is_stored_and_checked(patient_user):
    good = ExperienceInput("MX", "umbilical_cord", None, "", "", 3, None, None)
    post = services.post_create(author=patient_user, topic=Topic.STEM_CELL, body="My trip", experience=good)
    assert post.kind == Kind.EXPERIENCE and post.experience.country == "MX"
    for bad in (
        ExperienceInput("MX", "unknown", 16000, "", "", None, None, None),  # cost without currency
        ExperienceInput("MX", "unknown", None, "", "not-a-registry-id", None, None, None),
    ):
        with pytest.raises(Refused):
            services.post_create(author=patient_user, topic=Topic.STEM_CELL, body="x", experience=bad)
