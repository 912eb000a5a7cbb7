"""What every command shares: starting Django lazily and reporting errors in one line.

The command line speaks the language :mod:`devzone.cli.i18n` chooses (DEVZONE_LANGUAGE, else
the terminal's locale), and once Django has started the services speak it too, so validation
errors arrive in the same language as the command's own messages.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from devzone.cli.i18n import gettext as _

PROG = "devzone"


class CommandError(Exception):
    """Bad input: printed as one line on stderr, exit status 2."""


def report_error(message: str) -> None:
    # argparse's own phrase, so both kinds of error read the same in either language
    line = _("%(prog)s: error: %(message)s\n") % {"prog": PROG, "message": message}
    print(line, end="", file=sys.stderr)


def setup_django() -> None:
    """Configure and start Django once, on first use (the embedded database's folder included)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.conf.settings")
    from django.apps import apps

    from devzone.cli.i18n import activate_in_django

    if apps.ready:
        activate_in_django()
        return
    if not os.environ.get("DATABASE_URL"):
        from devzone.core.paths import data_dir

        data_dir().mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    activate_in_django()


def describe_validation_error(error: Any) -> str:
    """A Django ValidationError as one line: "field: message; other: message"."""
    if hasattr(error, "error_dict"):
        parts = []
        for field, messages in error.message_dict.items():
            prefix = "" if field == "__all__" else f"{field}: "
            parts += [f"{prefix}{message}" for message in messages]
        return "; ".join(parts)
    return "; ".join(str(message) for message in error.messages)


def run_service(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a service; its ValidationError or PermissionDenied becomes a CommandError."""
    from django.core.exceptions import PermissionDenied, ValidationError

    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        raise CommandError(describe_validation_error(error)) from error
    except PermissionDenied as error:
        raise CommandError(str(error)) from error


def user_named(username: str | None) -> Any:
    """The user called ``username`` (None for none given: the operator), or a CommandError."""
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("no user named %(name)s") % {"name": repr(username)})
    return user


def describe_file_error(error: OSError) -> str:
    """A file that cannot be read or written, in one line: "/x/b.pdf: no such folder"."""
    import errno

    reasons = {
        errno.ENOENT: _("no such file or folder"),
        errno.EACCES: _("permission denied"),
        errno.EISDIR: _("is a folder"),
        errno.ENOSPC: _("the disk is full"),
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return _("%(file)s: %(reason)s") % {"file": error.filename, "reason": reason}


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a limit, a count of candidates)."""
    return _whole(text, 1)


def natural(text: str) -> int:
    """An argparse type: a whole number of at least 0 (0 meaning "all", where it says so)."""
    return _whole(text, 0)


def _whole(text: str, least: int) -> int:
    import argparse

    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or number < least:
        raise argparse.ArgumentTypeError(
            _("%(text)s: give a whole number of at least %(least)d")
            % {"text": repr(text), "least": least}
        )
    return number
