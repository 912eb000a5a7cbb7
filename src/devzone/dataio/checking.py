"""Checking the rows of a ledger: each row on its own, then all rows together.

Rows are read in chunks, a column at a time (:meth:`ProjectRowReader.read_rows`), and the cells
the sheet marked as errors are flagged. :func:`checked_in_background` does the same on a thread
of its own, so that an import can write the rows already checked while the next ones are read:
reading rows is Python work, writing them is mostly the database's, and the two then share
the machine's cores. The rows are then checked together (duplicates, matching with the projects
already there, what a new project needs) by :func:`check_together`.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

from django.utils import translation
from django.utils.translation import gettext as _

from devzone.dataio.known import KnownProjects
from devzone.dataio.layout import Layout
from devzone.dataio.ledger import ProjectRow, ProjectRowReader
from devzone.dataio.planning import check_creatable, check_duplicates, match_existing
from devzone.dataio.reading import Row, Table
from devzone.dataio.results import Issue

Progress = Callable[[int, int, str], None]
T = TypeVar("T")
CHUNK = 2000  # rows read at once, and between two progress reports
# While a thread reads rows, the thread writing them waits for the interpreter lock after each
# statement, by default up to 5 ms; a shorter interval keeps the database busy.
SWITCH_INTERVAL = 0.0005


def check_rows(
    raw: list[Row], reader: ProjectRowReader, layout: Layout, table: Table, progress: Progress
) -> list[ProjectRow]:
    """Every row read and checked on its own, in order."""
    rows: list[ProjectRow] = []
    for chunk in _chunks(raw, reader, layout, table):
        rows += chunk
        progress(len(rows), len(raw), "checking")
    return rows


def _chunks(
    raw: list[Row], reader: ProjectRowReader, layout: Layout, table: Table
) -> Iterator[list[ProjectRow]]:
    for start in range(0, len(raw), CHUNK):
        chunk = reader.read_rows(raw[start : start + CHUNK])
        if table.cell_problems:
            for row in chunk:
                flag_cell_problems(row, layout, table)
        yield chunk


def checked_in_background(
    raw: list[Row],
    reader: ProjectRowReader,
    layout: Layout,
    table: Table,
    then: Callable[[list[ProjectRow]], T],
) -> Generator[tuple[list[ProjectRow], T], None, None]:
    """The chunks of :func:`check_rows`, read by a thread of their own, in order.

    Each chunk comes with what ``then`` made of it on the same thread, chunk after chunk: work
    done there leaves the caller's thread free for the database. Neither the reader nor
    ``then`` may need the database (see :meth:`ProjectRowReader.prepare_for_thread`): the
    thread has no connection of its own inside the import's transaction. The thread reads in
    the language of the caller; an exception in it is raised here.
    """
    reader.prepare_for_thread()
    chunks: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()
    language = translation.get_language()

    def work() -> None:
        try:
            with translation.override(language):
                for chunk in _chunks(raw, reader, layout, table):
                    if stop.is_set():
                        return
                    chunks.put((chunk, then(chunk)))
        except BaseException as exc:  # handed to the caller, raised there
            chunks.put(_Failed(exc))
        finally:
            chunks.put(None)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    thread = threading.Thread(target=work, name="devzone-ledger-check", daemon=True)
    thread.start()
    try:
        while (item := chunks.get()) is not None:
            if isinstance(item, _Failed):
                raise item.exc
            yield item
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def check_together(
    rows: list[ProjectRow],
    reader: ProjectRowReader,
    layout: Layout,
    known: KnownProjects | None = None,
) -> None:
    """Duplicates, matches with existing projects (see :class:`KnownProjects`), new projects."""
    check_duplicates(rows)
    match_existing(rows, reader, known)
    check_creatable(rows, {c.spec.key: c.header for c in layout.columns})


def flag_cell_problems(row: Any, layout: Layout, table: Table) -> None:
    """Error cells and formulas never computed read as empty: say so instead."""
    for column in layout.columns:
        problem = table.cell_problems.get((row.number, column.index))
        if problem is None:
            continue
        if problem == "formula":
            message = _(
                "The cell holds a formula that was never calculated: open the file in "
                "Excel, save it, and import again (or type the value)."
            )
        else:
            message = _("The cell holds the error %s: fix the formula or type the value.") % (
                problem
            )
        row.errors.append(Issue(row.number, column.header, message, problem))
