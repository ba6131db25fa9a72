"""Search: PostgreSQL full-text search where the engine is PostgreSQL, a substring match on
SQLite. Run this file with DATABASE_URL=postgres://... to exercise the PostgreSQL path."""

from __future__ import annotations

import pytest
from django.db import connection

from synovia.community import selectors, services
from synovia.community.models import Topic

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


@pytest.fixture
def posts(patient_user, other_patient_user, moderator):
    make = services.post_create
    found = {
        "title": make(author=patient_user, topic=Topic.TREATMENTS, title="Methotrexate nausea", body="tips?"),
        "body": make(
            author=patient_user, topic=Topic.TREATMENTS, body="Folic acid helps my methotrexate nausea"
        ),
        "spanish": make(author=patient_user, topic=Topic.DAILY_LIFE, body="El metotrexato me da náuseas"),
        "other": make(author=patient_user, topic=Topic.DAILY_LIFE, body="Walking the dog in the rain"),
        "held": make(author=patient_user, topic=Topic.DAILY_LIFE, body="methotrexate +34 612 345 678"),
        "hidden": make(author=patient_user, topic=Topic.DAILY_LIFE, body="methotrexate hidden one"),
    }
    services.moderate(moderator=moderator, action="hide", reason="r", post=found["hidden"])
    return found


def _ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def test_search_finds_posts_by_their_words(posts, other_patient_user):
    assert _ids(selectors.search(other_patient_user, "methotrexate")) == {posts["title"].pk, posts["body"].pk}
    assert _ids(selectors.search(other_patient_user, "metotrexato")) == {posts["spanish"].pk}
    assert _ids(selectors.search(other_patient_user, "  ")) == set()


def test_search_never_shows_held_or_hidden_posts_to_others(posts, patient_user, other_patient_user):
    theirs = _ids(selectors.search(other_patient_user, "methotrexate"))
    assert posts["held"].pk not in theirs and posts["hidden"].pk not in theirs
    mine = _ids(selectors.search(patient_user, "methotrexate"))
    assert posts["held"].pk in mine  # the author finds their own held post


def test_search_is_bounded_and_survives_hostile_queries(posts, other_patient_user):
    for query in ("x" * 10_000, "' OR 1=1 --", "a & b | !c", "\x00", "(((", '"unclosed', "-"):
        list(selectors.search(other_patient_user, query)[:5])


@on_postgres
def test_postgres_ranks_title_matches_first_and_understands_web_syntax(posts, other_patient_user):
    ranked = list(selectors.search(other_patient_user, "methotrexate nausea").values_list("pk", flat=True))
    assert ranked[:2] == [posts["title"].pk, posts["body"].pk]
    excluded = _ids(selectors.search(other_patient_user, "methotrexate -folic"))
    assert excluded == {posts["title"].pk}
    assert _ids(selectors.search(other_patient_user, "nausea OR dog")) == {
        posts["title"].pk,
        posts["body"].pk,
        posts["other"].pk,
    }
