"""Records that belong to the web application itself.

* :class:`SavedFilter`: a named query string of the project list, one user's own.
* :class:`ProjectDocument`: a file attached to a project (a contract, a site photo, minutes);
  the bytes live under ``DEVZONE_DATA_DIR/documents``, the row keeps name, type and size.
* :class:`MeetingDecision`: what a meeting decided about one problem, so the minutes can list
  decisions beside the problems reviewed and raised.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.projects.choices import ProblemStatus


class SavedFilter(TimeStampedModel):
    """A project-list filter a person named to come back to ("Zhaoqing, stalled, ≥ 1 bn")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("query string"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["user_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="web_savedfilter_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProjectDocument(TimeStampedModel):
    """A file attached to a project. The stored name is generated; ``filename`` is the user's."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    stored_name = models.CharField(_("stored name"), max_length=64, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["project_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingDecision(TimeStampedModel):
    """A decision of a meeting on one problem: the words, and the status it left the problem in."""

    meeting = models.ForeignKey(
        "projects.Meeting",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    problem = models.ForeignKey(
        "projects.Problem",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("problem"),
    )
    text = models.TextField(_("decision"))
    status = models.CharField(_("status after"), max_length=12, choices=ProblemStatus.choices)
    due_date = models.DateField(_("due date after"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
