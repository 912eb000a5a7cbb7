from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AliasKind(models.TextChoices):
    SHORT = "short", _("short name")
    BRAND = "brand", _("brand")
    FORMER = "former", _("former name")
    ENGLISH = "english", _("English name")
    CONFIRMED = "confirmed", _("confirmed match")


class IndustryLevel(models.IntegerChoices):
    SECTION = 1, _("section")
    DIVISION = 2, _("division")
    GROUP = 3, pgettext_lazy("industry level", "group")
    CLASS = 4, _("class")


class MatchOutcome(models.TextChoices):
    """The engine's decision on one name (``devzone.matching.Decision``)."""

    MATCHED = "matched", _("matched")
    REVIEW = "review", _("to review")
    NONE = "none", _("no match")


class DecisionKind(models.TextChoices):
    """What a person said about a proposed match."""

    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class ReviewState(models.TextChoices):
    """Where a review-band match item stands."""

    OPEN = "open", pgettext_lazy("name match review", "open")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
