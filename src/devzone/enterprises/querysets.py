"""Reads of the registry shared by the pages, the command line and the match service.

The registry is reference data: every signed-in user may read all of it, so these reads take
no user. Projects shown beside an enterprise still go through ``Project.objects.visible_to``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from devzone.enterprises.models import Enterprise, EnterpriseAlias


def registry_search(term: str = "") -> QuerySet[Enterprise]:
    """Enterprises whose name, short or English name or alias contains ``term``, or whose credit
    code starts with it."""
    enterprises = Enterprise.objects.select_related("region", "industry")
    term = term.strip()
    if not term:
        return enterprises
    alias = EnterpriseAlias.objects.filter(enterprise=OuterRef("pk"), alias__icontains=term)
    return enterprises.filter(
        Q(legal_name__icontains=term)
        | Q(short_name__icontains=term)
        | Q(name_en__icontains=term)
        | Q(credit_code__startswith=term.upper().replace(" ", ""))
        | Exists(alias)
    )
