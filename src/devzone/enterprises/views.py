"""Registry pages: search, one enterprise, and the review of uncertain name matches.

Views only adapt: reads go through :mod:`.querysets` and ``Project.objects.visible_to``,
decisions through :func:`devzone.enterprises.matching.review_item`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of
from devzone.enterprises.choices import MatchOutcome, ReviewState
from devzone.enterprises.forms import EnterpriseSearchForm, MatchFileForm, ReviewForm
from devzone.enterprises.matching import match_names, review_item, suggest_enterprise
from devzone.enterprises.models import Enterprise, MatchItem, MatchRun
from devzone.enterprises.querysets import registry_search
from devzone.enterprises.registry_file import RegistryFileError, read_names
from devzone.enterprises.services import require_registry_edit
from devzone.projects.models import Project

PAGE_SIZE = 50
REVIEW_PAGE_SIZE = 100
RECENT_RUNS = 10
MAX_WEB_NAMES = 10_000  # more names than this: the command line, without a request to wait on


@login_required
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    form = EnterpriseSearchForm(request.GET)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(registry_search(term), PAGE_SIZE).get_page(request.GET.get("page"))
    # When no name contains the term (a short name, a typo, traditional characters), the
    # matcher proposes the enterprises the term most likely means.
    suggestions = suggest_enterprise(term).candidates if term and not page.object_list else ()
    context = {"form": form, "term": term, "page": page, "suggestions": suggestions}
    return render(request, "enterprises/enterprise_list.html", context)


@login_required
@require_GET
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise.objects.select_related("region", "industry"), pk=pk)
    projects = (
        Project.objects.visible_to(request.user)
        .filter(investors=enterprise)
        .select_related("zone")
        .order_by("name")
    )
    context = {
        "enterprise": enterprise,
        "aliases": list(enterprise.aliases.all()),
        "projects": list(projects),
    }
    return render(request, "enterprises/enterprise_detail.html", context)


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    """The review band of the latest match run (or of ``?run=``), open names first."""
    may_review = role_of(request.user) in EDITING_ROLES
    form = MatchFileForm() if may_review else None
    return _review_page(request, request.GET.get("run", ""), may_review, form)


def _review_page(request: HttpRequest, run_id: str, may_review: bool, form: Any) -> HttpResponse:
    runs = list(MatchRun.objects.select_related("created_by")[:RECENT_RUNS])
    run = _chosen_run(run_id) if run_id.isdigit() else next(iter(runs), None)  # the latest
    show_all = request.GET.get("show") == "all"
    items = MatchItem.objects.none()
    still_open_count = 0
    if run is not None:
        still_open = Case(When(review_state=ReviewState.OPEN, then=0), default=1)
        items = run.items.select_related("enterprise", "reviewed_by")
        review_band = items.filter(outcome=MatchOutcome.REVIEW)
        still_open_count = review_band.filter(review_state=ReviewState.OPEN).count()
        items = (
            items.order_by("position") if show_all else review_band.order_by(still_open, "position")
        )
    page = Paginator(items, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "show_all": show_all,
        "still_open": still_open_count,
        "run": run,
        "page": page,
        "may_review": may_review,
        "open_state": ReviewState.OPEN,
        "match_form": form,
        "runs": runs,
    }
    return render(request, "enterprises/review.html", context)


@login_required
@require_POST
def match_file(request: HttpRequest) -> HttpResponse:
    """Match the names of an uploaded file and open the review of the new run."""
    require_registry_edit(request.user)
    form = MatchFileForm(request.POST, request.FILES)
    names = _uploaded_names(form) if form.is_valid() else []
    if not names:  # the form's errors say why, over the latest run as the page shows it
        return _review_page(request, "", True, form)
    upload = form.cleaned_data["file"]
    run, _results = match_names(
        names, actor=request.user, source=upload.name, distinct=form.cleaned_data["distinct"]
    )
    counts = {
        "names": run.item_count,
        "matched": run.matched_count,
        "review": run.review_count,
        "none": run.none_count,
    }
    summary = ngettext(
        "%(names)d name: %(matched)d matched, %(review)d to review, %(none)d none.",
        "%(names)d names: %(matched)d matched, %(review)d to review, %(none)d none.",
        counts["names"],
    )
    messages.success(request, summary % counts)
    return redirect(f"{reverse('enterprises:review')}?run={run.pk}")


def _uploaded_names(form: MatchFileForm) -> list[str]:
    """The names of the uploaded file, or [] with the reason added to the form's errors."""
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:  # its own name: the user's may be too long
        path = Path(folder) / f"names{Path(upload.name).suffix.lower()}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            names = list(read_names(path, column=form.cleaned_data["column"] or None))
        except RegistryFileError as error:
            shown = str(error).replace(str(path), upload.name).replace(path.name, upload.name)
            form.add_error("file", shown)
            return []
    if not names:
        form.add_error("file", _("The file holds no names."))
    elif len(names) > MAX_WEB_NAMES:
        form.add_error(
            "file",
            _("%(count)d names are more than %(limit)d: use `devzone match FILE`.")
            % {"count": len(names), "limit": MAX_WEB_NAMES},
        )
        return []
    return names


def _chosen_run(run_id: str) -> MatchRun | None:
    return MatchRun.objects.select_related("created_by").filter(pk=run_id).first()


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require_registry_edit(request.user)
    item = get_object_or_404(MatchItem, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose confirm or reject and an enterprise."))
    enterprise = get_object_or_404(Enterprise, pk=form.cleaned_data["enterprise"])
    try:
        review_item(item, confirm=form.confirms, enterprise=enterprise, actor=request.user)
    except ValidationError as error:  # shown on the review page, the item left as it was
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{reverse('enterprises:review')}?run={item.run_id}")
    if form.confirms:
        done = _("Confirmed: %(name)s is %(enterprise)s.")
    else:
        done = _("Rejected: %(name)s is not %(enterprise)s.")
    messages.success(request, done % {"name": item.query, "enterprise": enterprise.legal_name})
    return redirect(f"{reverse('enterprises:review')}?run={item.run_id}")
