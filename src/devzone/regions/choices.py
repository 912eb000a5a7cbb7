from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    PREFECTURE = "prefecture", _("prefecture")
    COUNTY = "county", _("county")


class ZoneKind(models.TextChoices):
    DEVELOPMENT_ZONE = "development_zone", _("development zone")
    NEW_DISTRICT = "new_district", _("new district")
    HIGH_TECH_ZONE = "high_tech_zone", _("high-tech zone")
    FREE_TRADE_ZONE = "free_trade_zone", _("pilot free trade zone")
    INDUSTRIAL_CLUSTER = "industrial_cluster", _("industrial cluster area")
    PARK = "park", _("park")
    TOWN = "town", _("town")
    OTHER = "other", _("other functional area")
