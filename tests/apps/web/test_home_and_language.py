import pytest
from django.urls import reverse


def test_home_page_is_in_english_by_default(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert b"measured honestly" in response.content
    assert b"No medical advice." in response.content


def test_home_page_follows_the_browser_language(client, db):
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "es"
    assert "Sin consejo médico.".encode() in response.content


def test_language_switch_sets_spanish_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    spanish = client.get(reverse("web:home"))
    assert spanish["Content-Language"] == "es"
    assert b'lang="es"' in spanish.content
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse("web:home"))["Content-Language"] == "en"


def test_language_switch_ignores_unknown_languages(client, db):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert client.get(reverse("web:home"))["Content-Language"] == "en"


def test_pages_use_only_local_assets(client, db):
    body = client.get(reverse("web:home")).content.decode()
    assert "https://" not in body.split("<main")[0]
    assert "/static/vendor/htmx" in body


def test_health_endpoints(client, db):
    assert client.get(reverse("web:health")).content == b"ok"
    assert client.get("/api/health").json()["status"] == "ok"
    assert "openapi" in client.get("/api/openapi.json").json()


def _links(body: bytes) -> set[str]:
    import re

    return set(re.findall(r'href="([^"?#]*)', body.decode()))


def _nav(body: bytes) -> set[str]:
    """The links of the main menu only (the home page's cards repeat some of them)."""
    text = body.decode()
    return _links(text[text.index('<nav class="site-nav"') : text.index("</nav>")].encode())


# Links every visitor finds in the menu: learn, check an offer, self-assess, trials.
EVERYONE = ("learn:index", "learn:offer_check", "selfcheck:start", "trials:list")


def test_navigation_follows_the_role(client, clinician, patient_user, researcher):
    """The menu by role. The patient's own record moved from /clinic/me/ to /my/ (myrecord);
    the addresses are reversed, never spelt out, so the test follows a moved page."""
    worklist, own, research = reverse("clinic:worklist"), reverse("myrecord:home"), reverse("clinic:research")
    client.force_login(clinician)
    menu = _nav(client.get(reverse("web:home")).content)
    assert worklist in menu and own not in menu
    client.force_login(patient_user)
    menu = _nav(client.get(reverse("web:home")).content)
    assert {own, reverse("myrecord:messages")} <= menu and worklist not in menu and research not in menu
    client.force_login(researcher)
    menu = _nav(client.get(reverse("web:home")).content)
    assert research in menu and worklist not in menu and own not in menu


@pytest.mark.parametrize("role", [None, "patient", "clinician", "researcher"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_visitor_finds_the_patient_pages_in_the_menu(client, role, language, request):
    if role is not None:
        client.force_login(request.getfixturevalue({"patient": "patient_user"}.get(role, role)))
    body = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE=language).content
    assert {reverse(name) for name in EVERYONE} <= _nav(body)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_page_leads_a_patient_to_each_of_their_pages(client, patient_user, language):
    """Learn, check an offer, self-assess, trials and my record, from the home page itself."""
    anonymous = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    card = anonymous[anonymous.index('id="for-patients"') :]
    card = card[: card.index("</article>")]
    assert {reverse(name) for name in EVERYONE} | {reverse("accounts:login")} <= _links(card.encode())
    assert f"next={reverse('myrecord:home')}" in card
    client.force_login(patient_user)
    signed_in = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    card = signed_in[signed_in.index('id="for-patients"') :]
    assert reverse("myrecord:home") in _links(card[: card.index("</article>")].encode())


def test_the_menu_and_the_home_page_are_spanish_in_spanish(client, db):
    body = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    menu = body[body.index('<nav class="site-nav"') : body.index("</nav>")]
    for spanish in ("Aprender", "Comprobar una oferta", "¿Es para mí?", "Ensayos"):
        assert spanish in menu
    for english in ("Learn", "Check an offer", "Is it for me?", "Trials"):
        assert f">{english}<" not in menu
    assert "¿Es la terapia con células madre adecuada para mí?" in body
