"""Setting up and serving: ``migrate``, ``demo``, ``serve`` and ``manage``."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from devzone.cli.base import CommandError, setup_django


def migrate(args: argparse.Namespace | None = None) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if args is not None else 0)
    return 0


def demo(args: argparse.Namespace) -> int:
    """Everything needed to try devzone, safe to run again (nothing is duplicated)."""
    setup_django()
    from devzone.demo.loader import load_demo
    from devzone.demo.places import MissingReferenceData
    from devzone.demo.users import DEMO_PASSWORD
    from devzone.enterprises.reference import load_industries
    from devzone.regions.reference import load_regions, package_rows

    print("Preparing the database ...")
    migrate()
    regions = load_regions(package_rows())
    industries = load_industries()
    print(f"Reference data: {regions['total']} regions, {industries['total']} industries.")
    try:
        summary = load_demo()
    except MissingReferenceData as error:
        raise CommandError(str(error)) from error
    if summary.changed:
        created = ", ".join(f"{count} {what}" for what, count in summary.created.items() if count)
        print(f"Demo data loaded: {created}.")
    else:
        print("Demo data is already loaded; nothing was changed.")
    print(f"\nSign in with any of these users; the password is {DEMO_PASSWORD}")
    for user in summary.users:
        print(f"  {user.username:<10} {user.description}")
    if args.no_serve:
        return 0
    from devzone.demo.ledger import DEMO_AS_OF

    # The demo's records stop at DEMO_AS_OF: show statuses as of that day, not as of today.
    os.environ.setdefault("DEVZONE_AS_OF", DEMO_AS_OF.isoformat())
    print(f"Statuses are shown as of {os.environ['DEVZONE_AS_OF']} (DEVZONE_AS_OF).")
    return serve(args)


def gunicorn_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "devzone.conf.wsgi",
        "--bind",
        f"{host}:{port}",
        # the configuration bench/load_pages.py measures: threads share each worker's
        # in-process cache, and 3 workers keep 2 cores busy while one waits on the database
        "--workers",
        "3",
        "--threads",
        "4",
        "--worker-class",
        "gthread",
        "--access-logfile",
        "-",
    ]


def serve(args: argparse.Namespace) -> int:
    """Serve with gunicorn (a dependency); fall back to Django's server if it is missing."""
    setup_django()
    print(f"\nServing devzone at http://{args.host}:{args.port}/  (Ctrl+C stops it)", flush=True)
    if args.host not in {"127.0.0.1", "localhost"} and not os.environ.get("ALLOWED_HOSTS"):
        print("Set ALLOWED_HOSTS to the name or address people will use.", file=sys.stderr)
    if importlib.util.find_spec("gunicorn") is not None and os.name == "posix":
        command = gunicorn_command(args.host, args.port)
        os.execv(command[0], command)
    from django.core.management import call_command

    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


def manage(args: argparse.Namespace) -> int:
    """Pass the arguments to Django's management commands."""
    setup_django()
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["devzone manage", *args.arguments])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0
