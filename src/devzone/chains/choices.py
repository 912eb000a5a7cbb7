from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkPosition(models.TextChoices):
    """Where a link sits in its chain; the drawn graph puts each position in its own column."""

    UPSTREAM = "upstream", _("upstream")
    MIDSTREAM = "midstream", _("midstream")
    DOWNSTREAM = "downstream", _("downstream")


POSITION_ORDER = [LinkPosition.UPSTREAM, LinkPosition.MIDSTREAM, LinkPosition.DOWNSTREAM]


class LinkSource(models.TextChoices):
    """How we know an enterprise makes a link."""

    MANUAL = "manual", _("entered by staff")
    IMPORT = "import", _("imported file")
    GRAPH = "graph", _("chain knowledge graph")
    DEMO = "demo", _("demo data")
