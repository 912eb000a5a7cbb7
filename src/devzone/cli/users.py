"""``devzone createuser`` and ``devzone token create``."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from devzone.cli.base import CommandError, run_service, setup_django, user_named
from devzone.cli.i18n import gettext as _


def createuser(args: argparse.Namespace) -> int:
    setup_django()
    from devzone.accounts.services import create_user

    zones = _zones(args.zone)
    regions = _regions(args.region)
    password = _read_password(args.password_stdin)
    user = run_service(
        create_user,
        args.username,
        password,
        actor=None,
        role=args.role,
        zones=zones,
        regions=regions,
    )
    scope = [zone.slug for zone in zones] + [region.code for region in regions]
    names = {"user": user.get_username(), "role": args.role, "scope": ", ".join(scope)}
    if scope:
        print(_("Created %(user)s (%(role)s) for %(scope)s.") % names)
    else:
        print(_("Created %(user)s (%(role)s).") % names)
    return 0


def _zones(slugs: list[str]) -> list[Any]:
    from devzone.regions.models import Zone

    zones = {zone.slug: zone for zone in Zone.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in zones]
    if unknown:
        raise CommandError(
            _("no zone with the short code %(slugs)s") % {"slugs": ", ".join(unknown)}
        )
    return [zones[slug] for slug in slugs]


def _regions(texts: list[str]) -> list[Any]:
    from devzone.core import codes
    from devzone.regions.models import Region

    found = []
    for text in texts:
        try:
            code = codes.validate_region_code(text)
        except codes.CodeError as error:
            raise CommandError(str(error)) from error
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(
                _("region %(code)s is not loaded (devzone reference load regions)") % {"code": code}
            )
        found.append(region)
    return found


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        raise CommandError(_("no terminal to ask the password on: use --password-stdin"))
    else:
        password = getpass.getpass(_("Password: "))
        if getpass.getpass(_("Password (again): ")) != password:
            raise CommandError(_("the two passwords differ"))
    if not password:
        raise CommandError(_("the password is empty"))
    return password


def token_create(args: argparse.Namespace) -> int:
    """Print a new API token on stdout (only there, only once)."""
    setup_django()
    from devzone.accounts.services import issue_token

    user = user_named(args.username)
    key = run_service(issue_token, user, actor=None, name=args.name)
    print(key)
    print(_("Store this token now: it is not shown again."), file=sys.stderr)
    return 0
