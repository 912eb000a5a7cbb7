"""Chains to and from a JSON file (format in docs/chains.md).

Links are named inside their chain and enterprises by legal name, so a file written by one
installation reads into another. Importing is idempotent and additive: it creates or updates
the chain, its links, edges and attachments named in the file and never deletes anything, so
re-importing an edited export is safe.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.chains import services
from devzone.chains.choices import LinkSource
from devzone.chains.models import Chain, EnterpriseLink, Link
from devzone.enterprises.models import Enterprise
from devzone.enterprises.services import create_enterprise
from devzone.regions.models import Region

FORMAT = "devzone-chain"
VERSION = 1


def export_chain(chain: Chain) -> dict[str, Any]:
    links = list(chain.links.all())
    by_id = {link.pk: link.name for link in links}
    edges = [
        {"supplier": by_id[supplier], "consumer": by_id[consumer]}
        for supplier, consumer in _edge_pairs(chain)
    ]
    records = EnterpriseLink.objects.filter(link__chain=chain).select_related(
        "enterprise", "enterprise__region", "site"
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "chain": {
            "name": chain.name,
            "name_en": chain.name_en,
            "region": chain.region.code if chain.region_id else None,
            "description": chain.description,
        },
        "links": [_link_dict(link) for link in links],
        "edges": edges,
        "enterprises": [_record_dict(record, by_id) for record in records],
    }


def _edge_pairs(chain: Chain) -> list[tuple[int, int]]:
    from devzone.chains.models import LinkEdge

    return list(
        LinkEdge.objects.filter(supplier__chain=chain)
        .order_by("supplier__name", "consumer__name")
        .values_list("supplier_id", "consumer_id")
    )


def _link_dict(link: Link) -> dict[str, Any]:
    return {
        "name": link.name,
        "name_en": link.name_en,
        "position": link.position,
        "industry_codes": link.industry_codes,
        "keywords": link.keywords,
    }


def _record_dict(record: EnterpriseLink, link_names: dict[int, str]) -> dict[str, Any]:
    enterprise = record.enterprise
    capital = enterprise.registered_capital
    return {
        "link": link_names[record.link_id],
        "legal_name": enterprise.legal_name,
        "short_name": enterprise.short_name,
        "region": enterprise.region.code if enterprise.region_id else None,
        "listed_code": enterprise.listed_code or None,
        "registered_capital": None if capital is None else format(capital, "f"),
        "products": record.products,
        "site": record.site.code if record.site_id else None,
        "is_chain_leader": record.is_chain_leader,
    }


def write_chain(chain: Chain, path: Path) -> None:
    text = json.dumps(export_chain(chain), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def read_chain(path: Path, *, actor: Any) -> Chain:
    return import_chain(json.loads(path.read_text(encoding="utf-8-sig")), actor=actor)


@transaction.atomic
def import_chain(data: dict[str, Any], *, actor: Any, source: str = LinkSource.IMPORT) -> Chain:
    """Create or update the chain described by ``data``; returns it."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        message = _("Not a chain file: expected format %(format)s, version %(version)s.")
        raise ValidationError({"format": message % {"format": FORMAT, "version": VERSION}})
    _check_shape(data)
    chain = _upsert_chain(data["chain"], actor=actor)
    links = {}
    for number, item in enumerate(data["links"], start=1):
        if item["name"] in links:
            message = _("Link %(number)d: “%(name)s” is listed twice.")
            raise ValidationError({"links": message % {"number": number, "name": item["name"]}})
        try:
            links[item["name"]] = _upsert_link(chain, item, actor=actor)
        except ValidationError as error:  # name the link: "position: … (link 3, 电池)"
            raise ValidationError(
                {
                    f"links[{number}].{field}": [f"{item['name']}: {m}" for m in messages]
                    for field, messages in error.message_dict.items()
                }
            ) from error
    for edge in data.get("edges", []):
        services.connect_links(
            _named(links, edge["supplier"]), _named(links, edge["consumer"]), actor=actor
        )
    for item in data.get("enterprises", []):
        services.attach_enterprise(
            _named(links, item["link"]),
            find_or_create_enterprise(item, actor=actor),
            actor=actor,
            products=item.get("products", ""),
            is_chain_leader=bool(item.get("is_chain_leader")),
            source=source,
            site=_region(item.get("site")),
        )
    return chain


# What each part of the file must hold: (part, the keys every item of it needs).
_REQUIRED = (("links", ("name",)), ("edges", ("supplier", "consumer")),
             ("enterprises", ("link", "legal_name")))  # fmt: skip


def _check_shape(data: dict[str, Any]) -> None:
    """Every part and item the import reads is there, named in the error when it is not."""
    chain = data.get("chain")
    if not isinstance(chain, dict) or not _text(chain.get("name")):
        raise ValidationError({"chain": _("The chain needs a name.")})
    if not isinstance(data.get("links"), list):
        raise ValidationError({"links": _("The file lists no links.")})
    for part, keys in _REQUIRED:
        items = data.get(part, [])
        if not isinstance(items, list):
            raise ValidationError({part: _("Give a list.")})
        for number, item in enumerate(items, start=1):
            missing = [
                key for key in keys if not isinstance(item, dict) or not _text(item.get(key))
            ]
            if missing:
                message = _("Item %(number)d lacks “%(key)s”.")
                raise ValidationError({part: message % {"number": number, "key": missing[0]}})


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _named(links: dict[str, Link], name: str) -> Link:
    if name not in links:
        raise ValidationError({"links": _("No link named “%s” in the file.") % name})
    return links[name]


def _region(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({"region": _("Unknown region “%s”.") % code})
    return region


def _upsert_chain(item: dict[str, Any], *, actor: Any) -> Chain:
    fields = {
        "name_en": item.get("name_en", ""),
        "region": _region(item.get("region")),
        "description": item.get("description", ""),
    }
    chain = Chain.objects.filter(name=item["name"]).first()
    if chain is None:
        return services.create_chain(actor=actor, name=item["name"], **fields)
    return services.update_chain(chain, actor=actor, **fields)


def _upsert_link(chain: Chain, item: dict[str, Any], *, actor: Any) -> Link:
    fields = {key: item[key] for key in services.LINK_FIELDS - {"name"} if key in item}
    link = Link.objects.filter(chain=chain, name=item["name"]).first()
    if link is None:
        return services.add_link(chain, actor=actor, name=item["name"], **fields)
    return services.update_link(link, actor=actor, **fields)


def find_or_create_enterprise(item: dict[str, Any], *, actor: Any) -> Enterprise:
    """The enterprise with this legal name, created (with short name and region) if missing."""
    enterprise = Enterprise.objects.filter(legal_name=item["legal_name"].strip()).first()
    if enterprise is not None:
        return enterprise
    fields = {
        key: item[key]
        for key in ("short_name", "registered_capital", "listed_code")
        if item.get(key) not in (None, "")
    }
    return create_enterprise(
        actor=actor, legal_name=item["legal_name"], region=_region(item.get("region")), **fields
    )
