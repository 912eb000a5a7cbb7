"""The briefing as titled tables of linked cells: one layout for HTML, PDF and XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from devzone.reports.briefing import Briefing, Line
from devzone.reports.charts import Bar
from devzone.reports.numbers import format_margin, format_value, localized_name
from devzone.targets.choices import ListMark


@dataclass
class Cell:
    text: str
    url: str = ""
    number: bool = False


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
            row.append(Cell(format_value(line.amount, "money"), number=True))
        rows.append(row)
    return rows


def headline_section(briefing: Briefing) -> Section:
    rows = [
        [Cell(figure.label), Cell(format_value(figure.value, figure.kind), figure.url, True)]
        for figure in briefing.headline
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
                Cell(localized_name(target.indicator), url),
                Cell(target.scope_label),
                Cell(format_value(target.value, unit), number=True),
                Cell(format_value(result.actual, unit), url, True),
                Cell(f"{result.progress_percent}%", number=True),
                Cell(f"{result.time_percent}%", number=True),
                Cell(format_margin(result.margin_points), number=True),
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
                Cell(str(row.rank), number=True),
                Cell(row.zone.name, _zone_url(row.zone_id)),
                Cell(str(row.score), table.url, True),
                Cell(str(row.gap_to_leader), number=True),
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
            Cell(str(row.count), row.url, True),
            Cell(format_value(row.planned, "money"), row.url, True),
        ]
        for row in briefing.pipeline
    ]
    columns = [_("Stage"), _("Projects"), _("Planned investment")]
    return Section("pipeline", _("Pipeline by stage"), columns, rows)


def _months_section(briefing: Briefing) -> Section:
    rows = [
        [Cell(f"{row.month:%Y-%m}"), Cell(format_value(row.amount, "money"), row.url, True)]
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
