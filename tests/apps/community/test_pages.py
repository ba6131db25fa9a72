"""Every community page opens, on a phone-first layout, in English and Spanish; and none shows
anything from the member's clinical record, however rich it is."""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver, reverse

from synovia.community import services
from synovia.community.models import Kind, Topic
from synovia.community.services import ExperienceInput
from tests.apps.access import test_audit_walk
from tests.apps.access.test_audit_walk import FAMILY, RECORD, _patterns
from tests.apps.community.conftest import image_bytes

world = test_audit_walk.world  # a treated patient with a record of everything, linked to "pat"

pytestmark = pytest.mark.django_db


def _community_routes() -> list[tuple[str, str]]:
    return [(name, route) for name, route in _patterns(get_resolver()) if name.startswith("community:")]


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


@pytest.fixture
def community(world, patient_user, other_patient_user, moderator):
    """The patient with the rich record takes part in every way the community offers."""
    services.profile_update(user=patient_user, display_name="Sunflower", email_notifications=True,
                            avatar_data=image_bytes("PNG", (64, 64)))  # fmt: skip
    post = services.post_create(
        author=patient_user,
        topic=Topic.STEM_CELL,
        body="My hands after the trip",
        picture_data=image_bytes("JPEG"),
    )
    question = services.post_create(
        author=patient_user, topic=Topic.QUESTIONS, kind=Kind.QUESTION, body="Ice or heat?"
    )
    answer = services.comment_create(author=other_patient_user, post=question, body="Heat, for me")
    services.answer_accept(user=patient_user, comment=answer)
    services.comment_create(author=patient_user, post=post, body="Thank you all")
    x = ExperienceInput("MX", "umbilical_cord", 16000, "USD", "", 4, 3, None)
    services.post_create(author=patient_user, topic=Topic.STEM_CELL, body="Cancun clinic, $16K", experience=x)
    services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="call +34 612 345 678")  # held
    services.report_create(reporter=other_patient_user, reason="other", post=post)
    services.member_warn(moderator=moderator, member=patient_user, reason="Be kind")
    services.follow_toggle(user=patient_user, topic=Topic.DAILY_LIFE)
    return {
        "post_id": str(post.pk),
        "comment_id": str(answer.pk),
        "picture_id": str(post.picture_id),
        "profile_id": str(services.profile_for(patient_user).pk),
        "topic": Topic.DAILY_LIFE,
    }


def _clinical_values(patient) -> list[str]:
    ae = patient.adverse_events.first()
    return [
        RECORD,
        FAMILY,
        patient.pseudonym,
        patient.email,
        patient.clinic.name,
        patient.clinic.city,
        ae.term,
        "LOT-W",
        "Infusion related reaction",
        patient.birth_date.isoformat(),
        "1.5 mg/dL",
        *(f"{v.das28_esr:.2f}" for v in patient.visits.all() if v.das28_esr is not None),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_community_page_shows_the_clinical_record(
    client, world, community, patient_user, moderator, language
):
    values = _clinical_values(world)
    client.cookies["django_language"] = language
    seen = 0
    for persona in (patient_user, moderator):
        client.force_login(persona)
        for name, route in _community_routes():
            path = _fill(route, community)
            response = client.get(path, {"q": "hands"} if name == "community:search" else {})
            assert response.status_code < 500, (name, response.status_code)
            if response.status_code in (403, 405):
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            seen += 1
            for value in values:
                assert value not in text, (persona.username, name, value)
    assert seen >= 20, seen


def test_every_page_answers_for_a_member(client, community, patient_user):
    client.force_login(patient_user)
    opened = set()
    for name, route in _community_routes():
        response = client.get(_fill(route, community))
        assert response.status_code in (200, 403, 405), (name, response.status_code)
        if response.status_code == 200:
            opened.add(name)
    assert {"community:feed", "community:post", "community:experiences", "community:profile"} <= opened


def test_spanish_pages_are_in_spanish(client, community, patient_user):
    client.force_login(patient_user)
    client.cookies["django_language"] = "es"
    body = client.get(reverse("community:feed")).content.decode()
    assert "Comunidad" in body and "Escribir una publicación" in body


def test_offer_without_registry_id_shows_the_warning_and_the_offer_check_link(
    client, community, patient_user
):
    client.force_login(patient_user)
    body = client.get(reverse("community:feed")).content.decode()
    assert "Unproven treatment?" in body and f'href="{reverse("learn:offer_check")}"' in body


def test_search_finds_words_and_paginates(client, patient_user):
    for i in range(25):
        services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body=f"gardening tip number {i}")
    services.post_create(author=patient_user, topic=Topic.DAILY_LIFE, body="nothing to see")
    client.force_login(patient_user)
    first = client.get(reverse("community:search"), {"q": "gardening"})
    assert first.status_code == 200 and first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20
    second = client.get(reverse("community:search"), {"q": "gardening", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    assert client.get(reverse("community:feed"), {"page": "banana"}).status_code == 200


def test_a_patient_shares_a_chart_of_their_own_record_without_identifiers(client, world, patient_user):
    import datetime as dt
    import io

    from PIL import Image

    from synovia.access.models import AuditEvent
    from synovia.clinic import services as clinic_services
    from synovia.community.models import Post
    from tests.apps.clinic.conftest import visit_inputs

    clinician = world.clinic.members.filter(role="clinician").first()
    clinic_services.visit_record(
        patient=world, by=clinician, visit_date=dt.date(2026, 4, 15), kind="unscheduled", **visit_inputs()
    )
    client.force_login(patient_user)
    # the last id, not a count: a PostgreSQL sequence does not rewind with a test's rollback
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(
        reverse("community:post_new"),
        {"topic": "treatments", "kind": "post", "body": "", "share_chart": "on", "token": "chart-1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(token="chart-1")
    data = (pictures_dir() / post.picture.file_name).read_bytes()
    assert Image.open(io.BytesIO(data)).format == "PNG"
    for value in _clinical_values(world):
        assert value.encode() not in data
    assert b"tEXt" not in data and b"eXIf" not in data
    read = AuditEvent.objects.filter(pk__gt=before, purpose="community chart").get()
    assert read.subjects.filter(patient=world).exists()


def test_only_a_patient_with_a_record_can_share_a_chart(client, other_patient_user, clinician):
    for user, status in ((other_patient_user, 404), (clinician, 403)):
        client.force_login(user)
        response = client.post(
            reverse("community:post_new"),
            {"topic": "treatments", "kind": "post", "body": "x", "share_chart": "on"},
        )
        assert response.status_code == status
    from synovia.community.models import Post

    assert not Post.objects.exists()


def test_the_chart_drawing_receives_months_and_scores_only():
    import datetime as dt

    from synovia.community import chart_share

    points = chart_share.relative([(dt.date(2026, 1, 15), 5.4), (dt.date(2026, 7, 15), 3.1)])
    assert points == [(0.0, 5.4), (5.9, 3.1)]
    assert chart_share.draw(points).startswith(b"\x89PNG")


def pictures_dir():
    from synovia.community import pictures

    return pictures.picture_dir()
