from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.codes import region_parent
from devzone.core.models import TimeStampedModel
from devzone.core.names import shown_name
from devzone.regions.choices import RegionLevel, ZoneKind


class Region(TimeStampedModel):
    """An administrative division with its GB/T 2260 six-digit code (330700 = Jinhua)."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=RegionLevel.choices)
    division_type = models.CharField(_("division type"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent region"),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return shown_name(self)

    @property
    def code_prefix(self) -> str:
        """The code digits every descendant shares (33 for Zhejiang, 3307 for Jinhua)."""
        if self.level == RegionLevel.PROVINCE:
            return self.code[:2]
        if self.level == RegionLevel.PREFECTURE:
            return self.code[:4]
        return self.code


class Zone(TimeStampedModel):
    """A functional area — development zone, new district, park — inside a region.

    Zones are not administrative divisions, so they have no GB/T 2260 code of their own.
    """

    slug = models.SlugField(_("short code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=ZoneKind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="zones", verbose_name=_("region")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent zone"),
    )

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="regions_zone_unique_name")
        ]

    def __str__(self) -> str:
        return shown_name(self)


class Department(TimeStampedModel):
    """A government department of a region or a zone (发改局, 招商中心 …)."""

    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("region"),
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name=_("zone"),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "zone", "name"],
                name="regions_department_unique_name",
            )
        ]

    def __str__(self) -> str:
        return shown_name(self)

    def serves(self, region: Region) -> bool:
        """A department serves its own region, the regions within it and the one it sits
        in: a city's bureau owns a district project's problem; another city's does not."""
        own = self.region
        return region.code.startswith(own.code_prefix) or own.code.startswith(region.code_prefix)

    @classmethod
    def serving(cls, region: Region) -> models.QuerySet:
        """The departments that :meth:`serves` ``region`` (its own, above and within it)."""
        above = [region.code]
        while (parent := region_parent(above[-1])) is not None:
            above.append(parent)
        within = models.Q(region__code__startswith=region.code_prefix)
        return cls.objects.filter(within | models.Q(region__code__in=above))
