import django_filters
from django.db.models import Q

from procure.core.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Who, what or which record")
    at_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="From (yyyy-mm-dd)")
    at_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="To (yyyy-mm-dd)")

    class Meta:
        model = AuditEvent
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(actor_name__icontains=value) | Q(action__icontains=value) | Q(subject_label__icontains=value))
