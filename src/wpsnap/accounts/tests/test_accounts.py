import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from wpsnap.conftest import PASSWORD


def test_login_and_logout(client, make_user, db):
    make_user("sophea")
    response = client.post(reverse("accounts:login"),
                           {"username": "sophea", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:home")
    assert client.get(reverse("plans:home")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("plans:home")).status_code == 302


def test_failed_logins_are_throttled(client, make_user, db):
    make_user("sophea")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "sophea", "password": "wrong"})
    response = client.post(reverse("accounts:login"),
                           {"username": "sophea", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()


def test_language_switch_is_remembered_for_anonymous_visitors(client, db):
    response = client.post(reverse("accounts:set_language"),
                           {"language": "km", "next": reverse("accounts:login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "km"
    page = client.get(reverse("accounts:login"))
    assert page["Content-Language"] == "km"
    assert '<html lang="km">' in page.content.decode()


def test_language_switch_is_saved_on_the_user(client, make_user, db):
    user = make_user("sophea")
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "km", "next": "/plans/"})
    user.refresh_from_db()
    assert user.language == "km"
    # A new session (another device, no cookie) still gets Khmer.
    client.cookies.clear()
    client.force_login(user)
    assert client.get(reverse("plans:home"))["Content-Language"] == "km"


def test_language_switch_ignores_foreign_redirects(client, db):
    response = client.post(reverse("accounts:set_language"),
                           {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_password_reset_sends_a_link(client, make_user, db):
    make_user("sophea")
    response = client.post(reverse("accounts:password_reset"), {"email": "sophea@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("name", ["core:home", "accounts:login", "frameworks:index"])
def test_security_headers(client, db, name):
    response = client.get(reverse(name))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_passwords_are_hashed_with_argon2_in_production():
    from wpsnap import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
