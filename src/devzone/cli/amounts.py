"""``devzone parse-amount``: read figures exactly as the importers do, without Django."""

from __future__ import annotations

import argparse
import json
import sys

from devzone.cli.base import report_error


def parse_amount(args: argparse.Namespace) -> int:
    """One JSON line per readable text; an unreadable one is reported on stderr (status 2)."""
    from devzone.core.units import UnitError
    from devzone.core.units import parse_amount as parse

    status = 0
    for text in args.texts:
        try:
            quantity = parse(text)
        except UnitError as error:
            report_error(f"cannot read {text!r}: {error}")
            status = 2
            continue
        print(json.dumps(quantity.as_json(), ensure_ascii=False))
    sys.stdout.flush()
    return status
