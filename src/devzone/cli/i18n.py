"""The command line's language: Simplified Chinese or English, without starting Django.

The parser is built before Django starts (``devzone --help`` answers at once), so its help
text is translated with the standard library's :mod:`gettext` over the same compiled catalogue
the web application uses (``locale/zh_Hans/LC_MESSAGES/django.mo``). The language is
``DEVZONE_LANGUAGE`` when it is set (the installation's language), otherwise the terminal's
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh_CN.UTF-8`` reads Chinese), otherwise
English. Commands that start Django activate the same language there, so messages from the
services agree with the command line's own.

argparse's built-in phrases ("usage:", "the following arguments are required") are translated
too: :func:`install` points argparse at this catalogue, and :data:`ARGPARSE_PHRASES` lists them
so that ``make messages`` extracts them.
"""

from __future__ import annotations

import argparse
import gettext as stdlib_gettext
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
CHINESE = "zh-hans"
ENGLISH = "en"


def gettext_noop(message: str) -> str:
    return message


ARGPARSE_PHRASES = [
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
]


def cli_language() -> str:
    """``zh-hans`` or ``en``, from DEVZONE_LANGUAGE, else the locale, else English."""
    explicit = os.environ.get("DEVZONE_LANGUAGE", "").strip()
    if explicit:
        return CHINESE if explicit.lower().startswith("zh") else ENGLISH
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            return CHINESE if value.lower().startswith("zh") else ENGLISH
    return ENGLISH


@cache
def _catalogue(language: str) -> stdlib_gettext.NullTranslations:
    if language != CHINESE:
        return stdlib_gettext.NullTranslations()
    return stdlib_gettext.translation(
        "django", str(LOCALE_DIR), languages=["zh_Hans"], fallback=True
    )


def gettext(message: str) -> str:
    return _catalogue(cli_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue(cli_language()).ngettext(singular, plural, count)


def install() -> None:
    """Translate argparse's own phrases through the catalogue (argparse looks ``_`` up at
    call time, as a module global)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def activate_in_django() -> None:
    """After django.setup(): the services speak the command line's language."""
    from django.utils import translation

    translation.activate(cli_language())
