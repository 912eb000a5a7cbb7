"""The district race (赛马比拼): scorecards and the rankings they produce, kept per period."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.targets.choices import ListMark, ScoringRule
from devzone.targets.querysets import ScorecardQuerySet


class Scorecard(TimeStampedModel):
    """Weighted indicators applied to every zone of a region each month."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="scorecards",
        verbose_name=_("region"),
    )
    rule = models.CharField(
        _("scoring rule"),
        max_length=12,
        choices=ScoringRule.choices,
        default=ScoringRule.NORMALISED,
    )
    list_size = models.PositiveSmallIntegerField(_("size of the red and black lists"), default=3)
    source = models.TextField(_("source"), blank=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ScorecardItem(models.Model):
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="items", verbose_name=_("scorecard")
    )
    indicator = models.ForeignKey(
        "targets.Indicator", on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scorecard indicator")
        verbose_name_plural = _("scorecard indicators")
        ordering = ["scorecard_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "indicator"], name="targets_scorecard_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} × {self.weight}"


class RaceResult(TimeStampedModel):
    """One zone's place in one month's race; rows are kept so trends can be shown."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="results", verbose_name=_("scorecard")
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month ranked."))
    zone = models.ForeignKey(
        "regions.Zone", on_delete=models.CASCADE, related_name="+", verbose_name=_("zone")
    )
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=2)
    gap_to_leader = models.DecimalField(_("gap to the leader"), max_digits=10, decimal_places=2)
    movement = models.IntegerField(
        _("places gained"), null=True, blank=True, help_text=_("Against the previous month.")
    )
    mark = models.CharField(_("list"), max_length=5, choices=ListMark.choices, blank=True)
    values = models.JSONField(_("indicator values and points"), default=dict)

    class Meta:
        verbose_name = _("race result")
        verbose_name_plural = _("race results")
        ordering = ["scorecard_id", "-period", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "period", "zone"], name="targets_race_unique_zone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} {self.period:%Y-%m} #{self.rank} {self.zone}"
