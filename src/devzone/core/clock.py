"""The working day devzone reasons about ("as of" for status, overdue and time progress).

Normally today. ``DEVZONE_AS_OF=2024-09-30`` pins it, so that a demo or training database whose
records stop at a date keeps showing the situation as of that date instead of calling every
project stalled. It never affects validation of actual dates (those may not be in the real future).
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
