from django.urls import path

from procure.organisations.api import views

urlpatterns = [
    path("", views.OrganisationDetailApi.as_view(), name="api_organisation"),
    path("departments/", views.DepartmentListApi.as_view(), name="api_department_list"),
    path("memberships/", views.MembershipListApi.as_view(), name="api_membership_list"),
]
