"""What calamine does not say about an .xlsx: error cells and formulas never computed.

Calamine reads an error cell (#REF!, #DIV/0!, #N/A) and a formula without a cached value as an
empty cell. For a ledger that is dangerous: a broken amount would silently become "no amount".
So the sheet's XML is scanned once, in streamed chunks, for the two markers (``t="e"`` and
``<f``); only when one occurs are the cells located. A clean 200,000-row ledger costs one pass
of decompression and a byte search.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

_CHUNK = 1 << 20
_MARKERS = (b't="e"', b"<f")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_SHEET = re.compile(rb"<sheet\b[^>]*>", re.DOTALL)
_REL = re.compile(rb"<Relationship\b[^>]*>", re.DOTALL)
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')


def zip_kind(path: Path) -> str:
    """``xlsx``, ``ods``, ``other`` (a zip that is no spreadsheet) or ``corrupted``."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                archive.getinfo("xl/workbook.xml")
                return "xlsx"
            if "content.xml" in names and "mimetype" in names:
                return "ods"
            return "other"
    except (zipfile.BadZipFile, OSError, EOFError):
        return "corrupted"


def cell_problems(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row number, column index) → the error text, or "formula" for a formula never computed."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = sheet_member(archive, sheet_name)
            if member is None or not _has_marker(archive, member):
                return {}
            data = archive.read(member)
    except (zipfile.BadZipFile, OSError, KeyError):
        return {}
    return dict(_problem_cells(data))


def problems_in(xml: bytes) -> dict[tuple[int, int], str]:
    """:func:`cell_problems` of a sheet's XML already read."""
    if not any(marker in xml for marker in _MARKERS):
        return {}
    return dict(_problem_cells(xml))


def _has_marker(archive: zipfile.ZipFile, member: str) -> bool:
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _MARKERS):
                return True
            tail = window[-8:]
    return False


def _problem_cells(data: bytes):  # type: ignore[no-untyped-def]
    for cell in _CELL.finditer(data):
        attrs, body = cell.group(1), cell.group(2) or b""
        ref = _REF.search(attrs)
        if ref is None:
            continue
        key = (int(ref.group(2)), _column_index(ref.group(1)))
        value = _VALUE.search(body)
        if _ERROR_TYPE.search(attrs):
            yield key, (value.group(1).decode() if value else "#ERROR")
        elif b"<f" in body and (value is None or not value.group(1)):
            yield key, "formula"


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index - 1


def sheet_member(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member of the named sheet, through workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml")
    rel_id = None
    for tag in _SHEET.findall(workbook):
        attrs = dict(_ATTR.findall(tag))
        if _unescape(attrs.get(b"name", b"")) == sheet_name:
            rel_id = attrs.get(b"r:id")
            break
    if rel_id is None:
        return None
    rels = archive.read("xl/_rels/workbook.xml.rels")
    for tag in _REL.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"Id") == rel_id:
            target = attrs[b"Target"].decode()
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")
