"""Reading a registry file row by row: CSV (UTF-8 or GBK) or a spreadsheet, any header language.

A registry can hold millions of rows, so a CSV file is streamed (never read whole), and the
encoding is decided from its first megabyte: UTF-8 when that decodes, GB18030 (a superset of
GBK) otherwise. Spreadsheets (.xlsx, .xls, .ods) go through python-calamine. Headers are
recognised in English or Chinese (企业名称, 统一社会信用代码 …); a money header may carry its
unit (注册资本（万元）).
"""

from __future__ import annotations

import codecs
import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from devzone.core.units import SCALE_WAN, SCALE_YI

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 1 << 20
CSV_DELIMITERS = (",", "\t", ";")

# Column key → header spellings (compared after NFKC, lower case, spaces removed).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "legal_name", "legalname", "企业名称", "公司名称", "企业全称", "名称"),
    "short_name": ("short_name", "shortname", "简称", "企业简称", "公司简称"),
    "name_en": ("name_en", "english_name", "英文名称"),
    "credit_code": ("credit_code", "creditcode", "统一社会信用代码", "信用代码"),
    "region": ("region", "region_code", "所属地区", "地区", "所在地区", "行政区划代码"),
    "industry": ("industry", "industry_code", "行业代码", "所属行业代码", "国民经济行业代码"),
    "registered_capital": ("registered_capital", "capital", "注册资本"),
    "listed_code": ("listed_code", "stock_code", "股票代码"),
    "address": ("address", "地址", "注册地址", "住所"),
    "scope": ("scope", "business_scope", "经营范围"),
}
_HEADER_KEYS = {
    spelling: key for key, spellings in COLUMN_SYNONYMS.items() for spelling in spellings
}


class RegistryFileError(Exception):
    """The file cannot be read as a registry at all (nothing is imported)."""


@dataclass
class RegistryFile:
    """The rows of a registry file, keyed by column, with where each key came from."""

    rows: Iterator[tuple[int, dict[str, object]]]  # (row number as shown, {key: cell})
    headers: dict[str, str]  # key → the header as written in the file
    total: int | None  # rows expected (an upper bound for CSV), for the progress bar
    format: str
    capital_scale: Decimal | None = None  # from a header such as 注册资本（万元）
    ignored: list[str] = field(default_factory=list)


def open_registry(path: str | Path) -> RegistryFile:
    """Open ``path``, map its header row to column keys and stream the data rows."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise RegistryFileError(_unreadable(path, error)) from error
    if head.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        raw, total, kind = _spreadsheet_rows(path)
    else:
        raw, total, kind = _csv_rows(path, head)
    return _with_header(raw, total, kind)


def _with_header(raw: Iterator[list[object]], total: int | None, kind: str) -> RegistryFile:
    """The first non-blank row is the header; rows keep the file's line or row numbers."""
    for number, header in enumerate(raw, start=1):  # noqa: B007 (used after the loop)
        if any(str(cell or "").strip() for cell in header):
            break
    else:
        raise RegistryFileError(_("The file is empty."))
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    scale = None
    for index, cell in enumerate(header):
        written = str(cell or "").strip()
        key, unit = header_key(written)
        if key is None or key in headers:
            if written:
                ignored.append(written)
            continue
        columns[index] = key
        headers[key] = written
        if key == "registered_capital":
            scale = unit
    if "name" not in headers:
        raise RegistryFileError(
            _("No name column: the header needs one of %s.") % "、".join(COLUMN_SYNONYMS["name"])
        )
    rows = _keyed(raw, columns, first=number + 1)
    return RegistryFile(rows, headers, total and total - number, kind, scale, ignored)


def header_key(text: str) -> tuple[str | None, Decimal | None]:
    """The column key of a header and the money scale in its brackets (万元 → 10^4)."""
    clean = unicodedata.normalize("NFKC", text).lower().replace(" ", "").lstrip("\ufeff")
    unit = None
    if "(" in clean and clean.endswith(")"):
        clean, _, bracket = clean[:-1].partition("(")
        unit = SCALE_YI if "亿" in bracket else SCALE_WAN if "万" in bracket else None
    return _HEADER_KEYS.get(clean), unit


def _keyed(
    raw: Iterator[list[object]], columns: dict[int, str], *, first: int
) -> Iterator[tuple[int, dict[str, object]]]:
    for number, values in enumerate(raw, start=first):
        if not any(value not in (None, "") for value in values):
            continue  # blank line
        yield (
            number,
            {key: values[index] if index < len(values) else None for index, key in columns.items()},
        )


def _spreadsheet_rows(path: Path) -> tuple[Iterator[list[object]], int | None, str]:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise RegistryFileError(_("The spreadsheet cannot be read: %s") % error) from error
    return (list(row) for row in sheet.iter_rows()), sheet.height, "spreadsheet"


def _csv_rows(path: Path, head: bytes) -> tuple[Iterator[list[object]], int | None, str]:
    if b"\x00" in head:
        raise RegistryFileError(_("The file is neither CSV nor a spreadsheet (.xlsx, .xls, .ods)."))
    encoding = _encoding(head)
    first_line = head.split(b"\n", 1)[0].decode(encoding, errors="replace")
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return _read_csv(path, encoding, delimiter), _count_lines(path), f"csv ({encoding})"


def _encoding(head: bytes) -> str:
    """UTF-16 when the text opens with its byte-order mark (Excel's "Unicode text", Notepad's
    "Unicode"), UTF-8 when the first megabyte decodes as UTF-8, else GB18030 (which reads GBK)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _read_csv(path: Path, encoding: str, delimiter: str) -> Iterator[list[object]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from reader
        except UnicodeDecodeError as error:
            raise RegistryFileError(
                _("Line %(line)d is not %(encoding)s text: save the file as UTF-8.")
                % {"line": reader.line_num + 1, "encoding": encoding}
            ) from error
        except csv.Error as error:
            raise RegistryFileError(
                _("Line %(line)d is not valid CSV: %(error)s")
                % {"line": reader.line_num, "error": error}
            ) from error


def _count_lines(path: Path) -> int:
    """Lines in the file (an upper bound of its rows), counted in blocks: fast on gigabytes."""
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 24):
            lines += block.count(b"\n")
    return lines


def read_names(path: str | Path, *, column: str | None = None) -> Iterator[str]:
    """The names to match in a file: the cells of a column, or one name per line.

    A spreadsheet or a .csv/.tsv file is a table: its names are in ``column`` (by header) or,
    without it, in the column headed like a name (企业名称, name …) or its only column. Any
    other text file holds one name per line (English names may hold commas).
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise RegistryFileError(_unreadable(path, error)) from error
    spreadsheet = head.startswith((ZIP_MAGIC, OLE2_MAGIC))
    if not spreadsheet and path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise RegistryFileError(
            _("%(path)s is named like a spreadsheet but is not one.") % {"path": path.name}
        )
    if not head.strip():
        raise RegistryFileError(_("The file is empty."))
    if not spreadsheet and column is None and path.suffix.lower() not in TABLE_SUFFIXES:
        encoding = _encoding(head)
        if b"\x00" in head and encoding != "utf-16":
            raise RegistryFileError(_("The file is neither text nor a spreadsheet."))
        return _lines(path, encoding)
    raw = _spreadsheet_rows(path)[0] if spreadsheet else _csv_rows(path, head)[0]
    return _column_cells(raw, column)


TABLE_SUFFIXES = (".csv", ".tsv")


def _unreadable(path: Path, error: OSError) -> str:
    """Why a file cannot be opened, in the reader's language where the system's is not."""
    if isinstance(error, FileNotFoundError):
        return _("no such file: %(path)s") % {"path": path}
    if isinstance(error, IsADirectoryError):
        return _("%(path)s is a folder, not a file.") % {"path": path}
    if isinstance(error, PermissionError):
        return _("%(path)s may not be read (permission denied).") % {"path": path}
    return _("Cannot open %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}


def _lines(path: Path, encoding: str) -> Iterator[str]:
    with path.open(encoding=encoding, errors="replace") as handle:
        for line in handle:
            if line.strip():
                yield line.strip()


def _column_cells(raw: Iterator[list[object]], column: str | None) -> Iterator[str]:
    first = next((row for row in raw if any(str(cell or "").strip() for cell in row)), [])
    header = [str(cell or "").strip().lstrip("\ufeff") for cell in first]
    if column is not None:
        if column not in header:
            raise RegistryFileError(
                _("No column “%(column)s”; the header has: %(header)s.")
                % {"column": column, "header": "、".join(header)}
            )
        index = header.index(column)
    else:
        named = [i for i, text in enumerate(header) if header_key(text)[0] == "name"]
        filled = [i for i, text in enumerate(header) if text]
        if named:
            index = named[0]
        elif len(filled) == 1:  # one column without a header: every cell is a name
            index = filled[0]
            yield header[index]
        else:
            raise RegistryFileError(
                _(
                    "No column is headed like a name: say which column holds the names "
                    "(--column; on the page, Column). The header has: %s."
                )
                % "、".join(header)
            )
    for values in raw:
        cell = values[index] if index < len(values) else None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)  # a spreadsheet's number 123 is the name "123", not "123.0"
        text = str(cell).strip() if cell not in (None, "") else ""
        if text:
            yield text
