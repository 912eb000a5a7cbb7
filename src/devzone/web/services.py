"""Writes of the web application's own records: saved filters, documents, meeting decisions.

Like the domain services they take the acting user as keyword ``actor``, check permissions,
validate, run in one transaction and leave a change record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.scope import require_edit
from devzone.core.history import delete_with_history, save_with_history
from devzone.projects import services as project_services
from devzone.projects.choices import ProblemStatus
from devzone.projects.models import Meeting, Problem, Project, PromotionGroup
from devzone.web.models import MeetingDecision, ProjectDocument, SavedFilter

# File types a zone office attaches to a project; the type sent to browsers comes from this
# table, never from what the uploading browser claimed.
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_SAVED_FILTERS = 50


def documents_dir() -> Path:
    """Where attached files are kept (``DEVZONE_DATA_DIR/documents`` unless configured)."""
    configured = getattr(settings, "DEVZONE_DOCUMENTS_DIR", None)
    path = Path(configured) if configured else Path(settings.DATA_DIR) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def document_max_bytes() -> int:
    return int(getattr(settings, "DEVZONE_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES))


def document_path(document: ProjectDocument) -> Path:
    return documents_dir() / document.stored_name


# ---------------------------------------------------------------------------------------------
# Saved filters


@transaction.atomic
def save_filter(*, actor: Any, name: str, query: str) -> SavedFilter:
    """Save (or overwrite, by name) a filter of the project list for ``actor``."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to save filters."))
    saved = SavedFilter.objects.filter(user=actor, name=name).first()
    if saved is None and SavedFilter.objects.filter(user=actor).count() >= MAX_SAVED_FILTERS:
        message = _("You have %(count)d saved filters: delete one first.")
        raise ValidationError({"name": message % {"count": MAX_SAVED_FILTERS}})
    saved = saved or SavedFilter(user=actor, name=name)
    saved.query = query
    save_with_history(saved, actor=actor)
    return saved


@transaction.atomic
def delete_filter(saved: SavedFilter, *, actor: Any) -> None:
    if saved.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This filter belongs to someone else."))
    delete_with_history(saved, actor=actor)


# ---------------------------------------------------------------------------------------------
# Documents


def _check_upload(upload: UploadedFile) -> str:
    """The file's type from its extension; ValidationError when the type or size is refused."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        allowed = ", ".join(sorted(DOCUMENT_TYPES))
        message = _("This type of file cannot be attached. Allowed: %(types)s.")
        raise ValidationError({"file": message % {"types": allowed}}, code="type")
    limit = document_max_bytes()
    if upload.size is None or upload.size > limit:
        message = _("The file is larger than %(megabytes)s MB.")
        raise ValidationError({"file": message % {"megabytes": limit // (1024 * 1024)}}, "size")
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    return DOCUMENT_TYPES[suffix]


@transaction.atomic
def attach_document(
    project: Project, upload: UploadedFile, *, actor: Any, title: str = ""
) -> ProjectDocument:
    require_edit(actor, project.zone)
    content_type = _check_upload(upload)
    filename = Path(upload.name or "document").name[-255:]
    document = ProjectDocument(
        project=project,
        title=(title.strip() or Path(filename).stem)[:200],
        filename=filename,
        content_type=content_type,
        size=upload.size or 0,
        stored_name=uuid.uuid4().hex + Path(filename).suffix.lower(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    target = documents_dir() / document.stored_name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    try:
        save_with_history(document, actor=actor)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return document


@transaction.atomic
def delete_document(document: ProjectDocument, *, actor: Any) -> None:
    require_edit(actor, document.project.zone)
    path = document_path(document)
    delete_with_history(document, actor=actor)
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


# ---------------------------------------------------------------------------------------------
# Meetings


@transaction.atomic
def start_meeting(
    group: PromotionGroup, *, actor: Any, held_on: dt.date, title: str = ""
) -> Meeting:
    """Open a meeting of ``group``; its open problems are the agenda and count as reviewed."""
    agenda = Problem.objects.filter(project__promotion_group=group).exclude(
        status=ProblemStatus.RESOLVED
    )
    title = title.strip() or _("%(group)s meeting") % {"group": group.name}
    return project_services.hold_meeting(
        group.zone,
        actor=actor,
        title=title,
        held_on=held_on,
        group=group,
        reviewed_problems=list(agenda),
    )


@transaction.atomic
def record_decision(
    meeting: Meeting,
    problem: Problem,
    *,
    actor: Any,
    text: str,
    status: str,
    due_date: dt.date | None = None,
) -> MeetingDecision:
    """Record what ``meeting`` decided on ``problem`` and apply it to the problem.

    Resolving takes the decision as the resolution; otherwise the status and due date change.
    """
    require_edit(actor, meeting.zone)
    if problem.project.promotion_group_id != meeting.group_id:
        raise ValidationError(_("This problem is not on the meeting's agenda."))
    if status == ProblemStatus.RESOLVED:
        project_services.resolve_problem(
            problem, actor=actor, resolution=text, resolved_on=meeting.held_on
        )
    else:
        changes: dict[str, Any] = {"status": status}
        if due_date is not None:
            changes["due_date"] = due_date
        project_services.update_problem(problem, actor=actor, **changes)
    decision = MeetingDecision(
        meeting=meeting,
        problem=problem,
        text=text,
        status=status,
        due_date=problem.due_date,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_with_history(decision, actor=actor)
    if not meeting.reviewed_problems.filter(pk=problem.pk).exists():
        meeting.reviewed_problems.add(problem)
    return decision


@transaction.atomic
def raise_problem(meeting: Meeting, project: Project, *, actor: Any, **fields: Any) -> Problem:
    """A new problem raised at ``meeting`` about one of its group's projects."""
    if project.promotion_group_id != meeting.group_id:
        raise ValidationError({"project": _("The project does not belong to this group.")})
    return project_services.open_problem(project, actor=actor, raised_at=meeting, **fields)


@transaction.atomic
def write_minutes(meeting: Meeting, *, actor: Any, minutes: str) -> Meeting:
    require_edit(actor, meeting.zone)
    meeting.minutes = minutes
    save_with_history(meeting, actor=actor)
    return meeting
