"""The briefing as titled tables of linked cells: one layout for HTML, PDF and XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from devzone.core.names import shown_name
from devzone.reports.briefing import Briefing, Line
from devzone.reports.charts import Bar
from devzone.reports.numbers import format_margin, format_value
from devzone.targets.choices import ListMark


@dataclass
class Cell:
    text: str
    url: str = ""
    number: bool = False
    value: Decimal | None = None  # the figure itself, for a workbook to hold as a number
    kind: str = ""  # what it measures: money, count, rate, percent, points, area, days


def figure(value: Decimal | int | None, kind: str, url: str = "", text: str = "") -> Cell:
    """A number cell: written for reading (550亿元, 57.6%) and kept as a number."""
    if not text:
        text = format_margin(value) if kind == "points" else _figure_text(value, kind)
    number = None if value is None else Decimal(value)
    return Cell(text, url, True, number, kind)


def _figure_text(value: Decimal | int | None, kind: str) -> str:
    if kind == "percent":
        return "—" if value is None else f"{value}%"
    return format_value(value, kind)


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = ""


def _day(line: Line) -> str:
    return line.day.isoformat() if line.day else "—"


def _project_rows(lines: list[Line], *, money: bool = False, note: bool = False) -> list:
    rows = []
    for line in lines:
        row = [Cell(line.project, line.url), Cell(line.zone), Cell(_day(line))]
        if note:
            row.append(Cell(line.note))
        if money:
            row.append(figure(line.amount, "money"))
        rows.append(row)
    return rows


def headline_section(briefing: Briefing) -> Section:
    rows = [
        [Cell(item.label), figure(item.value, item.kind, item.url)] for item in briefing.headline
    ]
    return Section("summary", _("This week"), [_("Figure"), _("Value")], rows)


def sections(briefing: Briefing) -> list[Section]:
    nothing = _("None this week.")
    project, zone, day = _("Project"), _("Zone"), _("Date")
    return [
        headline_section(briefing),
        Section(
            "new-signed",
            _("Projects signed"),
            [project, zone, day, _("Planned investment")],
            _project_rows(briefing.new_signed, money=True),
            nothing,
        ),
        Section(
            "milestones",
            _("Milestones met"),
            [project, zone, day, _("Milestone")],
            _project_rows(briefing.milestones_met, note=True),
            nothing,
        ),
        Section(
            "milestones-missed",
            _("Milestones missed"),
            [project, zone, _("Planned date"), _("Milestone")],
            _project_rows(briefing.milestones_missed, note=True),
            nothing,
        ),
        Section(
            "stalled",
            _("Projects stalled"),
            [project, zone, day, _("Planned investment")],
            _project_rows(briefing.stalled, money=True),
            _("No stalled project."),
        ),
        *_problem_sections(briefing, project, zone, nothing),
        _targets_section(briefing),
        *_race_sections(briefing),
        _pipeline_section(briefing),
        _months_section(briefing),
    ]


def _problem_sections(briefing: Briefing, project: str, zone: str, nothing: str) -> list:
    problem = _("Problem")
    return [
        Section(
            "problems",
            _("Problems opened"),
            [project, zone, _("Opened"), problem],
            _project_rows(briefing.problems_opened, note=True),
            nothing,
        ),
        Section(
            "problems-closed",
            _("Problems closed"),
            [project, zone, _("Closed"), problem],
            _project_rows(briefing.problems_closed, note=True),
            nothing,
        ),
        Section(
            "problems-overdue",
            _("Problems overdue"),
            [project, zone, _("Due"), problem],
            _project_rows(briefing.problems_overdue, note=True),
            _("No overdue problem."),
        ),
    ]


def _targets_section(briefing: Briefing) -> Section:
    rows = []
    for result in briefing.targets_behind:
        target, unit = result.target, result.target.indicator.unit_kind
        plan = reverse("targets:plan", args=[target.plan_id])  # as of the briefing's week
        url = f"{plan}?as_of={result.as_of.isoformat()}#target-{target.pk}"
        rows.append(
            [
                Cell(shown_name(target.indicator), url),
                Cell(target.scope_label),
                figure(target.value, unit),
                figure(result.actual, unit, url),
                figure(result.progress_percent, "percent"),
                figure(result.time_percent, "percent"),
                figure(result.margin_points, "points"),
            ]
        )
    columns = [
        _("Indicator"),
        _("Scope"),
        _("Target"),
        _("Actual"),
        _("Progress"),
        _("Time progress"),
        _("Margin"),
    ]
    return Section(
        "targets", _("Targets behind pace"), columns, rows, _("No target is behind pace.")
    )


def _race_sections(briefing: Briefing) -> list[Section]:
    marks = {ListMark.RED: _("red list"), ListMark.BLACK: _("black list")}
    result = []
    for table in briefing.races:
        rows = [
            [
                figure(row.rank, "count", text=str(row.rank)),
                Cell(str(row.zone), _zone_url(row.zone_id)),
                figure(row.score, "count", table.url, text=str(row.score)),
                figure(row.gap_to_leader, "count", text=str(row.gap_to_leader)),
                Cell(_movement(row.movement), number=True),
                Cell(str(marks.get(row.mark, ""))),
            ]
            for row in table.rows
        ]
        title = _("Race: %(name)s, %(month)s") % {
            "name": table.scorecard.name,
            "month": f"{table.period:%Y-%m}",
        }
        columns = [_("Rank"), _("Zone"), _("Score"), _("Gap"), _("Movement"), _("List")]
        result.append(Section(f"race-{table.scorecard.pk}", title, columns, rows))
    return result


def _zone_url(zone_id: int) -> str:
    return reverse("projects:list") + f"?zone={zone_id}"


def _movement(movement: int | None) -> str:
    if movement is None:
        return "—"
    return f"↑{movement}" if movement > 0 else (f"↓{-movement}" if movement < 0 else "=")


def _pipeline_section(briefing: Briefing) -> Section:
    rows = [
        [
            Cell(row.label, row.url),
            figure(row.count, "count", row.url, text=str(row.count)),
            figure(row.planned, "money", row.url),
        ]
        for row in briefing.pipeline
    ]
    columns = [_("Stage"), _("Projects"), _("Planned investment")]
    return Section("pipeline", _("Pipeline by stage"), columns, rows)


def _months_section(briefing: Briefing) -> Section:
    rows = [
        [Cell(f"{row.month:%Y-%m}"), figure(row.amount, "money", row.url)]
        for row in briefing.investment_by_month
    ]
    return Section("investment", _("Investment by month"), [_("Month"), _("Investment")], rows)


def month_bars(briefing: Briefing) -> list[Bar]:
    return [
        Bar(f"{row.month:%m}", row.amount, row.url, format_value(row.amount, "money"))
        for row in briefing.investment_by_month
    ]


def stage_bars(briefing: Briefing) -> list[Bar]:
    return [
        Bar(row.label, Decimal(row.count), row.url, str(row.count)) for row in briefing.pipeline
    ]
