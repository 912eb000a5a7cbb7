"""``devzone parse-amount``: read figures exactly as the importers do, without Django."""

from __future__ import annotations

import argparse
import json
import sys

from devzone.cli.base import report_error
from devzone.cli.i18n import gettext as _


def parse_amount(args: argparse.Namespace) -> int:
    """One JSON line per readable text; an unreadable one is reported on stderr (status 2)."""
    from devzone.core.units import UNIT_REASONS, UnitError
    from devzone.core.units import parse_amount as parse

    status = 0
    for text in args.texts:
        try:
            quantity = parse(text)
        except UnitError as error:
            reason = UNIT_REASONS.get(error.code)
            shown = _(reason) % {"text": text} if reason else str(error)
            report_error(
                _("cannot read %(text)s: %(error)s") % {"text": repr(text), "error": shown}
            )
            status = 2
            continue
        print(json.dumps(quantity.as_json(), ensure_ascii=False))
    sys.stdout.flush()
    return status
