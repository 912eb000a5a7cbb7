"""The stages an import reports progress in, with the words people read on the page and the
command line (the codes stay in the progress file and the JSON status)."""

from django.utils.translation import gettext_lazy as _

STAGE_LABELS = {
    "reading": _("reading the file"),
    "checking": _("checking the rows"),
    "writing": _("writing"),
    "done": _("done"),
}


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))
