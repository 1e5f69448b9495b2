import django_filters
from django.db.models import Q

from procure.sourcing.choices import RequestStatus
from procure.sourcing.models import ProcurementRequest


class RequestFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="Reference, title or budget code")
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, empty_label="Any")

    class Meta:
        model = ProcurementRequest
        fields = ["search", "status"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value)
                               | Q(budget_code__icontains=value))
