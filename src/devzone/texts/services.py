"""Documents in, facts out, and the review that turns a fact into a series point.

``ingest_document`` stores a text once (by content hash), runs the extractor and queues every
figure for review. The same figure (equal :func:`fact_key`) already pending or accepted — from
this document or another — is stored as a ``duplicate`` linked to the first, not queued again.
``accept_fact`` applies the reviewer's edits and writes the figure where it belongs:

* a region or zone subject → the indicator :class:`~devzone.indicators.models.Observation`
  of (subject, metric, period), created or completed, linked both ways with the fact;
* a project or enterprise subject → the accepted fact itself is the record (its history says
  who accepted it when); the project and enterprise pages list their accepted facts. Project
  fields are not overwritten from a news sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from devzone.accounts.choices import EDITING_ROLES
from devzone.accounts.scope import (
    EVERYTHING,
    NOTHING,
    require_edit,
    role_of,
    sees_everything,
    zone_scope_q,
)
from devzone.core.clock import implausible, plausible, today
from devzone.core.history import save_with_history
from devzone.texts.extraction.model import MODALITY_ACTUAL, MODALITY_TARGET
from devzone.texts.models import Document, Fact, FactStatus
from devzone.texts.subjects import SubjectIndex

EDITABLE = (
    "subject", "metric", "value", "unit", "kind", "qualifier", "period_start", "period_end",
    "period_cumulative", "period_label", "change_value", "change_kind", "change_direction",
    "change_basis", "rank", "region", "zone", "enterprise", "project", "modality",
)  # fmt: skip
QUEUED = (FactStatus.PENDING, FactStatus.ACCEPTED)
YOY_BASES = ("yoy", "", "avg_annual")  # a multi-year period keeps its average annual rate


@dataclass
class Ingested:
    document: Document
    created: bool
    facts: list[Fact] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return sum(f.status == FactStatus.PENDING for f in self.facts)

    @property
    def duplicates(self) -> int:
        return sum(f.status == FactStatus.DUPLICATE for f in self.facts)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def key_text(fact: Any) -> str:
    """The engine's :func:`fact_key` as stored text (JSON), for equality lookups."""
    from devzone.texts.extraction import fact_key

    return json.dumps(fact_key(fact), ensure_ascii=False, default=str)[:400]


def _fact_fields(fact: Any) -> dict[str, Any]:
    period, change = fact.period, fact.change
    return {
        "subject": (fact.subject or "")[:200],
        "subject_kind": fact.subject_kind or "",
        "metric": fact.metric,
        "value": fact.value,
        "unit": fact.unit or "",
        "kind": fact.kind or "",
        "qualifier": fact.qualifier or "",
        "modality": getattr(fact, "modality", "actual"),
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "period_cumulative": bool(period and period.cumulative),
        "period_label": period.label if period else "",
        "change_value": change.value if change else None,
        "change_kind": change.kind if change else "",
        "change_direction": change.direction if change else None,
        "change_basis": change.basis if change else "",
        "rank": fact.rank or "",
        "span_start": fact.span[0],
        "span_end": fact.span[1],
        "source_text": fact.text,
        "confidence": fact.confidence,
        "key": key_text(fact),
    }


def read_document(raw: bytes | str, *, filename: str | None = None, published: date | None = None,
                  content_type: str | None = None) -> Any:  # fmt: skip
    """Load ``raw`` with the extraction engine; a PDF without a PDF reader is a ValidationError."""
    from devzone.texts.extraction import PdfUnavailable, load_document

    try:
        return load_document(raw, content_type=content_type, filename=filename, published=published)
    except PdfUnavailable as error:
        raise ValidationError({"file": _("PDF files cannot be read here: %(error)s")
                               % {"error": error}}) from error  # fmt: skip


@transaction.atomic
def ingest_document(
    raw: bytes | str,
    *,
    actor: Any,
    filename: str | None = None,
    published: date | None = None,
    content_type: str | None = None,
    title: str = "",
    source_name: str = "",
    url: str = "",
) -> Ingested:
    """Store the document (once) and queue its figures for review."""
    from devzone.texts.extraction import extract

    if published is not None and not (plausible(published) and published <= today()):
        raise ValidationError(
            {"published": _("%(date)s cannot be the day it was published.") % {"date": published}}
        )

    doc = read_document(raw, filename=filename, published=published, content_type=content_type)
    if not doc.text.strip():
        raise ValidationError({"text": _("The document has no text.")})
    digest = content_hash(doc.text)
    existing = Document.objects.filter(content_hash=digest).first()
    if existing is not None:
        return Ingested(existing, False, list(existing.facts.all()))
    document = Document(
        title=(title or doc.title or filename or "")[:300],
        source_name=source_name,
        url=url,
        filename=(filename or "")[:255],
        language=doc.language or "",
        published=doc.published,
        published_source=doc.published_source,
        text=doc.text,
        content_hash=digest,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_with_history(document, actor=actor)
    index = SubjectIndex()
    facts = [
        _store_fact(document, fact, index, actor=actor)
        for fact in extract(doc, subjects=index.known_names())
    ]
    return Ingested(document, True, facts)


def _store_fact(document: Document, extracted: Any, index: SubjectIndex, *, actor: Any) -> Fact:
    fields = _fact_fields(extracted)
    fact = Fact(document=document, **fields)
    resolution = index.resolve(extracted.subject, extracted.subject_kind)
    fact.region, fact.zone, fact.enterprise = (
        resolution.region, resolution.zone, resolution.enterprise
    )  # fmt: skip
    first = Fact.objects.filter(key=fields["key"], status__in=QUEUED).order_by("id").first()
    if first is not None:
        fact.status, fact.duplicate_of = FactStatus.DUPLICATE, first
    save_with_history(fact, actor=actor)
    return fact


def colleagues(user: Any) -> set[int]:
    """Ids of the users working on a part of the world ``user`` works on (``user`` too):
    members of one of its zones, or of a region containing or contained in one of its regions,
    or of a region holding one of its zones."""
    from devzone.accounts.models import Membership

    mine = user.membership
    zones = {zone.pk for zone in mine.zones.all()}
    prefixes = [region.code_prefix for region in mine.regions.all()]
    zone_regions = [zone.region.code for zone in mine.zones.select_related("region")]
    found = {user.pk}
    for other in Membership.objects.prefetch_related("zones__region", "regions"):
        their_zones = list(other.zones.all())
        their_prefixes = [region.code_prefix for region in other.regions.all()]
        if (
            zones & {zone.pk for zone in their_zones}
            or any(a.startswith(b) or b.startswith(a) for a in prefixes for b in their_prefixes)
            or any(code.startswith(b) for code in zone_regions for b in their_prefixes)
            or any(zone.region.code.startswith(a) for zone in their_zones for a in prefixes)
        ):
            found.add(other.user_id)
    return found


def fact_scope_q(user: Any) -> Q:
    """The facts ``user`` sees in the review queue: figures placed in its zones or regions, and
    figures not placed yet from documents its colleagues (or itself) brought in."""
    role = role_of(user)
    if role is None:
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    q = Q(zone__isnull=False) & zone_scope_q(user, "zone")
    q |= Q(project__isnull=False) & zone_scope_q(user, "project__zone")
    for region in user.membership.regions.all():
        q |= Q(zone__isnull=True, project__isnull=True, region__code__startswith=region.code_prefix)
    unplaced = Q(zone__isnull=True, project__isnull=True, region__isnull=True)
    return q | (unplaced & Q(document__uploaded_by__in=colleagues(user)))


def require_review(actor: Any, fact: Fact) -> None:
    """Only staff and administrators review facts; staff only for zones they edit, and figures
    not placed anywhere yet only when a colleague (or they) brought the document in."""
    if actor is None:
        return
    if role_of(actor) not in EDITING_ROLES:
        raise PermissionDenied(_("Only staff and administrators may review extracted facts."))
    placed = fact.zone_id or fact.project_id or fact.region_id
    if (
        not placed
        and not sees_everything(actor)
        and fact.document.uploaded_by_id not in colleagues(actor)
    ):
        raise PermissionDenied(
            _(
                "This figure is not placed in a region yet: it is reviewed where the "
                "document was brought in, or by an administrator."
            )
        )
    if fact.zone_id:
        require_edit(actor, fact.zone)
    if fact.project_id:
        require_edit(actor, fact.project.zone)
    if fact.region_id and not fact.zone_id and not fact.project_id:
        # a region's figure: whoever may change that region's series (as accepting needs)
        from devzone.indicators.services import require_series_edit

        require_series_edit(actor, fact.region)


def _apply_edits(fact: Fact, edits: dict[str, Any]) -> None:
    unknown = sorted(set(edits) - set(EDITABLE))
    if unknown:
        raise ValidationError({name: _("This field cannot be edited.") for name in unknown})
    for name, value in edits.items():
        if name in ("value", "change_value") and value not in (None, ""):
            try:
                value = Decimal(str(value))
            except InvalidOperation as error:
                raise ValidationError({name: _("Enter a number.")}) from error
        if value == "" and name.endswith(("value", "direction")):
            value = None
        if name in ("period_start", "period_end") and isinstance(value, str):
            value = _edited_date(name, value)
        elif name in ("period_start", "period_end") and not isinstance(value, date | None):
            raise ValidationError({name: _("Give a date as text, such as 2024-09-30.")})
        if name == "period_cumulative" and not isinstance(value, bool):
            raise ValidationError({name: _("Give true or false.")})
        setattr(fact, name, value)


def _edited_date(name: str, text: str) -> date | None:
    """A date a reviewer typed (2024-09-30), or None for an empty one."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        message = _("“%s” is not a date: write it as 2024-09-30.") % text
        raise ValidationError({name: message}) from error


def _granularity(start: date, end: date) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return {1: "month", 3: "quarter", 6: "half", 12: "year"}.get(
        months, "years" if months > 12 and months % 12 == 0 else "other"
    )


def _yoy(fact: Fact) -> Decimal | None:
    if fact.change_kind == "rate" and fact.change_basis in YOY_BASES:
        return fact.signed_change
    return None


def _cite(fact: Fact) -> str:
    document = fact.document
    published = document.published.isoformat() if document.published else _("undated")
    return f"{document} ({published}): “{fact.source_text}”"


def _replaced(fact: Fact, yoy: Decimal | None) -> str:
    """What accepting ``fact`` would overwrite in its series ("5 (市统计局 2024-10-20)"), or ""."""
    from devzone.indicators.models import Observation

    held = (
        Observation.objects.filter(
            indicator__key=fact.metric,
            period_start=fact.period_start,
            period_end=fact.period_end,
            cumulative=fact.period_cumulative,
            region=fact.region,
            zone=fact.zone,
        )
        .exclude(facts=fact)
        .first()
    )
    if held is None:
        return ""
    from devzone.indicators.presenters import format_figure, format_growth

    both = fact.value is not None and held.value is not None
    if both and (held.value, held.unit) != (fact.value, fact.unit or ""):
        return f"{format_figure(held.value, held.unit)} ({held.source or '—'})"
    if yoy is not None and held.yoy is not None and held.yoy != yoy:
        return f"{format_growth(held.yoy)} ({held.source or '—'})"
    return ""


def _record_observation(fact: Fact, *, actor: Any, replace: bool = False) -> Any:
    from devzone.indicators.catalogue import ensure_indicator
    from devzone.indicators.services import Figure, record_observation

    yoy = _yoy(fact)
    if fact.value is None and yoy is None:
        raise ValidationError(
            {
                "value": _(
                    "A series needs a value or a year-on-year growth rate; this figure has "
                    "neither. Edit it or reject it."
                )
            }
        )
    if fact.period_start is None or fact.period_end is None:
        raise ValidationError({"period_start": _("Give the period the figure covers.")})
    held = _replaced(fact, yoy)
    if held and not replace:
        message = _(
            "The series already holds %(held)s for this period; accepting would replace it. "
            "Check the figure, then confirm the replacement."
        )
        raise ValidationError({"replace": message % {"held": held}})
    figure = Figure(
        value=fact.value, unit=fact.unit, yoy=yoy, qualifier=fact.qualifier, rank=fact.rank
    )
    return record_observation(
        subject=fact.zone or fact.region,
        indicator=ensure_indicator(fact.metric, actor=actor),
        start=fact.period_start,
        end=fact.period_end,
        figure=figure,
        granularity=_granularity(fact.period_start, fact.period_end),
        cumulative=fact.period_cumulative,
        source=_cite(fact),
        source_document=fact.document,
        actor=actor,
    )


# What places an accepted figure in a series: changing one would leave its point behind.
PLACING = (
    "metric", "period_start", "period_end", "period_cumulative", "region_id", "zone_id",
    "project_id", "enterprise_id",
)  # fmt: skip
METRIC_KEY = re.compile(r"[a-z][a-z0-9_]{0,59}(?::[^\s/\\<>\"'&?#%]{1,40})?")


def known_units() -> frozenset[str]:
    from devzone.core.codes import CURRENCY_CODES
    from devzone.core.units.vocabulary import UNITS
    from devzone.texts.extraction.figures import EXTRA_UNITS

    units = {spec.unit for spec in UNITS.values()} | {unit for unit, _f in EXTRA_UNITS.values()}
    return frozenset(units | CURRENCY_CODES | {""})


def _check_figure(fact: Fact) -> None:
    """What a reviewer typed must still be a figure: a metric key, a unit devzone knows, a
    plausible period in order, and a change with its kind."""
    errors: dict[str, str] = {}
    if not METRIC_KEY.fullmatch(fact.metric or ""):
        errors["metric"] = _(
            "“%s” is not a metric key: lower-case letters, digits and _ (such as gdp or "
            "fixed_asset_investment)."
        ) % (fact.metric or "")
    if (fact.unit or "") not in known_units():
        errors["unit"] = _("“%s” is not a unit devzone knows (CNY, percent, mu, t …).") % fact.unit
    if fact.modality not in (MODALITY_ACTUAL, MODALITY_TARGET):
        errors["modality"] = _("A figure is a result or a target.")
    errors.update(implausible(fact, "period_start", "period_end"))
    if fact.period_start and fact.period_end and fact.period_start > fact.period_end:
        errors["period_end"] = _("The period ends before it starts.")
    if fact.change_value is not None and not fact.change_kind:
        errors["change_kind"] = _("Say whether the change is a rate (%) or percentage points.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def accept_fact(
    fact: Fact, *, actor: Any, edits: dict[str, Any] | None = None, replace: bool = False
) -> Fact:
    """Apply ``edits``, validate, and write the figure to its series (or keep it as the
    project's or enterprise's record). Accepting a duplicate accepts the figure it repeats.

    A figure that would overwrite a different one in its series is refused (field
    ``replace``) unless ``replace`` confirms it."""
    require_review(actor, fact)
    if fact.status == FactStatus.ACCEPTED and not edits:
        return fact
    placed = [getattr(fact, name) for name in PLACING]
    _apply_edits(fact, edits or {})
    require_review(actor, fact)  # the edits may have moved the fact to another zone
    if fact.status == FactStatus.ACCEPTED and placed != [getattr(fact, name) for name in PLACING]:
        raise ValidationError(
            {
                "metric": _(
                    "This figure is already in its series: its subject, metric and period can "
                    "no longer change (correct the series itself)."
                )
            }
        )
    _check_figure(fact)
    if fact.zone_id and fact.region_id:
        raise ValidationError({"zone": _("Give a region or a zone, not both.")})
    if fact.zone_id or fact.region_id:
        if fact.modality == MODALITY_TARGET:
            message = _(
                "This figure is a target, not a result: a series holds results. Set targets in "
                "an action plan, or mark the figure as a result if it is one."
            )
            raise ValidationError({"modality": message})
        fact.observation = _record_observation(fact, actor=actor, replace=replace)
    elif not (fact.project_id or fact.enterprise_id):
        raise ValidationError(
            {"region": _("Choose the region, zone, project or enterprise the figure is about.")}
        )
    fact.status, fact.duplicate_of = FactStatus.ACCEPTED, None
    fact.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    fact.reviewed_at = timezone.now()
    save_with_history(fact, actor=actor)
    return fact


@transaction.atomic
def reject_fact(fact: Fact, *, actor: Any, reason: str = "") -> Fact:
    """Take the fact out of the queue; the reason stays with it."""
    require_review(actor, fact)
    if fact.status == FactStatus.ACCEPTED:
        raise ValidationError({"status": _("An accepted fact cannot be rejected.")})
    fact.status = FactStatus.REJECTED
    fact.review_note = reason
    fact.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    fact.reviewed_at = timezone.now()
    save_with_history(fact, actor=actor)
    return fact
