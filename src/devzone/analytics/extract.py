"""Reading the ledger's columns out of Django's database into Polars, fast.

The ORM builds the SQL (so table and column names follow the models), but rows are read raw:
``fetchall`` on a plain cursor, or ``COPY … TO STDOUT`` on PostgreSQL, which streams CSV
straight into Polars' parser. Building model instances for millions of report rows would take
longer than every rollup together. Money leaves the database as whole fen (``amount * 100``),
so the rollups sum integers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db import connection as default_connection
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.functions import Cast, Round

from devzone.analytics.ledger import (
    MILESTONES,
    ZONE_SCHEMA,
    Ledger,
    conform,
    date_column,
    planned_column,
)

#: Columns that look like numbers in CSV but are text (region codes, choices).
TEXT_COLUMNS = {"region_code", "kind"}
#: Ids per ``IN (…)`` list when reading some projects only (SQLite allows 32,766 parameters).
ID_CHUNK = 5_000


def extract_ledger(connection: Any = None, project_ids: Iterable[int] | None = None) -> Ledger:
    """Projects with their milestone dates, and the monthly reports of money, as columns.

    ``project_ids`` limits the read to those projects (an incremental refresh); None reads all.
    """
    connection = connection or default_connection
    if project_ids is None:
        return _extract(connection, None)
    ids = sorted(set(project_ids))
    parts = [_extract(connection, ids[i : i + ID_CHUNK]) for i in range(0, len(ids), ID_CHUNK)]
    if not parts:
        return _extract(connection, [])
    return Ledger(
        pl.concat([part.projects for part in parts]),
        pl.concat([part.reports for part in parts]),
    )


def _extract(connection: Any, ids: list[int] | None) -> Ledger:
    from devzone.projects.models import InvestmentReport, Milestone, Project

    projects = Project.objects.order_by()
    milestones = Milestone.objects.order_by()
    # A report of no money adds nothing to a sum and is no progress: it is not read.
    reports = InvestmentReport.objects.order_by().filter(amount__gt=0)
    if ids is not None:
        projects = projects.filter(pk__in=ids)
        milestones = milestones.filter(project_id__in=ids)
        reports = reports.filter(project_id__in=ids)
    project_frame = read_queryset(
        connection,
        projects.values_list("id", "zone_id", "department_id", "kind", _fen("planned_investment")),
        {
            "id": pl.Int64,
            "zone_id": pl.Int64,
            "department_id": pl.Int64,
            "kind": pl.Utf8,
            "planned_investment": pl.Int64,
        },
    )
    milestone_frame = read_queryset(
        connection,
        milestones.values_list("project_id", "kind", "actual_date", "planned_date"),
        {"project_id": pl.Int64, "kind": pl.Utf8, "actual_date": pl.Date, "planned_date": pl.Date},
    )
    report_frame = read_queryset(
        connection,
        reports.values_list("project_id", "month", _fen("amount")),
        {"project_id": pl.Int64, "month": pl.Date, "amount": pl.Int64},
    )
    return Ledger.from_frames(_with_dates(project_frame, milestone_frame), report_frame)


def extract_zones(connection: Any = None) -> pl.DataFrame:
    """Every zone with its parent zone and its region's code (a few hundred rows)."""
    from devzone.regions.models import Zone

    zones = Zone.objects.order_by().values_list("id", "parent_id", "region__code")
    schema = {"id": pl.Int64, "parent_id": pl.Int64, "region_code": pl.Utf8}
    return conform(read_queryset(connection or default_connection, zones, schema), ZONE_SCHEMA)


def _fen(field: str) -> Cast:
    return Cast(Round(F(field) * 100), BigIntegerField())


def _with_dates(projects: pl.DataFrame, milestones: pl.DataFrame) -> pl.DataFrame:
    """Two date columns per lifecycle step (milestones are unique per project and kind)."""
    milestones = conform(
        milestones,
        {"project_id": pl.Int64, "kind": pl.Utf8, "actual_date": pl.Date, "planned_date": pl.Date},
    )
    for kind in MILESTONES:
        dates = milestones.filter(pl.col("kind") == kind).select(
            "project_id",
            pl.col("actual_date").alias(date_column(kind)),
            pl.col("planned_date").alias(planned_column(kind)),
        )
        projects = projects.join(dates, left_on="id", right_on="project_id", how="left")
    return projects


def read_queryset(
    connection: Any, queryset: QuerySet, schema: dict[str, Any] | list[str]
) -> pl.DataFrame:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return read_frame(cursor.cursor, sql, params, schema)


def read_frame(
    cursor: Any, sql: str, params: Any, schema: dict[str, Any] | list[str]
) -> pl.DataFrame:
    """Rows of ``sql`` as a frame (dates may come back as text: :func:`conform` parses them).

    ``schema`` names the columns, with their types when it is a dict. ``cursor`` is a DB-API
    cursor; a psycopg 3 one reads through COPY (the benchmark uses this too, on its own tables).
    """
    columns = list(schema)
    if hasattr(cursor, "copy"):
        return _copy_frame(cursor, sql, params, schema)
    cursor.execute(sql, params or ())
    rows = cursor.fetchall()
    if not rows:
        return _empty(schema)
    # A date column is left to inference: SQLite gives dates or text, by how it is set up.
    types = {
        name: dtype
        for name, dtype in (schema.items() if isinstance(schema, dict) else ())
        if dtype != pl.Date
    }
    return pl.DataFrame(
        rows, schema=columns, schema_overrides=types, orient="row", infer_schema_length=1000
    )


def _copy_frame(
    cursor: Any, sql: str, params: Any, schema: dict[str, Any] | list[str]
) -> pl.DataFrame:
    columns = list(schema)
    buffer = io.BytesIO()
    with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as copy:
        for chunk in copy:
            buffer.write(chunk)
    if not buffer.tell():
        return _empty(schema)
    buffer.seek(0)
    if isinstance(schema, dict):
        types = dict(schema)
    else:
        types = {name: pl.Utf8 for name in columns if name in TEXT_COLUMNS}
    return pl.read_csv(
        buffer,
        has_header=False,
        new_columns=columns,
        schema_overrides=types,
        infer_schema_length=None,
    )


def _empty(schema: dict[str, Any] | list[str]) -> pl.DataFrame:
    if isinstance(schema, dict):
        return pl.DataFrame(schema=schema)
    return pl.DataFrame({name: [] for name in schema})
