from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.core.names import reads_english, shown_name
from devzone.enterprises.choices import (
    AliasKind,
    DecisionKind,
    IndustryLevel,
    MatchOutcome,
    ReviewState,
)
from devzone.enterprises.validators import validate_credit_code_field, validate_industry_code_field


class Industry(models.Model):
    """A GB/T 4754-2017 class: section letter plus 2, 3 or 4 digits (C3841 = Li-ion batteries)."""

    code = models.CharField(
        _("code"), max_length=5, unique=True, validators=[validate_industry_code_field]
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=IndustryLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {shown_name(self)}"


class Enterprise(TimeStampedModel):
    """A company, kept under its legal name with the parts people leave out kept apart.

    ``region_part`` and ``legal_form`` are the pieces of the legal name that short names drop
    (浙江 …, 股份有限公司); they are stored, not deleted, so matching can use them.
    """

    legal_name = models.CharField(_("legal name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    region_part = models.CharField(_("region part of the name"), max_length=50, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=50, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code_field],
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("region"),
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("industry"),
    )
    registered_capital = models.DecimalField(
        _("registered capital"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    capital_currency = models.CharField(_("capital currency"), max_length=3, default="CNY")
    listed_code = models.CharField(_("stock code"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    scope = models.TextField(_("business scope"), blank=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["legal_name"]

    def __str__(self) -> str:
        if self.name_en and reads_english():
            return self.name_en
        return self.short_name or self.legal_name


class EnterpriseAlias(models.Model):
    """Another name people use for an enterprise: short name, brand, former or English name."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("enterprise")
    )
    alias = models.CharField(_("alias"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=AliasKind.choices)

    class Meta:
        verbose_name = _("enterprise alias")
        verbose_name_plural = _("enterprise aliases")
        ordering = ["enterprise_id", "alias"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "alias"], name="enterprises_alias_unique")
        ]

    def __str__(self) -> str:
        return self.alias


class MatchDecision(TimeStampedModel):
    """A person's word on "this name means that enterprise" (or does not), remembered.

    ``query_key`` is the name in canonical writing (:func:`devzone.matching.normalize`), so a
    decision made on 寧德時代 also holds for 宁德时代. A confirmation also files the name as an
    ``EnterpriseAlias`` of kind ``confirmed``; a rejection keeps that enterprise out of the
    candidates for that name from then on.
    """

    query = models.CharField(_("name as typed"), max_length=300)
    query_key = models.CharField(_("name in canonical form"), max_length=300, db_index=True)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="match_decisions",
        verbose_name=_("enterprise"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=DecisionKind.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["query_key", "enterprise"], name="enterprises_decision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.enterprise_id} ({self.decision})"


class MatchRun(TimeStampedModel):
    """One batch of names matched against the registry (``devzone match FILE``)."""

    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    thresholds = models.JSONField(_("thresholds"), default=dict, blank=True)
    item_count = models.PositiveIntegerField(_("names"), default=0)
    matched_count = models.PositiveIntegerField(_("matched"), default=0)
    review_count = models.PositiveIntegerField(_("to review"), default=0)
    none_count = models.PositiveIntegerField(_("no match"), default=0)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source or self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class MatchItem(models.Model):
    """One name of a run: the engine's best guess, the runner-up and a person's review."""

    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="items", verbose_name=_("run")
    )
    position = models.PositiveIntegerField(_("position"))
    query = models.CharField(_("name"), max_length=300)
    outcome = models.CharField(_("outcome"), max_length=8, choices=MatchOutcome.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("best match"),
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    runner_up = models.ForeignKey(
        Enterprise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("runner-up"),
    )
    runner_up_score = models.FloatField(_("runner-up score"), null=True, blank=True)
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    review_state = models.CharField(
        _("review"), max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("match item")
        verbose_name_plural = _("match items")
        ordering = ["run_id", "position"]
        indexes = [
            models.Index(fields=["run", "outcome", "review_state"], name="enterprises_item_review")
        ]

    def __str__(self) -> str:
        return self.query
