"""Industry chains: links (products or segments) joined by supply edges, and who makes them.

A chain is a small hand-curated graph (a dozen to a few dozen links) that staff edit in the web
application; the large product graph of listed companies lives in an analytical store instead
(see :mod:`devzone.chains.graph`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.chains.choices import LinkPosition, LinkSource
from devzone.core.models import TimeStampedModel
from devzone.core.names import shown_name


class Chain(TimeStampedModel):
    """An industry chain such as Zhaoqing's new-energy vehicles (新能源汽车产业链)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chains",
        verbose_name=_("region"),
        help_text=_("The region whose chain this is; empty for a chain any region may use."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")
        ordering = ["name"]

    def __str__(self) -> str:
        return shown_name(self)


class Link(TimeStampedModel):
    """One link of a chain: a product or segment (动力电池), mapped to industries and keywords."""

    chain = models.ForeignKey(
        Chain, on_delete=models.CASCADE, related_name="links", verbose_name=_("chain")
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    position = models.CharField(
        _("position"), max_length=12, choices=LinkPosition.choices, default=LinkPosition.MIDSTREAM
    )
    industry_codes = models.JSONField(
        _("GB/T 4754 industry codes"), default=list, blank=True,
        help_text=_("Industry classes whose enterprises may make this link, e.g. C3841."),
    )  # fmt: skip
    keywords = models.JSONField(
        _("product keywords"), default=list, blank=True,
        help_text=_("Product names that belong to this link, e.g. 电芯, 锂电池."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["chain_id", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "name"], name="chains_link_unique_name")
        ]

    def __str__(self) -> str:
        return shown_name(self)

    def clean(self) -> None:
        super().clean()
        from devzone.core import codes

        for code in self.industry_codes or []:
            try:
                codes.validate_industry_code(code)
            except codes.CodeError as exc:
                message = _(
                    "“%(code)s” is not a GB/T 4754 industry code (a letter A–T and 2 to 4 "
                    "digits, such as C3841)."
                ) % {"code": code}
                raise ValidationError({"industry_codes": message}) from exc
        if not all(isinstance(word, str) and word.strip() for word in self.keywords or []):
            raise ValidationError({"keywords": _("Keywords must be non-empty words.")})


class LinkEdge(TimeStampedModel):
    """A supply edge: ``supplier`` link feeds ``consumer`` link (电芯 → 动力电池)."""

    supplier = models.ForeignKey(
        Link, on_delete=models.CASCADE, related_name="supplies", verbose_name=_("supplier link")
    )
    consumer = models.ForeignKey(
        Link, on_delete=models.CASCADE, related_name="consumes", verbose_name=_("consumer link")
    )

    class Meta:
        verbose_name = _("supply edge")
        verbose_name_plural = _("supply edges")
        ordering = ["supplier_id", "consumer_id"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "consumer"], name="chains_edge_unique"),
            models.CheckConstraint(
                condition=~models.Q(supplier=models.F("consumer")), name="chains_edge_not_loop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.consumer}"

    def clean(self) -> None:
        super().clean()
        if self.supplier_id and self.consumer_id:
            if self.supplier_id == self.consumer_id:
                raise ValidationError({"consumer": _("A link cannot supply itself.")})
            if self.supplier.chain_id != self.consumer.chain_id:
                raise ValidationError({"consumer": _("Both links must belong to the same chain.")})


class EnterpriseLink(TimeStampedModel):
    """An enterprise makes (something of) a link; a chain leader (链主) anchors the chain."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="chain_links",
        verbose_name=_("enterprise"),
    )
    link = models.ForeignKey(
        Link, on_delete=models.CASCADE, related_name="enterprise_links", verbose_name=_("link")
    )
    products = models.CharField(_("what it makes"), max_length=200, blank=True)
    site = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("production site"),
        help_text=_(
            "Where it makes this link, when not at its registered seat "
            "(CATL is registered in Ningde and makes batteries in Zhaoqing)."
        ),
    )
    is_chain_leader = models.BooleanField(_("chain leader"), default=False)
    source = models.CharField(
        _("source"), max_length=12, choices=LinkSource.choices, default=LinkSource.MANUAL
    )

    class Meta:
        verbose_name = _("enterprise in a link")
        verbose_name_plural = _("enterprises in links")
        ordering = ["link_id", "-is_chain_leader", "enterprise_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "link"], name="chains_enterprise_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.link}"

    @property
    def location(self):  # type: ignore[no-untyped-def]
        """The region where the link is made: the site if given, else the registered region."""
        return self.site if self.site_id else self.enterprise.region
