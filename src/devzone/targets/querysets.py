"""Who sees which plans, targets and scorecards.

Zone-scoped records follow :func:`devzone.accounts.scope.zone_scope_q`. Region-scoped records
are seen by administrators and by members of a region whose code prefix covers them (the Jinhua
leader, prefix 3307, sees Jinhua's targets; the Zhejiang leader, prefix 33, sees them too). A
member of zones only sees the targets of those zones and of departments in them.

Scorecards are the exception: a ranking is published to everyone ranked, so a zone member also
sees the scorecards of the regions its zones lie in.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from devzone.accounts.scope import EVERYTHING, NOTHING, role_of, sees_everything, zone_scope_q


def region_scope_q(user: Any, region_path: str) -> Q:
    """A filter on ``region_path`` (a lookup to a Region) for region-level records."""
    if role_of(user) is None:
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    q = NOTHING
    for region in user.membership.regions.all():
        q |= Q(**{f"{region_path}__code__startswith": region.code_prefix})
    return q


def target_scope_q(user: Any, prefix: str = "") -> Q:
    """Targets of visible regions, zones and departments (``prefix`` leads to a Target)."""
    return (
        region_scope_q(user, f"{prefix}region")
        | (Q(**{f"{prefix}zone__isnull": False}) & zone_scope_q(user, f"{prefix}zone"))
        | (
            Q(**{f"{prefix}department__zone__isnull": False})
            & zone_scope_q(user, f"{prefix}department__zone")
        )
        | region_scope_q(user, f"{prefix}department__region")
    )


class TargetQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> TargetQuerySet:
        return self.filter(target_scope_q(user))


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PlanQuerySet:
        """Plans of visible regions, and plans holding a target the user may see."""
        from devzone.targets.models import Target

        with_visible_target = Target.objects.visible_to(user).values("plan_id")
        return self.filter(region_scope_q(user, "region") | Q(pk__in=with_visible_target))


class ScorecardQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ScorecardQuerySet:
        if role_of(user) is None:
            return self.none()
        if sees_everything(user):
            return self.all()
        q = region_scope_q(user, "region")
        for zone in user.membership.zones.select_related("region"):
            q |= Q(region__code__in=_covering_codes(zone.region.code))
        return self.filter(q)


def _covering_codes(code: str) -> list[str]:
    """The region codes that contain ``code``: 441203 → 441203, 441200, 440000."""
    return [code, code[:4] + "00", code[:2] + "0000"]
