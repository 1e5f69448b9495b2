"""Pages for the non-procurable spend rules (DESIGN.md section 5: exclusions are configurable and shown)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import OrganisationPermissionMixin
from procure.spend.coverage.forms import ExclusionRuleForm
from procure.spend.coverage.services import ExclusionInput, exclusion_rule_set_active, exclusion_rules_add
from procure.spend.models import ExclusionRule


class ExclusionRuleListView(OrganisationPermissionMixin, View):
    permission = "spend.view"

    def get(self, request, org):
        return self._render(request, ExclusionRuleForm())

    def post(self, request, org):
        if not self.can("contract.change"):
            return render(request, "core/403.html", status=403)
        form = ExclusionRuleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exclusion_rules_add(organisation=self.organisation, actor=request.user, rules=[
                    ExclusionInput(kind=data["kind"], reason=data["reason"], value=data["value"] or "")])
            except BusinessRuleViolation as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Spend matching '{data['reason']}' is now left out of procurable spend")
                return redirect("spend:exclusion_list", org)
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        rules = (ExclusionRule.objects.filter(organisation=self.organisation)
                 .select_related("category", "supplier").order_by("-is_active", "kind", "reason"))
        return render(request, "spend/coverage/exclusions.html", {
            "organisation": self.organisation, "rules": rules, "form": form,
            "can_change": self.can("contract.change")}, status=status)


class ExclusionRuleToggleView(OrganisationPermissionMixin, View):
    permission = "contract.change"

    def post(self, request, org, pk):
        rule = get_object_or_404(ExclusionRule, organisation=self.organisation, pk=pk)
        exclusion_rule_set_active(rule=rule, is_active=not rule.is_active, actor=request.user)
        state = "back in use" if not rule.is_active else "switched off"
        messages.success(request, f"The rule '{rule.reason}' is {state}; spend has been decided again")
        return redirect("spend:exclusion_list", org)
