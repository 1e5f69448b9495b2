"""Read-only REST endpoints of the procurement requests register."""

from rest_framework import generics, serializers

from procure.organisations.mixins import HasOrganisationPermission
from procure.sourcing.models import ProcurementRequest
from procure.sourcing.requests import selectors
from procure.sourcing.requests.filters import RequestFilter


class RequestSerializer(serializers.ModelSerializer):
    estimated_value_gross = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    department = serializers.StringRelatedField()
    category = serializers.StringRelatedField()
    met_by_contract = serializers.StringRelatedField()

    class Meta:
        model = ProcurementRequest
        fields = ["id", "reference", "title", "description", "justification", "contract_type",
                  "estimated_value_gross", "budget_code", "department", "category", "wanted_by", "status",
                  "suggested_route", "suggested_route_reason", "needs_board_approval", "approval_conditions",
                  "met_by_contract", "submitted_at", "created_at"]


class _RequestApi:
    permission_classes = [HasOrganisationPermission]
    permission = "request.view"
    serializer_class = RequestSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no organisation
            return ProcurementRequest.objects.none()
        return selectors.request_list(organisation=self.organisation).select_related("met_by_contract")


class RequestListApi(_RequestApi, generics.ListAPIView):
    """The organisation's procurement requests (search by reference, title or budget code; filter by status)."""

    filterset_class = RequestFilter


class RequestDetailApi(_RequestApi, generics.RetrieveAPIView):
    """One procurement request with its suggested route and the reason for it."""
