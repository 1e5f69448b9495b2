import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from procure.suppliers.choices import SupplierSize, SupplierSource
from procure.suppliers.matching import normalise_company_number, normalise_name
from procure.suppliers.models import Supplier, SupplierAlias
from procure.suppliers.rules import normalise_postcode

_YES_NO = (("true", "Yes"), ("false", "No"))


def _yes_no(label: str, **kwargs) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(
        label=label, widget=forms.Select(choices=(("", "Any"), *_YES_NO)), **kwargs)


class SupplierFilter(django_filters.FilterSet):
    """One filterset for the register page and the API. Expects `supplier_list` annotations."""

    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Name, other name, company or charity number, or postcode")
    size = django_filters.ChoiceFilter(choices=SupplierSize.choices, method="filter_size", label="Size band",
                                       empty_label="Any")
    is_vcse = _yes_no("VCSE", method="filter_vcse")
    is_living_wage_accredited = _yes_no("Living Wage accredited")
    is_verified = _yes_no("Verified")
    source = django_filters.ChoiceFilter(choices=SupplierSource.choices, label="Source", empty_label="Any")
    has_no_postcode = _yes_no("Has no postcode", method="filter_no_postcode")

    class Meta:
        model = Supplier
        fields = ["q", "size", "is_vcse", "is_living_wage_accredited", "is_verified", "source", "has_no_postcode"]

    def search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        aliases = SupplierAlias.objects.filter(supplier=OuterRef("pk")).filter(
            Q(name__icontains=text) | Q(normalised_name__contains=normalise_name(text) or text))
        postcode = normalise_postcode(text)
        matches = (Q(name__icontains=text) | Q(Exists(aliases)) | Q(companies_house_number__icontains=text)
                   | Q(charity_number__icontains=text) | Q(postcode__icontains=postcode))
        if number := normalise_company_number(text):
            matches |= Q(companies_house_number=number)
        if normalised := normalise_name(text):
            matches |= Q(normalised_name__contains=normalised)
        return queryset.filter(matches)

    def filter_size(self, queryset, name, value):
        if value == SupplierSize.UNKNOWN:
            return queryset.filter(Q(current_size=value) | Q(current_size__isnull=True))
        return queryset.filter(current_size=value)

    def filter_vcse(self, queryset, name, value):
        if value:
            return queryset.filter(current_is_vcse=True)
        return queryset.filter(Q(current_is_vcse=False) | Q(current_is_vcse__isnull=True))

    def filter_no_postcode(self, queryset, name, value):
        return queryset.filter(postcode="") if value else queryset.exclude(postcode="")
