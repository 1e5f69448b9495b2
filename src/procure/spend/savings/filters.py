"""The savings register's filters."""

from datetime import date

import django_filters
from django.db.models import Q

from procure.core.dates import FinancialYear
from procure.spend.choices import SavingType
from procure.spend.models import Saving, SavingYear

FIRST_YEAR = 2010
YEARS_AHEAD = 5
_YES_NO = [("", "Any"), ("true", "Yes"), ("false", "No")]


def saving_year_choices() -> list[tuple[str, str]]:
    """Financial years from 2010/11 to five years ahead (savings are projected forward), latest first."""
    latest = FinancialYear.containing(date.today()).start_year + YEARS_AHEAD
    return [(str(year), FinancialYear(year).label) for year in range(latest, FIRST_YEAR - 1, -1)]


def chosen_year(data) -> FinancialYear | None:
    """The financial year the address filters on, or None when it names none (or not a valid one)."""
    text = (data.get("financial_year") or "").strip()
    return FinancialYear(int(text)) if text in dict(saving_year_choices()) else None


class SavingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Title, method or contract reference")
    saving_type = django_filters.ChoiceFilter(choices=SavingType.choices, label="Type",
                                              empty_label="Any type")
    financial_year = django_filters.ChoiceFilter(
        choices=saving_year_choices, method="in_year", label="Financial year", empty_label="All years",
        help_text="Savings with amounts in that year; the figures shown are that year's")
    is_finance_approved = django_filters.TypedChoiceFilter(
        choices=_YES_NO, coerce=lambda value: value == "true", label="Finance approved", empty_value=None)

    class Meta:
        model = Saving
        fields: list[str] = []

    def search(self, queryset, name, value):
        text = value.strip()
        return queryset.filter(Q(title__icontains=text) | Q(method__icontains=text)
                               | Q(contract__reference__icontains=text))

    def in_year(self, queryset, name, value):
        years = SavingYear.objects.filter(financial_year=int(value))
        return queryset.filter(pk__in=years.values("saving_id"))
