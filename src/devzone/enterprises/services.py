"""Writes to the enterprise registry. Staff and administrators may add and edit enterprises."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of
from devzone.core import codes
from devzone.core.history import save_with_history
from devzone.enterprises.choices import AliasKind
from devzone.enterprises.models import Enterprise, EnterpriseAlias

ENTERPRISE_FIELDS = {
    "short_name",
    "name_en",
    "region_part",
    "legal_form",
    "credit_code",
    "region",
    "industry",
    "registered_capital",
    "capital_currency",
    "listed_code",
    "address",
    "scope",
}


def require_registry_edit(actor: Any) -> None:
    if actor is not None and role_of(actor) not in EDITING_ROLES:
        raise PermissionDenied(_("You may not change the enterprise registry."))


def _canonical_credit_code(fields: dict[str, Any]) -> None:
    """Accept a credit code typed with spaces or in lower case, store it canonical."""
    value = fields.get("credit_code")
    if value:
        # an invalid code is left as typed: the model validator reports it with the field name
        with contextlib.suppress(codes.CodeError):
            fields["credit_code"] = codes.validate_credit_code(value)
    elif "credit_code" in fields:
        fields["credit_code"] = None


@transaction.atomic
def create_enterprise(
    *, actor: Any, legal_name: str, aliases: Iterable[tuple[str, str]] = (), **fields: Any
) -> Enterprise:
    require_registry_edit(actor)
    unknown = set(fields) - ENTERPRISE_FIELDS
    if unknown:
        raise TypeError(f"unknown enterprise fields: {sorted(unknown)}")
    _canonical_credit_code(fields)
    enterprise = Enterprise(legal_name=legal_name.strip(), **fields)
    save_with_history(enterprise, actor=actor)
    for alias, kind in aliases:
        add_alias(enterprise, alias, kind=kind, actor=actor)
    return enterprise


@transaction.atomic
def update_enterprise(enterprise: Enterprise, *, actor: Any, **changes: Any) -> Enterprise:
    require_registry_edit(actor)
    unknown = set(changes) - ENTERPRISE_FIELDS - {"legal_name"}
    if unknown:
        raise TypeError(f"unknown enterprise fields: {sorted(unknown)}")
    _canonical_credit_code(changes)
    for name, value in changes.items():
        setattr(enterprise, name, value)
    save_with_history(enterprise, actor=actor)
    return enterprise


@transaction.atomic
def add_alias(
    enterprise: Enterprise, alias: str, *, kind: str = AliasKind.SHORT, actor: Any
) -> EnterpriseAlias:
    require_registry_edit(actor)
    record = EnterpriseAlias(enterprise=enterprise, alias=alias.strip(), kind=kind)
    if EnterpriseAlias.objects.filter(enterprise=enterprise, alias=record.alias).exists():
        message = _("“%(alias)s” is already a name of this enterprise.")
        raise ValidationError({"aliases": message % {"alias": record.alias}})
    save_with_history(record, actor=actor)
    return record
