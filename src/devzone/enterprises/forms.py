"""Forms of the registry pages: the search box and a reviewer's answer on a match."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.web.forms import Form

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
