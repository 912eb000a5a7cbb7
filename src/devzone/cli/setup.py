"""Setting up and serving: ``migrate``, ``demo``, ``serve`` and ``manage``."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from devzone.cli.base import CommandError, setup_django
from devzone.cli.i18n import gettext as _
from devzone.cli.i18n import ngettext


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

    print(_("Preparing the database ..."))
    migrate()
    regions = load_regions(package_rows())
    industries = load_industries()
    print(
        _("Reference data: %(regions)d regions, %(industries)d industries.")
        % {"regions": regions["total"], "industries": industries["total"]}
    )
    try:
        summary = load_demo()
    except MissingReferenceData as error:
        raise CommandError(str(error)) from error
    if summary.changed:
        created = ", ".join(
            _counted(what, count) for what, count in summary.created.items() if count
        )
        print(_("Demo data loaded: %(created)s.") % {"created": created})
    else:
        print(_("Demo data is already loaded; nothing was changed."))
    print()
    print(
        _("Sign in with any of these users; the password is %(password)s")
        % {"password": DEMO_PASSWORD}
    )
    for user in summary.users:
        # the descriptions are English source strings: translated when the catalogue has them
        print(f"  {user.username:<10} {_(user.description)}")
    from django.conf import settings

    from devzone.demo.ledger import DEMO_AS_OF

    # The demo's records stop at DEMO_AS_OF: show statuses as of that day, not as of today, in
    # this server and in every later command on this data directory.
    settings.DEMO_AS_OF_FILE.write_text(DEMO_AS_OF.isoformat() + "\n", encoding="utf-8")
    day = os.environ.get("DEVZONE_AS_OF") or DEMO_AS_OF.isoformat()
    print(
        _(
            "Statuses are shown as of %(day)s (DEVZONE_AS_OF; delete %(file)s to see them "
            "as of today)."
        )
        % {"day": day, "file": settings.DEMO_AS_OF_FILE}
    )
    if args.no_serve:
        return 0
    os.environ["DEVZONE_AS_OF"] = day  # this process read its settings before the file was there
    settings.DEVZONE_AS_OF = day
    return serve(args)


def _counted(what: str, count: int) -> str:
    """How many records of one kind the demo created ("3 zones"), in the reader's language."""
    phrases = {
        "zones": ngettext("%(count)d zone", "%(count)d zones", count),
        "departments": ngettext("%(count)d department", "%(count)d departments", count),
        "enterprises": ngettext("%(count)d enterprise", "%(count)d enterprises", count),
        "projects": ngettext("%(count)d project", "%(count)d projects", count),
        "meetings": ngettext("%(count)d meeting", "%(count)d meetings", count),
        "users": ngettext("%(count)d user", "%(count)d users", count),
        "leads": ngettext("%(count)d lead", "%(count)d leads", count),
    }
    if what not in phrases:
        return f"{count} {what}"
    return phrases[what] % {"count": count}


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
        # import the views and compile the templates once, before forking (conf/wsgi.py);
        # each worker reads the ledger after it has forked (conf/gunicorn.py)
        "--preload",
        "--config",
        "python:devzone.conf.gunicorn",
        "--access-logfile",
        "-",
    ]


def serve(args: argparse.Namespace) -> int:
    """Serve with gunicorn (a dependency); fall back to Django's server if it is missing."""
    setup_django()
    url = f"http://{args.host}:{args.port}/"
    print()
    print(_("Serving devzone at %(url)s  (Ctrl+C stops it)") % {"url": url}, flush=True)
    if args.host not in {"127.0.0.1", "localhost"} and not os.environ.get("ALLOWED_HOSTS"):
        print(_("Set ALLOWED_HOSTS to the name or address people will use."), file=sys.stderr)
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
