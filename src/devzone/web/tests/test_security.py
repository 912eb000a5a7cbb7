"""What the pages promise against misuse: escaping, CSRF, browser security headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from devzone.web.tests.conftest import build_project

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def test_stored_markup_is_shown_as_text(client_a, zone_a, staff_a):
    project = build_project(zone_a, staff_a, SCRIPT, "100000000", leader=SCRIPT)

    pages = [
        client_a.get(reverse("projects:list")).content.decode(),
        client_a.get(reverse("projects:detail", args=[project.pk])).content.decode(),
    ]

    for html in pages:
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_post_without_the_csrf_token_is_refused(staff_a, project_a):
    from devzone.projects.models import InvestmentReport

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a)

    response = client.post(
        reverse("projects:report", args=[project_a.pk]),
        {"report-month": "2024-05", "report-amount": "100万元"},
    )

    assert response.status_code == 403
    assert not InvestmentReport.objects.exists()


def test_a_post_with_the_csrf_token_goes_through(staff_a, project_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a)
    client.get(reverse("projects:detail", args=[project_a.pk]))  # sets the CSRF cookie

    response = client.post(
        reverse("projects:report", args=[project_a.pk]),
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            "report-month": "2024-05",
            "report-amount": "100万元",
        },
    )

    assert response.status_code == 302


def test_the_sign_in_form_needs_the_csrf_token(staff_a):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "staff_a", "password": "x"})

    assert response.status_code == 403


@pytest.mark.parametrize("url", ["/login/", "/projects/"])
def test_pages_carry_the_security_headers(client_a, url):
    response = client_a.get(url, follow=True)

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_pages_load_nothing_from_elsewhere(client_a, project_a):
    html = client_a.get(reverse("projects:detail", args=[project_a.pk])).content.decode()

    assert "http://" not in html and "https://" not in html
    # No inline script (the CSP would block it anyway): only same-origin files.
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all('src="/static/' in tag for tag in scripts)


def test_an_unknown_page_uses_the_site_layout(client_a):
    response = client_a.get("/projects/999999/")

    assert response.status_code == 404
    assert "项目台账" in response.content.decode()
