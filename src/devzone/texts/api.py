"""Documents and the review queue over the REST API.

Uploading a document and reviewing facts follow the same rules as the pages: staff and
administrators only (services raise PermissionDenied → 403, ValidationError → 422).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, overload

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import role_of
from devzone.api.errors import READ_ERRORS, WRITE_ERRORS
from devzone.api.pages import Pages
from devzone.api.types import InputSchema, lookup
from devzone.texts.cli import fact_dict
from devzone.texts.models import Fact
from devzone.texts.services import accept_fact, fact_scope_q, ingest_document, reject_fact

router = Router(tags=["texts"])


class FactOut(Schema):
    id: int
    document: int
    status: str
    duplicate_of: int | None
    subject: str
    metric: str
    value: str | None
    unit: str
    qualifier: str
    period: dict[str, Any]
    change: dict[str, Any] | None
    rank: str
    span: list[int]
    text: str
    observation: int | None


class DocumentIn(InputSchema):
    text: str
    published: dt.date | None = None
    title: str = ""
    source_name: str = ""
    url: str = ""


class IngestOut(Schema):
    document: int
    created: bool
    published: dt.date | None
    published_source: str
    facts: list[FactOut]


class AcceptIn(InputSchema):
    edits: dict[str, Any] = {}
    replace: bool = False  # confirms overwriting a different figure the series holds


class RejectIn(InputSchema):
    reason: str = ""


def _require_reader(request: HttpRequest) -> None:
    if role_of(request.auth) is None:
        raise PermissionDenied(_("Your account has no role yet."))


class FactFilter(Schema):
    status: Literal["pending", "accepted", "rejected", "duplicate"] = "pending"


class _FactPages(Sequence[dict[str, Any]]):
    """A queue of facts as the pages need it: counted in the database, a page's facts read."""

    def __init__(self, facts: QuerySet[Fact]) -> None:
        self.facts = facts

    def __len__(self) -> int:
        return self.facts.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [fact_dict(fact) for fact in self.facts[index]]
        return fact_dict(self.facts[index])


@router.get("/texts/facts", response={200: list[FactOut], **READ_ERRORS})
@paginate(Pages, page_size=50)
def list_facts(request: HttpRequest, filters: Query[FactFilter]) -> Any:
    """Figures read from documents, as the caller's review queue holds them (by status), a
    page at a time."""
    _require_reader(request)
    facts = Fact.objects.filter(fact_scope_q(request.auth), status=filters.status).order_by(
        "document_id", "span_start", "pk"
    )
    return _FactPages(facts)


@router.post("/texts/documents", response={200: IngestOut, 201: IngestOut, **WRITE_ERRORS})
def upload(request: HttpRequest, payload: DocumentIn) -> Any:
    """Store a text (201) and queue its figures; the same text again returns the first (200)."""
    if role_of(request.auth) not in EDITING_ROLES:
        raise PermissionDenied(_("Only staff and administrators may add documents."))
    result = ingest_document(
        payload.text, actor=request.auth, published=payload.published, title=payload.title,
        source_name=payload.source_name, url=payload.url,
    )  # fmt: skip
    document = result.document
    ids = [fact.pk for fact in result.facts]
    visible = set(_facts(request).filter(pk__in=ids).values_list("pk", flat=True))
    answer = {
        "document": document.pk,
        "created": result.created,
        "published": document.published,
        "published_source": document.published_source,
        # the same text brought in elsewhere: only the figures this user may see
        "facts": [fact_dict(f) for f in result.facts if f.pk in visible],
    }
    return Status(201 if result.created else 200, answer)


@router.post("/texts/facts/{fact_id}/accept", response={200: FactOut, **WRITE_ERRORS})
def accept(request: HttpRequest, fact_id: int, payload: AcceptIn) -> Any:
    """Accept with edits (e.g. ``{"region": "331100"}``); regions by code, zones by slug."""
    fact = get_object_or_404(_facts(request), pk=fact_id)
    edits = _resolve(request, payload.edits)
    return fact_dict(accept_fact(fact, actor=request.auth, edits=edits, replace=payload.replace))


@router.post("/texts/facts/{fact_id}/reject", response={200: FactOut, **WRITE_ERRORS})
def reject(request: HttpRequest, fact_id: int, payload: RejectIn) -> Any:
    """Reject a figure, with the reason; it leaves the queue and never reaches a series."""
    fact = get_object_or_404(_facts(request), pk=fact_id)
    return fact_dict(reject_fact(fact, actor=request.auth, reason=payload.reason))


def _facts(request: HttpRequest) -> Any:
    """The facts the caller sees (others answer 404, as if they did not exist)."""
    return Fact.objects.filter(fact_scope_q(request.auth))


def _resolve(request: HttpRequest, edits: dict[str, Any]) -> dict[str, Any]:
    """Natural keys in, records out: region code, zone slug, project and enterprise ids (a
    project only among those the caller sees); a key naming nothing is a 422 on its field."""
    from devzone.enterprises.models import Enterprise
    from devzone.projects.models import Project
    from devzone.regions.models import Region, Zone

    lookups = {
        "region": (Region.objects, "code"),
        "zone": (Zone.objects, "slug"),
        "project": (Project.objects.visible_to(request.auth), "pk"),
        "enterprise": (Enterprise.objects, "pk"),
    }
    resolved = dict(edits)
    for name, (records, field) in lookups.items():
        key = resolved.get(name)
        if key in (None, ""):
            if name in resolved:
                resolved[name] = None
            continue
        if field == "pk" and not (isinstance(key, int) or str(key).isdigit()):
            raise ValidationError({name: _("Give the record's id, a whole number.")})
        resolved[name] = lookup(records, name, **{field: key})
    return resolved
