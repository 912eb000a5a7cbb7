"""``devzone reference load industries [FILE]`` and ``devzone reference load regions [FILE]``.

Both load the whole file or nothing: a bad row is reported with its row number and column and
the database is left as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from devzone.cli.base import CommandError, setup_django
from devzone.cli.i18n import gettext as _


def _existing_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise CommandError(_("no such file: %(path)s") % {"path": text})
    return path


def load_industries(args: argparse.Namespace) -> int:
    path = _existing_file(args.file) if args.file else None
    setup_django()
    from devzone.enterprises.reference import ReferenceFileError
    from devzone.enterprises.reference import load_industries as load

    try:
        counts = load(path) if path else load()
    except (ReferenceFileError, UnicodeDecodeError) as error:
        raise CommandError(str(error)) from error
    print(
        _("Loaded industries: %(created)d created, %(renamed)d renamed, %(total)d in total.")
        % counts
    )
    return 0


def load_regions(args: argparse.Namespace) -> int:
    path = _existing_file(args.file) if args.file else None
    setup_django()
    from devzone.regions.reference import csv_rows, load_regions, package_rows

    try:
        counts = load_regions(csv_rows(path) if path else package_rows())
    except (ValueError, KeyError, UnicodeDecodeError) as error:
        raise CommandError(str(error)) from error
    print(
        _("Loaded regions: %(created)d created, %(renamed)d renamed, %(total)d in total.") % counts
    )
    return 0
