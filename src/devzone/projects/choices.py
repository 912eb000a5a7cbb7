from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    MANUFACTURING = "manufacturing", _("manufacturing")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    SERVICES = "services", _("services")
    AGRICULTURE = "agriculture", _("agriculture")
    ENERGY = "energy", _("energy")
    OTHER = "other", _("other")


class ConstructionType(models.TextChoices):
    NEW = "new", _("new build")
    EXPANSION = "expansion", _("expansion")
    UPGRADE = "upgrade", _("technical upgrade")


class MilestoneKind(models.TextChoices):
    """The lifecycle in order: 签约 → 立项/备案 → 供地 → 开工 → 竣工 → 投产."""

    SIGNED = "signed", _("signed")
    APPROVED = "approved", _("approved / filed")
    LAND_SUPPLIED = "land_supplied", _("land supplied")
    CONSTRUCTION_STARTED = "construction_started", _("construction started")
    COMPLETED = "completed", _("completed")
    IN_PRODUCTION = "in_production", _("in production")


MILESTONE_ORDER = [kind.value for kind in MilestoneKind]

# What cannot actually happen before what: nothing is built, finished or produced before the
# signing, nothing finished or produced before building started. (Approval and land may come
# before the signing, and trial production before completion: those are not checked.)
MUST_FOLLOW = {
    "construction_started": ("signed",),
    "completed": ("signed", "construction_started"),
    "in_production": ("signed", "construction_started"),
}


def actual_order_problems(actual: dict[str, object]) -> list[tuple[str, str]]:
    """(later, earlier) pairs of milestones whose actual dates run backwards."""
    return [
        (later, earlier)
        for later, earliers in MUST_FOLLOW.items()
        for earlier in earliers
        if actual.get(later) and actual.get(earlier) and actual[later] < actual[earlier]  # type: ignore[operator]
    ]


class Stage(models.TextChoices):
    """Where a project is: the latest milestone actually reached."""

    PLANNED = "planned", _("planned")
    SIGNED = "signed", _("signed")
    APPROVED = "approved", _("approved / filed")
    LAND_SUPPLIED = "land_supplied", _("land supplied")
    CONSTRUCTION_STARTED = "construction_started", _("under construction")
    COMPLETED = "completed", _("completed")
    IN_PRODUCTION = "in_production", _("in production")


class Status(models.TextChoices):
    """Derived, never typed in: see ``ProjectQuerySet.with_status``."""

    ON_SCHEDULE = "on_schedule", _("on schedule")
    DELAYED = "delayed", _("delayed")
    STALLED = "stalled", _("stalled")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")


class InvestorRole(models.TextChoices):
    LEAD = "lead", _("lead investor")
    PARTNER = "partner", _("partner")


def backwards_message(later: str, earlier: str, actual: dict[str, Any]) -> str:
    """The error for a pair :func:`actual_order_problems` found, naming both dates."""
    return gettext(
        "%(later)s on %(later_date)s cannot come before %(earlier)s on %(earlier_date)s."
    ) % {
        "later": MilestoneKind(later).label,
        "later_date": actual[later].isoformat(),
        "earlier": MilestoneKind(earlier).label,
        "earlier_date": actual[earlier].isoformat(),
    }
