from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    STAFF = "staff", _("zone / department staff")
    LEADER = "leader", _("leader")
    VIEWER = "viewer", _("viewer")


EDITING_ROLES = {Role.ADMIN, Role.STAFF}
