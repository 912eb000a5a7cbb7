"""Indicator series: a catalogue of indicators and their observations per region or zone.

An :class:`Observation` is one point of a series: subject (a region, or a zone — towns and
villages are zones of kind "town") × indicator × period → value, unit, year-on-year growth.
Chinese statistics publish most figures year-to-date (1-9月, 上半年), so the period carries a
``cumulative`` flag; monthly values are derived (:mod:`devzone.indicators.analysis`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.indicators.choices import Granularity, UnitKind

# Values reach 10^18 (yuan) and keep eight decimals (growth rates such as 75.83946634 %).
VALUE = {"max_digits": 30, "decimal_places": 8}


class Indicator(TimeStampedModel):
    """What is measured: GDP, retail sales, new market entities …

    Catalogue indicators (``in_catalogue``) are seeded by :func:`ensure_catalogue`; their keys
    are the metric keys of the extraction engine, so an accepted fact finds its series.
    Indicators first met in an imported spreadsheet are created by the importer, with the
    spreadsheet's own name in ``source_name``.
    """

    key = models.CharField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    unit_kind = models.CharField(_("unit kind"), max_length=10, choices=UnitKind.choices)
    default_unit = models.CharField(_("default unit"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    source_name = models.CharField(
        _("name in spreadsheets"), max_length=200, blank=True, db_index=True
    )
    in_catalogue = models.BooleanField(_("in the catalogue"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["-in_catalogue", "key"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class ObservationQuerySet(models.QuerySet):
    def for_subject(self, subject: models.Model) -> ObservationQuerySet:
        from devzone.regions.models import Zone

        if isinstance(subject, Zone):
            return self.filter(zone=subject)
        return self.filter(region=subject)

    def visible_to(self, user: Any) -> ObservationQuerySet:
        """Region series are published statistics: every signed-in member reads them. Zone
        series follow the zone scope of the accounts app."""
        from devzone.accounts.scope import role_of, zone_scope_q

        if role_of(user) is None:
            return self.none()
        return self.filter(Q(zone__isnull=True) | zone_scope_q(user, "zone"))

    def with_related(self) -> ObservationQuerySet:
        return self.select_related("indicator", "region", "zone", "source_document")


class Observation(TimeStampedModel):
    """One value of one indicator for one region or zone over one period."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("region"),
    )
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("zone"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    granularity = models.CharField(
        _("granularity"), max_length=10, choices=Granularity.choices, default=Granularity.MONTH
    )
    cumulative = models.BooleanField(
        _("year to date"),
        default=False,
        help_text=_("Cumulative from the start of the year (1-9月, first half)."),
    )
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    yoy = models.DecimalField(_("year-on-year growth (%)"), null=True, blank=True, **VALUE)
    qualifier = models.CharField(_("qualifier"), max_length=20, blank=True)
    rank = models.CharField(
        _("rank as published"), max_length=100, blank=True,
        help_text=_("The rank the source states (second in the province); computed ranks need "
                    "the peers' figures."),
    )  # fmt: skip
    source = models.TextField(_("source"), blank=True)
    source_document = models.ForeignKey(
        "texts.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("source document"),
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator_id", "period_end", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False, zone__isnull=True)
                | Q(region__isnull=True, zone__isnull=False),
                name="indicators_observation_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="indicators_observation_period_order",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(yoy__isnull=False),
                name="indicators_observation_has_figure",
            ),
            models.UniqueConstraint(
                fields=["region", "indicator", "period_start", "period_end", "cumulative"],
                condition=Q(zone__isnull=True),
                name="indicators_observation_unique_region_period",
            ),
            models.UniqueConstraint(
                fields=["zone", "indicator", "period_start", "period_end", "cumulative"],
                condition=Q(region__isnull=True),
                name="indicators_observation_unique_zone_period",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_end"], name="indicators_obs_end_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.subject} · {self.period_label}"

    def clean(self) -> None:
        super().clean()
        if bool(self.region_id) == bool(self.zone_id):
            raise ValidationError(_("Give exactly one of region or zone."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        if self.value is None and self.yoy is None:
            raise ValidationError({"value": _("Give a value, a growth rate or both.")})

    @property
    def subject(self):  # type: ignore[no-untyped-def]
        return self.zone or self.region

    @property
    def period_label(self) -> str:
        from devzone.indicators.periods import period_label

        return period_label(self.period_start, self.period_end, self.cumulative)
