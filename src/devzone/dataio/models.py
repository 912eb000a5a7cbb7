"""An uploaded file on its way through the web import: checked, then (maybe) imported."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel


class ImportKind(models.TextChoices):
    PROJECTS = "projects", _("project ledger")
    REPORTS = "reports", _("monthly investment reports")


class BatchStatus(models.TextChoices):
    CHECKED = "checked", _("checked, waiting for confirmation")
    RUNNING = "running", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("not imported")


class ImportBatch(TimeStampedModel):
    """One upload: the stored file, the dry-run result shown as preview, and the outcome.

    The file lives in ``DEVZONE_DATA_DIR/uploads`` under a random name; ``token`` (not the id)
    appears in URLs so batches cannot be enumerated.
    """

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("uploaded by"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored as"), max_length=100)
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default zone"),
    )
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
