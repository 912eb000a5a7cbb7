"""The projects an import can match its rows with: those in the database before it wrote.

Read once and kept: the early writes of an import (:mod:`devzone.dataio.overlap`) ask which of
a chunk's codes and names exist before inserting it, and the final matching of every row
(:func:`devzone.dataio.planning.match_existing`) reuses those answers instead of reading the
projects again. Projects the import has inserted itself (``exclude``) are never seen, even in
what is read after they were written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Container, Iterable

from django.db import connection

from devzone.dataio.lookups import clean_name
from devzone.projects.models import Project

CODES_PER_QUERY = 20000

Named = list[tuple[int, str | None]]  # (id, code) of the projects with one cleaned name


class KnownProjects:
    """Projects by code (id, zone) and, per zone, by cleaned name, read as they are asked for."""

    def __init__(self, *, exclude: Container[int] = ()) -> None:
        self.exclude = exclude
        self._by_code: dict[str, tuple[int, int] | None] = {}  # None: asked, not there
        self._by_name: dict[int, dict[str, Named]] = {}

    def load_codes(self, codes: Iterable[str | None]) -> None:
        wanted = sorted({code for code in codes if code and code not in self._by_code})
        for start in range(0, len(wanted), CODES_PER_QUERY):
            chunk = wanted[start : start + CODES_PER_QUERY]
            self._by_code.update(dict.fromkeys(chunk))
            for pk, code, zone in _projects_with_codes(chunk):
                if pk not in self.exclude:
                    self._by_code[code] = (pk, zone)

    def load_zones(self, zones: Collection[int]) -> None:
        wanted = sorted(zone for zone in zones if zone not in self._by_name)
        for zone in wanted:
            self._by_name[zone] = defaultdict(list)
        if not wanted:
            return
        found = Project.objects.filter(zone_id__in=wanted).values_list(
            "id", "zone_id", "code", "name"
        )
        for pk, zone, code, name in found.iterator(chunk_size=5000):
            if pk not in self.exclude:
                self._by_name[zone][clean_name(name)].append((pk, code))

    def by_code(self, code: str) -> tuple[int, int] | None:
        """(id, zone) of the project with ``code``; :meth:`load_codes` must have asked for it."""
        return self._by_code[code]

    def named(self, zone: int, name: str) -> Named:
        """The projects of ``zone`` (loaded by :meth:`load_zones`) whose name cleans to ``name``."""
        return self._by_name[zone].get(name, [])


def _projects_with_codes(codes: list[str]) -> list[tuple[int, str, int]]:
    """One statement for thousands of codes: a JSON array on SQLite, an array on PostgreSQL."""
    table = connection.ops.quote_name(Project._meta.db_table)
    select = f"SELECT id, code, zone_id FROM {table} WHERE "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(select + "code = ANY(%s)", [codes])
        else:
            cursor.execute(
                select + "code IN (SELECT value FROM json_each(%s))",
                [json.dumps(codes, ensure_ascii=False)],
            )
        return cursor.fetchall()
