"""The self-assessment from start to result, without an account, with the plain form and HTMX."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from synovia.core.eligibility.facts import FACTS
from synovia.selfcheck.questions import MAX_STEPS, STEPS
from tests.apps.selfcheck.conftest import ANSWERS, answer_all

pytestmark = pytest.mark.django_db


def test_at_most_fifteen_screens():
    assert len(STEPS) <= MAX_STEPS == 15


def test_anyone_finishes_and_gets_an_explained_result(catalog):
    client = Client()
    seen = answer_all(client)
    assert seen == [s.key for s in STEPS]
    page = client.get("/selfcheck/result/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "may fit" in body and "Red flags" in body and "Your next step" in body
    assert "candidate" not in body.lower()
    assert "RAPID3" in body
    # no fact code nor expression on the page
    codes = [name for name in FACTS if "_" in name and re.search(rf"\b{name}\b", body)]
    assert codes == []
    assert not re.search(r"(>=|<=|not \(| is false| is true)", re.sub(r"<[^>]+>", " ", body))


def test_a_man_skips_the_pregnancy_screen(catalog):
    client = Client()
    answers = {**ANSWERS, "sex": {"sex": "male"}}
    seen = answer_all(client, answers)
    assert "pregnancy" not in seen and len(seen) == len(STEPS) - 1


def test_back_goes_to_the_previous_screen_and_keeps_the_answer(catalog):
    client = Client()
    client.post("/selfcheck/", {"begin": "1"})
    client.post("/selfcheck/question/", {"age": "52"})
    assert client.get("/selfcheck/question/").context["step"].key == "sex"
    client.post("/selfcheck/question/", {"back": "1"})
    page = client.get("/selfcheck/question/")
    assert page.context["step"].key == "age"
    assert page.context["form"].initial["age"] == "52"


def test_htmx_swaps_the_next_screen_in_place(catalog):
    client = Client()
    client.post("/selfcheck/", {"begin": "1"})
    response = client.post("/selfcheck/question/", {"age": "52"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.context["step"].key == "sex"
    assert 'id="selfcheck"' in response.content.decode()


@pytest.mark.parametrize(
    ("key", "data"),
    [
        ("age", {"age": "-1"}),
        ("age", {"age": "1000"}),
        ("age", {"age": "fifty"}),
        ("age", {"age": "9" * 400}),
    ],
)
def test_bad_answers_are_refused_with_a_message(key, data):
    client = Client()
    client.post("/selfcheck/", {"begin": "1"})
    response = client.post("/selfcheck/question/", data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert client.session["selfcheck"]["answers"] == {}


def test_the_result_needs_the_answers_first():
    response = Client().get("/selfcheck/result/")
    assert response.status_code == 302 and response["Location"].endswith("/selfcheck/")


def test_answers_stay_in_the_session_not_the_address(catalog):
    client = Client()
    answer_all(client)
    assert client.session["selfcheck"]["answers"]["age"] == {"age": "52"}
    from synovia.selfcheck.models import SavedAssessment

    assert SavedAssessment.objects.count() == 0


def test_a_signed_in_person_may_save_and_delete_the_answers(catalog, patient_user):
    from synovia.selfcheck.models import SavedAssessment

    client = Client()
    client.force_login(patient_user)
    answer_all(client)
    client.post("/selfcheck/save/", {"save": "1"})
    assert SavedAssessment.objects.get(user=patient_user).answers["age"] == {"age": "52"}
    client.post("/selfcheck/save/", {"forget": "1"})
    assert not SavedAssessment.objects.filter(user=patient_user).exists()


def test_spanish_result(catalog):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    answer_all(client)
    body = client.get("/selfcheck/result/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Su siguiente paso" in body
    assert "Your next step" not in body
