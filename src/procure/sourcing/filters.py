import django_filters
from django.db.models import Q

from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Tender


class TenderFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="Reference or title")
    status = django_filters.ChoiceFilter(choices=TenderStatus.choices, empty_label="Any")

    class Meta:
        model = Tender
        fields = ["search", "status"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value)) if value else queryset
