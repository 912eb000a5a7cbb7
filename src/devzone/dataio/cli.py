"""``devzone import``, ``export`` and ``template``: spreadsheets at the command line.

``register(commands)`` is called by :mod:`devzone.cli.parser`; handlers import Django lazily.
Without ``--user`` the command runs as the operator (every zone, like ``manage.py``); with it,
the user's scope applies exactly as on the web. ``--json`` prints the result for scripts; long
imports show a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from devzone.cli.base import CommandError, natural, user_named
from devzone.cli.i18n import gettext as _

FORMATS = ("xlsx", "csv", "oc4ids")
SHOWN = 50  # problems of each kind listed by `devzone import` unless --show says otherwise


def register(commands: Any) -> None:
    _import_commands(commands)
    _export_commands(commands)
    template = commands.add_parser(
        "template",
        help=_("Write a blank ledger template (headers and one example row)."),
        description=_("Write a blank ledger template (headers and one example row)."),
    )
    template.add_argument("-o", "--output", required=True, metavar="FILE", help=_("an .xlsx file"))
    template.add_argument(
        "--language", choices=("zh-hans", "en"), default="zh-hans", help=_("header language")
    )
    template.add_argument(
        "--scale", choices=("wan", "yi"), default="wan", help=_("money in 万元 (wan) or 亿元 (yi)")
    )
    template.set_defaults(handler=write_template)


def _import_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help=_("Import a project ledger or monthly reports from .xlsx/.xls/.ods/.csv."),
        description=_(
            "Import a project ledger or monthly reports. Nothing is written unless every row "
            "is valid (or --skip-invalid is given)."
        ),
    )
    kinds = parser.add_subparsers(title=_("what to import"), metavar="WHAT")
    for name, help_text in (
        ("projects", _("the project ledger (项目台账), one project per row")),
        ("reports", _("monthly investment figures, one project and month per row")),
        ("oc4ids", _("projects from an OC4IDS JSON package")),
    ):
        sub = kinds.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", metavar="FILE")
        sub.add_argument(
            "--dry-run",
            action="store_true",
            help=_("check and report what would change; write nothing"),
        )
        sub.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("import the valid rows, reject the others (see --rejected)"),
        )
        sub.add_argument(
            "--rejected",
            metavar="FILE",
            help=_("write rejected rows with a reason column to FILE (.xlsx or .csv)"),
        )
        sub.add_argument("--json", action="store_true", help=_("print the result as JSON"))
        sub.add_argument(
            "--show",
            type=natural,
            default=SHOWN,
            metavar="N",
            help=_("list at most N problems of each kind (default %(default)s; 0: all)"),
        )
        sub.add_argument("--user", metavar="USERNAME", help=_("act as this user (their zones)"))
        sub.add_argument("--zone", metavar="SLUG", help=_("zone of rows without a zone column"))
        sub.add_argument("--sheet", metavar="NAME", help=_("sheet to read (default: the first)"))
        sub.set_defaults(handler=run_import, what=name)
    parser.set_defaults(help_parser=parser)


def _export_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help=_("Export the project ledger."), description=_("Export the project ledger.")
    )
    kinds = parser.add_subparsers(title=_("what to export"), metavar="WHAT")
    sub = kinds.add_parser(
        "projects",
        help=_("projects visible to the user"),
        description=_("Export projects, filtered like the project list."),
    )
    sub.add_argument("-o", "--output", required=True, metavar="FILE")
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=_("default: from the file name (.xlsx, .csv, .json = oc4ids)"),
    )
    sub.add_argument(
        "--language", choices=("zh-hans", "en"), default="zh-hans", help=_("header language")
    )
    sub.add_argument(
        "--scale", choices=("wan", "yi"), default="wan", help=_("money in 万元 (wan) or 亿元 (yi)")
    )
    sub.add_argument("--user", metavar="USERNAME", help=_("export only what this user sees"))
    sub.add_argument("--zone", metavar="SLUG", help=_("only projects of this zone"))
    sub.add_argument("--stage", help=_("only projects at this stage"))
    sub.add_argument("--status", help=_("only projects with this status"))
    sub.add_argument("--kind", help=_("only projects of this kind"))
    sub.add_argument("--search", metavar="TEXT", help=_("name, code or investor contains TEXT"))
    sub.set_defaults(handler=run_export)
    parser.set_defaults(help_parser=parser)


# --- handlers ----------------------------------------------------------------------------


def _setup() -> None:
    from devzone.cli.base import setup_django

    setup_django()


def _zone(slug: str | None) -> Any:
    from devzone.cli.base import CommandError

    if not slug:
        return None
    from devzone.regions.models import Zone

    zone = Zone.objects.filter(slug=slug).first()
    if zone is None:
        raise CommandError(_("no zone with the short code %(slugs)s") % {"slugs": repr(slug)})
    return zone


class _Bar:
    """A tqdm progress bar on stderr, one per stage (reading, checking, writing)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.stage = ""

    def __call__(self, done: int, total: int, stage: str) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            from devzone.dataio.stages import stage_label

            self.bar = tqdm(
                total=total or None,
                desc=stage_label(stage),
                unit=_("row"),
                file=sys.stderr,
                leave=False,
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run_import(args: argparse.Namespace) -> int:
    _setup()
    from devzone.dataio.importing import import_projects
    from devzone.dataio.oc4ids import import_oc4ids
    from devzone.dataio.reports import import_reports

    options: dict[str, Any] = {
        "actor": user_named(args.user),
        "dry_run": args.dry_run,
        "skip_invalid": args.skip_invalid,
        "default_zone": _zone(args.zone),
    }
    if args.what == "oc4ids" and (args.rejected or args.sheet):
        raise CommandError(_("an OC4IDS file has no sheets and no rows to reject: drop the option"))
    if args.rejected and not (args.skip_invalid or args.dry_run):
        raise CommandError(
            _("--rejected goes with --skip-invalid or --dry-run: without them nothing is imported")
        )
    if args.rejected and Path(args.rejected).suffix.lower() not in (".xlsx", ".csv"):
        raise CommandError(
            _("--rejected writes a .xlsx or .csv file, not %(name)s") % {"name": args.rejected}
        )
    bar = _Bar(enabled=sys.stderr.isatty() and not args.json)
    options["progress"] = bar
    if args.what == "oc4ids":
        result = import_oc4ids(args.file, **options)
    else:
        function = import_projects if args.what == "projects" else import_reports
        result = function(args.file, rejected_path=args.rejected, sheet=args.sheet, **options)
    bar.close()
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1, default=str))
    else:
        _print_result(result, show=args.show)
    if result.file_error:
        return 2
    # with --skip-invalid, rejected rows are the expected outcome, in a dry run too
    return 0 if result.ok or (args.skip_invalid and (result.committed or args.dry_run)) else 1


def _print_result(result: Any, *, show: int = SHOWN) -> None:
    if result.file_error:
        from devzone.cli.base import report_error

        report_error(str(result.file_error))
        return
    counts = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
    }
    if result.dry_run or not result.committed:
        line = _(
            "%(rows)d row(s) read: %(created)d would be created, %(updated)d would be updated, "
            "%(unchanged)d unchanged, %(rejected)d rejected."
        )
    else:
        line = _(
            "%(rows)d row(s) read: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(rejected)d rejected."
        )
    print(line % counts)
    if result.unknown_columns:
        print(
            _("Columns devzone does not read: %(columns)s")
            % {"columns": ", ".join(result.unknown_columns)}
        )
    for title, issues in (
        (_("Errors"), result.errors),
        (_("For review"), result.reviews),
        (_("Warnings"), result.warnings),
    ):
        if issues:
            print(_("%(title)s:") % {"title": title})
            listed = issues if show <= 0 else issues[:show]
            for issue in listed:
                print(f"  {issue}")
            if len(listed) < len(issues):
                more = len(issues) - len(listed)
                print(
                    "  "
                    + _(
                        "… and %(count)d more (--show 0 lists them all, --json gives them "
                        "to scripts)."
                    )
                    % {"count": more}
                )
    if result.errors and not result.committed and not result.dry_run:
        print(_("Nothing was imported. Fix the rows above, or use --skip-invalid."))
    if result.rejected_path:
        print(_("Rejected rows written to %(path)s") % {"path": result.rejected_path})


def run_export(args: argparse.Namespace) -> int:
    _setup()
    from devzone.dataio.exporting import export_projects
    from devzone.dataio.oc4ids import export_oc4ids

    projects = filtered_projects(
        user_named(args.user),
        zone=_zone(args.zone),
        stage=args.stage,
        status=args.status,
        kind=args.kind,
        search=args.search,
    )
    chosen = args.format or _format_of(args.output)
    if chosen == "oc4ids":
        count = export_oc4ids(projects, args.output)
    else:
        count = export_projects(
            projects, args.output, language=args.language, scale=args.scale, format=chosen
        )
    print(_("%(count)d project(s) written to %(path)s") % {"count": count, "path": args.output})
    return 0


def _format_of(path: str) -> str:
    """The export format a file name asks for: .xlsx, .csv or .json (OC4IDS)."""
    formats = {".xlsx": "xlsx", ".csv": "csv", ".json": "oc4ids"}
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        raise CommandError(_("Name the file .xlsx, .csv or .json (OC4IDS), or give --format."))
    return formats[suffix]


def filtered_projects(user: Any, *, zone: Any = None, **filters: Any) -> Any:
    """Projects ``user`` sees (all of them for the operator), filtered like the project list."""
    from devzone.projects.models import Project
    from devzone.web.forms import ProjectFilterForm

    projects = Project.objects.all() if user is None else Project.objects.visible_to(user)
    if zone is not None:
        projects = projects.filter(zone=zone)
    data = {"q" if k == "search" else k: v for k, v in filters.items() if v}
    form = ProjectFilterForm(data, user=user)
    if not form.is_valid():  # an unknown stage or kind would otherwise filter nothing out
        from devzone.cli.base import CommandError

        raise CommandError("; ".join(_filter_problem(form, name) for name in form.errors))
    return form.filter(projects.with_status())


def _filter_problem(form: Any, name: str) -> str:
    """``--stage 'bogus': … (one of: signed, …)``: the option, its value and what it takes."""
    option = "search" if name == "q" else name
    text = f"--{option} {form.data.get(name)!r}: {' '.join(form.errors[name])}"
    choices = [str(value) for value, _label in getattr(form.fields[name], "choices", ()) if value]
    if choices and len(choices) <= 20:
        text += " (" + _("one of: %(choices)s") % {"choices": ", ".join(choices)} + ")"
    return text


def write_template(args: argparse.Namespace) -> int:
    _setup()
    from devzone.dataio.exporting import write_template as write

    if not str(args.output).lower().endswith(".xlsx"):
        raise CommandError(
            _("The template is an .xlsx workbook: give a file name ending in .xlsx.")
        )
    write(args.output, language=args.language, scale=args.scale)
    print(_("template written to %(path)s") % {"path": args.output})
    return 0
