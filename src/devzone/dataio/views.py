"""Web pages of import and export: upload → preview with errors → confirm → result.

Views only adapt the request: the work is done by :mod:`devzone.dataio.importing` and friends.
The upload is checked at once (a dry run) and the preview lists what would be created, updated
and rejected. Confirming runs the import in the request; with JavaScript, the page posts the
confirmation in the background and polls ``status.json`` for progress, without it the browser
simply waits for the result page.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of
from devzone.dataio.forms import ExportForm, UploadForm
from devzone.dataio.models import BatchStatus, ImportBatch, ImportKind
from devzone.dataio.stages import stage_label
from devzone.projects.models import Project

PREVIEW_ISSUES = 500  # issues shown on the page; the rejected-rows file has all of them


def uploads_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stored(batch: ImportBatch) -> Path:
    return uploads_dir() / batch.stored_name


def _progress_file(batch: ImportBatch) -> Path:
    return uploads_dir() / f"{batch.token}.progress.json"


def _rejected_file(batch: ImportBatch) -> Path:
    return uploads_dir() / f"{batch.token}.rejected.xlsx"


def _run(batch: ImportBatch, *, dry_run: bool, skip_invalid: bool = False, progress=None):  # type: ignore[no-untyped-def]
    from devzone.dataio.importing import import_projects
    from devzone.dataio.reports import import_reports

    function = import_projects if batch.kind == ImportKind.PROJECTS else import_reports
    return function(
        _stored(batch),
        actor=batch.user,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        rejected_path=_rejected_file(batch),
        default_zone=batch.zone,
        progress=progress,
    )


def _summary(result: Any) -> dict[str, Any]:
    data = result.as_dict()
    for key in ("errors", "warnings", "reviews"):
        data[f"{key}_total"] = len(data[key])
        data[key] = data[key][:PREVIEW_ISSUES]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    may_import = role_of(request.user) in EDITING_ROLES  # leaders and viewers read, export
    if request.method == "POST" and not may_import:
        raise PermissionDenied(_("Only staff and administrators may import."))
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = _save_upload(request, form)
        result = _run(batch, dry_run=True)
        batch.preview = _summary(result)
        if result.file_error:  # nothing to confirm: the file itself cannot be read
            batch.status = BatchStatus.FAILED
        batch.save(update_fields=["preview", "status", "updated_at"])
        return redirect("dataio:preview", token=batch.token)
    recent = ImportBatch.objects.filter(user=request.user)[:10]
    context = {
        "form": form if may_import else None,
        "recent": recent,
        "export_form": ExportForm(),
    }
    return render(request, "dataio/upload.html", context)


def _save_upload(request: HttpRequest, form: UploadForm) -> ImportBatch:
    upload_file = form.cleaned_data["file"]
    suffix = Path(upload_file.name).suffix.lower()
    stored_name = f"{secrets.token_hex(16)}{suffix}"
    with (uploads_dir() / stored_name).open("wb") as handle:
        for chunk in upload_file.chunks():
            handle.write(chunk)
    return ImportBatch.objects.create(
        user=request.user,
        kind=form.cleaned_data["kind"],
        original_name=upload_file.name[:255],
        stored_name=stored_name,
        zone=form.cleaned_data.get("zone"),
        status=BatchStatus.CHECKED,
    )


def _batch(request: HttpRequest, token: Any) -> ImportBatch:
    return get_object_or_404(ImportBatch, token=token, user=request.user)


@login_required
@require_GET
def preview(request: HttpRequest, token: Any) -> HttpResponse:
    batch = _batch(request, token)
    shown = batch.result or batch.preview
    context = {
        "batch": batch,
        "summary": shown,
        "done": bool(batch.result),
        "has_rejected": _rejected_file(batch).exists(),
    }
    return render(request, "dataio/preview.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, token: Any) -> HttpResponse:
    batch = _batch(request, token)
    if batch.status != BatchStatus.CHECKED:
        return redirect("dataio:preview", token=batch.token)
    batch.status = BatchStatus.RUNNING
    batch.save(update_fields=["status", "updated_at"])
    progress_path = _progress_file(batch)

    def progress(done: int, total: int, stage: str) -> None:
        progress_path.write_text(json.dumps({"done": done, "total": total, "stage": stage}))

    result = _run(
        batch, dry_run=False, skip_invalid=bool(request.POST.get("skip_invalid")), progress=progress
    )
    batch.result = _summary(result)
    batch.status = BatchStatus.DONE if result.committed else BatchStatus.FAILED
    batch.save(update_fields=["result", "status", "updated_at"])
    progress_path.unlink(missing_ok=True)
    url = reverse("dataio:preview", kwargs={"token": batch.token})
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"redirect": url})
    return redirect(url)


@login_required
@require_GET
def status(request: HttpRequest, token: Any) -> JsonResponse:
    batch = _batch(request, token)
    data: dict[str, Any] = {"status": batch.status}
    progress_path = _progress_file(batch)
    if progress_path.exists():
        with contextlib.suppress(OSError, ValueError):  # being rewritten: the next poll reads it
            data.update(json.loads(progress_path.read_text()))
    data["label"] = stage_label(data["stage"]) if "stage" in data else batch.get_status_display()
    return JsonResponse(data)


@login_required
@require_GET
def rejected(request: HttpRequest, token: Any) -> FileResponse:
    batch = _batch(request, token)
    path = _rejected_file(batch)
    if not path.exists():
        raise Http404
    name = f"{Path(batch.original_name).stem}-rejected.xlsx"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def export(request: HttpRequest) -> FileResponse:
    """The project list, with the same filters as the list page, as a file."""
    from devzone.dataio.exporting import export_projects
    from devzone.dataio.oc4ids import export_oc4ids
    from devzone.web.forms import ProjectFilterForm

    options = ExportForm(request.GET)
    options.is_valid()
    chosen = options.cleaned_data.get("format") or "xlsx"
    language = options.cleaned_data.get("language") or request.LANGUAGE_CODE
    language = language if language in ("zh-hans", "en") else "zh-hans"
    scale = options.cleaned_data.get("scale") or "wan"
    filters = ProjectFilterForm(request.GET, user=request.user)
    visible = Project.objects.visible_to(request.user)
    projects = filters.filter(visible.with_status(filters.as_of_day()))
    suffix = {"xlsx": ".xlsx", "csv": ".csv", "oc4ids": ".json"}[chosen]
    handle = tempfile.NamedTemporaryFile(suffix=suffix, dir=uploads_dir(), delete=False)  # noqa: SIM115
    handle.close()
    path = Path(handle.name)
    if chosen == "oc4ids":
        export_oc4ids(projects, path)
    else:
        export_projects(projects, path, language=language, scale=scale, format=chosen)
    name = f"projects-{timezone.localdate():%Y%m%d}{suffix}"
    return _download(path, name)


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    from devzone.dataio.exporting import write_template

    language = request.GET.get("language") or request.LANGUAGE_CODE
    language = language if language in ("zh-hans", "en") else "zh-hans"
    scale = request.GET.get("scale") if request.GET.get("scale") in ("wan", "yi") else "wan"
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", dir=uploads_dir(), delete=False)  # noqa: SIM115
    handle.close()
    write_template(handle.name, language=language, scale=scale)
    return _download(Path(handle.name), f"ledger-template-{language}.xlsx")


def _download(path: Path, name: str) -> FileResponse:
    """Send the file and delete it: the open handle keeps the data until it is sent."""
    stream = path.open("rb")
    path.unlink()
    return FileResponse(stream, as_attachment=True, filename=name)
