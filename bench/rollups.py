#!/usr/bin/env python3
"""Rollups at province scale: target progress + race + weekly briefing numbers, three ways.

    .venv/bin/python bench/rollups.py                 # 200,000 projects × 36 months, SQLite
    .venv/bin/python bench/rollups.py --projects 20000
    DATABASE_URL=postgres://… .venv/bin/python bench/rollups.py   # PostgreSQL (COPY loading)

It generates a ledger directly as columns (numpy): projects in 100 zones of 20 prefectures of
one province, with signing / start / completion / production dates, and a monthly investment
report for every project and every month of 2021–2023 (200,000 × 36 = 7.2 M rows). It loads
them into a temporary database (tables shaped like the ledger's: dates as dates, one report row
per project and month) with bulk loading, then computes the same numbers

* **devzone** — devzone's own engine, ``devzone.analytics``: the ledger's columns are
  extracted from the database once into Polars (the "extract" time, printed apart: in
  production it is refreshed incrementally), the reports are folded into two aggregates that
  a report submission updates in O(1) (investment per zone × month; last month with money per
  project), and every number is computed over those columns;
* **plain SQL** — one GROUP BY query per family of numbers, on the database;
* **pandas** — the same over pandas DataFrames (skipped with a message if pandas is missing);

checks that every number is equal, and prints the times and ratios. The numbers: for the
province and each prefecture, the seven ledger indicators of a target on 2023-09-30 (planned
investment of manufacturing projects signed, their count, those ≥ 1 bn, projects ≥ 1亿 for the
days-per-project figure, starts, completions, productions, actual investment); for each of the
100 zones, the race's three year-to-date indicators; for the province and week 2023-W40, the
briefing's signings, milestones met, stalled projects, investment in each of 12 months, and the
pipeline by stage (count and planned investment).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from devzone.analytics.extract import read_frame
from devzone.analytics.ledger import Ledger, Rollup, fold
from devzone.analytics.rollups import briefing_numbers, race_frame, target_frame

PREFECTURES, ZONES_PER_PREFECTURE = 20, 5
MONTHS = [dt.date(2021 + index // 12, index % 12 + 1, 1) for index in range(36)]
FIRST_DAY, LAST_DAY = dt.date(2020, 1, 1), dt.date(2023, 12, 31)
YEAR_START, AS_OF = dt.date(2023, 1, 1), dt.date(2023, 9, 30)
WEEK_START, WEEK_END = dt.date(2023, 10, 2), dt.date(2023, 10, 8)  # 2023-W40
STALLED_SINCE = dt.date(2023, 7, 1)  # three months before the week's month (DEVZONE_STALLED_MONTHS)
TREND = MONTHS[-14:-2]  # the twelve months to October 2023
BILLION, YI = 10**9, 10**8
MANUFACTURING = "manufacturing"
KINDS = [MANUFACTURING, "infrastructure", "services", "energy", "agriculture", "other"]
STAGES = ["planned", "signed", "construction_started", "completed", "in_production"]
MILESTONES = ["signed", "started", "completed", "production"]

Numbers = dict[str, int]


# --- Generating the ledger as columns ---------------------------------------------------------


def generate(projects: int, seed: int = 20231011) -> tuple[dict, dict, dict]:
    rng = np.random.default_rng(seed)
    zone_ids = np.arange(1, PREFECTURES * ZONES_PER_PREFECTURE + 1)
    zones = {
        "id": zone_ids,
        "region_code": np.array(
            [f"44{(zid - 1) // ZONES_PER_PREFECTURE + 1:02d}00" for zid in zone_ids]
        ),
    }
    n = projects
    span = (LAST_DAY - FIRST_DAY).days
    signed = rng.integers(0, span + 1, n)
    started = _step(rng, signed, 30, 300, 0.8, span)
    completed = _step(rng, started, 200, 900, 0.7, span)
    production = _step(rng, completed, 10, 90, 0.8, span)
    planned = np.exp(rng.normal(np.log(3e8), 1.2, n)).clip(1e7, 5e10) // 10_000 * 10_000
    project = {
        "id": np.arange(1, n + 1),
        "zone_id": rng.integers(1, len(zone_ids) + 1, n),
        "kind": np.array(KINDS)[rng.choice(len(KINDS), n, p=[0.6, 0.15, 0.1, 0.05, 0.05, 0.05])],
        "planned_investment": planned.astype(np.int64),
        **{
            f"{name}_day": days
            for name, days in zip(MILESTONES, [signed, started, completed, production], strict=True)
        },
    }
    return zones, project, _reports(rng, project)


def _step(rng, previous, low, high, share, span):  # type: ignore[no-untyped-def]
    """The next milestone: some days after the previous one, for a share of projects (-1: none)."""
    days = previous + rng.integers(low, high, len(previous))
    reached = (previous >= 0) & (rng.random(len(previous)) < share) & (days <= span)
    return np.where(reached, days, -1)


def _reports(rng, project) -> dict:  # type: ignore[no-untyped-def]
    """One row per project and month; money only between the start and the completion month."""
    n, m = len(project["id"]), len(MONTHS)
    month_days = np.array([(month - FIRST_DAY).days for month in MONTHS])
    start, end = project["started_day"], project["completed_day"]
    end = np.where(end >= 0, end, 10**6)
    building = (start[:, None] >= 0) & (month_days[None, :] + 30 >= start[:, None])
    building &= month_days[None, :] <= end[:, None]
    monthly = project["planned_investment"] // 24
    noise = rng.uniform(0.5, 1.5, (n, m))
    amount = np.where(building, (monthly[:, None] * noise) // 100 * 100, 0).astype(np.int64)
    return {
        "project_id": np.repeat(project["id"], m),
        "month_index": np.tile(np.arange(m), n),
        "amount": amount.ravel(),
    }


def day_text(days: np.ndarray) -> list[str | None]:
    lookup = {}
    out: list[str | None] = []
    for value in days.tolist():
        if value < 0:
            out.append(None)
            continue
        if value not in lookup:
            lookup[value] = (FIRST_DAY + dt.timedelta(days=value)).isoformat()
        out.append(lookup[value])
    return out


# --- Loading the database ---------------------------------------------------------------------

SCHEMA = """
CREATE TABLE zone (id INTEGER PRIMARY KEY, region_code VARCHAR(6) NOT NULL);
CREATE TABLE project (
    id INTEGER PRIMARY KEY, zone_id INTEGER NOT NULL REFERENCES zone(id), kind VARCHAR(20),
    planned_investment BIGINT NOT NULL, signed_date DATE, started_date DATE,
    completed_date DATE, production_date DATE
);
CREATE TABLE report (
    project_id INTEGER NOT NULL REFERENCES project(id), month DATE NOT NULL,
    amount BIGINT NOT NULL
);
"""
INDEXES = """
CREATE UNIQUE INDEX report_project_month ON report (project_id, month);
CREATE INDEX report_month ON report (month);
CREATE INDEX project_zone ON project (zone_id);
CREATE INDEX project_signed ON project (signed_date);
"""


class Database:
    """A thin layer over sqlite3 or psycopg with the same ``query``."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.postgres = bool(url and url.startswith("postgres"))
        if self.postgres:
            import psycopg

            self.connection = psycopg.connect(url, autocommit=True)
            self.schema = f"bench_{os.getpid()}"
            self.connection.execute(f"CREATE SCHEMA {self.schema}")
            self.connection.execute(f"SET search_path TO {self.schema}")
            self.name = "PostgreSQL"
        else:
            self.directory = tempfile.TemporaryDirectory(prefix="devzone-bench-")
            self.path = Path(self.directory.name) / "bench.sqlite3"
            self.connection = sqlite3.connect(self.path)
            self.connection.execute("PRAGMA journal_mode=OFF")
            self.connection.execute("PRAGMA synchronous=OFF")
            self.name = "SQLite"

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.postgres:
            sql = sql.replace("?", "%s").replace("substr(", "substring(")
        return list(self.connection.execute(sql, params).fetchall())

    def close(self) -> None:
        if self.postgres:
            self.connection.execute(f"DROP SCHEMA {self.schema} CASCADE")
            self.connection.close()
        else:
            self.connection.close()
            self.directory.cleanup()


def load(db: Database, zones: dict, project: dict, reports: dict) -> None:
    project_rows = list(
        zip(
            project["id"].tolist(),
            project["zone_id"].tolist(),
            project["kind"].tolist(),
            project["planned_investment"].tolist(),
            *[day_text(project[f"{name}_day"]) for name in MILESTONES],
            strict=True,
        )
    )
    months = [month.isoformat() for month in MONTHS]
    report_rows = zip(
        reports["project_id"].tolist(),
        [months[index] for index in reports["month_index"].tolist()],
        reports["amount"].tolist(),
        strict=True,
    )
    zone_rows = list(zip(zones["id"].tolist(), zones["region_code"].tolist(), strict=True))
    if db.postgres:
        _copy(db, zone_rows, project_rows, report_rows)
    else:
        connection = db.connection
        connection.executescript(SCHEMA)
        connection.executemany("INSERT INTO zone VALUES (?, ?)", zone_rows)
        connection.executemany("INSERT INTO project VALUES (?, ?, ?, ?, ?, ?, ?, ?)", project_rows)
        connection.executemany("INSERT INTO report VALUES (?, ?, ?)", report_rows)
        connection.executescript(INDEXES)
        connection.commit()
        connection.execute("ANALYZE")


def _copy_text(rows, chunk: int = 200_000):  # type: ignore[no-untyped-def]
    """COPY's text format in large chunks: much faster than one write_row per row."""
    lines: list[str] = []
    for row in rows:
        lines.append("\t".join("\\N" if value is None else str(value) for value in row))
        if len(lines) == chunk:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def _copy(db: Database, zone_rows, project_rows, report_rows) -> None:  # type: ignore[no-untyped-def]
    connection = db.connection
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    with connection.cursor() as cursor:
        tables = (("zone", zone_rows), ("project", project_rows), ("report", report_rows))
        for table, rows in tables:
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for chunk in _copy_text(rows):
                    copy.write(chunk)
    for statement in INDEXES.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("ANALYZE")


# --- devzone: devzone.analytics over columns extracted from the database -----------------------

#: The bench's milestone columns under the ledger's lifecycle names (devzone.analytics.ledger).
LIFECYCLE = {
    "signed": "signed",
    "started": "construction_started",
    "completed": "completed",
    "production": "in_production",
}


def extract(db: Database) -> Ledger:
    """The columns the rollups need, read from the database once (money in fen, as devzone)."""
    dates = ", ".join(f"p.{name}_date AS {step}_date" for name, step in LIFECYCLE.items())
    projects = read_frame(
        db.connection.cursor(),
        "SELECT p.id, p.zone_id, z.region_code, p.kind, p.planned_investment * 100, "
        f"{dates} FROM project p JOIN zone z ON z.id = p.zone_id",
        None,
        ["id", "zone_id", "region_code", "kind", "planned_investment"]
        + [f"{step}_date" for step in LIFECYCLE.values()],
    )
    reports = read_frame(
        db.connection.cursor(),
        "SELECT project_id, month, amount * 100 FROM report",
        None,
        ["project_id", "month", "amount"],
    )
    return Ledger.from_frames(projects, reports)


def devzone_numbers(rollup: Rollup) -> Numbers:
    """devzone.analytics' numbers under the benchmark's keys (yuan as integers)."""
    numbers: Numbers = {}
    _targets_devzone(rollup, numbers)
    _race_devzone(rollup, numbers)
    _briefing_devzone(rollup, numbers)
    return numbers


TARGET_NAMES = {
    "planned_investment_of_manufacturing_projects_signed": "planned",
    "count_manufacturing_signed": "signed",
    "count_projects_over": "over_1bn",
    "count_over_100m": "over_100m",
    "count_started": "started",
    "count_completed": "completed",
    "count_in_production": "production",
    "actual_investment": "actual",
}
FEN_COLUMNS = {"planned", "actual"}


def _yuan_columns(frame: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    frame = frame.rename({old: new for old, new in names.items() if old in frame.columns})
    return frame.with_columns(pl.col(name) // 100 for name in FEN_COLUMNS & set(frame.columns))


def _targets_devzone(rollup: Rollup, numbers: Numbers) -> None:
    prefecture = pl.col("region_code").str.slice(0, 4)
    frame = target_frame(rollup, YEAR_START, AS_OF, prefecture).select("key", *TARGET_NAMES)
    frame = _yuan_columns(frame, TARGET_NAMES)
    _store(numbers, "target", frame, "key")
    province = frame.drop("key").sum()
    for name, value in province.row(0, named=True).items():
        numbers[f"target:{name}:44"] = int(value or 0)


def _race_devzone(rollup: Rollup, numbers: Numbers) -> None:
    frame = _yuan_columns(race_frame(rollup, YEAR_START, AS_OF), TARGET_NAMES)
    _store(numbers, "race", frame, "zone_id")
    rows = {row["zone_id"]: row for row in frame.iter_rows(named=True)}
    _race_ranks(rows, numbers)


def _briefing_devzone(rollup: Rollup, numbers: Numbers) -> None:
    briefing = briefing_numbers(
        rollup, (WEEK_START, WEEK_END), stalled_since=STALLED_SINCE, trend=TREND
    )
    numbers["briefing:signed"] = briefing.signed
    numbers["briefing:signed_investment"] = int(briefing.signed_investment)
    numbers["briefing:milestones_met"] = briefing.milestones_met
    numbers["briefing:stalled"] = briefing.stalled
    for month, amount in briefing.investment_by_month.items():
        numbers[f"briefing:month:{month.isoformat()}"] = int(amount)
    for stage, (count, planned) in briefing.pipeline.items():
        numbers[f"pipeline:count:{stage}"] = count
        numbers[f"pipeline:planned:{stage}"] = int(planned)


def _store(numbers: Numbers, prefix: str, frame: pl.DataFrame, key: str) -> None:
    for row in frame.iter_rows(named=True):
        for name, value in row.items():
            if name != key:
                numbers[f"{prefix}:{name}:{row[key]}"] = int(value or 0)


def _race_ranks(rows: dict[Any, dict[str, Any]], numbers: Numbers) -> None:
    """The normalised rule (docs/targets.md) on the three aggregates: 40 / 40 / 20."""
    weights = {"planned": 40, "actual": 40, "started": 20}
    best = {name: max(int(row[name] or 0) for row in rows.values()) or 1 for name in weights}
    scores = {
        zone: sum(weights[n] * int(row[n] or 0) * 100 / best[n] for n in weights) / 100
        for zone, row in rows.items()
    }
    order = sorted(scores, key=lambda zone: (-round(scores[zone], 2), zone))
    for rank, zone in enumerate(order, start=1):
        numbers[f"rank:{zone}"] = rank


# --- Plain SQL on the database ----------------------------------------------------------------


def sql_numbers(db: Database) -> Numbers:
    numbers: Numbers = {}
    y0, asof = YEAR_START.isoformat(), AS_OF.isoformat()
    window = "p.signed_date BETWEEN ? AND ?"
    manufacturing = f"p.kind = ? AND {window}"
    rows = db.query(
        f"""
        SELECT substr(z.region_code, 1, 4),
          SUM(CASE WHEN {manufacturing} THEN p.planned_investment ELSE 0 END),
          SUM(CASE WHEN {manufacturing} THEN 1 ELSE 0 END),
          SUM(CASE WHEN {manufacturing} AND p.planned_investment >= ? THEN 1 ELSE 0 END),
          SUM(CASE WHEN {window} AND p.planned_investment >= ? THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.started_date BETWEEN ? AND ? THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.completed_date BETWEEN ? AND ? THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.production_date BETWEEN ? AND ? THEN 1 ELSE 0 END)
        FROM project p JOIN zone z ON z.id = p.zone_id GROUP BY 1
        """,
        (MANUFACTURING, y0, asof) * 2
        + (MANUFACTURING, y0, asof, BILLION, y0, asof, YI)
        + (y0, asof) * 3,
    )
    names = ["planned", "signed", "over_1bn", "over_100m", "started", "completed", "production"]
    actual = dict(
        db.query(
            "SELECT substr(z.region_code, 1, 4), SUM(r.amount) FROM report r "
            "JOIN project p ON p.id = r.project_id JOIN zone z ON z.id = p.zone_id "
            "WHERE r.month BETWEEN ? AND ? GROUP BY 1",
            (y0, asof),
        )
    )
    province = dict.fromkeys([*names, "actual"], 0)
    for prefecture, *values in rows:
        values = [*values, actual.get(prefecture, 0)]
        for name, value in zip([*names, "actual"], values, strict=True):
            numbers[f"target:{name}:{prefecture}"] = int(value or 0)
            province[name] += int(value or 0)
    for name, value in province.items():
        numbers[f"target:{name}:44"] = value
    _race_sql(db, numbers)
    _briefing_sql(db, numbers)
    return numbers


def _race_sql(db: Database, numbers: Numbers) -> None:
    y0, asof = YEAR_START.isoformat(), AS_OF.isoformat()
    rows = db.query(
        "SELECT p.zone_id, "
        "SUM(CASE WHEN p.kind = ? AND p.signed_date BETWEEN ? AND ? THEN p.planned_investment "
        "ELSE 0 END), SUM(CASE WHEN p.started_date BETWEEN ? AND ? THEN 1 ELSE 0 END) "
        "FROM project p GROUP BY p.zone_id",
        (MANUFACTURING, y0, asof, y0, asof),
    )
    actual = dict(
        db.query(
            "SELECT p.zone_id, SUM(r.amount) FROM report r JOIN project p ON p.id = r.project_id "
            "WHERE r.month BETWEEN ? AND ? GROUP BY p.zone_id",
            (y0, asof),
        )
    )
    table = {}
    for zone, planned, started in rows:
        table[zone] = {"planned": planned, "started": started, "actual": actual.get(zone, 0)}
        for name, value in table[zone].items():
            numbers[f"race:{name}:{zone}"] = int(value or 0)
    _race_ranks(table, numbers)


def _briefing_sql(db: Database, numbers: Numbers) -> None:
    start, end, since = WEEK_START.isoformat(), WEEK_END.isoformat(), STALLED_SINCE.isoformat()
    in_week = " + ".join(
        f"(CASE WHEN p.{name}_date BETWEEN ? AND ? THEN 1 ELSE 0 END)" for name in MILESTONES
    )
    ((signed, signed_investment, met),) = db.query(
        "SELECT SUM(CASE WHEN signed_date BETWEEN ? AND ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN signed_date BETWEEN ? AND ? THEN planned_investment ELSE 0 END), "
        f"SUM({in_week}) FROM project p",
        (start, end) * 6,
    )
    ((stalled,),) = db.query(
        "SELECT COUNT(*) FROM project p WHERE p.started_date <= ? "
        "AND (p.completed_date IS NULL OR p.completed_date > ?) AND NOT EXISTS ("
        "SELECT 1 FROM report r WHERE r.project_id = p.id AND r.month >= ? AND r.month <= ? "
        "AND r.amount > 0)",
        (end, end, since, end),
    )
    numbers.update(
        {
            "briefing:signed": int(signed or 0),
            "briefing:signed_investment": int(signed_investment or 0),
            "briefing:milestones_met": int(met or 0),
            "briefing:stalled": int(stalled),
        }
    )
    for month, amount in db.query(
        "SELECT month, SUM(amount) FROM report WHERE month BETWEEN ? AND ? GROUP BY month",
        (TREND[0].isoformat(), TREND[-1].isoformat()),
    ):
        numbers[f"briefing:month:{str(month)[:10]}"] = int(amount)
    stage = (
        "CASE "
        + " ".join(
            f"WHEN {name}_date <= ? THEN '{label}'"
            for name, label in reversed(list(zip(MILESTONES, STAGES[1:], strict=True)))
        )
        + " ELSE 'planned' END"
    )
    for label, count, planned in db.query(
        f"SELECT {stage}, COUNT(*), SUM(planned_investment) FROM project GROUP BY 1",
        (end,) * 4,
    ):
        numbers[f"pipeline:count:{label}"] = int(count)
        numbers[f"pipeline:planned:{label}"] = int(planned)


# --- pandas -----------------------------------------------------------------------------------


def pandas_numbers(ledger: Ledger) -> Numbers | None:
    """The same numbers with pandas from the raw extracted columns (None without pandas)."""
    try:
        import pandas as pd  # noqa: F401
    except ImportError:
        return None
    project = ledger.projects.select(
        "id", "zone_id", "region_code", "kind", pl.col("planned_investment") // 100,
        *[pl.col(f"{step}_date").alias(f"{name}_date") for name, step in LIFECYCLE.items()],
    )  # fmt: skip
    report = ledger.reports.with_columns(pl.col("amount") // 100)
    return _pandas_compute(_to_pandas(project), _to_pandas(report))


def _to_pandas(frame: pl.DataFrame) -> Any:
    """Column by column through numpy (Polars' own to_pandas needs pyarrow)."""
    import pandas as pd

    return pd.DataFrame({name: frame[name].to_numpy() for name in frame.columns})


def _pandas_compute(project: Any, report: Any) -> Numbers:
    import pandas as pd

    numbers: Numbers = {}
    p = project.copy()
    p["prefecture"] = p["region_code"].str[:4]
    for name in MILESTONES:
        p[f"{name}_date"] = pd.to_datetime(p[f"{name}_date"])
    ts = pd.Timestamp
    window = p["signed_date"].between(ts(YEAR_START), ts(AS_OF))
    manu = p["kind"] == MANUFACTURING
    p["t_planned"] = p["planned_investment"].where(window & manu, 0)
    p["t_signed"] = (window & manu).astype(int)
    p["t_over_1bn"] = (window & manu & (p["planned_investment"] >= BILLION)).astype(int)
    p["t_over_100m"] = (window & (p["planned_investment"] >= YI)).astype(int)
    for name, label in (
        ("started", "started"),
        ("completed", "completed"),
        ("production", "production"),
    ):
        p[f"t_{label}"] = p[f"{name}_date"].between(ts(YEAR_START), ts(AS_OF)).astype(int)
    r = report.merge(p[["id", "zone_id", "prefecture"]], left_on="project_id", right_on="id")
    r["month"] = pd.to_datetime(r["month"])
    ytd = r[r["month"].between(ts(YEAR_START), ts(AS_OF))]
    cols = [
        "t_planned",
        "t_signed",
        "t_over_1bn",
        "t_over_100m",
        "t_started",
        "t_completed",
        "t_production",
    ]
    by_pref = p.groupby("prefecture")[cols].sum()
    by_pref["t_actual"] = ytd.groupby("prefecture")["amount"].sum()
    by_pref = by_pref.fillna(0)
    for prefecture, row in by_pref.iterrows():
        for col, value in row.items():
            numbers[f"target:{col[2:]}:{prefecture}"] = int(value)
    for col, value in by_pref.sum().items():
        numbers[f"target:{col[2:]}:44"] = int(value)
    race = p.groupby("zone_id")[["t_planned", "t_started"]].sum()
    race["t_actual"] = ytd.groupby("zone_id")["amount"].sum()
    race = race.fillna(0)
    table = {}
    for zone, row in race.iterrows():
        table[zone] = {
            "planned": row["t_planned"],
            "started": row["t_started"],
            "actual": row["t_actual"],
        }
        for name, value in table[zone].items():
            numbers[f"race:{name}:{zone}"] = int(value)
    _race_ranks(table, numbers)
    start, end = ts(WEEK_START), ts(WEEK_END)
    in_week = [p[f"{name}_date"].between(start, end) for name in MILESTONES]
    numbers["briefing:signed"] = int(in_week[0].sum())
    numbers["briefing:signed_investment"] = int(p.loc[in_week[0], "planned_investment"].sum())
    numbers["briefing:milestones_met"] = int(sum(w.sum() for w in in_week))
    money = r[(r["amount"] > 0) & r["month"].between(ts(STALLED_SINCE), end)]["project_id"].unique()
    building = (p["started_date"] <= end) & ~(p["completed_date"] <= end)
    numbers["briefing:stalled"] = int((building & ~p["id"].isin(money)).sum())
    months = r[r["month"].between(ts(TREND[0]), ts(TREND[-1]))].groupby("month")["amount"].sum()
    for month, amount in months.items():
        numbers[f"briefing:month:{month.date().isoformat()}"] = int(amount)
    p["stage"] = "planned"
    for name, label in zip(MILESTONES, STAGES[1:], strict=True):
        p.loc[p[f"{name}_date"] <= end, "stage"] = label
    for label, group in p.groupby("stage"):
        numbers[f"pipeline:count:{label}"] = len(group)
        numbers[f"pipeline:planned:{label}"] = int(group["planned_investment"].sum())
    return numbers


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
    wrong = sorted(key for key in keys if expected.get(key, 0) != got.get(key, 0))
    if wrong:
        print(f"  {name}: {len(wrong)} of {len(keys)} numbers differ, e.g.", file=sys.stderr)
        for key in wrong[:5]:
            print(f"    {key}: SQL {expected.get(key)} vs {got.get(key)}", file=sys.stderr)
        return False
    print(f"  {name}: all {len(keys)} numbers equal to plain SQL")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=200_000, help="projects (200,000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the fast engines")
    args = parser.parse_args(argv)
    db = Database(os.environ.get("DATABASE_URL") or None)
    try:
        return _run(db, args)
    finally:
        db.close()


def _run(db: Database, args: argparse.Namespace) -> int:
    (zones, project, reports), generate_s = timed(generate, args.projects)
    rows = len(reports["amount"])
    print(f"Generated {args.projects:,} projects and {rows:,} monthly reports in {generate_s:.1f}s")
    _, load_s = timed(load, db, zones, project, reports)
    print(f"Loaded them into {db.name} in {load_s:.1f}s")
    columns, extract_s = timed(extract, db)
    state, fold_s = timed(fold, columns)
    print(f"Extracted the columns in {extract_s:.1f}s and folded the aggregates in {fold_s:.2f}s")
    print("  (once; then each report submission updates the aggregates in O(1))")
    fast, fast_s = timed(devzone_numbers, state, repeat=args.repeat)
    raw, raw_s = timed(lambda: devzone_numbers(fold(columns)), repeat=args.repeat)
    plain, sql_s = timed(sql_numbers, db)
    pandas_result, pandas_s = timed(pandas_numbers, columns)
    print()
    print(f"{'':44}{'seconds':>10}{'× faster than SQL':>20}")
    print(f"{'devzone (Polars over the aggregates)':44}{fast_s:>10.3f}{sql_s / fast_s:>20.1f}")
    print(f"{'devzone (Polars, folding the raw reports)':44}{raw_s:>10.3f}{sql_s / raw_s:>20.1f}")
    print(f"{'plain SQL on ' + db.name:44}{sql_s:>10.3f}{1:>20.1f}")
    if pandas_result is None:
        print(f"{'pandas':44}{'skipped: pandas is not installed':>30}")
    else:
        print(f"{'pandas (from the raw columns)':44}{pandas_s:>10.3f}{sql_s / pandas_s:>20.1f}")
    print()
    equal = compare("devzone", plain, fast) and compare("devzone (raw)", plain, raw)
    if pandas_result is not None:
        equal = compare("pandas", plain, pandas_result) and equal
    goal = fast_s < 1 and sql_s / fast_s >= 5
    print(f"Goal (< 1 s and ≥ 5× plain SQL): {'met' if goal else 'NOT met'}")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
