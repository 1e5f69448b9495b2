from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.core.registers import RegisterListView
from procure.organisations import selectors, services
from procure.organisations.filters import AuditEventFilter, DepartmentFilter, MembershipFilter, OrganisationFilter
from procure.organisations.forms import DepartmentForm, RoleGrantForm, SignInForm
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.organisations.models import Department, Membership, Organisation
from procure.organisations.tables import AuditEventTable, DepartmentTable, MembershipTable, OrganisationTable


class SignInView(auth_views.LoginView):
    template_name = "organisations/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context["demo_mode"] = getattr(settings, "PROCURE_DEMO_MODE", False)
        return context


class SignOutView(auth_views.LogoutView):
    pass


class HomeView(LoginRequiredMixin, View):
    """Sends a user to their organisation, or lets them choose when they belong to several."""

    def get(self, request):
        organisations = list(selectors.organisations_for_user(request.user))
        if len(organisations) == 1:
            return redirect("organisations:dashboard", organisations[0].slug)
        return render(request, "organisations/choose.html", {"organisations": organisations})


class DashboardView(OrganisationPermissionMixin, TemplateView):
    permission = ("organisation.view", "supplier.view_own")
    template_name = "organisations/dashboard.html"


class OrganisationDetailView(OrganisationPermissionMixin, TemplateView):
    permission = "organisation.view"
    template_name = "organisations/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            department_count=selectors.department_list(organisation=self.organisation).count(),
            memberships=selectors.membership_list(organisation=self.organisation).order_by("user__username", "role"),
            can_manage=self.can("organisation.manage"),
            history=selectors.organisation_changes(organisation=self.organisation)[:50],
            department_form=DepartmentForm(),
            role_form=RoleGrantForm(),
        )
        return context


class OrganisationListView(LoginRequiredMixin, RegisterListView):
    """The organisations the signed-in person holds a role in."""

    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilter
    title = "Your organisations"
    export_name = "organisations"

    def get_queryset(self):
        return selectors.organisations_for_user(self.request.user)


class DepartmentListView(OrganisationPermissionMixin, RegisterListView):
    permission = "organisation.view"
    model = Department
    table_class = DepartmentTable
    filterset_class = DepartmentFilter
    title = "Departments"
    intro = "Departments and cost centres that raise needs, hold budgets and own contracts."
    export_name = "departments"

    def get_queryset(self):
        return selectors.department_list(organisation=self.organisation).select_related("organisation")


class DepartmentDetailView(OrganisationPermissionMixin, TemplateView):
    permission = "organisation.view"
    template_name = "organisations/department_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        department = get_object_or_404(Department, organisation=self.organisation, pk=kwargs["pk"])
        context.update(department=department, history=audit_history(department))
        return context


class PeopleListView(OrganisationPermissionMixin, RegisterListView):
    permission = "organisation.view"
    model = Membership
    table_class = MembershipTable
    filterset_class = MembershipFilter
    title = "People and roles"
    intro = "Who holds which role in this organisation."
    export_name = "people"

    def get_queryset(self):
        return selectors.membership_list(organisation=self.organisation)


class DepartmentCreateView(OrganisationPermissionMixin, View):
    permission = "organisation.manage"

    def post(self, request, org):
        form = DepartmentForm(request.POST)
        if form.is_valid():
            try:
                services.department_create(organisation=self.organisation, actor=request.user, **form.cleaned_data)
                messages.success(request, f"Department {form.cleaned_data['name']} added")
            except BusinessRuleViolation as error:
                messages.error(request, error.message)
        else:
            messages.error(request, "Enter both the department code and name")
        return redirect("organisations:detail", org)


class RoleGrantView(OrganisationPermissionMixin, View):
    permission = "organisation.manage"

    def post(self, request, org):
        form = RoleGrantForm(request.POST)
        if form.is_valid():
            membership = services.role_grant(user=form.cleaned_data["user"], organisation=self.organisation,
                                             role=form.cleaned_data["role"], actor=request.user)
            messages.success(request, f"{membership.user} is now {membership.get_role_display().lower()}")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("organisations:detail", org)


class RoleRevokeView(OrganisationPermissionMixin, View):
    permission = "organisation.manage"

    def post(self, request, org, membership_id):
        membership = get_object_or_404(Membership, pk=membership_id, organisation=self.organisation)
        try:
            services.role_revoke(membership=membership, actor=request.user)
            messages.success(request, "Role removed")
        except BusinessRuleViolation as error:
            messages.error(request, error.message)
        return redirect("organisations:detail", org)


class AuditTrailView(OrganisationPermissionMixin, RegisterListView):
    permission = "audit.view"
    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    title = "Audit trail"
    intro = "Every change to an organisation, role, supplier, contract or import: who, when, what, before and after."
    export_name = "audit-trail"

    def get_queryset(self):
        return AuditEvent.objects.filter(organisation=self.organisation).select_related("subject_type")

