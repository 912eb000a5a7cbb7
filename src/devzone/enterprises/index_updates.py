"""Bringing a registry's matching index up to date with the decisions made since it was built.

People confirm and reject review-band matches one at a time, while the index of a registry of
millions takes minutes to build. Each decision leaves change records (a ``MatchDecision``, and
for a confirmation a confirmed ``EnterpriseAlias``); :func:`updates_since` reads those written
after the index's version and :func:`apply` files them into the index and the rejections, in
order, in milliseconds. Any other change (an enterprise or an ordinary alias written, a
confirmed alias removed, or more than :data:`MAX_UPDATES` records) says "rebuild": only
decisions are followed this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType

from devzone.core.models import ChangeAction, ChangeRecord
from devzone.enterprises.choices import AliasKind, DecisionKind
from devzone.enterprises.models import Enterprise, EnterpriseAlias, MatchDecision

if TYPE_CHECKING:
    from devzone.enterprises.matching import RegistryMatcher

MAX_UPDATES = 2000

ALIAS = "alias"  # file a confirmed alias under its enterprise
REJECT = "reject"  # keep the enterprise out of the candidates for a name
UNREJECT = "unreject"  # a rejection withdrawn (the decision became a confirmation)


@dataclass(frozen=True)
class Update:
    kind: str
    enterprise_id: int
    text: str  # the alias, or the name's query key


def updates_since(version: int, until: int) -> list[Update] | None:
    """The decisions recorded after ``version`` up to ``until``, or ``None``: rebuild instead."""
    types = ContentType.objects.get_for_models(Enterprise, EnterpriseAlias, MatchDecision)
    records = (
        ChangeRecord.objects.filter(
            pk__gt=version, pk__lte=until, content_type__in=[t.pk for t in types.values()]
        )
        .order_by("pk")
        .values_list("content_type_id", "action", "before", "after")
    )
    alias_type, decision_type = types[EnterpriseAlias].pk, types[MatchDecision].pk
    updates: list[Update] = []
    for count, (type_id, action, before, after) in enumerate(records[: MAX_UPDATES + 1]):
        if count == MAX_UPDATES:
            return None
        if type_id == decision_type:
            updates += _decision_updates(before, after)
        elif type_id == alias_type and action == ChangeAction.CREATE and _confirmed(after):
            updates.append(Update(ALIAS, after["enterprise_id"], after["alias"]))
        else:
            return None
    return updates


def _confirmed(alias: dict[str, Any] | None) -> bool:
    return bool(alias) and alias.get("kind") == AliasKind.CONFIRMED  # type: ignore[union-attr]


def _decision_updates(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Update]:
    updates = []
    if before and before.get("decision") == DecisionKind.REJECTED:
        updates.append(Update(UNREJECT, before["enterprise_id"], before["query_key"]))
    if after and after.get("decision") == DecisionKind.REJECTED:
        updates.append(Update(REJECT, after["enterprise_id"], after["query_key"]))
    return updates


def apply(matcher: RegistryMatcher, updates: list[Update]) -> bool:
    """File ``updates`` into ``matcher``; ``False`` (and nothing changed) if one names an
    enterprise the index does not hold."""
    index = matcher.index
    if any(update.kind == ALIAS and update.enterprise_id not in index for update in updates):
        return False
    for update in updates:
        if update.kind == ALIAS:
            index.add_alias(update.enterprise_id, update.text, confirmed=True)
        elif update.kind == REJECT:
            matcher.rejected.setdefault(update.text, set()).add(update.enterprise_id)
        else:
            matcher.rejected.get(update.text, set()).discard(update.enterprise_id)
    return True
