"""Forms of the chain pages; they only read input, the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.chains.choices import LinkPosition
from devzone.chains.models import Link
from devzone.enterprises.models import Enterprise
from devzone.regions.models import Region
from devzone.web.forms import Form


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.replace("，", ",").replace("、", ",").split(",")]


class RegionField(forms.CharField):
    """A region typed as its GB/T 2260 code."""

    def clean(self, value):  # type: ignore[no-untyped-def]
        code = super().clean(value)
        if not code:
            return None
        region = Region.objects.filter(code=code.strip()).first()
        if region is None:
            raise forms.ValidationError(_("Unknown region code %(code)s."), params={"code": code})
        return region


class ChainForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=150, required=False)
    region = RegionField(label=_("Region code"), max_length=6, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)


class LinkForm(Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=150, required=False)
    position = forms.ChoiceField(label=_("Position"), choices=LinkPosition.choices)
    industry_codes = forms.CharField(
        label=_("GB/T 4754 codes"), required=False, help_text=_("Separated by commas: C3841")
    )
    keywords = forms.CharField(label=_("Product keywords"), required=False)

    def clean_industry_codes(self) -> list[str]:
        return [word for word in _words(self.cleaned_data["industry_codes"]) if word]

    def clean_keywords(self) -> list[str]:
        return [word for word in _words(self.cleaned_data["keywords"]) if word]


class EdgeForm(Form):
    supplier = forms.ModelChoiceField(label=_("Supplier link"), queryset=Link.objects.none())
    consumer = forms.ModelChoiceField(label=_("Consumer link"), queryset=Link.objects.none())

    def __init__(self, *args, chain, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = chain.links.all()
        self.fields["consumer"].queryset = chain.links.all()


class AttachForm(Form):
    link = forms.ModelChoiceField(label=_("Link"), queryset=Link.objects.none())
    legal_name = forms.CharField(label=_("Enterprise (legal name)"), max_length=200)
    products = forms.CharField(label=_("What it makes"), max_length=200, required=False)
    is_chain_leader = forms.BooleanField(label=_("Chain leader"), required=False)

    def __init__(self, *args, chain, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = chain.links.all()

    def clean_legal_name(self) -> Enterprise:
        name = self.cleaned_data["legal_name"].strip()
        enterprise = Enterprise.objects.filter(legal_name=name).first()
        if enterprise is None:
            raise forms.ValidationError(_("No enterprise with this legal name in the registry."))
        return enterprise
