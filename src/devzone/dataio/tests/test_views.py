"""The web face: upload → preview with errors → confirm → result; downloads; login."""

from __future__ import annotations

import pytest
from conftest import PASSWORD
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devzone.dataio.models import BatchStatus, ImportBatch
from devzone.dataio.tests.ledgers import write_xlsx
from devzone.projects.models import Project


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def client_a(client, staff_a):
    client.login(username="staff_a", password=PASSWORD)
    return client


def _upload(client, path, **extra):
    data = {"kind": "projects", "file": SimpleUploadedFile(path.name, path.read_bytes()), **extra}
    return client.post(reverse("dataio:upload"), data)


def test_pages_need_login(client, db):
    response = client.get(reverse("dataio:upload"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_upload_preview_confirm(client_a, zh_ledger, tmp_path):
    response = _upload(client_a, zh_ledger)
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("dataio:preview", kwargs={"token": batch.token})
    assert (tmp_path / "uploads" / batch.stored_name).exists()
    assert batch.stored_name != zh_ledger.name

    page = client_a.get(response["Location"])
    assert page.status_code == 200
    assert "金华智能装备有限公司" in page.content.decode()  # the review item
    assert not Project.objects.exists()

    done = client_a.post(reverse("dataio:confirm", kwargs={"token": batch.token}))
    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Project.objects.count() == 3
    assert client_a.get(done["Location"]).status_code == 200


def test_preview_lists_errors_with_row_and_column(client_a, zone_a, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [["项目名称", "所属园区", "计划总投资（亿元）"], ["甲", zone_a.name, "待定"]],
    )
    response = _upload(client_a, path)
    page = client_a.get(response["Location"]).content.decode()
    assert "计划总投资（亿元）" in page and "待定" in page and 'name="skip_invalid"' in page
    batch = ImportBatch.objects.get()

    confirm = client_a.post(
        reverse("dataio:confirm", kwargs={"token": batch.token}), HTTP_X_REQUESTED_WITH="fetch"
    )

    assert confirm.json()["redirect"].endswith(f"{batch.token}/")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and not Project.objects.exists()
    status = client_a.get(reverse("dataio:status", kwargs={"token": batch.token})).json()
    assert status["status"] == "failed"
    rejected = client_a.get(reverse("dataio:rejected", kwargs={"token": batch.token}))
    assert rejected.status_code == 200
    rejected.close()


def test_a_file_that_cannot_be_read_is_not_offered_for_confirmation(client_a, tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    response = _upload(client_a, path)
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.FAILED
    page = client_a.get(response["Location"]).content.decode()
    assert 'id="confirm-import"' not in page
    client_a.post(reverse("dataio:confirm", kwargs={"token": batch.token}))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and not batch.result  # confirming ran nothing


def test_another_users_batch_is_not_found(client, zh_ledger, staff_a, staff_b):
    client.login(username="staff_a", password=PASSWORD)
    _upload(client, zh_ledger)
    batch = ImportBatch.objects.get()
    client.logout()
    client.login(username="staff_b", password=PASSWORD)
    assert client.get(reverse("dataio:preview", kwargs={"token": batch.token})).status_code == 404


def test_export_download_uses_the_list_filters_and_visibility(client_a, project_a, project_b):
    response = client_a.get(reverse("dataio:export"), {"format": "csv", "kind": "manufacturing"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert project_a.name in content and project_b.name not in content


def test_export_download_takes_the_lists_as_of_day(client_a, project_a):
    def exported(**query):
        response = client_a.get(reverse("dataio:export"), {"format": "csv", **query})
        return b"".join(response.streaming_content).decode("utf-8-sig")

    # signed on 2022-03-01: not yet signed at the end of 2021, signed after
    assert project_a.name not in exported(stage="signed", as_of="2021-12-31")
    assert project_a.name in exported(stage="signed", as_of="2022-04-01")


def test_template_download_and_upload_page(client_a):
    response = client_a.get(reverse("dataio:template"), {"language": "en"})
    assert b"".join(response.streaming_content)[:2] == b"PK"
    page = client_a.get(reverse("dataio:upload")).content.decode()
    assert 'name="file"' in page and reverse("dataio:template") in page


def test_preview_script_is_a_same_origin_file_not_inline(client_a, zh_ledger):
    import re

    page = client_a.get(_upload(client_a, zh_ledger)["Location"]).content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert any("dataio/import.js" in tag for tag in scripts)
    assert all("src=" in tag for tag in scripts)


def test_progress_is_reported_in_the_users_language(client_a, zh_ledger):
    from devzone.dataio import views

    _upload(client_a, zh_ledger)
    batch = ImportBatch.objects.get()
    path = views._progress_file(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"done": 5, "total": 10, "stage": "checking"}')
    url = reverse("dataio:status", kwargs={"token": batch.token})

    chinese = client_a.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    english = client_a.get(url, HTTP_ACCEPT_LANGUAGE="en").json()

    path.unlink()
    assert chinese["stage"] == english["stage"] == "checking"  # the code, for scripts
    assert chinese["label"] == "正在检查各行" and english["label"] == "checking the rows"
    assert chinese["done"] == 5 and chinese["total"] == 10


def test_a_leader_exports_but_is_offered_no_import_and_cannot_post_one(
    client, leader_jinhua, zh_ledger, tmp_path
):
    client.force_login(leader_jinhua)

    page = client.get(reverse("dataio:upload")).content.decode()
    refused = _upload(client, zh_ledger)

    assert "multipart/form-data" not in page and reverse("dataio:export") in page
    assert refused.status_code == 403
    assert not ImportBatch.objects.exists() and not (tmp_path / "uploads").exists()
