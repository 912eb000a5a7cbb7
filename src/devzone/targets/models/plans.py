"""Annual action plans and their targets: Plan → Action → Target ← Indicator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.targets.choices import (
    SOURCE_LEDGER,
    SOURCE_MANUAL,
    SOURCE_SERIES,
    Direction,
    UnitKind,
)
from devzone.targets.querysets import PlanQuerySet, TargetQuerySet

# Targets reach 10^18 (yuan) with four decimals (rates such as 8.5 %, days such as 3.8).
VALUE = {"max_digits": 24, "decimal_places": 4}


class Plan(TimeStampedModel):
    """An annual action plan of a region or zone (肇庆 2023 制造业当家"十大行动")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="plans", verbose_name=_("region")
    )
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("zone"),
    )
    source = models.TextField(_("source"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Action(TimeStampedModel):
    """One action of a plan (筑巢, 引凤 …): the targets it answers for hang below it."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    code = models.SlugField(_("short code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="targets_action_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


def validate_actual_source(value: str) -> None:
    kind, _sep, key = value.partition(":")
    if kind == SOURCE_MANUAL and not key:
        return
    if kind == SOURCE_SERIES and key:
        return
    if kind == SOURCE_LEDGER and key:
        from devzone.targets.queries import LEDGER_QUERIES

        if key in LEDGER_QUERIES:
            return
        raise ValidationError(_("Unknown ledger query %(key)s."), params={"key": key})
    raise ValidationError(_('Write "ledger:<query>", "series:<key>" or "manual".'))


class Indicator(TimeStampedModel):
    """What is measured, and where its actual value comes from.

    ``actual_source`` is the seam between targets and the data: ``ledger:<query>`` runs a named
    query of :mod:`devzone.targets.queries` over the project ledger; ``series:<key>`` reads the
    indicator series ``<key>`` of the target's region or zone (its growth for a rate), and
    entered values (:class:`TargetActual`) while it has no point; ``manual`` reads entered
    values only.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    unit_kind = models.CharField(_("unit"), max_length=10, choices=UnitKind.choices)
    accumulates = models.BooleanField(
        _("accumulates over the period"),
        default=True,
        help_text=_(
            "Sums and counts build up through the year and are judged against time progress; "
            "levels (growth rates, averages) are judged against the target itself."
        ),
    )
    actual_source = models.CharField(
        _("actual value from"),
        max_length=120,
        default=SOURCE_MANUAL,
        validators=[validate_actual_source],
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def source_kind(self) -> str:
        return self.actual_source.partition(":")[0]

    @property
    def source_key(self) -> str:
        return self.actual_source.partition(":")[2]


class Target(TimeStampedModel):
    """An indicator's target for one region, zone or department over one period."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan")
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("action"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("region"),
    )
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("zone"),
    )
    department = models.ForeignKey(
        "regions.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("department"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("target value"), **VALUE)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=20, blank=True, help_text=_("超过, 力争 … as published.")
    )
    source = models.TextField(_("source"), blank=True, help_text=_("The sentence it comes from."))

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan_id", "action__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(region__isnull=False, zone__isnull=True, department__isnull=True)
                    | Q(region__isnull=True, zone__isnull=False, department__isnull=True)
                    | Q(region__isnull=True, zone__isnull=True, department__isnull=False)
                ),
                name="targets_target_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="targets_target_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.scope_label} · {self.period_label}"

    def clean(self) -> None:
        super().clean()
        scopes = [self.region_id, self.zone_id, self.department_id]
        if sum(1 for scope in scopes if scope) != 1:
            raise ValidationError(_("Give exactly one of region, zone or department."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        if self.action_id and self.plan_id and self.action.plan_id != self.plan_id:
            raise ValidationError({"action": _("The action belongs to another plan.")})

    @property
    def scope(self):  # type: ignore[no-untyped-def]
        return self.region or self.zone or self.department

    @property
    def scope_label(self) -> str:
        return str(self.scope)

    @property
    def period_label(self) -> str:
        start, end = self.period_start, self.period_end
        if (start.month, start.day, end.month, end.day) == (
            1,
            1,
            12,
            31,
        ) and start.year == end.year:
            return str(start.year)
        return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


class TargetActual(TimeStampedModel):
    """An actual value entered by hand (or imported) for a target, as of a day.

    Holds the values of ``series:`` and ``manual`` indicators until the indicators app
    provides series; the newest entry on or before the as-of date counts.
    """

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("target")
    )
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("actual value"), **VALUE)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("entered actual")
        verbose_name_plural = _("entered actuals")
        ordering = ["target_id", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["target", "as_of"], name="targets_actual_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.target} @ {self.as_of}"
