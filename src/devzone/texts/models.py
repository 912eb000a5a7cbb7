"""Documents (news, bulletins, work reports) and the figures extracted from them.

A :class:`Fact` waits in the review queue (``pending``) until a person accepts it — then it
updates an indicator series or is recorded against its project or enterprise — or rejects it.
The exact source words (``span`` into ``Document.text``) travel with the fact, so a reviewer
and every later reader can check the figure against the sentence it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel

VALUE = {"max_digits": 30, "decimal_places": 8}


class PublishedSource(models.TextChoices):
    PAGE = "page", _("read from the page")
    USER = "user", _("given by the user")
    NONE = "none", _("unknown")


class FactStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    DUPLICATE = "duplicate", _("duplicate")


class Document(TimeStampedModel):
    """A text figures were read from, stored once (``content_hash`` recognises a re-upload)."""

    title = models.CharField(_("title"), max_length=300, blank=True)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    published_source = models.CharField(
        _("publication date from"),
        max_length=10,
        choices=PublishedSource.choices,
        default=PublishedSource.NONE,
    )
    text = models.TextField(_("text"))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.filename or f"#{self.pk}"


class Fact(TimeStampedModel):
    """One figure statement read from a document, and what review made of it."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="facts", verbose_name=_("document")
    )
    subject = models.CharField(_("subject as written"), max_length=200, blank=True)
    subject_kind = models.CharField(_("subject kind"), max_length=20, blank=True)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facts", verbose_name=_("region"),
    )  # fmt: skip
    zone = models.ForeignKey(
        "regions.Zone", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facts", verbose_name=_("zone"),
    )  # fmt: skip
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facts", verbose_name=_("enterprise"),
    )  # fmt: skip
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facts", verbose_name=_("project"),
    )  # fmt: skip
    metric = models.CharField(_("metric"), max_length=80)
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=10, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=20, blank=True)
    modality = models.CharField(_("modality"), max_length=10, default="actual")
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_cumulative = models.BooleanField(_("year to date"), default=False)
    period_label = models.CharField(_("period"), max_length=40, blank=True)
    change_value = models.DecimalField(_("change"), null=True, blank=True, **VALUE)
    change_kind = models.CharField(_("change kind"), max_length=10, blank=True)
    change_direction = models.SmallIntegerField(_("change direction"), null=True, blank=True)
    change_basis = models.CharField(_("change basis"), max_length=20, blank=True)
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    span_start = models.PositiveIntegerField(_("span start"))
    span_end = models.PositiveIntegerField(_("span end"))
    source_text = models.TextField(_("source words"))
    confidence = models.FloatField(_("confidence"), default=1.0)
    key = models.CharField(_("figure key"), max_length=400, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FactStatus.choices, default=FactStatus.PENDING,
        db_index=True,
    )  # fmt: skip
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="duplicates", verbose_name=_("duplicate of"),
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    observation = models.ForeignKey(
        "indicators.Observation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facts", verbose_name=_("observation"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("extracted fact")
        verbose_name_plural = _("extracted facts")
        ordering = ["document_id", "span_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(span_end__gte=models.F("span_start")),
                name="texts_fact_span_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.source_text[:60]}"

    @property
    def signed_change(self):  # type: ignore[no-untyped-def]
        if self.change_value is None:
            return None
        return -self.change_value if self.change_direction == -1 else self.change_value
