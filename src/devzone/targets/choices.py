from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What an indicator counts. Money is yuan, land is mu, rates are percent."""

    MONEY = "money", _("money (yuan)")
    COUNT = "count", _("count")
    RATE = "rate", _("rate (%)")
    DAYS = "days", _("days")
    AREA = "area", _("land (mu)")
    NUMBER = "number", _("number")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Pace(models.TextChoices):
    AHEAD = "ahead", _("ahead of pace")
    ON_PACE = "on_pace", _("on pace")
    BEHIND = "behind", _("behind pace")
    NO_DATA = "no_data", _("no actual yet")
    NOT_STARTED = "not_started", _("period not started")
    NO_TARGET = "no_target", _("no target value to measure against")
    MET = "met", _("target met")  # the period is over: no pace, a result
    MISSED = "missed", _("target missed")


class ScoringRule(models.TextChoices):
    """How a scorecard turns indicator values into points (see docs/targets.md)."""

    NORMALISED = "normalised", _("normalised to the best (best = 100)")
    RANK_POINTS = "rank_points", _("rank points (first = N points)")


class ListMark(models.TextChoices):
    RED = "red", _("red list (top)")
    BLACK = "black", _("black list (bottom)")
    NONE = "", _("—")


SOURCE_LEDGER = "ledger"
SOURCE_SERIES = "series"
SOURCE_MANUAL = "manual"


# Qualifiers as plans publish them, for readers of another language (the stored word is kept).
PUBLISHED_QUALIFIERS = {
    "超过": _("more than"),
    "力争": _("striving for"),
    "不低于": _("at least"),
    "不少于": _("at least"),
    "达到": _("reaching"),
    "约": _("about"),
    "以上": _("or more"),
}
