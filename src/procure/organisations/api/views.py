from rest_framework import generics

from procure.organisations import selectors
from procure.organisations.api.serializers import (
    DepartmentSerializer,
    MembershipSerializer,
    OrganisationSerializer,
)
from procure.organisations.mixins import HasOrganisationPermission
from procure.organisations.models import Department, Membership


class OrganisationDetailApi(generics.RetrieveAPIView):
    """The organisation in the path."""

    permission_classes = [HasOrganisationPermission]
    permission = "organisation.view"
    serializer_class = OrganisationSerializer

    def get_object(self):
        return self.organisation


class DepartmentListApi(generics.ListAPIView):
    """Departments and cost centres of the organisation."""

    permission_classes = [HasOrganisationPermission]
    permission = "organisation.view"
    serializer_class = DepartmentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no organisation
            return Department.objects.none()
        return selectors.department_list(organisation=self.organisation).order_by("code")


class MembershipListApi(generics.ListAPIView):
    """Who holds which role in the organisation."""

    permission_classes = [HasOrganisationPermission]
    permission = "organisation.manage"
    serializer_class = MembershipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.membership_list(organisation=self.organisation).order_by("id")
