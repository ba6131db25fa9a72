import re

from django.core import mail
from django.urls import reverse


def test_login_page_renders(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_login_with_the_right_password_signs_in(client, clinician, password):
    response = client.post(reverse("accounts:login"), {"username": "doc", "password": password})
    assert response.status_code == 302
    home = client.get(reverse("web:home"))
    assert b"doc" in home.content and b"Sign out" in home.content


def test_login_with_a_wrong_password_is_refused(client, clinician):
    response = client.post(reverse("accounts:login"), {"username": "doc", "password": "wrong-one-123"})
    assert response.status_code == 200
    assert b"did not match" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_signs_out(client, clinician):
    client.force_login(clinician)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_requires_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_password_change_works(client, patient_user, password):
    client.force_login(patient_user)
    new = "another-long-password-42"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    patient_user.refresh_from_db()
    assert patient_user.check_password(new)


def test_password_reset_sends_a_link_by_email(client, patient_user):
    response = client.post(reverse("accounts:password_reset"), {"email": patient_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    confirm = client.get(link.group(1), follow=True)
    assert confirm.status_code == 200
    assert b"Choose a new password" in confirm.content


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []
