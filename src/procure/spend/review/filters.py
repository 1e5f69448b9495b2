"""Filters for the review items and the procedure thresholds, for their register pages."""

import django_filters
from django.db.models import Q

from procure.organisations.models import User
from procure.spend.choices import ReviewAction, ReviewRule, ReviewStatus
from procure.spend.models import ProcedureThreshold, ReviewItem
from procure.spend.review.selectors import review_owner_choices


def _owners(request):
    if request is None or request.resolver_match is None:
        return User.objects.none()
    return review_owner_choices(slug=request.resolver_match.kwargs.get("org", ""))


class ReviewItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Supplier, category or summary")
    rule = django_filters.ChoiceFilter(choices=ReviewRule.choices, empty_label="Any rule")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, empty_label="Any status")
    owner = django_filters.ModelChoiceFilter(queryset=_owners, empty_label="Anyone", null_label="No one yet")
    action = django_filters.ChoiceFilter(choices=ReviewAction.choices, empty_label="Any action",
                                         label="Planned action")

    class Meta:
        model = ReviewItem
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(summary__icontains=value) | Q(supplier__name__icontains=value)
                               | Q(category__name__icontains=value) | Q(contract__reference__icontains=value))


class ProcedureThresholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Name or what the rules require")

    class Meta:
        model = ProcedureThreshold
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(route__icontains=value))
