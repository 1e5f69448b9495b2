from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import HasOrganisationPermission
from procure.suppliers import selectors, services
from procure.suppliers.api.serializers import SupplierChangeSerializer, SupplierSerializer, SupplierWriteSerializer
from procure.suppliers.filters import SupplierFilter
from procure.suppliers.models import Supplier
from procure.suppliers.rules import RULE_FIELDS


def _rule_error(violation: BusinessRuleViolation) -> serializers.ValidationError:
    field = RULE_FIELDS.get(violation.code, "non_field_errors")
    return serializers.ValidationError({field: [violation.message]})


class SupplierApiMixin:
    permission_classes = [HasOrganisationPermission]
    permission = ("supplier.view", "supplier.view_own")
    change_permission = "supplier.change"
    serializer_class = SupplierSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular describing the endpoint
            return Supplier.objects.none()
        suppliers = selectors.suppliers_visible_to(user=self.request.user, organisation=self.organisation)
        return suppliers.prefetch_related(*selectors.supplier_detail_prefetches()).order_by("name", "id")


class SupplierListApi(SupplierApiMixin, generics.ListCreateAPIView):
    """The supplier register, filtered like the register page (`q`, `size`, `is_vcse`, ...).

    A supplier user sees only the suppliers they sign in for.
    """

    filterset_class = SupplierFilter

    @extend_schema(request=SupplierWriteSerializer, responses={201: SupplierSerializer})
    def post(self, request, *args, **kwargs):
        """Add a supplier (audited). Needs supplier.change."""
        incoming = SupplierWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            supplier = services.supplier_create(organisation=self.organisation, actor=request.user,
                                                **incoming.validated_data)
        except BusinessRuleViolation as violation:
            raise _rule_error(violation) from None
        supplier = selectors.supplier_get_visible(user=request.user, organisation=self.organisation,
                                                  supplier_id=supplier.pk)
        return Response(SupplierSerializer(supplier).data, status=status.HTTP_201_CREATED)


class SupplierDetailApi(SupplierApiMixin, generics.RetrieveUpdateAPIView):
    """One supplier, with its other names and dated classifications."""

    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=SupplierChangeSerializer, responses={200: SupplierSerializer})
    def patch(self, request, *args, **kwargs):
        """Change some of a supplier's fields (audited). Needs supplier.change. Size is changed by a dated
        classification, not here."""
        supplier = self.get_object()
        incoming = SupplierChangeSerializer(supplier, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        try:
            services.supplier_update(supplier=supplier, actor=request.user, **incoming.validated_data)
        except BusinessRuleViolation as violation:
            raise _rule_error(violation) from None
        return Response(SupplierSerializer(self.get_object()).data)
