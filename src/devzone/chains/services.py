"""Writes to industry chains; every write is recorded.

A chain belongs to a region (Zhaoqing's new-energy vehicles): staff of that region, or of a zone
in it, edit it; a chain without a region is shared by all, so only administrators change it.
``actor=None`` is the operator at the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of, sees_everything
from devzone.chains.choices import LinkSource
from devzone.chains.models import Chain, EnterpriseLink, Link, LinkEdge
from devzone.core.history import delete_with_history, save_with_history

CHAIN_FIELDS = {"name", "name_en", "region", "description"}
LINK_FIELDS = {"name", "name_en", "position", "industry_codes", "keywords"}


def require_chain_edit(actor: Any, region: Any) -> None:
    """Staff change the chains of their own regions (and of the regions their zones are in);
    a chain without a region is shared by every region, so only administrators change it."""
    if actor is not None and role_of(actor) not in EDITING_ROLES:
        raise PermissionDenied(_("Only staff and administrators may change industry chains."))
    if actor is None or sees_everything(actor):
        return
    if region is None:
        raise PermissionDenied(_("Only an administrator may change a chain every region shares."))
    membership = actor.membership
    prefixes = [member.code_prefix for member in membership.regions.all()]
    zone_regions = [zone.region.code for zone in membership.zones.select_related("region")]
    if any(region.code.startswith(prefix) for prefix in prefixes) or any(
        code.startswith(region.code_prefix) for code in zone_regions
    ):
        return
    raise PermissionDenied(_("You may not change the chains of %(region)s.") % {"region": region})


def _unknown(fields: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {unknown}")


def _words(values: Iterable[str] | str | None) -> list[str]:
    """Keywords or codes, once each: a list, or one text of them ("热泵, 液冷")."""
    if isinstance(values, str):
        values = re.split(r"[,，、;；\s]+", values)
    return list(dict.fromkeys(value.strip() for value in values or () if value.strip()))


@transaction.atomic
def create_chain(*, actor: Any, name: str, **fields: Any) -> Chain:
    require_chain_edit(actor, fields.get("region"))
    _unknown(fields, CHAIN_FIELDS, "chain")
    chain = Chain(name=name.strip(), **fields)
    save_with_history(chain, actor=actor)
    return chain


@transaction.atomic
def update_chain(chain: Chain, *, actor: Any, **changes: Any) -> Chain:
    require_chain_edit(actor, chain.region)
    if "region" in changes:
        require_chain_edit(actor, changes["region"])
    _unknown(changes, CHAIN_FIELDS, "chain")
    for name, value in changes.items():
        setattr(chain, name, value)
    save_with_history(chain, actor=actor)
    return chain


@transaction.atomic
def delete_chain(chain: Chain, *, actor: Any) -> None:
    require_chain_edit(actor, chain.region)
    delete_with_history(chain, actor=actor)


@transaction.atomic
def add_link(chain: Chain, *, actor: Any, name: str, **fields: Any) -> Link:
    require_chain_edit(actor, chain.region)
    _unknown(fields, LINK_FIELDS, "link")
    for key in ("industry_codes", "keywords"):
        fields[key] = _words(fields.get(key))
    link = Link(chain=chain, name=name.strip(), **fields)
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def update_link(link: Link, *, actor: Any, **changes: Any) -> Link:
    require_chain_edit(actor, link.chain.region)
    _unknown(changes, LINK_FIELDS, "link")
    for key in ("industry_codes", "keywords"):
        if key in changes:
            changes[key] = _words(changes[key])
    for name, value in changes.items():
        setattr(link, name, value)
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def delete_link(link: Link, *, actor: Any) -> None:
    """Delete a link with its edges and enterprise attachments, each change recorded."""
    require_chain_edit(actor, link.chain.region)
    edges = LinkEdge.objects.filter(supplier=link) | LinkEdge.objects.filter(consumer=link)
    for record in [*edges, *link.enterprise_links.all()]:
        delete_with_history(record, actor=actor)
    delete_with_history(link, actor=actor)


@transaction.atomic
def connect_links(supplier: Link, consumer: Link, *, actor: Any) -> LinkEdge:
    """Record that ``supplier`` feeds ``consumer``; connecting twice changes nothing."""
    require_chain_edit(actor, supplier.chain.region)
    if consumer.chain_id != supplier.chain_id:
        require_chain_edit(actor, consumer.chain.region)
    existing = LinkEdge.objects.filter(supplier=supplier, consumer=consumer).first()
    if existing is not None:
        return existing
    edge = LinkEdge(supplier=supplier, consumer=consumer)
    save_with_history(edge, actor=actor)
    return edge


@transaction.atomic
def disconnect_links(edge: LinkEdge, *, actor: Any) -> None:
    require_chain_edit(actor, edge.supplier.chain.region)
    delete_with_history(edge, actor=actor)


@transaction.atomic
def attach_enterprise(
    link: Link,
    enterprise: Any,
    *,
    actor: Any,
    products: str = "",
    is_chain_leader: bool = False,
    source: str = LinkSource.MANUAL,
    site: Any = None,
) -> EnterpriseLink:
    """Say that ``enterprise`` makes ``link``; attaching again updates what was said."""
    require_chain_edit(actor, link.chain.region)
    record = EnterpriseLink.objects.filter(link=link, enterprise=enterprise).first()
    record = record or EnterpriseLink(link=link, enterprise=enterprise)
    record.products = products
    record.is_chain_leader = is_chain_leader
    record.source = source
    record.site = site
    save_with_history(record, actor=actor)
    return record


@transaction.atomic
def detach_enterprise(record: EnterpriseLink, *, actor: Any) -> None:
    require_chain_edit(actor, record.link.chain.region)
    delete_with_history(record, actor=actor)
