"""The one place that decides who sees and edits what.

Pages, the API, exports and commands all filter through :func:`zone_scope_q` (reads) and
:func:`require_edit` (writes). A record's zone decides: users see zones they are members of,
and every zone inside the regions they are members of.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES, Role

NOTHING = Q(pk__in=[])
# Every row, as a condition that survives ``|``: ``Q() | Q(x)`` is just ``Q(x)`` in Django, so
# an administrator's "no restriction" written as ``Q()`` would vanish when OR-ed with another.
EVERYTHING = ~NOTHING


def role_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = getattr(user, "membership", None)
    return membership.role if membership is not None else None


def sees_everything(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def zone_scope_q(user: Any, zone_path: str = "zone") -> Q:
    """A filter on ``zone_path`` (a lookup to a Zone) for the records ``user`` may read.

    ``zone_path=""`` filters Zone itself.
    """
    role = role_of(user)
    if role is None:
        return NOTHING
    if role == Role.ADMIN:
        return EVERYTHING
    membership = user.membership
    zone_ids = [zone.pk for zone in membership.zones.all()]
    own = f"{zone_path}__in" if zone_path else "pk__in"
    region = f"{zone_path}__region__code__startswith" if zone_path else "region__code__startswith"
    q = Q(**{own: zone_ids}) if zone_ids else NOTHING
    for member_region in membership.regions.all():
        q |= Q(**{region: member_region.code_prefix})
    return q


def can_read_zone(user: Any, zone: Any) -> bool:
    from devzone.regions.models import Zone

    return Zone.objects.filter(zone_scope_q(user, ""), pk=zone.pk).exists()


def can_edit_zone(user: Any, zone: Any) -> bool:
    role = role_of(user)
    if role not in EDITING_ROLES:
        return False
    if role == Role.ADMIN:
        return True
    from devzone.regions.models import Zone

    return Zone.objects.filter(zone_scope_q(user, ""), pk=zone.pk).exists()


def require_edit(user: Any, zone: Any) -> None:
    """Raise PermissionDenied unless ``user`` may change records of ``zone``.

    ``user=None`` is the operator at the command line or a data migration: allowed.
    """
    if user is None:
        return
    if not can_edit_zone(user, zone):
        raise PermissionDenied(_("You may not change records of %(zone)s.") % {"zone": zone})


def require_admin(user: Any) -> None:
    if user is None:
        return
    if not sees_everything(user):
        raise PermissionDenied(_("Only an administrator may do this."))
