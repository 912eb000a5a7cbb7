"""``devzone parse-amount``: read figures exactly as the importers do, without Django."""

from __future__ import annotations

import argparse
import json
import sys

from devzone.cli.base import report_error
from devzone.cli.i18n import gettext as _


def parse_amount(args: argparse.Namespace) -> int:
    """One JSON line per readable text; an unreadable one is reported on stderr (status 2)."""
    from devzone.core.units import UnitError
    from devzone.core.units import parse_amount as parse

    status = 0
    for text in args.texts:
        try:
            quantity = parse(text)
        except UnitError as error:
            reason = _REASONS.get(str(error.code))
            shown = _(reason) % {"text": text} if reason else str(error)
            report_error(
                _("cannot read %(text)s: %(error)s") % {"text": repr(text), "error": shown}
            )
            status = 2
            continue
        print(json.dumps(quantity.as_json(), ensure_ascii=False))
    sys.stdout.flush()
    return status


def gettext_noop(message: str) -> str:
    return message


# The reasons in the user's language (the same messages as the REST API's; the figure reader
# itself explains in English).
_REASONS = {
    "empty": gettext_noop("Give an amount."),
    "malformed": gettext_noop("“%(text)s” is not a well-formed amount."),
    "ambiguous": gettext_noop("“%(text)s” can be read more than one way; write it in yuan."),
    "no_number": gettext_noop("“%(text)s” has no number in it."),
    "unknown_unit": gettext_noop("“%(text)s” has a unit devzone does not know."),
    "wrong_kind": gettext_noop("“%(text)s” is not an amount of money."),
}
