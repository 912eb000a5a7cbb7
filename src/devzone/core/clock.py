"""The working day devzone reasons about ("as of" for status, overdue and time progress).

Normally today. ``DEVZONE_AS_OF=2024-09-30`` pins it, so that a demo or training database whose
records stop at a date keeps showing the situation as of that date instead of calling every
project stalled. Validation uses the same day ("not in the future"), so nothing can be entered
that the pinned pages would then leave out (a report for a month after the pinned day).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned = getattr(settings, "DEVZONE_AS_OF", None)
    if pinned:
        return dt.date.fromisoformat(pinned)
    return timezone.localdate()


# Dates devzone accepts anywhere: a ledger, a form or a query. A day outside is a typo (0001,
# 9999, 2203), and the month arithmetic of charts and projections would fail on it.
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def plausible(day: dt.date | None) -> bool:
    return day is None or EARLIEST <= day <= LATEST


def implausible(instance: object, *names: str) -> dict[str, str]:
    """Field → message for each date field of ``instance`` outside 1990–2100."""
    from django.utils.translation import gettext as _

    return {
        name: _("%(date)s is not a date between 1990 and 2100.")
        % {"date": getattr(instance, name).isoformat()}
        for name in names
        if not plausible(getattr(instance, name))
    }


def check_plausible(instance: object, *names: str) -> None:
    """Raise ValidationError naming each date field of ``instance`` outside 1990–2100."""
    from django.core.exceptions import ValidationError

    errors = implausible(instance, *names)
    if errors:
        raise ValidationError(errors)
