"""Filters for spend lines, imports and payee reviews: one filterset each for the pages and the API."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q

from procure.core.dates import FinancialYear
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.models import PayeeReview, SpendImport, SpendLine

FIRST_YEAR = 2010


def financial_year_choices() -> list[tuple[str, str]]:
    latest = FinancialYear.containing(date.today()).start_year
    return [(str(year), FinancialYear(year).label) for year in range(latest, FIRST_YEAR - 1, -1)]


def _organisation_imports(request):
    if request is None or request.resolver_match is None:
        return SpendImport.objects.none()
    return SpendImport.objects.filter(organisation__slug=request.resolver_match.kwargs.get("org", ""),
                                      status=ImportStatus.COMPLETED).order_by("-created_at")


class SpendLineFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Payee, expense type, description or reference")
    financial_year = django_filters.ChoiceFilter(choices=financial_year_choices, method="in_financial_year",
                                                 label="Financial year", empty_label="Any year")
    date_from = django_filters.DateFilter(field_name="payment_date", lookup_expr="gte", label="Paid from",
                                          help_text="For example, 1/4/2024")
    date_to = django_filters.DateFilter(field_name="payment_date", lookup_expr="lte", label="Paid to")
    supplier = django_filters.CharFilter(method="by_supplier", label="Supplier",
                                         help_text="Name, or the supplier's number in Procure")
    category = django_filters.CharFilter(method="by_category", label="Category", help_text="Code or name")
    department = django_filters.CharFilter(method="by_department", label="Department", help_text="Code or name")
    spend_import = django_filters.ModelChoiceFilter(queryset=_organisation_imports, label="Import",
                                                    empty_label="Any import")
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label="Amount from (£)")
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte", label="Amount to (£)")
    credits = django_filters.BooleanFilter(method="only_credits", label="Credits only", widget=forms.CheckboxInput)
    unlinked = django_filters.BooleanFilter(method="only_unlinked", label="Payee not linked to a supplier",
                                            widget=forms.CheckboxInput)

    class Meta:
        model = SpendLine
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(payee_name__icontains=value) | Q(expense_type__icontains=value) | Q(description__icontains=value)
            | Q(transaction_reference__icontains=value) | Q(invoice_reference__icontains=value))

    def in_financial_year(self, queryset, name, value: str):
        year = FinancialYear(int(value))
        return queryset.filter(payment_date__gte=year.starts_on, payment_date__lte=year.ends_on)

    def by_supplier(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(supplier_id=int(value))
        return queryset.filter(Q(supplier__name__icontains=value) | Q(payee_name__icontains=value))

    def by_category(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(category__code=value) | Q(category__name__icontains=value)
                               | Q(category_label__icontains=value))

    def by_department(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(department__code__iexact=value) | Q(department__name__icontains=value)
                               | Q(department_label__icontains=value) | Q(department_code__iexact=value))

    def only_credits(self, queryset, name, value):
        return queryset.filter(amount__lt=0) if value else queryset

    def only_unlinked(self, queryset, name, value):
        return queryset.filter(supplier__isnull=True) if value else queryset


class SpendImportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="file_name", lookup_expr="icontains", label="File name")
    status = django_filters.ChoiceFilter(choices=ImportStatus.choices, empty_label="Any status")

    class Meta:
        model = SpendImport
        fields: list[str] = []


class PayeeReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="payee_name", lookup_expr="icontains", label="Payee name")
    status = django_filters.ChoiceFilter(choices=PayeeReviewStatus.choices, empty_label="Any status")
    spend_import = django_filters.NumberFilter(field_name="spend_import_id", label="Import number",
                                               help_text="Only names first met in this import")

    class Meta:
        model = PayeeReview
        fields: list[str] = []
