"""One filterset for the contracts register page and its API."""

from datetime import date, datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from procure.contracts import selectors
from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.contracts.models import Category, Contract, CpvCode
from procure.organisations.models import Department, Organisation
from procure.organisations.selectors import organisation_get, user_has_permission
from procure.suppliers.models import Supplier
from procure.suppliers.selectors import supplier_ids_for_user

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
_YES_NO = [("", "Any"), ("true", "Yes"), ("false", "No")]


def status_day_from(data) -> date:
    """The 'status on' day a register address asks for, or today when it asks for none (or a bad one)."""
    text = (data.get("status_on") or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return timezone.localdate()


def request_organisation(request) -> Organisation | None:
    """The organisation named in the address (pages and API both carry `org`)."""
    if request is None:
        return None
    if not hasattr(request, "_procure_filter_organisation"):
        match = getattr(request, "resolver_match", None)
        slug = match.kwargs.get("org", "") if match else ""
        request._procure_filter_organisation = organisation_get(slug=slug)
    return request._procure_filter_organisation


def _departments(request):
    return Department.objects.filter(organisation=request_organisation(request)).order_by("name")


def _suppliers(request):
    """Suppliers holding the organisation's contracts; a supplier user is offered only their own."""
    organisation = request_organisation(request)
    holding = Contract.suppliers.through.objects.filter(contract__organisation=organisation)
    suppliers = Supplier.objects.filter(organisation=organisation, pk__in=holding.values("supplier_id"))
    if organisation is not None and not user_has_permission(request.user, organisation, "contract.view"):
        own = supplier_ids_for_user(user=request.user, organisation=organisation)
        suppliers = suppliers.filter(pk__in=own)
    return suppliers.order_by("name")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.path or obj.name


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class ContractFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Reference, title or supplier name")
    status = django_filters.ChoiceFilter(choices=ContractStatus.choices, method="filter_status",
                                         label="Status", empty_label="Any")
    status_on = django_filters.DateFilter(method="keep", label="Status on", input_formats=DATE_FORMATS,
                                          help_text="For example, 31/03/2026. Today if left empty.")
    route = django_filters.ChoiceFilter(choices=RouteToMarket.choices, label="Route to market",
                                        empty_label="Any")
    framework_provider = django_filters.ChoiceFilter(field_name="framework__provider",
                                                     label="Framework provider",
                                                     empty_label="Any")
    department = django_filters.ModelChoiceFilter(queryset=_departments, label="Department",
                                                  empty_label="Any")
    category = CategoryFilter(queryset=Category.objects.order_by("path"), method="filter_category",
                              label="Category", empty_label="Any")
    supplier = django_filters.ModelChoiceFilter(queryset=_suppliers, method="filter_supplier",
                                                label="Supplier",
                                                empty_label="Any")
    managed_by_procurement = django_filters.TypedChoiceFilter(
        field_name="is_managed_by_procurement", choices=_YES_NO, coerce=lambda value: value == "true",
        label="Managed by procurement", empty_value=None)
    ending_within_months = django_filters.NumberFilter(
        method="filter_ending_within", label="Ending within (months)", min_value=0, max_value=240,
        help_text="Counting exercised extensions")
    value_min = django_filters.NumberFilter(field_name="total_value_net", lookup_expr="gte",
                                            label="Total value at least (£)", min_value=0)
    value_max = django_filters.NumberFilter(field_name="total_value_net", lookup_expr="lte",
                                            label="Total value at most (£)", min_value=0)

    class Meta:
        model = Contract
        fields = ["q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = request_organisation(self.request)
        providers = selectors.framework_providers(organisation=organisation) if organisation else []
        self.filters["framework_provider"].extra["choices"] = [(name, name) for name in providers]

    @property
    def status_day(self) -> date:
        """The day statuses are worked out for: the form's 'status on', else today."""
        day = self.form.cleaned_data.get("status_on") if self.form.is_valid() else None
        return day or timezone.localdate()

    def keep(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        named = Contract.suppliers.through.objects.filter(supplier__name__icontains=value.strip())
        return queryset.filter(Q(reference__icontains=value.strip()) | Q(title__icontains=value.strip())
                               | Q(pk__in=named.values("contract_id")))

    def filter_status(self, queryset, name, value):
        return selectors.filter_status(queryset, status=value, on=self.status_day)

    def filter_category(self, queryset, name, value: Category):
        beneath = Category.objects.filter(scheme=value.scheme).filter(
            Q(pk=value.pk) | Q(path__startswith=f"{value.path} > "))
        chosen = Contract.categories.through.objects.filter(category_id__in=beneath.values("pk"))
        return queryset.filter(pk__in=chosen.values("contract_id"))

    def filter_supplier(self, queryset, name, value: Supplier):
        holding = Contract.suppliers.through.objects.filter(supplier=value)
        return queryset.filter(pk__in=holding.values("contract_id"))

    def filter_ending_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(final_ends_on__gte=today,
                               final_ends_on__lte=selectors.add_months(today, int(value)))


class CpvFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Leading digits of a code (e.g. 3019) or words of its name")

    class Meta:
        model = CpvCode
        fields = ["q"]

    def search(self, queryset, name, value):
        return selectors.cpv_search(text=value, codes=queryset)


class CategoryApiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Code, name or path")
    level = django_filters.NumberFilter(field_name="level")
    parent = django_filters.NumberFilter(field_name="parent_id")

    class Meta:
        model = Category
        fields = ["q", "scheme", "level", "parent"]

    def search(self, queryset, name, value):
        return selectors.category_search(text=value, categories=queryset)
