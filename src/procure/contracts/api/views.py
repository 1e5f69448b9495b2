from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import filters, generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from procure.contracts import selectors, services
from procure.contracts.api.serializers import (
    CategorySerializer,
    ContractSerializer,
    ContractWriteSerializer,
    CpvCodeSerializer,
    FrameworkSerializer,
)
from procure.contracts.filters import CategoryApiFilter, ContractFilter, CpvFilter, status_day_from
from procure.contracts.models import Contract, Framework
from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import HasOrganisationPermission

READ = ("contract.view", "contract.view_own")
WRITE = "contract.change"


def _call_service(function, **kwargs):
    try:
        return function(**kwargs)
    except BusinessRuleViolation as violation:
        raise ValidationError(ContractWriteSerializer.violation_errors(violation)) from None


class ContractListApi(generics.ListCreateAPIView):
    """The contracts register: the same search and filters as the register page (q, status and status_on,
    route, framework_provider, department, category, supplier, managed_by_procurement, ending_within_months,
    value_min, value_max). Supplier users see only contracts their supplier is party to."""

    permission_classes = [HasOrganisationPermission]
    permission = READ
    change_permission = WRITE
    filterset_class = ContractFilter
    filter_backends = [*generics.ListCreateAPIView.filter_backends, filters.OrderingFilter]
    ordering_fields = ["reference", "title", "starts_on", "final_ends_on", "total_value_net",
                       "annual_value_net"]
    ordering = ["reference"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no organisation
            return Contract.objects.none()
        contracts = selectors.contract_list(organisation=self.organisation, user=self.request.user)
        return (selectors.with_status(contracts, on=status_day_from(self.request.query_params))
                .select_related("organisation", "department", "framework")
                .prefetch_related("suppliers", "categories", "cpv_codes", "participating_organisations",
                                  "extensions"))

    def get_serializer_class(self):
        return ContractWriteSerializer if self.request.method == "POST" else ContractSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": getattr(self, "organisation", None)}

    @extend_schema(request=ContractWriteSerializer, responses={201: ContractSerializer})
    def post(self, request, *args, **kwargs):
        """Add a contract (needs contract.change)."""
        serializer = ContractWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        contract = _call_service(services.contract_create, organisation=self.organisation, actor=request.user,
                                 **serializer.validated_data)
        return Response(ContractSerializer(contract).data, status=status.HTTP_201_CREATED)


class ContractDetailApi(generics.RetrieveUpdateAPIView):
    """One contract. PATCH changes the fields sent (needs contract.change in the organisation that let it)."""

    permission_classes = [HasOrganisationPermission]
    permission = READ
    change_permission = WRITE
    serializer_class = ContractSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Contract:
        if self.request.method == "PATCH":
            contract = selectors.contract_get_for_change(organisation=self.organisation,
                                                         contract_id=self.kwargs["pk"])
        else:
            contract = selectors.contract_get(organisation=self.organisation, user=self.request.user,
                                              contract_id=self.kwargs["pk"])
        if contract is None:
            raise Http404("No such contract")
        return contract

    @extend_schema(request=ContractWriteSerializer, responses={200: ContractSerializer})
    def patch(self, request, *args, **kwargs):
        contract = self.get_object()
        serializer = ContractWriteSerializer(data=request.data, partial=True,
                                             context={"organisation": self.organisation})
        serializer.is_valid(raise_exception=True)
        contract = _call_service(services.contract_update, contract=contract, actor=request.user,
                                 **serializer.validated_data)
        return Response(ContractSerializer(contract).data)


class FrameworkListApi(generics.ListAPIView):
    """Frameworks the organisation calls contracts off from."""

    permission_classes = [HasOrganisationPermission]
    permission = "contract.view"
    serializer_class = FrameworkSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Framework.objects.none()
        return selectors.framework_list(organisation=self.organisation).order_by("provider", "name", "id")


class CategoryListApi(generics.ListAPIView):
    """ProClass categories (read-only): search with q (code, name or path); filter by level or parent."""

    permission_classes = [HasOrganisationPermission]
    permission = "category.view"
    serializer_class = CategorySerializer
    filterset_class = CategoryApiFilter

    def get_queryset(self):
        return selectors.category_list().order_by("path")


class CategoryDetailApi(generics.RetrieveAPIView):
    permission_classes = [HasOrganisationPermission]
    permission = "category.view"
    serializer_class = CategorySerializer

    def get_object(self):
        category = selectors.category_get(category_id=self.kwargs["pk"])
        if category is None:
            raise Http404("No such category")
        return category


class CpvListApi(generics.ListAPIView):
    """CPV 2008 codes (read-only): q is leading digits of a code, or words of the description."""

    permission_classes = [HasOrganisationPermission]
    permission = "category.view"
    serializer_class = CpvCodeSerializer
    filterset_class = CpvFilter

    def get_queryset(self):
        return selectors.cpv_search().order_by("code")


