"""Opening a spreadsheet: find out what the file really is, then hand back its rows.

Reading goes through python-calamine (Rust) for .xlsx, .xls and .ods, and the ``csv`` module
for text files in UTF-8 (with or without BOM) or GBK/GB18030. What a file *is* is decided from
its bytes, not its name: users rename files, and browsers send whatever name they like.
Everything that cannot be read becomes a :class:`SpreadsheetError` with a sentence a clerk
can act on, before anything else happens.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from django.utils.translation import gettext as _

from devzone.dataio import xlsxprobe, xlsxsplit

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OTHER_MAGICS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

Row = tuple[int, list[object]]  # (row number as the spreadsheet shows it, cell values)


class SpreadsheetError(Exception):
    """A file that cannot be read as a spreadsheet at all; nothing is imported."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Table:
    """The rows of one sheet, plus what the reader knows about its cells."""

    rows: Iterator[Row]
    format: str
    sheet: str = ""
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # (row number, column index) → why the cell cannot be trusted (#REF!, formula never computed)
    cell_problems: dict[tuple[int, int], str] = field(default_factory=dict)


def open_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Open ``path`` and return the rows of ``sheet`` (default: the first visible worksheet)."""
    path = Path(path)
    head = _head(path)
    if head[:4] == ZIP_MAGIC:
        return _zip_table(path, sheet)
    if head[:8] == OLE2_MAGIC:
        return _ole2_table(path, sheet)
    return _text_table(path, head)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise SpreadsheetError("unreadable", _("The file cannot be opened: %s") % exc) from exc
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise SpreadsheetError("empty", _("The file is empty."))
    return head


def _zip_table(path: Path, sheet: str | None) -> Table:
    kind = xlsxprobe.zip_kind(path)
    if kind == "corrupted":
        raise SpreadsheetError(
            "corrupted",
            _(
                "The file is damaged (its zip structure is broken): open it in Excel, save it "
                "again and retry."
            ),
        )
    if kind not in ("xlsx", "ods"):
        raise SpreadsheetError(
            "not_spreadsheet", _("The file is a zip archive but not a spreadsheet (.xlsx or .ods).")
        )
    return _calamine_table(path, sheet, kind)


def _ole2_table(path: Path, sheet: str | None) -> Table:
    with path.open("rb") as handle:
        data = handle.read(1 << 20)
    if ENCRYPTED_PACKAGE in data:
        raise SpreadsheetError(
            "encrypted",
            _(
                "The workbook is protected by a password. Remove the password in Excel "
                "(File → Info → Protect Workbook), save, and import again."
            ),
        )
    return _calamine_table(path, sheet, "xls")


def _calamine_table(path: Path, sheet: str | None, kind: str) -> Table:
    try:
        with path.open("rb") as handle:
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
        name = sheet or _first_visible(workbook)
        parts, problems = _load_sheet(workbook, name, path if kind == "xlsx" else None)
    except python_calamine.PasswordError as exc:
        raise SpreadsheetError("encrypted", _("The workbook is protected by a password.")) from exc
    except python_calamine.WorksheetNotFound as exc:
        raise SpreadsheetError(
            "no_sheet", _("The workbook has no sheet named %s.") % sheet
        ) from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise SpreadsheetError(
            "corrupted",
            _(
                "The file is damaged and cannot be read (%s): open it in Excel, save it again "
                "and retry."
            )
            % exc,
        ) from exc
    return Table(
        rows=_parts_rows(parts),
        format=kind,
        sheet=name,
        merged=list(parts[0].merged_cell_ranges or []),
        cell_problems=problems,
    )


def _load_sheet(
    workbook: python_calamine.CalamineWorkbook, name: str, xlsx: Path | None
) -> tuple[list[python_calamine.CalamineSheet], dict[tuple[int, int], str]]:
    """The sheet's cells (in consecutive parts) and, for an .xlsx, its error cells.

    Calamine parses without holding the interpreter lock, so the other core is put to work:
    a large sheet is parsed in two halves at once (:mod:`devzone.dataio.xlsxsplit`), a small
    one while the scan for error cells (:mod:`devzone.dataio.xlsxprobe`, mostly
    decompression, which does not hold the lock either) runs beside it.
    """
    if xlsx is None:
        return [workbook.get_sheet_by_name(name)], {}
    halves = xlsxsplit.split_sheet(xlsx, name)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="calamine") as pool:
        if halves is None:
            loading = [pool.submit(workbook.get_sheet_by_name, name)]
            problems = xlsxprobe.cell_problems(xlsx, name)
        else:
            loading = [pool.submit(_sheet_of, part, name) for part in halves.workbooks]
            problems = xlsxprobe.problems_in(halves.xml)
        return [future.result() for future in loading], problems


def _sheet_of(workbook: bytes, name: str) -> python_calamine.CalamineSheet:
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook)).get_sheet_by_name(
        name
    )


def _first_visible(workbook: python_calamine.CalamineWorkbook) -> str:
    for meta in workbook.sheets_metadata:
        visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
        if visible and meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
            return meta.name
    if not workbook.sheet_names:
        raise SpreadsheetError("empty", _("The workbook has no sheets."))
    return workbook.sheet_names[0]


def _parts_rows(parts: list[python_calamine.CalamineSheet]) -> Iterator[Row]:
    """The rows of the sheet's parts in order, numbered as the sheet numbers them."""
    if len(parts) == 1:
        return _calamine_rows(parts[0])
    return itertools.chain.from_iterable(
        _calamine_rows(part, after)
        for part, after in zip(parts, [0] + [_last_row(part) for part in parts[:-1]], strict=True)
    )


def _last_row(part: python_calamine.CalamineSheet) -> int:
    return 0 if part.start is None else part.start[0] + part.height


def _calamine_rows(data: python_calamine.CalamineSheet, after: int = 0) -> Iterator[Row]:
    """(sheet row number, cells from column A) of every row below row ``after``.

    ``iter_rows`` yields the blank rows above the used range too (a part of a cut sheet starts
    with them), but starts each row at the range's first column: rows are numbered as they
    come, and cells left of it are padded.
    """
    start = data.start
    if start is None:
        return iter(())
    _first_row, first_col = start
    rows = enumerate(data.iter_rows(), start=1)
    if after:
        rows = itertools.islice(rows, after, None)
    if not first_col:  # the usual sheet: (number, cells) pairs made without a Python step
        return rows
    pad = [""] * first_col
    return ((number, pad + values) for number, values in rows)


def _text_table(path: Path, head: bytes) -> Table:
    lowered = head[:512].lower()
    if head.startswith(_OTHER_MAGICS) or b"\x00" in head:
        raise SpreadsheetError(
            "not_spreadsheet",
            _("The file is not a spreadsheet: devzone reads .xlsx, .xls, .ods and .csv files."),
        )
    if b"<html" in lowered or b"<table" in lowered or b"<?xml" in lowered:
        raise SpreadsheetError(
            "not_spreadsheet",
            _(
                "The file is a web page (HTML or XML) saved under a spreadsheet name: open it in "
                "Excel and save it as .xlsx."
            ),
        )
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise SpreadsheetError(
            "not_spreadsheet",
            _(
                "The file is named %s but is not an Excel or OpenDocument workbook: open it "
                "and save it as .xlsx, or name it .csv if it is a text table."
            )
            % path.suffix,
        )
    text = _decode(path.read_bytes())
    return Table(rows=_csv_rows(text), format="csv")


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        "encoding", _("The text file is neither UTF-8 nor GBK: save it from Excel as “CSV UTF-8”.")
    )


def _csv_rows(text: str) -> Iterator[Row]:
    first_line = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [_unquoted(value) for value in values]
    except csv.Error as exc:
        message = _("The text file is not valid CSV: %s") % exc
        raise SpreadsheetError("not_spreadsheet", message) from exc


# A text cell starting with one of these is run as a formula by spreadsheet programs: a name
# such as =HYPERLINK(…) typed into a ledger must go out as text, never as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def formula_safe(text: str) -> str:
    """A text for a CSV cell: an apostrophe before one that would be a formula (read back by
    :func:`_unquoted`)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unquoted(value: str) -> str:
    """'=HYPERLINK(…) → =HYPERLINK(…): the apostrophe that kept a text from being a formula in a
    CSV file (as devzone's export writes it) is not part of the text."""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_STARTS else value
