"""Investment promotion leads (招商线索): an enterprise courted for chain links, stage by stage.

The stage lives on the lead for fast lists; every move is also a typed :class:`LeadEvent`
(who, when, from, to, note), so the pipeline's history and cycle times need no diffing of the
generic change log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from devzone.accounts.scope import zone_scope_q
from devzone.core import clock
from devzone.core.models import TimeStampedModel
from devzone.leads.choices import OPEN_STAGES, LeadEventKind, LeadStage


class LeadQuerySet(models.QuerySet):
    def visible_to(self, user):  # type: ignore[no-untyped-def]
        """The leads of the zones ``user`` may read (the only way pages and the API list them)."""
        return self.filter(zone_scope_q(user, "zone"))

    def open(self):  # type: ignore[no-untyped-def]
        return self.filter(stage__in=OPEN_STAGES)

    def stale(self, today=None):  # type: ignore[no-untyped-def]
        """Open leads whose next action is overdue."""
        today = today or clock.today()
        return self.open().filter(next_action_date__lt=today)


class Lead(TimeStampedModel):
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="leads",
        verbose_name=_("enterprise"),
    )
    links = models.ManyToManyField(
        "chains.Link", related_name="leads", blank=True, verbose_name=_("chain links")
    )
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.PROTECT,
        related_name="leads",
        verbose_name=_("zone"),
        help_text=_("The zone the enterprise is courted for."),
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=LeadStage.choices, default=LeadStage.IDENTIFIED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("owner"),
    )
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_date = models.DateField(_("next action date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead",
        verbose_name=_("project"),
    )

    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["next_action_date", "-updated_at", "id"]
        indexes = [models.Index(fields=["zone", "stage"], name="leads_zone_stage_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "zone"],
                condition=Q(stage__in=sorted(OPEN_STAGES)),
                name="leads_one_open_lead_per_zone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.zone}"

    def clean(self) -> None:
        super().clean()
        clock.check_plausible(self, "next_action_date")

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def is_stale(self) -> bool:
        return (
            self.is_open
            and self.next_action_date is not None
            and self.next_action_date < clock.today()
        )


class LeadEvent(models.Model):
    """A lifecycle fact of a lead: created, moved from one stage to another, converted."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="events", verbose_name=_("lead")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LeadEventKind.choices)
    from_stage = models.CharField(
        _("from stage"), max_length=12, choices=LeadStage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=12, choices=LeadStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("lead event")
        verbose_name_plural = _("lead events")
        ordering = ["lead_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.lead} · {self.get_kind_display()} · {self.to_stage}"
