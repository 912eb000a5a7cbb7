"""Forms of the web pages: they parse and check input, then views hand it to the services.

No form saves anything itself; the services do (with the change record and the permission
check). A form's job is to turn "3000万元" or "2024-05" into the values the services take.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from devzone.accounts.scope import zone_scope_q
from devzone.chains.models import EnterpriseLink, Link
from devzone.core import units
from devzone.core.clock import EARLIEST, LATEST, today
from devzone.enterprises.models import Industry
from devzone.projects.choices import ProjectKind, Stage, Status
from devzone.projects.models import InvestmentReport, Project, ProjectInvestor
from devzone.regions.models import Department, Zone
from devzone.web import throttle
from devzone.web.widgets import FastSelect

BLANK = [("", "---------")]


class Form(forms.Form):
    """A form whose labels carry no colon: the layout separates label and field already."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


# ---------------------------------------------------------------------------------------------
# Sign-in


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing a username or address after too many failures."""

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(request, *args, **kwargs)

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request) if self.request else "unknown"
        if throttle.is_locked(username, address):
            raise ValidationError(self._throttled_message(), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.record_success(username)
        return cleaned

    @staticmethod
    def _throttled_message() -> str:
        minutes = math.ceil(settings.LOGIN_THROTTLE_WINDOW / 60)
        return ngettext(
            "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
            "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


# ---------------------------------------------------------------------------------------------
# The project list


class SizeBand:
    """Project size by planned total investment, as ledgers count them (亿元以上项目)."""

    HUNDRED_MILLION = "1e8"
    BILLION = "1e9"
    CHOICES = [
        (HUNDRED_MILLION, _("≥ 100 million yuan")),
        (BILLION, _("≥ 1 billion yuan")),
    ]
    MINIMUM = {HUNDRED_MILLION: Decimal(10**8), BILLION: Decimal(10**9)}


SORTS = {
    "-investment": ["-planned_investment", "name", "pk"],
    "investment": ["planned_investment", "name", "pk"],
    "name": ["name", "pk"],
    "-name": ["-name", "-pk"],
    "stage": ["stage_rank", "-planned_investment", "pk"],
    "-stage": ["-stage_rank", "-planned_investment", "pk"],
}
SORT_CHOICES = [
    ("-investment", _("investment, largest first")),
    ("investment", _("investment, smallest first")),
    ("name", _("name")),
    ("stage", _("stage, earliest first")),
    ("-stage", _("stage, latest first")),
]


ZONE_CHOICE_FIELDS = (  # names in both languages: __str__ shows the reader's
    "name",
    "name_en",
    "region__code",
    "region__name",
    "region__name_en",
    "region__parent__code",
    "region__parent__name",
    "region__parent__name_en",
)


class ProjectFilterForm(Form):
    """The filters of the project list; every field is optional and read from the query string."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "data-shortcut": "search"}),
        help_text=_("Press / to jump here."),
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, widget=FastSelect
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=BLANK + Stage.choices, required=False, widget=FastSelect
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=BLANK + Status.choices, required=False, widget=FastSelect
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=BLANK + ProjectKind.choices, required=False, widget=FastSelect
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.none(),
        to_field_name="code",
        required=False,
        widget=FastSelect,
    )
    size = forms.ChoiceField(
        label=_("Size"), choices=BLANK + SizeBand.CHOICES, required=False, widget=FastSelect
    )
    region = forms.CharField(label=_("Region"), required=False, widget=FastSelect)
    link = forms.ModelChoiceField(
        label=_("Chain link"), queryset=Link.objects.none(), required=False, widget=FastSelect
    )
    month = forms.CharField(
        label=_("Reported in month"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    as_of = forms.DateField(
        label=_("Stage and status as of"),
        required=False,
        widget=DateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        help_text=_("Empty: today. A past day shows each project as it stood then."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=FastSelect
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Display-only rows for the choices: ``only()`` the names and codes the options show.
        zones = (
            Zone.objects.filter(zone_scope_q(user, ""))
            .select_related("region__parent")
            .only(*ZONE_CHOICE_FIELDS)
        )
        self.fields["zone"].queryset = zones.order_by("region__code", "name")
        current = str(self.data.get(self.add_prefix("region")) or "")
        self.fields["region"].widget.choices = CallableChoiceIterator(
            lambda: BLANK + _region_choices(zones, current)
        )
        self.fields["link"].queryset = (
            Link.objects.select_related("chain")
            .only("name", "chain__name")
            .order_by("chain__name", "position", "name")
        )
        self.fields["link"].label_from_instance = lambda link: f"{link.chain} · {link}"
        # Only industries that some visible project has: the full GB/T 4754 list is too long.
        self.fields["industry"].queryset = (
            Industry.objects.filter(projects__in=_visible_project_ids(user))
            .only("code", "name", "name_en")
            .distinct()
        )

    def filter(self, projects: QuerySet) -> QuerySet:
        """Narrow ``projects`` (annotated with stage and status) by the valid filters."""
        data = self._valid_part()
        if data.get("q"):
            projects = projects.filter(_search_q(data["q"]))
        if data.get("zone"):
            projects = projects.filter(zone=data["zone"])
        for name in ("stage", "status", "kind"):
            if data.get(name):
                projects = projects.filter(**{name: data[name]})
        if data.get("industry"):
            projects = projects.filter(industry__code__startswith=data["industry"].code)
        if data.get("size"):
            minimum = SizeBand.MINIMUM[data["size"]]
            projects = projects.filter(planned_investment__gte=minimum)
        if data.get("region"):
            projects = projects.filter(zone__region__code__startswith=code_prefix(data["region"]))
        if data.get("link"):
            projects = projects.filter(_link_q(data["link"]))
        if data.get("month"):
            projects = projects.filter(
                Exists(
                    InvestmentReport.objects.filter(
                        project=OuterRef("pk"), month=data["month"], amount__gt=0
                    )
                )
            )
        return projects

    def clean_month(self) -> dt.date | None:
        return MonthField(required=False).clean(self.cleaned_data.get("month"))

    def clean_region(self) -> str:
        """Any six-digit GB/T 2260 code is accepted: other pages link with codes of any level."""
        code = (self.data.get(self.add_prefix("region")) or "").strip()
        if code and not (code.isdigit() and len(code) == 6):
            raise ValidationError(_("Enter a six-digit region code, e.g. 441200."), "invalid")
        return code

    def active_filters(self) -> dict[str, Any]:
        """The filters in use (not the sort), for the summary above the list."""
        return {
            name: value
            for name, value in self._valid_part().items()
            if value not in (None, "") and name != "sort"
        }

    def order_by(self) -> list[str]:
        return SORTS[self._valid_part().get("sort") or "-investment"]

    def as_of_day(self) -> dt.date | None:
        """The day stage and status are computed for (None: today)."""
        return self._valid_part().get("as_of")

    def _valid_part(self) -> dict[str, Any]:
        """The fields that did validate: one bad parameter should not drop the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


def code_prefix(code: str) -> str:
    """The digits every place inside region ``code`` shares: 441200 → 4412, 330000 → 33."""
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def _region_choices(zones: QuerySet, current: str) -> list[tuple[str, str]]:
    """The regions of the visible zones and the cities above them, by code.

    A code given in the address but not among them (a province, say) stays selectable.
    """
    names: dict[str, str] = {}
    for zone in zones:
        region = zone.region
        names[region.code] = f"{region} ({region.code})"
        if region.parent is not None:
            names[region.parent.code] = f"{region.parent} ({region.parent.code})"
    if current and current not in names:
        names[current] = current
    return [(code, names[code]) for code in sorted(names)]


def _link_q(link: Link) -> Q:
    """Projects serving a chain link: an investor makes it, or the industry is in its classes."""
    makers = EnterpriseLink.objects.filter(link=link).values("enterprise_id")
    investor = ProjectInvestor.objects.filter(project=OuterRef("pk"), enterprise_id__in=makers)
    q = Q(Exists(investor))
    for code in link.industry_codes or []:
        q |= Q(industry__code__startswith=code)
    return q


def _visible_project_ids(user: Any) -> QuerySet:
    return Project.objects.visible_to(user).values("pk")


def _search_q(text: str) -> Q:
    """Match the project name or code, or an investor's legal name, short name or alias."""
    text = text.strip()
    investor = ProjectInvestor.objects.filter(project=OuterRef("pk")).filter(
        Q(enterprise__legal_name__icontains=text)
        | Q(enterprise__short_name__icontains=text)
        | Q(enterprise__aliases__alias__icontains=text)
    )
    return Q(name__icontains=text) | Q(code__icontains=text) | Q(Exists(investor))


# ---------------------------------------------------------------------------------------------
# Editing a project


class MonthField(forms.CharField):
    """A month typed as 2024-05 (what <input type="month"> sends), kept as its first day."""

    widget = forms.TextInput(attrs={"type": "month"})
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, for example 2024-05.")}

    def to_python(self, value: Any) -> dt.date | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        for pattern in ("%Y-%m", "%Y-%m-%d", "%Y年%m月"):
            try:
                return dt.datetime.strptime(text, pattern).date().replace(day=1)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%Y-%m") if isinstance(value, dt.date) else value


class MoneyField(forms.CharField):
    """An amount in yuan, typed with its unit as people write it: 3000万元, 1.2亿元, 500000.

    Parsing is :func:`devzone.core.units.parse_money`; its error codes become messages here.
    Approximate amounts ("约3000万元") are refused: a report states what was spent.
    """

    default_error_messages = {
        "invalid": _("“%(value)s” is not an amount: enter e.g. 3000万元, 1.2亿元 or 500000."),
        "unknown_unit": _("“%(value)s” has a unit that is not money: use 元, 万元 or 亿元."),
        "ambiguous": _("“%(value)s” can be read more than one way: write the digits and a unit."),
        "currency": _("Enter the amount in yuan (元, 万元, 亿元)."),
        "approximate": _("Enter the exact amount, without 约, 近 or 超过."),
    }
    ERROR_FOR_CODE = {
        "unknown_unit": "unknown_unit",
        "wrong_kind": "unknown_unit",
        "ambiguous": "ambiguous",
    }

    def to_python(self, value: Any) -> Decimal | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        try:
            quantity = units.parse_money(text)
        except units.UnitError as error:
            key = self.ERROR_FOR_CODE.get(str(error.code), "invalid")
            raise ValidationError(
                self.error_messages[key], code=key, params={"value": text}
            ) from error
        if quantity.unit != "CNY":
            raise ValidationError(self.error_messages["currency"], code="currency")
        if quantity.qualifier is not None:
            raise ValidationError(self.error_messages["approximate"], code="approximate")
        return quantity.value

    def prepare_value(self, value: Any) -> Any:
        return format(value, "f") if isinstance(value, Decimal) else value


class InvestmentReportForm(Form):
    month = MonthField(label=_("Month"))
    amount = MoneyField(
        label=_("Investment in the month"),
        help_text=_("With its unit, for example 3000万元; a bare number is yuan."),
    )
    progress_text = forms.CharField(
        label=_("Physical progress"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    progress_percent = forms.DecimalField(
        label=_("Progress (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "report")
        kwargs.setdefault("initial", {"month": today().replace(day=1)})
        super().__init__(*args, **kwargs)


class MilestoneForm(Form):
    """The dates of one lifecycle step; an empty date clears it."""

    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DateInput())
    actual_date = forms.DateField(label=_("Actual date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"milestone-{kind}")
        super().__init__(*args, **kwargs)
        self.kind = kind


class ProblemForm(Form):
    title = forms.CharField(label=_("Problem"), max_length=300)
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "problem")
        super().__init__(*args, **kwargs)
        departments = Department.serving(project.zone.region)
        self.fields["owner_department"].queryset = departments.order_by("region__code", "name")


class ResolveProblemForm(Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))
    resolved_on = forms.DateField(label=_("Resolved on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, problem: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"resolve-{problem.pk}")
        super().__init__(*args, **kwargs)
        self.problem = problem


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# ---------------------------------------------------------------------------------------------
# Saved filters, documents, confirmation


class SaveFilterForm(Form):
    name = forms.CharField(label=_("Name of the filter"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "saved")
        super().__init__(*args, **kwargs)

    def clean_query(self) -> str:
        """Keep only the list's own filters, so a saved filter cannot smuggle anything else."""
        from django.http import QueryDict

        params = QueryDict(self.cleaned_data.get("query") or "", mutable=True)
        known = set(ProjectFilterForm.base_fields)
        for name in list(params):
            if name not in known:
                del params[name]
        return params.urlencode()


class DocumentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
