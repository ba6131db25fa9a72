"""Adverse events are recorded with a CTCAE v5.0 term from the shipped list (searchable, its
grade descriptions shown); free text only as "Other, specify"."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from synovia.core import ctcae

pytestmark = pytest.mark.django_db

EVENT = {"onset": "2026-01-20", "relatedness": "possible", "outcome": "recovering",
         "action_taken": "none", "idempotency_key": "a" * 32}  # fmt: skip


def test_the_data_file_names_its_source_and_is_complete():
    data = json.loads((resources.files("synovia.data") / "ctcae" / "ctcae_v5_selection.json").read_text())
    assert "National Cancer Institute" in data["source"]["citation"]
    assert data["source"]["url"].startswith("https://ctep.cancer.gov/")
    assert set(data["generic_grades"]) == {"1", "2", "3", "4", "5"}
    for row in data["terms"]:
        assert row["soc"] in data["socs"], row["term"]
        assert row["es"], row["term"]
        if row["grades"] is not None:
            assert set(row["grades"]) == {"1", "2", "3", "4", "5"}, row["term"]
            assert any(row["grades"].values()), row["term"]
    common = [t for t in ctcae.terms().values() if t.common]
    assert len(common) >= 15 and all(t.specific for t in common)
    for needed in ("Infusion related reaction", "Cytokine release syndrome", "Arthralgia", "Lung infection"):
        assert needed in {t.term for t in ctcae.terms().values()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("infusion", "Infusion related reaction"), ("INFUSIÓN", "Infusion related reaction"),
     ("nausea", "Nausea"), ("náuseas", "Nausea"), ("dolor articular", None), ("artralgia", "Arthralgia"),
     ("fiebre", "Fever"), ("neutrophil", "Neutrophil count decreased"), ("infección", "Lung infection")],
)  # fmt: skip
def test_search_finds_terms_in_english_and_spanish(query, expected):
    found = [t.term for t in ctcae.search(query)]
    if expected is None:
        assert all(isinstance(t, str) for t in found)
    else:
        assert expected in found


@given(st.text(max_size=80))
def test_search_never_fails_and_stays_bounded(text):
    assert len(ctcae.search(text)) <= 25


def test_a_listed_term_with_one_of_its_grades_is_stored_by_its_ctcae_name(client, clinician, patient):
    client.force_login(clinician)
    url = reverse("clinic:adverse_event", args=[patient.pk])
    response = client.post(url, EVENT | {"term_code": "infusion_related_reaction", "grade": "2"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = patient.adverse_events.get()
    assert (event.term, event.grade) == ("Infusion related reaction", 2)


def test_a_grade_the_term_does_not_have_is_refused_beside_the_grade(client, clinician, patient):
    client.force_login(clinician)
    url = reverse("clinic:adverse_event", args=[patient.pk])
    response = client.post(url, EVENT | {"term_code": "fatigue", "grade": "4"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("has no grade 4") == 1
    assert not patient.adverse_events.exists()


def test_free_text_only_as_other_specify_with_its_soc(client, clinician, patient):
    client.force_login(clinician)
    url = reverse("clinic:adverse_event", args=[patient.pk])
    assert client.post(url, EVENT | {"term_code": "Headache pounding", "grade": "1"}).status_code == 400
    response = client.post(url, EVENT | {"term_code": "other", "grade": "1", "other_text": "x"})
    assert response.status_code == 400 and "system organ class" in response.content.decode()
    soc = "Musculoskeletal and connective tissue disorders"
    response = client.post(url, EVENT | {"term_code": "other", "grade": "2", "other_soc": soc,
                                         "other_text": "  Baker   cyst rupture "})  # fmt: skip
    assert response.status_code == 302
    assert patient.adverse_events.get().term == f"{soc} - Other, specify: Baker cyst rupture"


def test_search_and_grades_partials(client, clinician):
    client.force_login(clinician)
    html = client.post(reverse("clinic:ctcae_search"), {"q": "fiebre"}).content.decode()
    assert 'value="fever"' in html and 'value="other"' in html
    html = client.get(reverse("clinic:ctcae_grades"), {"term_code": "fever"}).content.decode()
    assert "&gt;40.0 degrees C" in html
    assert client.get(reverse("clinic:ctcae_search")).status_code == 405
    html = client.get(reverse("clinic:ctcae_grades"), {"term_code": "fatigue"}).content.decode()
    assert html.count("disabled") == 2  # fatigue has no grade 4 or 5


def test_the_form_preselects_no_grade_relatedness_or_outcome(client, clinician, patient):
    client.force_login(clinician)
    html = client.get(reverse("clinic:adverse_event", args=[patient.pk])).content.decode()
    assert " checked" not in html.split('id="grade-choices"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="term_code" value="infusion_related_reaction" required>' in html.replace(" checked", "X")


# Key phrases of CTCAE v5.0 (U.S. DHHS, NIH, NCI, 27 November 2017) for the terms of the hours
# after an MSC infusion or injection; None: CTCAE has no such grade for the term (an em dash).
CTCAE_V5 = {
    "infusion_related_reaction": {
        1: "Mild transient reaction; infusion interruption not indicated; intervention not indicated",
        2: "prophylactic medications indicated for <=24 hrs",
        3: "recurrence of symptoms following initial improvement; hospitalization indicated",
        4: "Life-threatening consequences; urgent intervention indicated",
        5: "Death",
    },
    "fever": {
        1: "38.0 - 39.0 degrees C",
        2: ">39.0 - 40.0 degrees C",
        3: ">40.0 degrees C (>104.0 degrees F) for <=24 hrs",
        4: ">40.0 degrees C (>104.0 degrees F) for >24 hrs",
        5: "Death",
    },
    "chills": {
        1: "Mild sensation of cold",
        2: "narcotics indicated",
        3: "not responsive to narcotics",
        4: None,
        5: None,
    },
    "cytokine_release_syndrome": {
        1: "Fever with or without constitutional symptoms",
        2: "hypoxia responding to <40% O2",
        3: "Hypotension managed with one pressor",
        4: "Life-threatening",
        5: "Death",
    },
    "anaphylaxis": {
        1: None,
        2: None,
        3: "Symptomatic bronchospasm, with or without urticaria",
        4: "Life-threatening",
        5: "Death",
    },
    "allergic_reaction": {
        1: "Systemic intervention not indicated",
        2: "Oral intervention indicated",
        3: "Bronchospasm; hospitalization indicated",
        4: "Life-threatening",
        5: "Death",
    },
    "infusion_site_extravasation": {
        1: "Painless edema",
        2: "Erythema with associated symptoms",
        3: "Ulceration or necrosis",
        4: "Life-threatening",
        5: "Death",
    },
    "injection_site_reaction": {
        1: "Tenderness with or without associated symptoms",
        2: "Pain; lipodystrophy; edema; phlebitis",
        3: "Ulceration or necrosis",
        4: "Life-threatening",
        5: "Death",
    },
    "hypotension": {
        1: "Asymptomatic, intervention not indicated",
        2: "Non-urgent medical intervention indicated",
        3: "Medical intervention indicated; hospitalization indicated",
        4: "Life-threatening",
        5: "Death",
    },
}


@pytest.mark.parametrize("code", sorted(CTCAE_V5))
def test_the_infusion_terms_carry_the_ctcae_v5_descriptions_and_the_form_shows_them(client, clinician, code):
    term = ctcae.term(code)
    for grade, phrase in CTCAE_V5[code].items():
        text = term.grades.get(grade)
        assert (text is None) if phrase is None else (phrase in (text or "")), (code, grade, text)
    client.force_login(clinician)
    html = client.get(reverse("clinic:ctcae_grades"), {"term_code": code}).content.decode()
    for grade, phrase in CTCAE_V5[code].items():
        if phrase is not None:
            assert phrase.replace(">", "&gt;").replace("<", "&lt;") in html, (code, grade)
    assert html.count("disabled") == sum(p is None for p in CTCAE_V5[code].values())
