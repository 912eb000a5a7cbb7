from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.models import TimeStampedModel
from devzone.enterprises.choices import AliasKind, IndustryLevel
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
        return f"{self.code} {self.name}"


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
