"""Import a 200,000-row project ledger: devzone against what a user would otherwise write.

devzone: python-calamine reads the .xlsx (while the sheet is scanned for error cells), every
row is validated a column at a time, and projects, milestones, investor links and their change
records are written in bulk in one transaction; new projects and their change records are
inserted while a thread checks the next rows, and rolled back if any row is refused.

Baseline: ``pandas.read_excel(engine="openpyxl")`` and one ``Project.objects.create`` (plus
``Milestone.objects.create`` per date) per row, without validation or history. It is timed on
a 20,000-row slice and scaled linearly to 200,000 rows, to keep its run time bearable; the
output says so. pandas is a benchmark-only extra (``pip install -e ".[bench]"``): without it
the baseline is skipped with a message.

Runs against a temporary SQLite database (never the demo database); the generated ledger is
kept in the system temp directory so later runs skip the (slow, openpyxl) generation.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "200000"))
BASELINE_ROWS = int(os.environ.get("BENCH_BASELINE_ROWS", "20000"))
CACHE = Path(tempfile.gettempdir()) / "devzone-bench"
HEADER = [
    "序号",
    "项目代码",
    "项目名称",
    "所属园区",
    "投资方",
    "计划总投资（亿元）",
    "固定资产投资（亿元）",
    "用地面积（亩）",
    "预计产值（亿元）",
    "预计税收（万元）",
    "预计就业",
    "项目类型",
    "建设性质",
    "责任单位",
    "责任领导",
    "签约时间",
    "计划开工时间",
    "实际开工时间",
]
ZONE = "金华经济技术开发区"
ENTERPRISES = 2000
KINDS = ["制造业", "服务业", "基础设施", "能源"]
TYPES = ["新建", "扩建", "技改"]


def _setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEVZONE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _reference() -> None:
    from devzone.enterprises.models import Enterprise
    from devzone.regions.models import Department, Region, Zone

    region = Region.objects.create(code="330700", name="金华市", level="prefecture")
    zone = Zone.objects.create(slug="jdz", name=ZONE, kind="development_zone", region=region)
    Department.objects.create(name="投资促进局", region=region, zone=zone)
    Enterprise.objects.bulk_create(
        Enterprise(legal_name=f"金华第{i}新能源科技有限公司") for i in range(ENTERPRISES)
    )


def _row(i: int, rng: random.Random) -> list[object]:
    planned = round(rng.uniform(0.5, 80), 4)
    signed = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    started = signed + dt.timedelta(days=rng.randrange(30, 400))
    actual = started.isoformat() if started < dt.date(2024, 1, 1) and i % 2 else None
    return [
        i + 1,
        f"JK-{i:07d}",
        f"第{i}号产业项目",
        ZONE,
        f"金华第{i % ENTERPRISES}新能源科技有限公司",
        planned,
        round(planned * 0.8, 4),
        round(rng.uniform(10, 500), 2),
        round(planned * 1.5, 4),
        rng.randrange(100, 50000),
        rng.randrange(20, 3000),
        KINDS[i % 4],
        TYPES[i % 3],
        "投资促进局",
        "张三",
        signed,
        started.isoformat(),
        actual,
    ]


def ledger(rows: int) -> Path:
    """A ledger .xlsx as zone offices keep it (title row, units in headers), made once."""
    path = CACHE / f"ledger-{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"generating {path} (once) ...", file=sys.stderr)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("项目台账")
    sheet.append(["2024年重大项目台账"])
    sheet.append(HEADER)
    rng = random.Random(2024)
    for i in range(rows):
        sheet.append(_row(i, rng))
    workbook.save(path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)
    return path


def run_devzone(path: Path) -> float:
    from devzone.core.models import ChangeRecord
    from devzone.dataio.importing import import_projects
    from devzone.projects.models import Milestone, Project

    stages: dict[str, tuple[float, float]] = {}

    def progress(done: int, total: int, stage: str) -> None:
        stages.setdefault(stage, (time.perf_counter(), time.process_time()))

    started, cpu_started, steal_started = time.perf_counter(), time.process_time(), _steal()
    result = import_projects(path, actor=None, progress=progress)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    stolen = _steal() - steal_started
    stages.setdefault("done", (time.perf_counter(), time.process_time()))
    _print_stages((started, cpu_started), stages)
    print(f"  devzone used {cpu:.1f} s of CPU in {elapsed:.1f} s ({_load()})")
    if stolen >= 0.5:  # a virtual machine whose host ran other guests on its cores meanwhile
        print(f"  the host took {stolen:.1f} s of CPU from this machine during the import")
    if not result.committed:
        raise SystemExit(f"devzone import failed: {result.file_error or result.errors[:5]}")
    print(
        f"  devzone: {result.created:,} projects, {Milestone.objects.count():,} milestones, "
        f"{ChangeRecord.objects.count():,} change records, {len(result.reviews)} for review"
    )
    assert Project.objects.count() == result.created
    return elapsed


def _print_stages(started: tuple[float, float], stages: dict[str, tuple[float, float]]) -> None:
    """Wall and CPU seconds of each stage, from the import's own progress reports."""
    names = {
        "reading": "open the file, find the header",
        "checking": "read the rows",
        "writing": "check every row, insert new",
        "done": "updates, history, commit",
    }
    previous_wall, previous_cpu = started
    for stage, (wall, cpu) in stages.items():
        if stage in names:
            print(
                f"    {names[stage]:<32}{wall - previous_wall:>6.1f} s  "
                f"(CPU {cpu - previous_cpu:.1f} s)"
            )
        previous_wall, previous_cpu = wall, cpu


def _steal() -> float:
    """CPU seconds the hypervisor gave other guests (Linux ``/proc/stat``; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _load() -> str:
    try:
        one, _five, _fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load average {one:.1f} on {os.cpu_count()} CPUs"


def run_baseline(path: Path) -> float | None:
    try:
        import pandas as pd
    except ImportError:
        print("  baseline skipped: pandas is not installed (pip install -e '.[bench]').")
        return None
    from devzone.projects.models import Milestone, Project
    from devzone.regions.models import Zone

    zone = Zone.objects.get(slug="jdz")
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl", header=1)
    for record in frame.itertuples(index=False):
        project = Project.objects.create(
            code=f"B-{record[1]}",
            name=record[2],
            zone=zone,
            planned_investment=Decimal(str(record[5])) * 10**8,
            fixed_asset_investment=Decimal(str(record[6])) * 10**8,
            land_mu=Decimal(str(record[7])),
            leader=record[14],
        )
        Milestone.objects.create(project=project, kind="signed", actual_date=record[15])
        Milestone.objects.create(
            project=project,
            kind="construction_started",
            planned_date=dt.date.fromisoformat(record[16]),
        )
    return time.perf_counter() - started


def main() -> None:
    full, sliced = ledger(ROWS), ledger(BASELINE_ROWS)
    with tempfile.TemporaryDirectory(prefix="devzone-bench-") as workdir:
        _setup_django(Path(workdir))
        _reference()
        print(
            f"Importing a {ROWS:,}-row ledger ({full.stat().st_size / 1e6:.1f} MB .xlsx), "
            f"SQLite in a temporary directory:"
        )
        baseline = run_baseline(sliced)
        if baseline is not None:
            from django.db import connection

            with connection.cursor() as cursor:  # leave devzone an empty ledger
                cursor.execute("DELETE FROM projects_milestone")
                cursor.execute("DELETE FROM projects_project")
        devzone = run_devzone(full)
    print()
    print(f"{'':<48}{'rows':>9}{'seconds':>10}{f'for {ROWS // 1000}k':>10}")
    print(
        f"{'devzone (calamine, validated, bulk, history)':<48}{ROWS:>9,}{devzone:>10.1f}"
        f"{devzone:>10.1f}"
    )
    target = 20 * ROWS / 200_000
    if baseline is None:
        print(_verdict(f"under {target:.0f} s for {ROWS:,} rows", devzone < target))
        return
    scaled = baseline * ROWS / BASELINE_ROWS
    print(
        f"{'baseline (pandas+openpyxl, row-by-row ORM)':<48}{BASELINE_ROWS:>9,}"
        f"{baseline:>10.1f}{scaled:>10.1f}"
    )
    print(
        f"(baseline timed on {BASELINE_ROWS:,} rows and scaled linearly to {ROWS:,}; "
        f"it validates nothing and records no history)"
    )
    print(f"devzone is {scaled / devzone:.1f}x faster than the baseline")
    print(_verdict("at least 5x faster than the baseline", scaled / devzone >= 5))
    print(_verdict(f"under {target:.0f} s for {ROWS:,} rows", devzone < target))


def _verdict(goal: str, met: bool) -> str:
    return f"goal {goal}: {'MET' if met else 'NOT MET'}"


if __name__ == "__main__":
    main()
