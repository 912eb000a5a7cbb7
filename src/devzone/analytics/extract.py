"""Reading the ledger's columns out of Django's database into Polars, fast.

The ORM builds the SQL (so table and column names follow the models), but rows are read raw:
``fetchall`` on a plain cursor, or ``COPY … TO STDOUT`` on PostgreSQL, which streams CSV
straight into Polars' parser. Building model instances for millions of report rows would take
longer than every rollup together. Money leaves the database as whole fen (``amount * 100``),
so the rollups sum integers.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl
from django.db import connection as default_connection
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.functions import Cast, Round

from devzone.analytics.ledger import MILESTONES, Ledger, date_column

#: Columns that look like numbers in CSV but are text (region codes, choices).
TEXT_COLUMNS = {"region_code", "kind"}


def extract_ledger(connection: Any = None) -> Ledger:
    """Projects, their actual milestone dates and the monthly reports, as columns."""
    from devzone.projects.models import InvestmentReport, Milestone, Project

    connection = connection or default_connection
    projects = read_queryset(
        connection,
        Project.objects.order_by().values_list(
            "id",
            "zone_id",
            "department_id",
            "zone__region__code",
            "kind",
            _fen("planned_investment"),
        ),
        ["id", "zone_id", "department_id", "region_code", "kind", "planned_investment"],
    )
    milestones = read_queryset(
        connection,
        Milestone.objects.order_by()
        .filter(actual_date__isnull=False)
        .values_list("project_id", "kind", "actual_date"),
        ["project_id", "kind", "actual_date"],
    )
    reports = read_queryset(
        connection,
        InvestmentReport.objects.order_by().values_list("project_id", "month", _fen("amount")),
        ["project_id", "month", "amount"],
    )
    return Ledger.from_frames(_with_dates(projects, milestones), reports)


def _fen(field: str) -> Cast:
    return Cast(Round(F(field) * 100), BigIntegerField())


def _with_dates(projects: pl.DataFrame, milestones: pl.DataFrame) -> pl.DataFrame:
    """One date column per lifecycle step (milestones are unique per project and kind)."""
    milestones = milestones.with_columns(pl.col("actual_date").cast(pl.Utf8).str.to_date())
    for kind in MILESTONES:
        dates = milestones.filter(pl.col("kind") == kind).select(
            "project_id", pl.col("actual_date").alias(date_column(kind))
        )
        projects = projects.join(dates, left_on="id", right_on="project_id", how="left")
    return projects


def read_queryset(connection: Any, queryset: QuerySet, columns: list[str]) -> pl.DataFrame:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return read_frame(cursor.cursor, sql, params, columns)


def read_frame(cursor: Any, sql: str, params: Any, columns: list[str]) -> pl.DataFrame:
    """Rows of ``sql`` as a frame of strings and numbers (dates may come back as text).

    ``cursor`` is a DB-API cursor; a psycopg 3 one reads through COPY (the benchmark uses this
    too, on its own tables).
    """
    if hasattr(cursor, "copy"):
        return _copy_frame(cursor, sql, params, columns)
    cursor.execute(sql, params or ())
    rows = cursor.fetchall()
    if not rows:
        return pl.DataFrame({name: [] for name in columns})
    return pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)


def _copy_frame(cursor: Any, sql: str, params: Any, columns: list[str]) -> pl.DataFrame:
    buffer = io.BytesIO()
    with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params or None) as copy:
        for chunk in copy:
            buffer.write(chunk)
    if not buffer.tell():
        return pl.DataFrame({name: [] for name in columns})
    buffer.seek(0)
    text = {name: pl.Utf8 for name in columns if name in TEXT_COLUMNS}
    return pl.read_csv(
        buffer,
        has_header=False,
        new_columns=columns,
        schema_overrides=text,
        infer_schema_length=None,
    )
