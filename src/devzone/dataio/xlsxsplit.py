"""Reading a large .xlsx sheet on both cores: the workbook cut in two at a row boundary.

Calamine parses a sheet on one thread (without holding the interpreter lock), so a 200,000-row
ledger keeps one core busy for seconds while the other waits. Here the sheet's XML is cut at
the ``<row`` nearest its middle, and each half becomes a workbook of its own in memory (the
same workbook, styles and shared strings, with half of the rows): calamine reads the two at
once. Nothing of the cell values changes — each half is the original XML, byte for byte —
and :func:`devzone.dataio.reading.open_table` numbers the rows as the sheet does.

Only sheets whose XML is large are cut (small ones gain nothing); a sheet whose XML is not
laid out as expected (a namespace prefix on its elements, say) is read whole, as before.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from devzone.dataio.xlsxprobe import sheet_member

SPLIT_BYTES = 32 << 20  # uncompressed sheet XML from which reading it in two halves pays
_OPEN = b"<sheetData"
_CLOSE = b"</sheetData>"


@dataclass
class Halves:
    """Two in-memory workbooks holding consecutive rows of the sheet, and the sheet's XML."""

    workbooks: list[bytes]
    xml: bytes


def split_sheet(path: Path, sheet_name: str) -> Halves | None:
    """The sheet of ``path`` cut in two, or None when it is small or not cut cleanly."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = sheet_member(archive, sheet_name)
            if member is None or archive.getinfo(member).file_size < SPLIT_BYTES:
                return None
            xml = archive.read(member)
            others = [
                (info, b"" if info.filename == member else archive.read(info))
                for info in archive.infolist()
            ]
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return None
    cut = _cut(xml)
    if cut is None:
        return None
    body, middle, close = cut
    parts = (xml[:middle] + xml[close:], xml[:body] + xml[middle:])
    return Halves([_workbook(others, member, part) for part in parts], xml)


def _cut(xml: bytes) -> tuple[int, int, int] | None:
    """(start of the rows, the ``<row`` where the second half begins, end of the rows)."""
    opening = xml.find(_OPEN)
    close = xml.rfind(_CLOSE)
    if opening < 0 or close < 0:
        return None
    body = xml.find(b">", opening) + 1
    if body <= 0 or xml[body - 2 : body] == b"/>":
        return None  # <sheetData/>: no rows
    middle = body + (close - body) // 2
    while True:
        middle = xml.find(b"<row", middle, close)
        if middle < 0:
            return None
        if xml[middle + 4 : middle + 5] in (b" ", b">", b"\t", b"\n", b"\r"):
            return body, middle, close
        middle += 4


def _workbook(others: list[tuple[zipfile.ZipInfo, bytes]], member: str, sheet: bytes) -> bytes:
    """The workbook with ``sheet`` as the named sheet's XML, stored uncompressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for info, content in others:
            archive.writestr(info.filename, sheet if info.filename == member else content)
    return out.getvalue()
