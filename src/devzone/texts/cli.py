"""``devzone extract`` (figures of a text as JSON) and ``devzone facts list`` (the queue)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, setup_django
from devzone.cli.i18n import gettext as _


def register(commands: Any) -> None:
    extract = commands.add_parser(
        "extract",
        help=_("Read the figures of a text (plain, HTML or PDF) and print them as JSON."),
        description=_(
            "Read every figure statement of a document. Without --save nothing is "
            "stored; with --save the document is kept and its figures queued for review."
        ),
    )
    extract.add_argument("file", metavar="FILE", help=_("a .txt, .html or .pdf file; - for stdin"))
    extract.add_argument("--published", metavar="DATE", help=_("publication date, e.g. 2023-09-06"))
    extract.add_argument("--json", action="store_true", help=_("print JSON (the default format)"))
    extract.add_argument("--save", action="store_true", help=_("store and queue for review"))
    extract.set_defaults(handler=extract_file)
    facts = commands.add_parser("facts", help=_("The review queue of extracted figures."))
    facts.set_defaults(help_parser=facts)
    sub = facts.add_subparsers(title=_("facts commands"), metavar="COMMAND")
    listing = sub.add_parser("list", help=_("List extracted figures by status."))
    listing.add_argument(
        "--status",
        default="pending",
        choices=["pending", "accepted", "rejected", "duplicate"],
        metavar="STATUS",
        help=_("pending (the default), accepted, rejected or duplicate"),
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=list_facts)


def _published(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("not a day: %(text)s (write 2023-09-06)") % {"text": repr(text)}
        ) from error


def _read(name: str) -> tuple[bytes, str | None]:
    if name == "-":
        return sys.stdin.buffer.read(), None
    path = Path(name)
    if not path.is_file():
        raise CommandError(_("no such file: %(path)s") % {"path": path})
    return path.read_bytes(), path.name


def _document_json(doc: Any) -> dict[str, Any]:
    return {
        "title": doc.title,
        "language": doc.language,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
    }


def extract_file(args: argparse.Namespace) -> int:
    raw, filename = _read(args.file)
    published = _published(args.published)
    if args.save:
        return _save(raw, filename, published)
    from devzone.texts.extraction import PdfUnavailable, extract, load_document

    try:
        doc = load_document(raw, filename=filename, published=published)
    except PdfUnavailable as error:
        raise CommandError(str(error)) from error
    facts = [fact.as_json() for fact in extract(doc)]
    _print({"document": _document_json(doc), "facts": facts})
    return 0


def _save(raw: bytes, filename: str | None, published: dt.date | None) -> int:
    setup_django()
    from devzone.cli.base import run_service
    from devzone.texts.services import ingest_document

    result = run_service(ingest_document, raw, actor=None, filename=filename, published=published)
    document = result.document
    _print({
        "document": {"id": document.pk, "title": document.title, "created": result.created,
                     "published": document.published.isoformat() if document.published else None,
                     "published_source": document.published_source},
        "facts": [fact_dict(f) for f in result.facts],
    })  # fmt: skip
    return 0


def _print(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def fact_dict(fact: Any) -> dict[str, Any]:
    from devzone.core.units.quantity import plain_decimal

    def plain(value: Any) -> str | None:
        return None if value is None else plain_decimal(value)

    return {
        "id": fact.pk,
        "document": fact.document_id,
        "status": fact.status,
        "duplicate_of": fact.duplicate_of_id,
        "subject": fact.subject,
        "metric": fact.metric,
        "value": plain(fact.value),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "period": {
            "start": fact.period_start.isoformat() if fact.period_start else None,
            "end": fact.period_end.isoformat() if fact.period_end else None,
            "cumulative": fact.period_cumulative,
            "label": fact.period_label,
        },
        "change": None
        if fact.change_value is None
        else {
            "value": plain(fact.change_value),
            "kind": fact.change_kind,
            "direction": fact.change_direction,
            "basis": fact.change_basis,
        },
        "rank": fact.rank,
        "span": [fact.span_start, fact.span_end],
        "text": fact.source_text,
        "observation": fact.observation_id,
    }


def list_facts(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.texts.models import Fact

    facts = list(Fact.objects.filter(status=args.status).order_by("document_id", "span_start"))
    if args.json:
        _print({"status": args.status, "facts": [fact_dict(f) for f in facts]})
        return 0
    from devzone.texts.templatetags.facts import change, figure, metric_name

    for fact in facts:  # as the review page shows them: 浙江省 · 地区生产总值 · 689亿元 +6.9%
        shown = figure(fact) if fact.value is not None else "-"
        growth = change(fact)
        moved = f" {growth}" if growth != "—" else ""
        print(
            f"#{fact.pk} {metric_name(fact.metric)} {shown}{moved} {fact.period_label}  "
            f"«{fact.source_text}»"
        )
    return 0
