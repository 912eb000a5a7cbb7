from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What an indicator measures; values are stored in the base unit of the kind."""

    MONEY = "money", _("money")
    RATE = "rate", _("rate (%)")
    POINTS = "points", _("percentage points")
    COUNT = "count", _("count")
    PEOPLE = "people", _("people")
    AREA = "area", _("area")
    RATIO = "ratio", _("ratio")
    INDEX = "index", _("index")
    NUMBER = "number", _("number")


class Granularity(models.TextChoices):
    """How long the period of a figure is: the last month of a 1-9月 figure is September."""

    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    HALF = "half", _("half-year")
    YEAR = "year", _("year")
    YEARS = "years", _("several years")
    OTHER = "other", _("other")


class RankBy(models.TextChoices):
    VALUE = "value", _("value")
    GROWTH = "growth", _("growth")


# Units observations are stored in (besides currency codes such as CNY and USD).
UNIT_PERCENT = "percent"
UNIT_POINTS = "pp"
UNIT_PERMILLE = "permille"
UNIT_PERSON = "person"
UNIT_SQUARE_METRE = "m2"
UNIT_MU = "mu"
UNIT_INDEX = "index"
UNIT_HOUR = "hour"
UNIT_NONE = ""

# The pseudo-region that holds national figures (see docs/indicators.md): GB/T 2260 has no code
# for the country itself, and 100000 cannot collide with one (provinces start at 11).
NATIONAL_CODE = "100000"
