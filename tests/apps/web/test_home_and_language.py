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


def test_navigation_follows_the_role(client, clinician, patient_user, researcher):
    client.force_login(clinician)
    assert b'href="/clinic/"' in client.get(reverse("web:home")).content
    client.force_login(patient_user)
    body = client.get(reverse("web:home")).content
    assert b'href="/clinic/me/"' in body and b'href="/clinic/"' not in body
    client.force_login(researcher)
    body = client.get(reverse("web:home")).content
    assert b'href="/clinic/research/"' in body and b'href="/clinic/"' not in body
