from django.urls import reverse

from synovia.trials.importing import catalog_dir
from synovia.trials.models import Offer


def test_trial_list_shows_every_trial_with_its_registry_id(client, catalog):
    body = client.get(reverse("trials:list")).content.decode()
    for path in catalog_dir().glob("NCT*.json"):
        assert path.stem in body
    assert "Registered trial" in body


def test_unregistered_offer_always_carries_the_warning(client, catalog):
    Offer.objects.create(name="Miracle cells", provider="Clinic X", kind="unregistered_offer")
    body = client.get(reverse("trials:list")).content.decode()
    assert "Unregistered offer" in body
    assert "Unproven stem-cell treatments" in body


def test_trial_page_summarises_who_can_join(client, catalog):
    body = client.get(reverse("trials:detail", args=["NCT01547091"])).content.decode()
    assert "Who can join, in short" in body
    assert "NCT01547091" in body
    assert "You cannot join if" in body


def test_trial_page_warns_when_criteria_were_not_seen_whole(client, catalog):
    body = client.get(reverse("trials:detail", args=["NCT01261403"])).content.decode()
    assert "were not seen whole" in body


def test_unknown_trial_is_404(client, catalog):
    assert client.get(reverse("trials:detail", args=["NCT00000000"])).status_code == 404


def test_match_page_explains_each_criterion(client, catalog):
    response = client.post(reverse("trials:match"), {"age_years": "45", "sex": "female", "pregnant": "yes"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your results: recruiting trials first" in body
    assert "criteria, one by one" in body
    assert "Not known yet" in body and "the study needs:" in body
    assert "You are 45" in body


def test_match_page_never_calls_a_trial_eligible_when_lists_were_cut_short(client, catalog):
    response = client.post(reverse("trials:match"), {"age_years": "45"})
    results = response.context["results"]
    by_id = {item.trial.registry_id: item.match.verdict for item in results}
    assert by_id["NCT01261403"] != "eligible"


def test_match_converts_crp_from_mg_dl(client, catalog):
    from synovia.trials.forms import FactsForm

    form = FactsForm(
        {"crp_mg_l": "1.5", "crp_mg_l__unit": "mg/dL", "hemoglobin_g_l": "12", "hemoglobin_g_l__unit": "g/dL"}
    )
    assert form.is_valid(), form.errors
    assert form.facts() == {"crp_mg_l": 15.0, "hemoglobin_g_l": 120.0}


def test_blank_is_unknown_and_never_is_null(db):
    from synovia.trials.forms import FactsForm

    form = FactsForm({"malignancy_years_ago__never": "on", "failed_biologics": "none", "hbv": "no"})
    assert form.is_valid(), form.errors
    assert form.facts() == {"malignancy_years_ago": None, "failed_biologics": [], "hbv": False}


def test_time_and_never_together_is_an_error(db):
    from synovia.trials.forms import FactsForm

    form = FactsForm({"malignancy_years_ago": "3", "malignancy_years_ago__never": "on"})
    assert not form.is_valid()


def test_out_of_range_fact_is_refused_with_a_message(client, catalog):
    response = client.post(reverse("trials:match"), {"age_years": "300"})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert response.context["form"].errors["age_years"]


def test_facts_never_travel_in_the_url(client, catalog):
    body = client.get(reverse("trials:match")).content.decode()
    assert 'method="post"' in body


def test_patient_matches_on_their_own_record_and_the_read_is_logged(
    client, catalog, patient_user, clinic, make_patient
):

    from synovia.access.models import AuditEvent

    record = make_patient(clinic, "OWN-1")
    record.user = patient_user
    record.save()
    client.force_login(patient_user)
    page = client.get(reverse("trials:match"))
    assert "Check with my clinic record" in page.content.decode()
    response = client.post(reverse("trials:match"), {"use_record": "1"})
    assert response.status_code == 200
    assert response.context["from_record"] is True
    assert len(response.context["results"]) == 16
    assert (
        AuditEvent.objects.filter(
            user=patient_user, subjects__patient=record, purpose="own trial matches"
        ).count()
        == 1
    )


def test_other_roles_do_not_get_the_record_button(client, catalog, clinician):
    client.force_login(clinician)
    page = client.get(reverse("trials:match"))
    assert "Check with my clinic record" not in page.content.decode()


def test_catalog_lists_recruiting_first_and_filters_by_status_and_country(client, catalog):
    rows = client.get(reverse("trials:list")).context["rows"]
    from synovia.trials.registry import status_rank

    ranks = [status_rank(r["trial"].status) for r in rows]
    assert ranks == sorted(ranks)
    only = client.get(reverse("trials:list"), {"status": "COMPLETED"}).context["rows"]
    assert only and {r["trial"].status for r in only} == {"COMPLETED"}
    china = client.get(reverse("trials:list"), {"country": "China"}).context["rows"]
    assert china and all("China" in r["countries"] for r in china)
    # a stray filter value shows everything rather than an error
    assert (
        len(client.get(reverse("trials:list"), {"status": "<script>", "country": "x" * 500}).context["rows"])
        == 16
    )


def test_registry_ids_link_to_the_official_registry(client, catalog):
    body = client.get(reverse("trials:detail", args=["NCT03828344"])).content.decode()
    assert "https://clinicaltrials.gov/study/NCT03828344" in body
    irct = client.get(reverse("trials:detail", args=["IRCT trial page 55387"])).content.decode()
    assert "https://irct.behdasht.gov.ir/trial/55387" in irct
    assert "IRCT, trial page 55387" in irct


def test_trial_pages_show_no_code_in_spanish(client, catalog):
    import re

    from synovia.core.eligibility.facts import FACTS
    from synovia.trials.models import Trial

    codes = ("RECRUITING", "COMPLETED", "TERMINATED", "UNKNOWN", "PHASE1", "PHASE2", "NOT_YET_RECRUITING")
    for trial in Trial.objects.all():
        url = reverse("trials:detail", args=[trial.registry_id])
        text = re.sub(r"<[^>]+>", " ", client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode())
        assert [c for c in codes if re.search(rf"\b{c}\b", text)] == [], trial.registry_id
        assert [n for n in FACTS if "_" in n and n in text] == []
        assert "Quién puede participar" in text
