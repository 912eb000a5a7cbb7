"""Bringing a registry's matching index up to date with what was written since it was built.

The index of a registry of millions takes minutes to build, while people add enterprises and
confirm or reject review-band matches one at a time. Each of those writes leaves change
records; :func:`updates_since` reads those written after the index's version and
:func:`apply` files them into the index and the rejections, in order, in milliseconds:

- a new enterprise (with its short and English names) and a new alias are added;
- a decision adds or withdraws a rejection, a confirmation's alias is added;
- an enterprise edit that leaves its names and region alone changes nothing here.

Anything else (a name or region changed, an enterprise or an alias deleted, or more than
:data:`MAX_UPDATES` records, as after a registry import) says "rebuild".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType

from devzone.core.models import ChangeAction, ChangeRecord
from devzone.enterprises.choices import AliasKind, DecisionKind
from devzone.enterprises.models import Enterprise, EnterpriseAlias, MatchDecision
from devzone.matching import EnterpriseRecord
from devzone.regions.models import Region

if TYPE_CHECKING:
    from devzone.enterprises.matching import RegistryMatcher

MAX_UPDATES = 2000

ENTERPRISE = "enterprise"  # index a new enterprise
ALIAS = "alias"  # file a person's confirmation: the name now means this enterprise
OTHER_ALIAS = "other_alias"  # file a short name, brand, former or English name
REJECT = "reject"  # keep the enterprise out of the candidates for a name
UNREJECT = "unreject"  # a rejection withdrawn (the decision became a confirmation)
DECISIONS = frozenset({REJECT, UNREJECT})

# What the index is built from; an edit of anything else leaves it as it is.
INDEXED_FIELDS = ("legal_name", "short_name", "name_en", "region_id")


@dataclass(frozen=True)
class Update:
    kind: str
    enterprise_id: int
    text: str  # the alias, the name's query key, or a new enterprise's legal name
    names: tuple[str, ...] = ()  # a new enterprise's short and English names
    region_id: int | None = None


def updates_since(version: int, until: int) -> list[Update] | None:
    """The writes recorded after ``version`` up to ``until``, or ``None``: rebuild instead."""
    types = ContentType.objects.get_for_models(Enterprise, EnterpriseAlias, MatchDecision)
    records = (
        ChangeRecord.objects.filter(
            pk__gt=version, pk__lte=until, content_type__in=[t.pk for t in types.values()]
        )
        .order_by("pk")
        .values_list("content_type_id", "action", "before", "after")
    )
    kinds = {types[model].pk: model for model in types}
    updates: list[Update] = []
    for count, (type_id, action, before, after) in enumerate(records[: MAX_UPDATES + 1]):
        if count == MAX_UPDATES:
            return None
        found = _UPDATES[kinds[type_id]](action, before or {}, after or {})
        if found is None:
            return None
        updates += found
    return updates


def _enterprise(action: str, before: dict[str, Any], after: dict[str, Any]) -> list[Update] | None:
    if action == ChangeAction.CREATE:
        names = tuple(name for name in (after.get("short_name"), after.get("name_en")) if name)
        return [Update(ENTERPRISE, after["id"], after["legal_name"], names, after["region_id"])]
    if action == ChangeAction.UPDATE and all(
        before.get(name) == after.get(name) for name in INDEXED_FIELDS
    ):
        return []
    return None


def _alias(action: str, before: dict[str, Any], after: dict[str, Any]) -> list[Update] | None:
    if action != ChangeAction.CREATE:
        return None
    kind = ALIAS if after.get("kind") == AliasKind.CONFIRMED else OTHER_ALIAS
    return [Update(kind, after["enterprise_id"], after["alias"])]


def _decision(action: str, before: dict[str, Any], after: dict[str, Any]) -> list[Update]:
    updates = []
    if before.get("decision") == DecisionKind.REJECTED:
        updates.append(Update(UNREJECT, before["enterprise_id"], before["query_key"]))
    if after.get("decision") == DecisionKind.REJECTED:
        updates.append(Update(REJECT, after["enterprise_id"], after["query_key"]))
    return updates


_UPDATES = {Enterprise: _enterprise, EnterpriseAlias: _alias, MatchDecision: _decision}


def apply(matcher: RegistryMatcher, updates: list[Update], *, decisions: bool = True) -> bool:
    """File ``updates`` into ``matcher`` (without the rejections unless ``decisions``).

    Returns ``False``, having changed nothing, when they do not fit the index: an alias of an
    enterprise it does not hold, or an enterprise it already holds.
    """
    index = matcher.index
    known = {u.enterprise_id for u in updates if u.kind == ENTERPRISE}
    for update in updates:
        if update.kind == ENTERPRISE and update.enterprise_id in index:
            return False
        aliased = update.kind in (ALIAS, OTHER_ALIAS)
        if aliased and update.enterprise_id not in index and update.enterprise_id not in known:
            return False
    codes = _region_codes({u.region_id for u in updates if u.region_id is not None})
    for update in updates:
        if update.kind == ENTERPRISE:
            region = codes.get(update.region_id)  # type: ignore[arg-type]
            index.add(EnterpriseRecord(update.enterprise_id, update.text, update.names, region))
        elif update.kind in (ALIAS, OTHER_ALIAS):
            index.add_alias(update.enterprise_id, update.text, confirmed=update.kind == ALIAS)
        elif not decisions:
            continue
        elif update.kind == REJECT:
            matcher.rejected.setdefault(update.text, set()).add(update.enterprise_id)
        else:
            matcher.rejected.get(update.text, set()).discard(update.enterprise_id)
    index.seal()  # before other threads query it again
    return True


def _region_codes(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(Region.objects.filter(pk__in=ids).values_list("pk", "code"))
