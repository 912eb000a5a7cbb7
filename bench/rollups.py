#!/usr/bin/env python3
"""Rollups at province scale, through the application: target progress, race and briefing.

    .venv/bin/python bench/rollups.py                          # 200,000 projects, SQLite
    .venv/bin/python bench/rollups.py --projects 20000
    scripts/with-postgres .venv/bin/python bench/rollups.py    # PostgreSQL

It generates a ledger as numpy columns — projects in 100 zones of 20 prefectures of one
province, with actual and planned lifecycle dates, and a monthly investment report for every
project and every month of 2021–2023 (200,000 × 36 = 7.2 M rows) — and bulk-loads it into a
new database with devzone's own schema (migrated; a temporary SQLite file, or a database of its
own on the PostgreSQL server of ``DATABASE_URL``, dropped afterwards). Through the services it
then adds a plan with the eight ledger indicators for the province and each prefecture (168
targets) and a race of the 100 zones.

**devzone** is timed through the functions the pages, the API and the command line call:
``plan_progress`` (with year-end projections) on 2023-09-30, ``score_race`` for September 2023
and ``build_briefing`` of the province for 2023-W40 (its targets behind pace, its lists of
projects with their names and links). Three situations:

* *server*: the process's copy of the ledger is current (``devzone.analytics.state``): each
  call checks the change history (two indexed look-ups), reads the zones, and computes;
* *after a report*: a report has just been submitted (and corrected back, so the numbers stay
  comparable): the first call re-reads that project's rows and folds them in;
* *one command each*: every call starts from an empty copy, as ``devzone targets progress``,
  ``devzone race`` and ``devzone briefing`` do in their own processes: three whole reads.

**plain SQL** computes the same numbers on the same tables with one GROUP BY query per family
(milestones per zone for every period at once, reports per zone, the week, stalled projects,
the pipeline, months), then sums zones into prefectures in Python; **pandas** does it from the
columns devzone extracted (timed without the extraction; skipped without pandas). The same
rules (projection, pace, race scoring) turn each one's sums into the final numbers, and every
number is checked equal to plain SQL's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import polars as pl

PREFECTURES, ZONES_PER_PREFECTURE = 20, 5
PROVINCE = "440000"
MONTHS = [dt.date(2021 + index // 12, index % 12 + 1, 1) for index in range(36)]
FIRST_DAY, LAST_DAY = dt.date(2020, 1, 1), dt.date(2023, 12, 31)
YEAR_START, AS_OF, YEAR_END = dt.date(2023, 1, 1), dt.date(2023, 9, 30), dt.date(2023, 12, 31)
RACE_MONTH = dt.date(2023, 9, 1)
WEEK = "2023-W40"
WEEK_START, WEEK_END = dt.date(2023, 10, 2), dt.date(2023, 10, 8)
MANUFACTURING = "manufacturing"
KINDS = [MANUFACTURING, "infrastructure", "services", "energy", "agriculture", "other"]
#: The bench's steps under the ledger's lifecycle names (approval and land are not generated).
STEPS = {
    "signed": "signed",
    "started": "construction_started",
    "completed": "completed",
    "production": "in_production",
}
POSITION = {
    "signed": 1,
    "approved": 2,
    "land_supplied": 3,
    "construction_started": 4,
    "completed": 5,
    "in_production": 6,
}
STAGES = ["planned", *POSITION]
BILLION, YI = 10**9, 10**8
STAMP = "2024-01-01 00:00:00+00:00"
RACE_WEIGHTS = {
    "planned_investment_of_manufacturing_projects_signed": 40,
    "actual_investment": 40,
    "count_started": 20,
}
CENTS = Decimal("0.01")

Numbers = dict[str, str]


# --- Generating the ledger as columns ---------------------------------------------------------


def generate(projects: int, seed: int = 20231011) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    n, span = projects, (LAST_DAY - FIRST_DAY).days
    signed = rng.integers(0, span + 1, n)
    started = _step(rng, signed, 30, 300, 0.8, span)
    completed = _step(rng, started, 200, 900, 0.7, span)
    production = _step(rng, completed, 10, 90, 0.8, span)
    actual = dict(zip(STEPS, [signed, started, completed, production], strict=True))
    # a fifth of the projects is not signed yet; their signing is planned for 2023–2024
    unsigned = rng.random(n) < 0.2
    actual["signed"] = np.where(unsigned, -1, signed)
    for name in ("started", "completed", "production"):
        actual[name] = np.where(unsigned, -1, actual[name])
    planned_investment = np.exp(rng.normal(np.log(3e8), 1.2, n)).clip(1e7, 5e10) // 10_000
    return {
        "id": np.arange(1, n + 1),
        "zone": rng.integers(0, PREFECTURES * ZONES_PER_PREFECTURE, n),
        "kind": np.array(KINDS)[rng.choice(len(KINDS), n, p=[0.6, 0.15, 0.1, 0.05, 0.05, 0.05])],
        "planned_investment": (planned_investment * 10_000).astype(np.int64),
        "actual": actual,
        "planned": _planned(rng, actual, span),
        "reports": _reports(rng, n, actual, planned_investment * 10_000),
    }


def _step(rng, previous, low, high, share, span):  # type: ignore[no-untyped-def]
    """The next milestone: some days after the previous one, for a share of projects (-1: none)."""
    days = previous + rng.integers(low, high, len(previous))
    reached = (previous >= 0) & (rng.random(len(previous)) < share) & (days <= span)
    return np.where(reached, days, -1)


def _planned(rng, actual, span):  # type: ignore[no-untyped-def]
    """Planned dates: for a third of the steps reached (some met late), and for the next step
    of most projects, some before and some after 30 September 2023."""
    planned, previous = {}, None
    for name, days in actual.items():
        n = len(days)
        was = days + rng.integers(-60, 30, n)
        if previous is None:
            ahead = (FIRST_DAY.replace(year=2023) - FIRST_DAY).days + rng.integers(0, 540, n)
        else:
            ahead = np.maximum(previous, 0) + rng.integers(20, 400, n)
        reached_plan = (days >= 0) & (rng.random(n) < 0.3)
        next_plan = (days < 0) & (previous is None or (previous >= 0)) & (rng.random(n) < 0.7)
        planned[name] = np.where(reached_plan, was, np.where(next_plan, ahead, -1))
        previous = days
    return planned


def _reports(rng, n, actual, planned_investment) -> dict:  # type: ignore[no-untyped-def]
    """One row per project and month; money only between the start and the completion month
    (or the month a stalled project stopped)."""
    m = len(MONTHS)
    month_days = np.array([(month - FIRST_DAY).days for month in MONTHS])
    start, end = actual["started"], actual["completed"]
    end = np.where(end >= 0, end, 10**6)
    building = (start[:, None] >= 0) & (month_days[None, :] + 30 >= start[:, None])
    building &= month_days[None, :] <= end[:, None]
    # one project in twelve stalls: from some day after its start it reports no more money
    stall = np.where(rng.random(n) < 1 / 12, start + rng.integers(60, 700, n), 10**6)
    building &= month_days[None, :] < stall[:, None]
    monthly = planned_investment // 24
    noise = rng.uniform(0.5, 1.5, (n, m))
    amount = np.where(building, (monthly[:, None] * noise) // 100 * 100, 0).astype(np.int64)
    return {
        "project_id": np.repeat(np.arange(1, n + 1), m),
        "month_index": np.tile(np.arange(m), n),
        "amount": amount.ravel(),
    }


def day_column(days: np.ndarray) -> pl.Series:
    """Days after FIRST_DAY (-1: none) as a date column."""
    frame = pl.DataFrame({"days": days.astype(np.int32)})
    epoch = (FIRST_DAY - dt.date(1970, 1, 1)).days
    day = pl.when(pl.col("days") >= 0).then(pl.col("days") + epoch)
    return frame.select(day.cast(pl.Date)).to_series()


# --- A database of its own with devzone's schema ----------------------------------------------


def open_database(url: str | None) -> Callable[[], None]:
    """Point Django at a new, migrated database; returns what removes it."""
    if url and url.startswith("postgres"):
        import psycopg

        name = f"devzone_bench_{os.getpid()}"
        with psycopg.connect(url, autocommit=True) as server:
            server.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(url, autocommit=True) as server:
                server.execute(f"DROP DATABASE {name}")

        cleanup = drop
    else:
        directory = tempfile.TemporaryDirectory(prefix="devzone-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory.name}/bench.sqlite3"
        os.environ["DEVZONE_DATA_DIR"] = directory.name
        cleanup = directory.cleanup
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return cleanup


def load(ledger: dict[str, Any]) -> None:
    """Regions and zones through the ORM; projects, milestones and reports in bulk."""
    from django.db import connection

    from devzone.regions.models import Region, Zone

    province = Region.objects.create(code=PROVINCE, name="省", level="province")
    prefectures = Region.objects.bulk_create(
        Region(code=f"44{index + 1:02d}00", name=f"市{index + 1}", level="prefecture",
               parent=province)
        for index in range(PREFECTURES)
    )  # fmt: skip
    zones = Zone.objects.bulk_create(
        Zone(slug=f"z{index}", name=f"园区{index}", kind="park",
             region=prefectures[index // ZONES_PER_PREFECTURE])
        for index in range(PREFECTURES * ZONES_PER_PREFECTURE)
    )  # fmt: skip
    zone_ids = np.array([zone.pk for zone in zones])
    tables = [
        ("projects_project", _projects(ledger, zone_ids), ["leader", "description", "source",
                                                            "foreign_currency"]),
        ("projects_milestone", _milestones(ledger), ["note"]),
        ("projects_investmentreport", _report_rows(ledger), ["progress_text"]),
    ]  # fmt: skip
    for table, frame, texts in tables:
        if connection.vendor == "postgresql":
            _copy(connection, table, frame, texts)
        else:
            _insert(connection, table, frame)
    _reset_sequences(connection)


def _stamps(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(created_at=pl.lit(STAMP), updated_at=pl.lit(STAMP))


def _projects(ledger: dict[str, Any], zone_ids: np.ndarray) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "id": ledger["id"],
            "name": [f"项目{index}" for index in ledger["id"].tolist()],
            "zone_id": zone_ids[ledger["zone"]],
            "kind": ledger["kind"],
            "construction_type": "new",
            "planned_investment": ledger["planned_investment"],
            "foreign_currency": "",
            "leader": "",
            "description": "",
            "source": "",
            "is_generated": False,
        }
    )
    return _stamps(frame)


def _milestones(ledger: dict[str, Any]) -> pl.DataFrame:
    parts = []
    for name, kind in STEPS.items():
        part = pl.DataFrame(
            {
                "project_id": ledger["id"],
                "kind": kind,
                "actual_date": day_column(ledger["actual"][name]),
                "planned_date": day_column(ledger["planned"][name]),
                "note": "",
            }
        )
        parts.append(part.filter(pl.col("actual_date").is_not_null() | pl.col("planned_date")
                                 .is_not_null()))  # fmt: skip
    frame = pl.concat(parts)
    return _stamps(frame.with_columns(id=pl.int_range(1, frame.height + 1)))


def _report_rows(ledger: dict[str, Any]) -> pl.DataFrame:
    reports = ledger["reports"]
    months = pl.Series(MONTHS, dtype=pl.Date)
    frame = pl.DataFrame(
        {
            "id": np.arange(1, len(reports["amount"]) + 1),
            "project_id": reports["project_id"],
            "month": months.gather(reports["month_index"]),
            "amount": reports["amount"],
            "progress_text": "",
        }
    )
    return _stamps(frame)


def _copy(connection: Any, table: str, frame: pl.DataFrame, texts: list[str]) -> None:
    """COPY in CSV, which Polars writes in a fraction of a second per million rows."""
    columns = ", ".join(frame.columns)
    keep_empty = ", ".join(texts)
    sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({keep_empty}))"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for start in range(0, frame.height, 500_000):
            buffer = io.BytesIO()
            frame.slice(start, 500_000).write_csv(buffer, include_header=False)
            copy.write(buffer.getvalue())


def _insert(connection: Any, table: str, frame: pl.DataFrame) -> None:
    from django.db import transaction

    columns = ", ".join(frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, frame.height, 500_000):
            rows = frame.slice(start, 500_000).rows()
            cursor.cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _reset_sequences(connection: Any) -> None:
    from django.core.management.color import no_style

    from devzone.projects.models import InvestmentReport, Milestone, Project

    models = [Project, Milestone, InvestmentReport]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute("ANALYZE")


def set_up_targets() -> tuple[Any, Any]:
    """The province's plan (eight ledger indicators × the province and 20 prefectures) and
    its race of 100 zones, through the services."""
    from devzone.regions.models import Region
    from devzone.targets import services
    from devzone.targets.queries import LEDGER_QUERIES

    regions = list(Region.objects.order_by("code"))
    plan = services.create_plan(actor=None, name="全省2023", year=2023, region=regions[0])
    indicators = {}
    for name, query in LEDGER_QUERIES.items():
        indicators[name] = services.define_indicator(
            actor=None, code=name, name=name, unit_kind=query.unit_kind,
            actual_source=f"ledger:{name}", accumulates=query.accumulates,
        )  # fmt: skip
        for region in regions:
            value = target_value(name, region.code)
            services.set_target(plan, indicators[name], region, value, actor=None)
    items = [(indicators[name], Decimal(weight), True) for name, weight in RACE_WEIGHTS.items()]
    scorecard = services.create_scorecard(actor=None, name="全省赛马", region=regions[0],
                                          items=items)  # fmt: skip
    return plan, scorecard


def target_value(name: str, code: str) -> Decimal:
    """A target for every indicator and scope (the province's is twenty prefectures' worth)."""
    scale = PREFECTURES if code == PROVINCE else 1
    base = {
        "planned_investment_of_manufacturing_projects_signed": Decimal(250) * YI,
        "actual_investment": Decimal(150) * YI,
        "average_days_between_100m_projects": Decimal(1),
    }.get(name, Decimal(400))
    return base if name.startswith("average") else base * scale


# --- devzone: the application's own entry points ----------------------------------------------


def app_numbers(plan: Any, scorecard: Any, *, fresh: bool) -> tuple[Numbers, dict[str, float]]:
    """Call the three entry points (``fresh``: each from an empty copy of the ledger)."""
    from devzone.analytics.state import forget_ledger
    from devzone.reports.briefing import build_briefing
    from devzone.targets.progress import plan_progress
    from devzone.targets.race import score_race

    calls = {
        "plan progress": lambda: plan_progress(plan, AS_OF),
        "race": lambda: score_race(scorecard, RACE_MONTH),
        "briefing": lambda: build_briefing(PROVINCE, WEEK),
    }
    results, times = {}, {}
    for name, call in calls.items():
        if fresh:
            forget_ledger()
        results[name], times[name] = timed(call)
    return _app_keys(*results.values()), times


def _app_keys(progress: list, race: list, briefing: Any) -> Numbers:
    numbers: Numbers = {}
    for result in progress:
        key = f"{result.target.indicator.code}:{result.target.region.code}"
        numbers[f"target:{key}"] = text(result.actual)
        numbers[f"projection:{key}"] = text(result.projection.value)
    for entry in race:
        for name, value in entry.values.items():
            numbers[f"race:{name}:{entry.zone.slug}"] = text(value)
        numbers[f"rank:{entry.zone.slug}"] = str(entry.rank)
        numbers[f"score:{entry.zone.slug}"] = str(entry.score)
    for result in briefing.targets_behind:
        numbers[f"behind:{result.target.indicator.code}:{result.target.region.code}"] = "1"
    figures = {figure.key: figure.value for figure in briefing.headline}
    for key in ("new_signed", "new_signed_investment", "milestones_met", "milestones_missed",
                "stalled"):  # fmt: skip
        numbers[f"briefing:{key}"] = text(figures[key])
    for row in briefing.investment_by_month:
        numbers[f"month:{row.month:%Y-%m}"] = text(row.amount)
    for row in briefing.pipeline:
        numbers[f"pipeline:{row.stage}"] = f"{row.count} {text(row.planned)}"
    return numbers


def text(value: Any) -> str:
    return str(Decimal(value).quantize(CENTS, ROUND_HALF_UP))


# --- The same sums from plain SQL and from pandas ---------------------------------------------

PERIODS = {
    "ytd": (YEAR_START, AS_OF),
    "ly_same": (dt.date(2022, 1, 1), dt.date(2022, 9, 30)),
    "ly_full": (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    "week_end": (YEAR_START, WEEK_END),
}
INDICATORS = [
    "planned_investment_of_manufacturing_projects_signed",
    "count_manufacturing_signed",
    "count_signed",
    "count_projects_over",
    "count_over_100m",
    "count_started",
    "count_completed",
    "count_in_production",
]
TO_COME = [
    "planned_investment_of_manufacturing_projects_signed",
    "count_manufacturing_signed",
    "count_started",
    "count_completed",
    "count_in_production",
]


class Sums:
    """What a baseline hands to :func:`finish`: per-zone sums per period, and the week."""

    def __init__(self) -> None:
        self.by_zone: dict[str, dict[str, dict[str, Decimal]]] = {p: {} for p in PERIODS}
        self.to_come: dict[str, dict[str, Decimal]] = {}
        self.week: dict[str, Decimal] = {}
        self.months: dict[dt.date, Decimal] = {}
        self.pipeline: dict[str, tuple[int, Decimal]] = {}
        self.seconds: dict[str, float] = {}  # time per family of queries (plain SQL)

    def add(self, period: str, zone: str, name: str, value: Any) -> None:
        row = self.by_zone[period].setdefault(zone, {})
        row[name] = row.get(name, Decimal(0)) + Decimal(str(value or 0))


def _milestone_sql() -> str:
    """Every milestone indicator of every period, and what is still to come, per zone."""
    columns = []
    for period in PERIODS:
        signed = f"m.kind = 'signed' AND m.actual_date BETWEEN %({period}_s)s AND %({period}_e)s"
        manufacturing = f"{signed} AND p.kind = '{MANUFACTURING}'"
        cases = [
            (f"{manufacturing}", "p.planned_investment"),
            (manufacturing, "1"),
            (signed, "1"),
            (f"{manufacturing} AND p.planned_investment >= {BILLION}", "1"),
            (f"{signed} AND p.planned_investment >= {YI}", "1"),
        ] + [
            (f"m.kind = '{kind}' AND m.actual_date BETWEEN %({period}_s)s AND %({period}_e)s", "1")
            for kind in ("construction_started", "completed", "in_production")
        ]
        columns += [f"SUM(CASE WHEN {when} THEN {then} ELSE 0 END)" for when, then in cases]
    ahead = "m.actual_date IS NULL AND m.planned_date > %(as_of)s AND m.planned_date <= %(end)s"
    columns += [
        f"SUM(CASE WHEN {ahead} AND m.kind = 'signed' AND p.kind = '{MANUFACTURING}' "
        "THEN p.planned_investment ELSE 0 END)",
        f"SUM(CASE WHEN {ahead} AND m.kind = 'signed' AND p.kind = '{MANUFACTURING}' "
        "THEN 1 ELSE 0 END)",
    ] + [
        f"SUM(CASE WHEN {ahead} AND m.kind = '{kind}' THEN 1 ELSE 0 END)"
        for kind in ("construction_started", "completed", "in_production")
    ]
    return (
        f"SELECT z.slug, {', '.join(columns)} FROM projects_milestone m "
        "JOIN projects_project p ON p.id = m.project_id "
        "JOIN regions_zone z ON z.id = p.zone_id GROUP BY z.slug"
    )


STAGE_SQL = (
    "SELECT m.project_id, MAX(CASE m.kind "
    + " ".join(f"WHEN '{kind}' THEN {position}" for kind, position in POSITION.items())
    + " END) AS position FROM projects_milestone m WHERE m.actual_date <= %(end)s "
    "GROUP BY m.project_id"
)


def sql_sums() -> Sums:
    from django.conf import settings
    from django.db import connection

    sums = Sums()
    params: dict[str, Any] = {"as_of": AS_OF, "end": YEAR_END}
    for period, (start, end) in PERIODS.items():
        params[f"{period}_s"], params[f"{period}_e"] = start, end
        params[f"{period}_m"] = start.replace(day=1)
    with connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute(_milestone_sql(), params)
        for zone, *values in cursor.fetchall():
            for index, period in enumerate(PERIODS):
                for offset, name in enumerate(INDICATORS):
                    sums.add(period, zone, name, values[index * len(INDICATORS) + offset])
            sums.to_come[zone] = {
                name: Decimal(str(value or 0))
                for name, value in zip(TO_COME, values[-len(TO_COME) :], strict=True)
            }
        sums.seconds["milestones per zone"] = time.perf_counter() - began
        began = time.perf_counter()
        cursor.execute(
            "SELECT z.slug, "
            + ", ".join(
                f"SUM(CASE WHEN r.month BETWEEN %({p}_m)s AND %({p}_e)s THEN r.amount ELSE 0 END)"
                for p in PERIODS
            )
            + " FROM projects_investmentreport r JOIN projects_project p ON p.id = r.project_id "
            "JOIN regions_zone z ON z.id = p.zone_id GROUP BY z.slug",
            params,
        )
        for zone, *values in cursor.fetchall():
            for period, value in zip(PERIODS, values, strict=True):
                sums.add(period, zone, "actual_investment", value)
        sums.seconds["reports per zone"] = time.perf_counter() - began
        began = time.perf_counter()
        _week_sql(cursor, sums, settings.DEVZONE_STALLED_MONTHS)
        sums.seconds["the week"] = time.perf_counter() - began
    return sums


def _week_sql(cursor: Any, sums: Sums, stalled_months: int) -> None:
    week = {"s": WEEK_START, "e": WEEK_END}
    cursor.execute(
        "SELECT SUM(CASE WHEN m.kind = 'signed' AND m.actual_date BETWEEN %(s)s AND %(e)s "
        "THEN 1 ELSE 0 END), SUM(CASE WHEN m.kind = 'signed' AND m.actual_date BETWEEN %(s)s "
        "AND %(e)s THEN p.planned_investment ELSE 0 END), "
        "SUM(CASE WHEN m.actual_date BETWEEN %(s)s AND %(e)s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN m.planned_date BETWEEN %(s)s AND %(e)s AND (m.actual_date IS NULL "
        "OR m.actual_date > m.planned_date) THEN 1 ELSE 0 END) "
        "FROM projects_milestone m JOIN projects_project p ON p.id = m.project_id",
        week,
    )
    names = ["new_signed", "new_signed_investment", "milestones_met", "milestones_missed"]
    for name, value in zip(names, cursor.fetchone(), strict=True):
        sums.week[name] = Decimal(str(value or 0))
    since = add_months(WEEK_END.replace(day=1), -stalled_months)
    cursor.execute(
        f"SELECT COUNT(*) FROM ({STAGE_SQL}) s WHERE s.position = 4 AND NOT EXISTS ("
        "SELECT 1 FROM projects_investmentreport r WHERE r.project_id = s.project_id "
        "AND r.month >= %(since)s AND r.month <= %(end)s AND r.amount > 0)",
        {"end": WEEK_END, "since": since},
    )
    sums.week["stalled"] = Decimal(cursor.fetchone()[0])
    cursor.execute(
        f"SELECT COALESCE(s.position, 0), COUNT(*), SUM(p.planned_investment) "
        f"FROM projects_project p LEFT JOIN ({STAGE_SQL}) s ON s.project_id = p.id GROUP BY 1",
        {"end": WEEK_END},
    )
    for position, count, planned in cursor.fetchall():
        sums.pipeline[STAGES[position]] = (int(count), Decimal(str(planned)))
    first = add_months(WEEK_END.replace(day=1), -11)
    cursor.execute(
        "SELECT month, SUM(amount) FROM projects_investmentreport "
        "WHERE month BETWEEN %(first)s AND %(last)s GROUP BY month",
        {"first": first, "last": WEEK_END.replace(day=1)},
    )
    for month, amount in cursor.fetchall():
        sums.months[_as_date(month)] = Decimal(str(amount))


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def pandas_sums(rollup: Any, zones: pl.DataFrame, stalled_months: int) -> Sums | None:
    """The same sums with pandas over the columns devzone extracted (None without pandas)."""
    try:
        import pandas as pd
    except ImportError:
        return None
    frame = rollup.projects.join(
        zones.select(pl.col("id").alias("zone_id"), pl.col("slug")), on="zone_id"
    )
    p = pd.DataFrame({name: frame[name].to_numpy() for name in frame.columns})
    r = pd.DataFrame({name: rollup.reports[name].to_numpy() for name in rollup.reports.columns})
    for column in p.columns:
        if column.endswith(("_date", "_planned")):
            p[column] = pd.to_datetime(p[column])
    r["month"] = pd.to_datetime(r["month"])
    p["planned_investment"] //= 100
    r["amount"] //= 100
    return _pandas_compute(pd, p, r, stalled_months)


def _pandas_compute(pd: Any, p: Any, r: Any, stalled_months: int) -> Sums:
    sums, ts = Sums(), pd.Timestamp
    manufacturing = p["kind"] == MANUFACTURING
    money = p["planned_investment"]
    for period, (start, end) in PERIODS.items():
        signed = p["signed_date"].between(ts(start), ts(end))
        columns = {
            INDICATORS[0]: money.where(signed & manufacturing, 0),
            INDICATORS[1]: signed & manufacturing,
            INDICATORS[2]: signed,
            INDICATORS[3]: signed & manufacturing & (money >= BILLION),
            INDICATORS[4]: signed & (money >= YI),
        }
        for name, kind in zip(INDICATORS[5:], list(STEPS.values())[1:], strict=True):
            columns[name] = p[f"{kind}_date"].between(ts(start), ts(end))
        table = pd.DataFrame({k: v.astype("int64") for k, v in columns.items()})
        table["slug"] = p["slug"]
        for zone, row in table.groupby("slug").sum().iterrows():
            for name, value in row.items():
                sums.add(period, zone, name, int(value))
        window = r[r["month"].between(ts(start.replace(day=1)), ts(end))]
        invested = window.merge(p[["id", "slug"]], left_on="project_id", right_on="id")
        for zone, value in invested.groupby("slug")["amount"].sum().items():
            sums.add(period, zone, "actual_investment", int(value))
    ahead = {}
    for kind in ("signed", "construction_started", "completed", "in_production"):
        planned = p[f"{kind}_planned"]
        ahead[kind] = p[f"{kind}_date"].isna() & (planned > ts(AS_OF)) & (planned <= ts(YEAR_END))
    columns = {
        TO_COME[0]: money.where(ahead["signed"] & manufacturing, 0),
        TO_COME[1]: ahead["signed"] & manufacturing,
        TO_COME[2]: ahead["construction_started"],
        TO_COME[3]: ahead["completed"],
        TO_COME[4]: ahead["in_production"],
    }
    table = pd.DataFrame({k: v.astype("int64") for k, v in columns.items()})
    table["slug"] = p["slug"]
    for zone, row in table.groupby("slug").sum().iterrows():
        sums.to_come[zone] = {name: Decimal(int(value)) for name, value in row.items()}
    _pandas_week(pd, p, r, sums, stalled_months)
    return sums


def _pandas_week(pd: Any, p: Any, r: Any, sums: Sums, stalled_months: int) -> None:
    ts, start, end = pd.Timestamp, pd.Timestamp(WEEK_START), pd.Timestamp(WEEK_END)
    kinds = list(POSITION)
    signed = p["signed_date"].between(start, end)
    sums.week["new_signed"] = Decimal(int(signed.sum()))
    sums.week["new_signed_investment"] = Decimal(int(p.loc[signed, "planned_investment"].sum()))
    sums.week["milestones_met"] = Decimal(
        int(sum(p[f"{kind}_date"].between(start, end).sum() for kind in kinds))
    )
    missed = 0
    for kind in kinds:
        planned, actual = p[f"{kind}_planned"], p[f"{kind}_date"]
        missed += int((planned.between(start, end) & (actual.isna() | (actual > planned))).sum())
    sums.week["milestones_missed"] = Decimal(missed)
    stage = pd.Series("planned", index=p.index)
    for kind in kinds:
        stage = stage.where(~(p[f"{kind}_date"] <= end), kind)
    since = ts(add_months(WEEK_END.replace(day=1), -stalled_months))
    paying = r[(r["amount"] > 0) & r["month"].between(since, end)]["project_id"].unique()
    building = (stage == "construction_started") & ~p["id"].isin(paying)
    sums.week["stalled"] = Decimal(int(building.sum()))
    for name, group in p.groupby(stage):
        sums.pipeline[name] = (len(group), Decimal(int(group["planned_investment"].sum())))
    first = ts(add_months(WEEK_END.replace(day=1), -11))
    months = r[r["month"].between(first, ts(WEEK_END.replace(day=1)))]
    for month, amount in months.groupby("month")["amount"].sum().items():
        sums.months[month.date()] = Decimal(int(amount))


# --- From the sums to the numbers the application shows ---------------------------------------


def finish(sums: Sums, prefecture_of: dict[str, str], targets: dict[str, Decimal]) -> Numbers:
    """Prefecture and province totals, projections, the race and the pace, by devzone's rules
    (docs/targets.md): the baselines differ in how they read the ledger, not in the rules."""
    from devzone.targets.choices import Pace
    from devzone.targets.progress import judge, time_progress
    from devzone.targets.queries import LEDGER_QUERIES

    numbers: Numbers = {}
    scopes = {PROVINCE: list(prefecture_of)}
    for zone, code in prefecture_of.items():
        scopes.setdefault(code, []).append(zone)
    elapsed = time_progress(YEAR_START, YEAR_END, AS_OF)
    week_elapsed = time_progress(YEAR_START, YEAR_END, WEEK_END)
    for code, zones in scopes.items():
        values = {period: _scope_values(sums, period, zones) for period in PERIODS}
        to_come = {name: sum((sums.to_come.get(z, {}).get(name, 0) for z in zones), Decimal(0))
                   for name in TO_COME}  # fmt: skip
        for name, query in LEDGER_QUERIES.items():
            actual = values["ytd"][name]
            numbers[f"target:{name}:{code}"] = text(actual)
            numbers[f"projection:{name}:{code}"] = text(
                _projection(query, actual, values, to_come.get(name), elapsed)
            )
            target = targets[f"{name}:{code}"]
            benchmark = week_elapsed if query.accumulates else Decimal(1)
            pace, _margin = judge(values["week_end"][name] / target, benchmark, "at_least")
            if pace == Pace.BEHIND:
                numbers[f"behind:{name}:{code}"] = "1"
    _race(sums, numbers)
    for name, value in sums.week.items():
        numbers[f"briefing:{name}"] = text(value)
    for index in range(12):
        month = add_months(WEEK_END.replace(day=1), index - 11)
        numbers[f"month:{month:%Y-%m}"] = text(sums.months.get(month, 0))
    for stage in STAGES:
        count, planned = sums.pipeline.get(stage, (0, Decimal(0)))
        numbers[f"pipeline:{stage}"] = f"{count} {text(planned)}"
    return numbers


def _scope_values(sums: Sums, period: str, zones: list[str]) -> dict[str, Decimal]:
    start, end = PERIODS[period]
    names = [*INDICATORS, "actual_investment"]
    rows = [sums.by_zone[period].get(zone, {}) for zone in zones]
    values = {name: sum((row.get(name, Decimal(0)) for row in rows), Decimal(0)) for name in names}
    over = values.pop("count_over_100m")
    days = Decimal((end - start).days + 1)
    values["average_days_between_100m_projects"] = days / over if over else days
    return values


def _projection(query: Any, actual: Decimal, values: dict, to_come: Any, elapsed: Decimal):  # type: ignore[no-untyped-def]
    if not query.accumulates:
        return actual
    if query.planned is not None and to_come:
        return actual + to_come
    same_day = values["ly_same"][query.name]
    if same_day:
        return actual * values["ly_full"][query.name] / same_day
    return actual / elapsed


def _race(sums: Sums, numbers: Numbers) -> None:
    from devzone.targets.race import competition_ranks, normalised_points

    zones = sorted(sums.by_zone["ytd"])
    total = Decimal(sum(RACE_WEIGHTS.values()))
    scores = dict.fromkeys(zones, Decimal(0))
    for name, weight in RACE_WEIGHTS.items():
        values = [sums.by_zone["ytd"][zone].get(name, Decimal(0)) for zone in zones]
        for zone, value, points in zip(zones, values, normalised_points(values, True),
                                       strict=True):  # fmt: skip
            numbers[f"race:{name}:{zone}"] = text(value)
            scores[zone] += Decimal(weight) * points / total
    rounded = [scores[zone].quantize(CENTS, ROUND_HALF_UP) for zone in zones]
    for zone, score, rank in zip(zones, rounded, competition_ranks(rounded), strict=True):
        numbers[f"rank:{zone}"] = str(rank)
        numbers[f"score:{zone}"] = str(score)


def reference_data() -> tuple[dict[str, str], dict[str, Decimal]]:
    from devzone.regions.models import Zone
    from devzone.targets.models import Target

    prefecture_of = dict(Zone.objects.values_list("slug", "region__code"))
    targets = {
        f"{t.indicator.code}:{t.region.code}": t.value
        for t in Target.objects.select_related("indicator", "region")
    }
    return prefecture_of, targets


# --- Running and reporting --------------------------------------------------------------------


def timed(function: Callable[..., Any], *args: Any, repeat: int = 1) -> tuple[Any, float]:
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - began)
    return result, best


def compare(name: str, expected: Numbers, got: Numbers) -> bool:
    keys = set(expected) | set(got)
    wrong = sorted(key for key in keys if expected.get(key) != got.get(key))
    if wrong:
        print(f"  {name}: {len(wrong)} of {len(keys)} numbers differ, e.g.", file=sys.stderr)
        for key in wrong[:8]:
            print(f"    {key}: SQL {expected.get(key)} vs {got.get(key)}", file=sys.stderr)
        return False
    print(f"  {name}: all {len(keys)} numbers equal to plain SQL")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=200_000, help="projects (200,000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the server case")
    args = parser.parse_args(argv)
    cleanup = open_database(os.environ.get("DATABASE_URL") or None)
    try:
        return _run(args)
    finally:
        cleanup()


def _run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.db import connection

    from devzone.analytics.extract import extract_ledger, extract_zones
    from devzone.analytics.ledger import fold
    from devzone.analytics.state import current_rollup

    name = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    ledger, generate_s = timed(generate, args.projects)
    rows = len(ledger["reports"]["amount"])
    print(f"Generated {args.projects:,} projects and {rows:,} monthly reports in {generate_s:.1f}s")
    _, load_s = timed(load, ledger)
    (plan, scorecard), setup_s = timed(set_up_targets)
    print(f"Loaded them into {name} in {load_s:.1f}s; plan, 168 targets and race in {setup_s:.1f}s")
    columns, extract_s = timed(extract_ledger)
    _, fold_s = timed(fold, columns)
    print(f"Reading the ledger's columns takes {extract_s:.1f}s, folding them {fold_s:.2f}s")

    cold, cold_times = app_numbers(plan, scorecard, fresh=True)
    warm, warm_s = _best(lambda: app_numbers(plan, scorecard, fresh=False), args.repeat)
    after, after_s = _after_a_report(plan, scorecard)
    sums, sql_s = timed(sql_sums)
    prefecture_of, targets = reference_data()
    plain = finish(sums, prefecture_of, targets)
    zones = extract_zones().join(_slugs(), on="id")
    panda, pandas_s = timed(pandas_sums, current_rollup(), zones, settings.DEVZONE_STALLED_MONTHS)

    cold_s = sum(cold_times.values())
    print()
    print(f"{'':52}{'seconds':>9}{'× faster than SQL':>19}")
    for label, seconds in [
        ("devzone, server (ledger copy current)", sum(warm_s.values())),
        ("devzone, right after a report is submitted", sum(after_s.values())),
        ("devzone, one command each (3 whole reads)", cold_s),
    ]:
        print(f"{label:52}{seconds:>9.3f}{sql_s / seconds:>19.1f}")
    print(f"{'plain SQL on ' + name:52}{sql_s:>9.3f}{1:>19.1f}")
    families = ", ".join(f"{family} {seconds:.2f}" for family, seconds in sums.seconds.items())
    print(f"  ({families})")
    if panda is None:
        print(f"{'pandas':52}{'skipped: pandas is not installed':>28}")
    else:
        print(
            f"{'pandas (from the extracted columns)':52}{pandas_s:>9.3f}{sql_s / pandas_s:>19.1f}"
        )
    print()
    print("devzone per entry point (server / after a report / one command):")
    for call in warm_s:
        print(f"  {call:16}{warm_s[call]:>9.3f}{after_s[call]:>9.3f}{cold_times[call]:>9.3f}")
    print()
    equal = compare("devzone, server", plain, warm)
    equal = compare("devzone, after a report", plain, after) and equal
    equal = compare("devzone, one command each", plain, cold) and equal
    if panda is not None:
        equal = compare("pandas", plain, finish(panda, prefecture_of, targets)) and equal
    server = sum(warm_s.values())
    goal = server < 1 and sql_s / server >= 5
    print(f"Goal (< 1 s and ≥ 5× plain SQL, server): {'met' if goal else 'NOT met'}")
    return 0 if equal else 1


def _slugs() -> pl.DataFrame:
    from devzone.regions.models import Zone

    rows = list(Zone.objects.values_list("id", "slug"))
    return pl.DataFrame(rows, schema={"id": pl.Int64, "slug": pl.Utf8}, orient="row")


def _best(call: Callable[[], tuple[Numbers, dict[str, float]]], repeat: int):  # type: ignore[no-untyped-def]
    numbers, best = call()
    for _ in range(repeat - 1):
        numbers, times = call()
        best = {name: min(best[name], times[name]) for name in best}
    return numbers, best


def _after_a_report(plan: Any, scorecard: Any) -> tuple[Numbers, dict[str, float]]:
    """A report corrected (and corrected back, so that the numbers stay those of the load):
    the first call re-reads that project."""
    from devzone.projects.models import InvestmentReport
    from devzone.projects.services import submit_investment_report

    report = InvestmentReport.objects.filter(month=RACE_MONTH, amount__gt=0).first()
    original = report.amount
    submit_investment_report(report.project, report.month, original + 1, actor=None)
    submit_investment_report(report.project, report.month, original, actor=None)
    return app_numbers(plan, scorecard, fresh=False)


if __name__ == "__main__":
    sys.exit(main())
