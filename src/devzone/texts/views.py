"""Pages: upload a document, read it with its figures highlighted, review the queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of
from devzone.texts.forms import RejectForm, ReviewForm, UploadForm
from devzone.texts.models import Document, Fact, FactStatus
from devzone.texts.services import accept_fact, fact_scope_q, ingest_document, reject_fact

QUEUE_PAGE = 100


def _require_reader(request: HttpRequest) -> None:
    if role_of(request.user) is None:
        raise PermissionDenied(_("Your account has no role yet."))


def _can_review(user: Any) -> bool:
    return role_of(user) in EDITING_ROLES


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if not _can_review(request.user):
        raise PermissionDenied(_("Only staff and administrators may add documents."))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data.get("file")
        raw = upload_file.read() if upload_file else data["text"]
        try:
            result = ingest_document(
                raw,
                actor=request.user,
                filename=upload_file.name if upload_file else None,
                content_type=getattr(upload_file, "content_type", None),
                published=data.get("published"),
                source_name=data.get("source_name") or "",
                url=data.get("url") or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if result.created:
                messages.success(
                    request,
                    _("%(queued)s figures queued for review, %(duplicates)s already known.")
                    % {"queued": result.queued, "duplicates": result.duplicates},
                )
            else:
                messages.info(request, _("This document was already uploaded."))
            return HttpResponseRedirect(reverse("texts:document", args=[result.document.pk]))
    return render(request, "texts/upload.html", {"form": form})


@login_required
@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    found = Document.objects.defer("text").order_by("-created_at")[:200]
    return render(request, "texts/documents.html", {"documents": found})


def highlighted(text: str, facts: list[Fact]) -> list[tuple[str, Fact | None]]:
    """The text cut into plain pieces and fact spans (overlapping spans: the first wins)."""
    pieces: list[tuple[str, Fact | None]] = []
    position = 0
    for fact in sorted(facts, key=lambda f: (f.span_start, -f.span_end)):
        if fact.span_start < position or fact.span_end > len(text):
            continue
        if fact.span_start > position:
            pieces.append((text[position : fact.span_start], None))
        pieces.append((text[fact.span_start : fact.span_end], fact))
        position = fact.span_end
    pieces.append((text[position:], None))
    return pieces


@login_required
@require_GET
def document_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    document = get_object_or_404(Document, pk=pk)
    facts = list(
        document.facts.filter(fact_scope_q(request.user)).select_related(
            "duplicate_of", "region", "zone"
        )
    )
    context = {
        "document": document,
        "pieces": highlighted(document.text, facts),
        "facts": facts,
        "can_review": _can_review(request.user),
    }
    return render(request, "texts/document.html", context)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    status = request.GET.get("status") or FactStatus.PENDING
    if status not in FactStatus.values:
        status = FactStatus.PENDING
    facts = (
        Fact.objects.filter(fact_scope_q(request.user), status=status)
        .select_related("document", "region", "zone", "enterprise", "project", "duplicate_of")
        .defer("document__text")
        .order_by("document_id", "span_start")[:QUEUE_PAGE]
    )
    context = {
        "facts": facts,
        "status": status,
        "statuses": FactStatus.choices,
        "can_review": _can_review(request.user),
    }
    return render(request, "texts/queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit form of one fact; POST accepts it with the edits."""
    _require_reader(request)
    facts = Fact.objects.filter(fact_scope_q(request.user))
    fact = get_object_or_404(facts.select_related("document", "region", "zone"), pk=pk)
    form = ReviewForm(request.POST or None, fact=fact)
    if request.method == "POST":
        if not _can_review(request.user):
            raise PermissionDenied(_("Only staff and administrators may review extracted facts."))
        if form.is_valid():
            try:
                replace = form.cleaned_data.get("replace", False)
                accept_fact(fact, actor=request.user, edits=form.edits(), replace=replace)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Figure accepted."))
                return HttpResponseRedirect(reverse("texts:queue"))
    context = {
        "fact": fact,
        "form": form,
        "reject_form": RejectForm(),
        "can_review": _can_review(request.user),
    }
    return render(request, "texts/review.html", context)


def _add_errors(form: ReviewForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    fact = get_object_or_404(Fact.objects.filter(fact_scope_q(request.user)), pk=pk)
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        reject_fact(fact, actor=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Figure rejected."))
    return HttpResponseRedirect(reverse("texts:queue"))
