from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.accounts.choices import Role
from devzone.core.models import TimeStampedModel


class Membership(TimeStampedModel):
    """A user's role and the part of the world they work on.

    Staff edit records of their zones (or of every zone in their regions); leaders and viewers
    read the same scope; administrators see and edit everything. An empty scope means: nothing,
    except for administrators.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    zones = models.ManyToManyField(
        "regions.Zone", related_name="members", verbose_name=_("zones"), blank=True
    )
    regions = models.ManyToManyField(
        "regions.Region", related_name="members", verbose_name=_("regions"), blank=True
    )
    department = models.ForeignKey(
        "regions.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ApiToken(TimeStampedModel):
    """A token for the REST API (``Authorization: Bearer <token>``); only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["user_id", "name"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"
