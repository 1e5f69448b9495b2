import django_filters
from django.db.models import Q

from procure.core.models import AuditEvent
from procure.organisations.choices import OrganisationKind, Role
from procure.organisations.models import Department, Membership, Organisation


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


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Name or short name")
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label="Kind", empty_label="Any")

    class Meta:
        model = Organisation
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))


class DepartmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Code or name")
    is_active = django_filters.BooleanFilter(label="Active")

    class Meta:
        model = Department
        fields = ["q", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class MembershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Username, name or email")
    role = django_filters.ChoiceFilter(choices=Role.choices, label="Role", empty_label="Any")

    class Meta:
        model = Membership
        fields = ["q", "role"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(user__username__icontains=value) | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value) | Q(user__email__icontains=value))
