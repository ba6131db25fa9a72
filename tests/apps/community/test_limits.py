"""Per-member rate limits for posting, commenting and reporting: a clear 429, nothing stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from synovia.community import services
from synovia.community.models import Comment, Post, Report, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.SYNOVIA_COMMUNITY_LIMITS = {"post": (2, 3600), "comment": (3, 3600), "report": (2, 86400)}


def test_posting_is_limited_per_member(client, tight, patient_user, other_patient_user):
    client.force_login(patient_user)
    for i in range(2):
        data = {"topic": "daily_life", "kind": "post", "body": f"post {i}"}
        assert client.post(reverse("community:post_new"), data).status_code == 302
    response = client.post(
        reverse("community:post_new"), {"topic": "daily_life", "kind": "post", "body": "three"}
    )
    assert response.status_code == 429
    assert "limit of 2 posts in 60 minutes" in response.content.decode()
    assert Post.objects.filter(author=patient_user).count() == 2
    services.post_create(
        author=other_patient_user, topic=Topic.DAILY_LIFE, body="another member is not limited"
    )


def test_commenting_is_limited(client, tight, patient_user, other_patient_user):
    post = services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="hello")
    client.force_login(other_patient_user)
    statuses = [
        client.post(reverse("community:comment", args=[post.pk]), {"body": f"c{i}"}).status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert Comment.objects.count() == 3


def test_reporting_is_limited(client, tight, settings, patient_user, other_patient_user):
    settings.SYNOVIA_COMMUNITY_LIMITS = {**settings.SYNOVIA_COMMUNITY_LIMITS, "post": (10, 3600)}
    posts = [
        services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body=f"p{i}") for i in range(3)
    ]
    client.force_login(other_patient_user)
    statuses = [
        client.post(reverse("community:report_post", args=[p.pk]), {"reason": "spam"}).status_code
        for p in posts
    ]
    assert statuses == [200, 200, 429]
    assert Report.objects.count() == 2


def test_every_refusal_is_a_4xx_with_a_message(client, patient_user, other_patient_user):
    post = services.post_create(author=patient_user, topic=Topic.QUESTIONS, body="not a question")
    comment = services.comment_create(author=other_patient_user, post=post, body="hi")
    client.force_login(other_patient_user)
    cases = [
        (reverse("community:react", args=[post.pk]), {"type": "bogus"}),
        (reverse("community:accept", args=[comment.pk]), {}),
        (reverse("community:helpful", args=[comment.pk]), {}),
        (reverse("community:post_delete", args=[post.pk]), {}),
        (reverse("community:comment", args=[post.pk]), {"body": ""}),
        (reverse("community:comment", args=[post.pk]), {"body": "x" * 3000}),
        (reverse("community:follow_topic", args=["nonsense"]), {}),
        (reverse("community:report_post", args=[post.pk]), {"reason": "nope"}),
        (reverse("community:post", args=[999999]), None),
        (reverse("community:profile"), {"display_name": "ab"}),
    ]
    for url, data in cases:
        response = client.get(url) if data is None else client.post(url, data)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        assert response.content.strip(), url
