from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.accounts.scope import zone_scope_q
from devzone.dataio.models import ImportKind
from devzone.regions.models import Zone
from devzone.web.forms import Form

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
EXTENSIONS = (".xlsx", ".xls", ".ods", ".csv", ".txt")


class UploadForm(Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_(".xlsx, .xls, .ods or .csv (UTF-8 or GBK)")
    )
    zone = forms.ModelChoiceField(
        label=_("Zone of rows without a zone column"),
        queryset=Zone.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(zone_scope_q(user, "")).order_by(
            "region__code", "name"
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Upload an .xlsx, .xls, .ods or .csv file."))
        return upload


class ExportForm(Form):
    format = forms.ChoiceField(
        choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV"), ("oc4ids", "OC4IDS JSON")],
        required=False,
    )
    language = forms.ChoiceField(choices=[("zh-hans", "中文"), ("en", "English")], required=False)
    scale = forms.ChoiceField(choices=[("wan", "万元"), ("yi", "亿元")], required=False)
