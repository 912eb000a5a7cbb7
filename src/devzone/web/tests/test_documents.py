"""Documents attached to a project: type and size limits, scope, confirmation before deleting."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devzone.web.models import ProjectDocument
from devzone.web.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.DEVZONE_DOCUMENTS_DIR = str(tmp_path / "documents")
    settings.DEVZONE_DOCUMENT_MAX_BYTES = 1024
    return tmp_path / "documents"


def _upload(client, project, name="合同.pdf", content=b"%PDF-1.4 test", title="投资协议"):
    return client.post(
        reverse("projects:document_upload", args=[project.pk]),
        {"document-title": title, "document-file": SimpleUploadedFile(name, content)},
    )


def test_an_attached_document_is_listed_and_downloads(client_a, project_a, documents_dir):
    response = _upload(client_a, project_a)

    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    assert (document.filename, document.content_type) == ("合同.pdf", "application/pdf")
    assert (documents_dir / document.stored_name).read_bytes() == b"%PDF-1.4 test"
    html = client_a.get(reverse("projects:detail", args=[project_a.pk])).content.decode()
    assert "投资协议" in html
    download = client_a.get(reverse("projects:document", args=[project_a.pk, document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<script>", "cannot be attached"),
        ("big.pdf", b"x" * 2048, "larger than"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_files_of_the_wrong_type_or_size_are_refused(client_a, project_a, name, content, message):
    response = _upload(client_a, project_a, name=name, content=content)

    assert response.status_code == 200
    assert not ProjectDocument.objects.exists()
    html = response.content.decode()
    assert 'value="投资协议"' in html  # the title typed is kept
    assert "errorlist" in html


def test_others_may_neither_attach_nor_download(client_a, project_a, staff_b, leader_jinhua):
    _upload(client_a, project_a)
    document = ProjectDocument.objects.get()

    assert _upload(signed_in(staff_b), project_a).status_code == 404
    assert _upload(signed_in(leader_jinhua), project_a).status_code == 403
    url = reverse("projects:document", args=[project_a.pk, document.pk])
    assert signed_in(staff_b).get(url).status_code == 404


def test_deleting_a_document_asks_first_and_only_a_post_deletes(client_a, project_a, documents_dir):
    _upload(client_a, project_a)
    document = ProjectDocument.objects.get()
    url = reverse("projects:document_delete", args=[project_a.pk, document.pk])

    confirm = client_a.get(url)
    assert confirm.status_code == 200
    assert "投资协议" in confirm.content.decode()
    assert ProjectDocument.objects.exists()

    client_a.post(url)
    assert not ProjectDocument.objects.exists()


def test_deleting_a_project_asks_first_and_only_a_post_deletes(client_a, project_a):
    from devzone.projects.models import Project

    url = reverse("projects:delete", args=[project_a.pk])

    assert client_a.get(url).status_code == 200
    assert Project.objects.filter(pk=project_a.pk).exists()
    response = client_a.post(url)
    assert response["Location"] == reverse("projects:list")
    assert not Project.objects.filter(pk=project_a.pk).exists()


def test_attaching_and_deleting_a_document_shows_in_the_project_history(
    client_a, project_a, staff_a
):
    _upload(client_a, project_a, title="环评批复文件")
    document = ProjectDocument.objects.get()
    client_a.post(reverse("projects:document_delete", args=[project_a.pk, document.pk]))

    html = signed_in(staff_a, "en").get(reverse("projects:detail", args=[project_a.pk]))
    page = html.content.decode()
    api = client_a.get(f"/api/projects/{project_a.pk}/history").json()

    assert page.count("环评批复文件") >= 2  # attached, then deleted
    documents = [row for row in api["items"] if row["object_repr"] == "环评批复文件"]
    assert [row["action"] for row in documents] == ["delete", "create"]
