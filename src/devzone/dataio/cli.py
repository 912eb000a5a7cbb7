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
from typing import Any

FORMATS = ("xlsx", "csv", "oc4ids")


def register(commands: Any) -> None:
    _import_commands(commands)
    _export_commands(commands)
    template = commands.add_parser(
        "template",
        help="Write a blank ledger template (headers and one example row).",
        description="Write a blank ledger template (headers and one example row).",
    )
    template.add_argument("-o", "--output", required=True, metavar="FILE", help="an .xlsx file")
    template.add_argument("--language", choices=("zh-hans", "en"), default="zh-hans")
    template.add_argument(
        "--scale", choices=("wan", "yi"), default="wan", help="money in 万元 (wan) or 亿元 (yi)"
    )
    template.set_defaults(handler=write_template)


def _import_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="Import a project ledger or monthly reports from .xlsx/.xls/.ods/.csv.",
        description="Import a project ledger or monthly reports. Nothing is written unless "
        "every row is valid (or --skip-invalid is given).",
    )
    kinds = parser.add_subparsers(title="what to import", metavar="WHAT")
    for name, help_text in (
        ("projects", "the project ledger (项目台账), one project per row"),
        ("reports", "monthly investment figures, one project and month per row"),
        ("oc4ids", "projects from an OC4IDS JSON package"),
    ):
        sub = kinds.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", metavar="FILE")
        sub.add_argument(
            "--dry-run",
            action="store_true",
            help="check and report what would change; write nothing",
        )
        sub.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows, reject the others (see --rejected)",
        )
        sub.add_argument(
            "--rejected",
            metavar="FILE",
            help="write rejected rows with a reason column to FILE (.xlsx or .csv)",
        )
        sub.add_argument("--json", action="store_true", help="print the result as JSON")
        sub.add_argument("--user", metavar="USERNAME", help="act as this user (their zones)")
        sub.add_argument("--zone", metavar="SLUG", help="zone of rows without a zone column")
        sub.add_argument("--sheet", metavar="NAME", help="sheet to read (default: the first)")
        sub.set_defaults(handler=run_import, what=name)
    parser.set_defaults(help_parser=parser)


def _export_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="Export the project ledger.", description="Export the project ledger."
    )
    kinds = parser.add_subparsers(title="what to export", metavar="WHAT")
    sub = kinds.add_parser(
        "projects",
        help="projects visible to the user",
        description="Export projects, filtered like the project list.",
    )
    sub.add_argument("-o", "--output", required=True, metavar="FILE")
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="default: from the file name (.xlsx, .csv, .json = oc4ids)",
    )
    sub.add_argument("--language", choices=("zh-hans", "en"), default="zh-hans")
    sub.add_argument("--scale", choices=("wan", "yi"), default="wan")
    sub.add_argument("--user", metavar="USERNAME", help="export only what this user sees")
    sub.add_argument("--zone", metavar="SLUG")
    sub.add_argument("--stage")
    sub.add_argument("--status")
    sub.add_argument("--kind")
    sub.add_argument("--search", metavar="TEXT", help="name, code or investor contains TEXT")
    sub.set_defaults(handler=run_export)
    parser.set_defaults(help_parser=parser)


# --- handlers ----------------------------------------------------------------------------


def _setup() -> None:
    from devzone.cli.base import setup_django

    setup_django()


def _user(username: str | None) -> Any:
    from devzone.cli.base import CommandError

    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user named {username!r}")
    return user


def _zone(slug: str | None) -> Any:
    from devzone.cli.base import CommandError

    if not slug:
        return None
    from devzone.regions.models import Zone

    zone = Zone.objects.filter(slug=slug).first()
    if zone is None:
        raise CommandError(f"no zone with short code {slug!r}")
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
            self.bar = tqdm(
                total=total or None, desc=stage, unit="row", file=sys.stderr, leave=False
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
        "actor": _user(args.user),
        "dry_run": args.dry_run,
        "skip_invalid": args.skip_invalid,
        "default_zone": _zone(args.zone),
    }
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
        _print_result(result)
    if result.file_error:
        return 2
    return 0 if result.ok or (args.skip_invalid and result.committed) else 1


def _print_result(result: Any) -> None:
    if result.file_error:
        print(f"devzone: error: {result.file_error}", file=sys.stderr)
        return
    verb = "would be " if result.dry_run or not result.committed else ""
    print(
        f"{result.rows} row(s) read: {result.created} {verb}created, {result.updated} "
        f"{verb}updated, {result.unchanged} unchanged, {result.rejected} rejected."
    )
    for title, issues in (
        ("Errors", result.errors),
        ("For review", result.reviews),
        ("Warnings", result.warnings),
    ):
        if issues:
            print(f"{title}:")
            for issue in issues:
                print(f"  {issue}")
    if result.errors and not result.committed and not result.dry_run:
        print("Nothing was imported. Fix the rows above, or use --skip-invalid.")
    if result.rejected_path:
        print(f"Rejected rows written to {result.rejected_path}")


def run_export(args: argparse.Namespace) -> int:
    _setup()
    from devzone.dataio.exporting import export_projects
    from devzone.dataio.oc4ids import export_oc4ids

    projects = filtered_projects(
        _user(args.user),
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
    print(f"{count} project(s) written to {args.output}")
    return 0


def _format_of(path: str) -> str:
    lowered = path.lower()
    if lowered.endswith(".json"):
        return "oc4ids"
    return "csv" if lowered.endswith(".csv") else "xlsx"


def filtered_projects(user: Any, *, zone: Any = None, **filters: Any) -> Any:
    """Projects ``user`` sees (all of them for the operator), filtered like the project list."""
    from devzone.projects.models import Project
    from devzone.web.forms import ProjectFilterForm

    projects = Project.objects.all() if user is None else Project.objects.visible_to(user)
    if zone is not None:
        projects = projects.filter(zone=zone)
    data = {"q" if k == "search" else k: v for k, v in filters.items() if v}
    form = ProjectFilterForm(data, user=user)
    return form.filter(projects.with_status())


def write_template(args: argparse.Namespace) -> int:
    _setup()
    from devzone.dataio.exporting import write_template as write

    write(args.output, language=args.language, scale=args.scale)
    print(f"template written to {args.output}")
    return 0
