"""The rows an import rejected, written back with the reason, ready to fix and import again."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from devzone.dataio.layout import Layout


def write_rejected(path: str | Path, layout: Layout, rows: list[Any]) -> None:
    """The header as read, the rejected rows as they were, and a last column with the reasons.

    ``.xlsx`` paths get a workbook, anything else a UTF-8 CSV with BOM (which Excel opens).
    """
    path = Path(path)
    header = [*layout.headers, _("Rejected because")]
    width = len(layout.headers)
    lines = [header]
    for row in rows:
        values = list(row.values[:width]) + [""] * (width - len(row.values))
        reasons = "; ".join(
            f"{issue.column}: {issue.message}" if issue.column else issue.message
            for issue in row.errors
        )
        lines.append([*values, reasons])
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, lines)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(lines)


def _write_xlsx(path: Path, lines: list[list[Any]]) -> None:
    from openpyxl import Workbook

    # Open the file first: a path that cannot be written fails before the workbook starts.
    with open(path, "wb") as stream:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(_("Rejected rows")))
        for line in lines:
            sheet.append(["" if value is None else value for value in line])
        workbook.save(stream)
