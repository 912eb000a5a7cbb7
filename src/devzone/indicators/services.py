"""Writing indicators and observations: validation, permission and history in one place.

Who may write a series: administrators everywhere; staff for the zones they edit (a zone's own
series); region-level series (a city's GDP, the national figures) are statistics-bureau data,
written by administrators, importers and the demo (``actor=None`` is the operator).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import require_admin, require_edit, role_of
from devzone.core.history import save_with_history
from devzone.indicators.choices import NATIONAL_CODE
from devzone.indicators.models import Indicator, Observation
from devzone.regions.models import Region, Zone


@dataclass(frozen=True)
class Figure:
    """The measured part of an observation; any of them may be missing except one of value/yoy."""

    value: Decimal | None = None
    unit: str = ""
    yoy: Decimal | None = None
    qualifier: str = ""
    rank: str = ""


def create_indicator(*, key: str, name: str, actor: Any, **fields: Any) -> Indicator:
    """Add an indicator; editors may, since accepting a fact can need a new one."""
    if actor is not None and role_of(actor) not in EDITING_ROLES:
        raise PermissionDenied(_("Only staff and administrators may add indicators."))
    indicator = Indicator(key=key, name=name, **fields)
    save_with_history(indicator, actor=actor)
    return indicator


def national_region(*, actor: Any = None) -> Region:
    """The pseudo-region 100000 that holds national figures (created on first use).

    GB/T 2260 has no code for the country; 100000 cannot collide with a real division. It is
    stored as a top-level region without parent and is left out of every ranking.
    """
    found = Region.objects.filter(code=NATIONAL_CODE).first()
    if found is not None:
        return found
    region = Region(code=NATIONAL_CODE, name="全国", name_en="China", level="province")
    save_with_history(region, actor=actor)
    return region


def require_series_edit(actor: Any, subject: Region | Zone) -> None:
    """Zone series: the zone's editors; region series: administrators and staff members of the
    region; national figures: administrators (and the operator, ``actor=None``)."""
    if isinstance(subject, Zone):
        require_edit(actor, subject)
        return
    if actor is None or _covers(actor, subject):
        return
    try:
        require_admin(actor)
    except PermissionDenied as error:
        raise PermissionDenied(
            _("You may not change the figures of %(region)s.") % {"region": subject}
        ) from error


def _covers(actor: Any, region: Region) -> bool:
    """Staff who are members of ``region`` (or of a region containing it) edit its figures."""
    if role_of(actor) not in EDITING_ROLES or region.code == NATIONAL_CODE:
        return False
    return any(
        region.code.startswith(member.code_prefix) for member in actor.membership.regions.all()
    )


def _subject_fields(subject: Region | Zone) -> dict[str, Any]:
    if isinstance(subject, Zone):
        return {"zone": subject, "region": None}
    return {"region": subject, "zone": None}


@transaction.atomic
def record_observation(
    *,
    subject: Region | Zone,
    indicator: Indicator,
    start: date,
    end: date,
    figure: Figure,
    actor: Any,
    granularity: str = "month",
    cumulative: bool = False,
    source: str = "",
    source_document: Any = None,
) -> Observation:
    """Create the observation of (subject, indicator, period) or update it in place.

    An update keeps what the new figure does not say: a growth rate arriving after the value
    (or the other way round) completes the observation instead of erasing half of it.
    """
    require_series_edit(actor, subject)
    observation = (
        Observation.objects.for_subject(subject)
        .filter(indicator=indicator, period_start=start, period_end=end, cumulative=cumulative)
        .first()
    ) or Observation(
        indicator=indicator,
        period_start=start,
        period_end=end,
        cumulative=cumulative,
        **_subject_fields(subject),
    )
    observation.granularity = granularity
    if figure.value is not None:
        observation.value, observation.unit = figure.value, figure.unit
    if figure.yoy is not None:
        observation.yoy = figure.yoy
    if figure.qualifier or figure.value is not None:
        observation.qualifier = figure.qualifier
    if figure.rank:
        observation.rank = figure.rank
    if source:
        observation.source = source
    if source_document is not None:
        observation.source_document = source_document
    save_with_history(observation, actor=actor)
    return observation
