from django.db import models
from django.utils.translation import gettext_lazy as _


class AliasKind(models.TextChoices):
    SHORT = "short", _("short name")
    BRAND = "brand", _("brand")
    FORMER = "former", _("former name")
    ENGLISH = "english", _("English name")
    CONFIRMED = "confirmed", _("confirmed match")


class IndustryLevel(models.IntegerChoices):
    SECTION = 1, _("section")
    DIVISION = 2, _("division")
    GROUP = 3, _("group")
    CLASS = 4, _("class")
