"""Forms of the weekly meeting mode: start a meeting, decide on a problem, raise one, minutes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.core.clock import today
from devzone.projects.choices import ProblemStatus
from devzone.projects.models import Problem, Project
from devzone.regions.models import Department
from devzone.web.forms import DateInput, Form


class StartMeetingForm(Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "meeting")
        kwargs.setdefault("initial", {"held_on": today()})
        super().__init__(*args, **kwargs)


class DecisionForm(Form):
    text = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    status = forms.ChoiceField(label=_("Status after the meeting"), choices=ProblemStatus.choices)
    due_date = forms.DateField(label=_("New due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, problem: Problem, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"decide-{problem.pk}")
        kwargs.setdefault(
            "initial", {"status": ProblemStatus.IN_PROGRESS, "due_date": problem.due_date}
        )
        super().__init__(*args, **kwargs)
        self.problem = problem


class RaiseProblemForm(Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    title = forms.CharField(label=_("Problem"), max_length=300)
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, projects: Any, departments: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "raise")
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["owner_department"].queryset = departments


class MinutesForm(Form):
    minutes = forms.CharField(
        label=_("Notes for the minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "minutes")
        super().__init__(*args, **kwargs)
