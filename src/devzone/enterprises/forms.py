"""Forms of the registry pages: the search box, a file of names to match, and a reviewer's
answer on a match."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.web.forms import Form

MAX_MATCH_BYTES = 20 * 1024 * 1024
MATCH_SUFFIXES = (".txt", ".csv", ".tsv", ".xlsx")
CONFIRM = "confirm"
REJECT = "reject"


class EnterpriseSearchForm(Form):
    q = forms.CharField(
        label=_("Name, alias or credit code"), required=False, max_length=200, strip=True
    )


class ReviewForm(Form):
    """Confirm or reject one candidate of a review-band name."""

    action = forms.ChoiceField(
        label=_("Decision"), choices=[(CONFIRM, _("Confirm")), (REJECT, _("Reject"))]
    )
    enterprise = forms.IntegerField(label=_("Enterprise"), min_value=1)

    @property
    def confirms(self) -> bool:
        return self.cleaned_data["action"] == CONFIRM


class MatchFileForm(Form):
    """A file of names to link to the registry: ``devzone match FILE`` from the browser."""

    file = forms.FileField(
        label=_("File of names"),
        help_text=_("One name per line (.txt), or a column of a .csv or .xlsx file"),
    )
    column = forms.CharField(
        label=_("Column"),
        required=False,
        max_length=200,
        help_text=_(
            "The header of the column holding the names (empty: the one headed like a name)"
        ),
    )
    distinct = forms.BooleanField(
        label=_("The names are different enterprises"),
        required=False,
        help_text=_(
            "A roster or a top-500 list: no two names get the same enterprise, and the list "
            "decides between candidates scored alike"
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_MATCH_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith(MATCH_SUFFIXES):
            raise forms.ValidationError(_("Upload a .txt, .csv, .tsv or .xlsx file."))
        return upload
