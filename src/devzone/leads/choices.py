from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStage(models.TextChoices):
    IDENTIFIED = "identified", _("identified")
    CONTACTED = "contacted", _("contacted")
    VISITED = "visited", _("visited")
    NEGOTIATING = "negotiating", _("negotiating")
    SIGNED = "signed", _("signed")
    DROPPED = "dropped", _("dropped")


# Where a lead may go from each stage. Steps may be skipped forward (a first call can end in a
# signing), a dropped lead may be reopened, and a signed lead is final: it is now a project.
TRANSITIONS: dict[str, frozenset[str]] = {
    LeadStage.IDENTIFIED: frozenset({LeadStage.CONTACTED, LeadStage.DROPPED}),
    LeadStage.CONTACTED: frozenset(
        {LeadStage.VISITED, LeadStage.NEGOTIATING, LeadStage.SIGNED, LeadStage.DROPPED}
    ),
    LeadStage.VISITED: frozenset({LeadStage.NEGOTIATING, LeadStage.SIGNED, LeadStage.DROPPED}),
    LeadStage.NEGOTIATING: frozenset({LeadStage.SIGNED, LeadStage.DROPPED}),
    LeadStage.SIGNED: frozenset(),
    LeadStage.DROPPED: frozenset({LeadStage.IDENTIFIED}),
}

OPEN_STAGES = frozenset(
    {LeadStage.IDENTIFIED, LeadStage.CONTACTED, LeadStage.VISITED, LeadStage.NEGOTIATING}
)


class LeadEventKind(models.TextChoices):
    CREATED = "created", _("created")
    STAGE_CHANGED = "stage_changed", _("stage changed")
    CONVERTED = "converted", _("converted to a project")
