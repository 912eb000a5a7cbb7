"""Forms of the texts pages: upload a document, and review (edit, accept, reject) a fact."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from devzone.regions.models import Region, Zone
from devzone.texts.models import Fact
from devzone.web.forms import DateInput, Form

MAX_UPLOAD = 10 * 1024 * 1024


class UploadForm(Form):
    text = forms.CharField(label=_("Paste the text"), widget=forms.Textarea, required=False)
    file = forms.FileField(
        label=_("or upload a file (.txt, .html, .pdf)"),
        required=False,
    )
    published = forms.DateField(
        label=_("Publication date"),
        required=False,
        help_text=_("Leave empty to read it from the page (发布日期:2023-09-06)."),
        widget=DateInput(),  # ISO in every language: a date input reads no other form
    )
    source_name = forms.CharField(label=_("Source"), max_length=200, required=False)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".txt", ".html", ".htm", ".pdf")):
            raise forms.ValidationError(_("Upload a .txt, .html or .pdf file."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste a text or choose a file."))
        return data


class ReviewForm(Form):
    """The reviewer's corrections; only changed fields are passed to ``accept_fact``."""

    metric = forms.CharField(label=_("Metric"), max_length=80)
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=30, decimal_places=8)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    qualifier = forms.CharField(label=_("Qualifier"), max_length=20, required=False)
    modality = forms.ChoiceField(
        label=_("The figure is"),
        choices=[("actual", _("a result (goes into the series)")), ("target", _("a target"))],
    )
    rank = forms.CharField(label=_("Rank"), max_length=100, required=False)
    period_start = forms.DateField(label=_("Period start"), required=False)
    period_end = forms.DateField(label=_("Period end"), required=False)
    period_cumulative = forms.BooleanField(label=_("Year to date"), required=False)
    change_value = forms.DecimalField(
        label=pgettext_lazy("figure", "Change"), required=False, max_digits=30, decimal_places=8
    )
    change_kind = forms.ChoiceField(
        label=_("Change kind"),
        required=False,
        choices=[("", "—"), ("rate", _("rate (%)")), ("points", _("percentage points"))],
    )
    change_direction = forms.TypedChoiceField(
        label=_("Direction"), required=False, coerce=int, empty_value=None,
        choices=[("", "—"), (1, _("up")), (-1, _("down"))],
    )  # fmt: skip
    change_basis = forms.CharField(label=_("Compared with"), max_length=20, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, to_field_name="code"
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, to_field_name="slug"
    )
    replace = forms.BooleanField(
        label=_("Replace the figure the series holds for this period"), required=False
    )

    def __init__(self, *args: Any, fact: Fact, **kwargs: Any) -> None:
        initial = {name: getattr(fact, name) for name in self.base_fields if name != "replace"}
        for name in ("value", "change_value"):  # 160860000000, not 160860000000.00000000
            if initial[name] is not None:
                initial[name] = format(initial[name].normalize(), "f")
        initial["region"] = fact.region.code if fact.region_id else None
        initial["zone"] = fact.zone.slug if fact.zone_id else None
        super().__init__(*args, initial=initial, **kwargs)
        regions = Region.objects.filter(level__in=["province", "prefecture"])
        regions = regions | Region.objects.filter(pk=fact.region_id or 0)
        self.fields["region"].queryset = regions.order_by("code")
        self.fields["zone"].queryset = Zone.objects.order_by("region__code", "name")

    def edits(self) -> dict[str, Any]:
        """The fields the reviewer changed, ready for ``accept_fact``."""
        data = self.cleaned_data
        edits = {}
        for name in self.changed_data:
            if name == "replace":
                continue
            value = data.get(name)
            edits[name] = "" if value is None and name not in ("region", "zone") else value
            if name in ("value", "change_value", "change_direction") and value is None:
                edits[name] = None
        return edits


class RejectForm(Form):
    reason = forms.CharField(label=_("Why"), max_length=500, required=False)
