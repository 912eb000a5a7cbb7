from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.leads.choices import LeadStage
from devzone.web.forms import DateInput, Form, MoneyField


class AdvanceForm(Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=LeadStage.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ConvertForm(Form):
    name = forms.CharField(label=_("Project name"), max_length=200, required=False)
    planned_investment = MoneyField(
        label=_("Planned total investment"),
        help_text=_("With its unit, for example 5亿元 or 3000万元; a bare number is yuan."),
    )


class NextActionForm(Form):
    next_action = forms.CharField(label=_("Next action"), max_length=200, required=False)
    next_action_date = forms.DateField(
        label=_("Next action date"), required=False, widget=DateInput()
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)
