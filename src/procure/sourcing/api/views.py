from rest_framework import generics

from procure.organisations.mixins import HasOrganisationPermission
from procure.sourcing import selectors
from procure.sourcing.api.serializers import TenderSerializer
from procure.sourcing.filters import TenderFilter
from procure.sourcing.models import Tender


class _TenderApi:
    permission_classes = [HasOrganisationPermission]
    permission = "tender.view"
    serializer_class = TenderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no organisation
            return Tender.objects.none()
        return (selectors.tender_list(organisation=self.organisation)
                .prefetch_related("lots", "criteria", "selection_questions", "price_items"))


class TenderListApi(_TenderApi, generics.ListAPIView):
    """The organisation's tenders with their set-up (search by reference or title, filter by status). Read-only;
    no bid is readable through the API."""

    filterset_class = TenderFilter


class TenderDetailApi(_TenderApi, generics.RetrieveAPIView):
    """One tender with its lots, questionnaire and evaluation model."""
