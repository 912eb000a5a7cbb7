"""Writes to industry chains. Staff and administrators edit chains; every write is recorded.

Chains are shared reference data (like the enterprise registry), not records of one zone, so
the check is the registry's: an editing role, or ``actor=None`` at the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from devzone.chains.choices import LinkSource
from devzone.chains.models import Chain, EnterpriseLink, Link, LinkEdge
from devzone.core.history import delete_with_history, save_with_history
from devzone.enterprises.services import require_registry_edit

CHAIN_FIELDS = {"name", "name_en", "region", "description"}
LINK_FIELDS = {"name", "name_en", "position", "industry_codes", "keywords"}


def _unknown(fields: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {unknown}")


def _words(values: Iterable[str] | None) -> list[str]:
    return list(dict.fromkeys(value.strip() for value in values or () if value.strip()))


@transaction.atomic
def create_chain(*, actor: Any, name: str, **fields: Any) -> Chain:
    require_registry_edit(actor)
    _unknown(fields, CHAIN_FIELDS, "chain")
    chain = Chain(name=name.strip(), **fields)
    save_with_history(chain, actor=actor)
    return chain


@transaction.atomic
def update_chain(chain: Chain, *, actor: Any, **changes: Any) -> Chain:
    require_registry_edit(actor)
    _unknown(changes, CHAIN_FIELDS, "chain")
    for name, value in changes.items():
        setattr(chain, name, value)
    save_with_history(chain, actor=actor)
    return chain


@transaction.atomic
def delete_chain(chain: Chain, *, actor: Any) -> None:
    require_registry_edit(actor)
    delete_with_history(chain, actor=actor)


@transaction.atomic
def add_link(chain: Chain, *, actor: Any, name: str, **fields: Any) -> Link:
    require_registry_edit(actor)
    _unknown(fields, LINK_FIELDS, "link")
    for key in ("industry_codes", "keywords"):
        fields[key] = _words(fields.get(key))
    link = Link(chain=chain, name=name.strip(), **fields)
    save_with_history(link, actor=actor)
    return link


@transaction.atomic
def update_link(link: Link, *, actor: Any, **changes: Any) -> Link:
    require_registry_edit(actor)
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
    require_registry_edit(actor)
    edges = LinkEdge.objects.filter(supplier=link) | LinkEdge.objects.filter(consumer=link)
    for record in [*edges, *link.enterprise_links.all()]:
        delete_with_history(record, actor=actor)
    delete_with_history(link, actor=actor)


@transaction.atomic
def connect_links(supplier: Link, consumer: Link, *, actor: Any) -> LinkEdge:
    """Record that ``supplier`` feeds ``consumer``; connecting twice changes nothing."""
    require_registry_edit(actor)
    existing = LinkEdge.objects.filter(supplier=supplier, consumer=consumer).first()
    if existing is not None:
        return existing
    edge = LinkEdge(supplier=supplier, consumer=consumer)
    save_with_history(edge, actor=actor)
    return edge


@transaction.atomic
def disconnect_links(edge: LinkEdge, *, actor: Any) -> None:
    require_registry_edit(actor)
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
    require_registry_edit(actor)
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
    require_registry_edit(actor)
    delete_with_history(record, actor=actor)
