"""Files attached to a project: upload, download, delete (after confirmation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devzone.web import services
from devzone.web.forms import DocumentForm, add_service_errors
from devzone.web.views.editing import editable_project
from devzone.web.views.projects import render_detail, visible_project


def _detail_url(pk: int) -> str:
    return reverse("projects:detail", args=[pk]) + "#documents"


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    project = editable_project(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_document(
                project,
                form.cleaned_data["file"],
                actor=request.user,
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was attached."))
            return redirect(_detail_url(project.pk))
    return render_detail(request, project, document_form=form)


@login_required
@require_GET
def download(request: HttpRequest, pk: int, doc_id: int) -> FileResponse:
    project = visible_project(request, pk)
    document = get_object_or_404(project.documents, pk=doc_id)
    path = services.document_path(document)
    if not path.is_file():
        raise Http404(_("The file of this document is missing."))
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int, doc_id: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    project = editable_project(request, pk)
    document = get_object_or_404(project.documents, pk=doc_id)
    if request.method == "POST":
        services.delete_document(document, actor=request.user)
        messages.success(request, _("The document was deleted."))
        return redirect(_detail_url(project.pk))
    context = {
        "title": _("Delete the document “%(title)s”?") % {"title": document.title},
        "explanation": _("The file %(file)s is removed from %(project)s. This cannot be undone.")
        % {"file": document.filename, "project": project.name},
        "action": reverse("projects:document_delete", args=[project.pk, document.pk]),
        "back": _detail_url(project.pk),
    }
    return render(request, "web/confirm.html", context)
