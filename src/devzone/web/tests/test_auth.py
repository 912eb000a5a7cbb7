"""Signing in and out, the login throttle, and the language switch."""

from __future__ import annotations

import pytest
from conftest import PASSWORD
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_signing_in_opens_the_dashboard(staff_a):
    client = Client()

    response = _login(client, "staff_a", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_pages_ask_anonymous_visitors_to_sign_in(db):
    response = Client().get(reverse("projects:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_front_door_is_the_dashboard(client_a):
    response = client_a.get("/")

    assert response.status_code == 200
    # The tiles are drawn (and cached) before the page around them: look for the page anywhere.
    assert "web/dashboard.html" in [template.name for template in response.templates]


def test_a_wrong_password_is_refused_with_the_form_kept(staff_a):
    response = _login(Client(), "staff_a", "wrong")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="staff_a"' in response.content.decode()


def test_too_many_failures_for_a_username_lock_it_even_with_the_right_password(staff_a, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = Client()
    for attempt in range(3):
        _login(client, "staff_a", "wrong", address=f"10.0.0.{attempt}")

    response = _login(client, "staff_a", PASSWORD, address="10.0.0.99")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors.as_data()["__all__"][0].code == "throttled"
    assert "15" in response.content.decode()  # "try again in 15 minutes"


def test_too_many_failures_from_one_address_lock_that_address(staff_a, staff_b, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = Client()
    for name in ("nobody1", "nobody2", "nobody3"):
        _login(client, name, "guess", address="192.0.2.7")

    locked = _login(client, "staff_b", PASSWORD, address="192.0.2.7")
    elsewhere = _login(Client(), "staff_b", PASSWORD, address="192.0.2.8")

    assert locked.status_code == 200
    assert elsewhere.status_code == 302


def test_failures_below_the_limit_do_not_lock(staff_a, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = Client()
    for _ in range(2):
        _login(client, "staff_a", "wrong")

    assert _login(client, "staff_a", PASSWORD).status_code == 302


def test_signing_out_takes_a_post(client_a):
    assert client_a.get(reverse("logout")).status_code == 405

    response = client_a.post(reverse("logout"))

    assert response.status_code == 302
    assert client_a.get(reverse("projects:list")).status_code == 302


def test_the_language_switch_changes_the_page_language(client_a):
    page = reverse("projects:list")

    response = client_a.post("/i18n/setlang/", {"language": "en", "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    assert client_a.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Project ledger" in client_a.get(page).content.decode()


def test_every_page_offers_both_languages(client_a):
    html = client_a.get(reverse("projects:list")).content.decode()

    assert 'action="/i18n/setlang/"' in html
    assert 'value="en"' in html
    assert 'value="zh-hans"' in html


def test_failed_logins_are_counted_across_worker_processes(settings, tmp_path):
    """The server's throttle counts in files every worker reads: a second process (here a
    second cache connection, as a worker has) sees the first one's failures."""
    from django.core.cache import caches

    from devzone.conf import settings as configured
    from devzone.web import throttle

    assert configured.CACHES["throttle"]["BACKEND"].endswith("FileBasedCache")
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    for _attempt in range(settings.LOGIN_THROTTLE_ATTEMPTS):
        throttle.record_failure("admin", "10.0.0.1")

    other_worker = caches.create_connection("throttle")
    key = throttle._key("username", "admin")
    assert other_worker.get(key) == settings.LOGIN_THROTTLE_ATTEMPTS
    assert throttle.is_locked("admin", "10.0.0.2")
