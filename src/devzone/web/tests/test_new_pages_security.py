"""New pages keep the promises: markup shown as text, CSRF, headers, deletes by POST only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from devzone.projects import services
from devzone.projects.models import Meeting
from devzone.web.models import ProjectDocument, SavedFilter

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.DEVZONE_DOCUMENTS_DIR = str(tmp_path)


@pytest.fixture
def group(zone_a, staff_a, project_a):
    return services.create_promotion_group(
        zone_a, actor=staff_a, name=SCRIPT, leader=SCRIPT, projects=[project_a]
    )


def test_markup_typed_into_every_new_field_is_shown_as_text(client_a, project_a, group):
    client_a.post(
        reverse("projects:filter_save"), {"saved-name": SCRIPT, "saved-query": "q=%3Cscript%3E"}
    )
    client_a.post(
        reverse("projects:document_upload", args=[project_a.pk]),
        {"document-title": SCRIPT, "document-file": SimpleUploadedFile(f"{SCRIPT}.txt", b"x")},
    )
    client_a.post(
        reverse("meetings:start", args=[group.pk]),
        {"meeting-held_on": "2024-10-08", "meeting-title": SCRIPT},
    )
    meeting = Meeting.objects.get()
    client_a.post(
        reverse("meetings:raise", args=[meeting.pk]),
        {"raise-project": project_a.pk, "raise-title": SCRIPT, "raise-description": SCRIPT},
    )
    problem = project_a.problems.get()
    client_a.post(
        reverse("meetings:decide", args=[meeting.pk, problem.pk]),
        {f"decide-{problem.pk}-text": SCRIPT, f"decide-{problem.pk}-status": "in_progress"},
    )
    client_a.post(reverse("meetings:notes", args=[meeting.pk]), {"minutes-minutes": SCRIPT})
    assert SavedFilter.objects.exists() and ProjectDocument.objects.exists()
    document = ProjectDocument.objects.get()

    pages = [
        reverse("dashboard"),
        reverse("projects:list"),
        reverse("projects:detail", args=[project_a.pk]),
        reverse("projects:document_delete", args=[project_a.pk, document.pk]),
        reverse("projects:filter_delete", args=[SavedFilter.objects.get().pk]),
        reverse("meetings:index"),
        reverse("meetings:agenda", args=[group.pk]),
        reverse("meetings:run", args=[meeting.pk]),
        reverse("meetings:minutes", args=[meeting.pk]),
    ]
    for page in pages:
        html = client_a.get(page).content.decode()
        assert SCRIPT not in html, page
    minutes = client_a.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert minutes.count(ESCAPED) >= 4


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_every_new_form_needs_the_csrf_token(staff_a, project_a, group):
    meeting = services.hold_meeting(
        project_a.zone, actor=staff_a, title="m", held_on=dt.date(2024, 10, 8), group=group
    )
    problem = services.open_problem(project_a, actor=staff_a, title="p")
    saved = SavedFilter.objects.create(user=staff_a, name="f", query="")
    client = _csrf_client(staff_a)
    posts = [
        reverse("projects:filter_save"),
        reverse("projects:filter_delete", args=[saved.pk]),
        reverse("projects:document_upload", args=[project_a.pk]),
        reverse("projects:delete", args=[project_a.pk]),
        reverse("meetings:start", args=[group.pk]),
        reverse("meetings:decide", args=[meeting.pk, problem.pk]),
        reverse("meetings:raise", args=[meeting.pk]),
        reverse("meetings:notes", args=[meeting.pk]),
    ]
    for url in posts:
        assert client.post(url, {}).status_code == 403, url


def test_deletes_never_happen_on_a_get(client_a, project_a):
    from devzone.projects.models import Project

    response = client_a.get(reverse("projects:delete", args=[project_a.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert Project.objects.filter(pk=project_a.pk).exists()


@pytest.mark.parametrize("name", ["dashboard", "meetings:index"])
def test_new_pages_carry_the_security_headers(client_a, name):
    response = client_a.get(reverse(name))

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "https://" not in response.content.decode()
