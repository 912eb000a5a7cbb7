"""The ``devzone`` command: set up, load, serve and inspect a devzone installation.

``main`` parses the arguments and runs one command. Django is started only by the commands
that need the database, so ``devzone --help`` and ``devzone parse-amount`` answer at once.
Mistakes in the input (an unknown user, a bad CSV row, an amount that cannot be read) print one
clear line on stderr and exit with status 2; they never show a Python traceback. A database
that is not set up (no tables yet, server unreachable) is reported the same way, status 1.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from devzone.cli.base import CommandError, describe_file_error, report_error


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 2 bad input)."""
    from devzone.cli import i18n
    from devzone.cli.parser import build_parser

    i18n.install()
    parser = build_parser()
    try:
        args = parser.parse_args(_amounts_as_arguments(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # argparse: --help (0) or a usage error (2)
        return int(exit_.code or 0)
    if not getattr(args, "handler", None):
        (getattr(args, "help_parser", None) or parser).print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except CommandError as error:
        report_error(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `devzone … | head`: the reader has what it wanted
        _silence_stdout()
        return 141  # as a shell reports a command ended by SIGPIPE
    except EOFError:  # a prompt with nothing to read: input from /dev/null or a closed pipe
        from devzone.cli.i18n import gettext as _

        report_error(_("no input to read (give the value as an option, or run in a terminal)"))
        return 2
    except OSError as error:
        if not error.filename:
            raise
        report_error(describe_file_error(error))
        return 2
    except Exception as error:
        refusal = _refusal(error)
        if refusal is not None:  # a service refused the input or the user: one line, like argparse
            report_error(refusal)
            return 2
        if not _is_database_error(error):
            raise
        from devzone.cli.i18n import gettext as _

        report_error(_("database: %(error)s (has `devzone migrate` been run?)") % {"error": error})
        return 1


def _amounts_as_arguments(argv: Sequence[str]) -> list[str]:
    """`devzone parse-amount -5亿元`: a negative amount is an amount, not an option."""
    argv = list(argv)
    if argv[:1] == ["parse-amount"] and "--" not in argv:
        negative = next((i for i, text in enumerate(argv) if re.match(r"-[\d.]", text)), None)
        if negative is not None:
            argv.insert(negative, "--")
    return argv


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _refusal(error: Exception) -> str | None:
    """What a service's ValidationError or PermissionDenied says, naming the fields; None for
    any other exception."""
    if "django.core.exceptions" not in sys.modules:
        return None
    from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

    if isinstance(error, PermissionDenied):
        return str(error) or "permission denied"
    if not isinstance(error, ValidationError):
        return None
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


def _is_database_error(error: Exception) -> bool:
    """A missing table or an unreachable server is the setup's problem, not a bug."""
    if "django.db" not in sys.modules:
        return False
    from django.db import DatabaseError

    return isinstance(error, DatabaseError)


__all__ = ["main"]
