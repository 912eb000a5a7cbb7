from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataIOConfig(AppConfig):
    name = "devzone.dataio"
    label = "dataio"
    verbose_name = _("Import and export")
