from django.urls import path

from procure.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("organisations/", views.OrganisationListView.as_view(), name="list"),
    path("o/<slug:org>/", views.DashboardView.as_view(), name="dashboard"),
    path("o/<slug:org>/organisation/departments/", views.DepartmentListView.as_view(), name="department_list"),
    path("o/<slug:org>/organisation/departments/<int:pk>/", views.DepartmentDetailView.as_view(),
         name="department_detail"),
    path("o/<slug:org>/organisation/people/", views.PeopleListView.as_view(), name="people"),
    path("o/<slug:org>/organisation/", views.OrganisationDetailView.as_view(), name="detail"),
    path("o/<slug:org>/organisation/departments/add/", views.DepartmentCreateView.as_view(), name="department_add"),
    path("o/<slug:org>/organisation/roles/grant/", views.RoleGrantView.as_view(), name="role_grant"),
    path("o/<slug:org>/organisation/roles/<int:membership_id>/revoke/", views.RoleRevokeView.as_view(),
         name="role_revoke"),
    path("o/<slug:org>/audit/", views.AuditTrailView.as_view(), name="audit"),
]
