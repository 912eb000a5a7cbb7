"""Saved filters of the project list: each person's own named query strings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.web import services
from devzone.web.forms import SaveFilterForm, add_service_errors
from devzone.web.models import SavedFilter


@login_required
@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    form = SaveFilterForm(request.POST)
    if form.is_valid():
        try:
            saved = services.save_filter(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The filter “%(name)s” was saved.") % {"name": saved.name})
            return redirect(saved_url(saved))
    query = request.POST.get("saved-query", "")
    context = {"form": form, "back": reverse("projects:list") + (f"?{query}" if query else "")}
    return render(request, "web/filter_save.html", context, status=400)


def saved_url(saved: SavedFilter) -> str:
    return reverse("projects:list") + (f"?{saved.query}" if saved.query else "")


@login_required
@require_http_methods(["GET", "POST"])
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    saved = get_object_or_404(SavedFilter, pk=pk, user=request.user)
    if request.method == "POST":
        services.delete_filter(saved, actor=request.user)
        messages.success(request, _("The filter “%(name)s” was deleted.") % {"name": saved.name})
        return redirect("projects:list")
    context = {
        "title": _("Delete the saved filter “%(name)s”?") % {"name": saved.name},
        "explanation": _("Only the saved filter is deleted; no project changes."),
        "action": reverse("projects:filter_delete", args=[saved.pk]),
        "back": saved_url(saved),
    }
    return render(request, "web/confirm.html", context)
