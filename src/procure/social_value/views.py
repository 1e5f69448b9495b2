"""The social value framework: the outcomes bidders commit to and contracts are monitored against."""

from django.views.generic import TemplateView

from procure.organisations.mixins import OrganisationPermissionMixin
from procure.social_value import selectors


class FrameworkView(OrganisationPermissionMixin, TemplateView):
    permission = ("social_value.view", "social_value.report_own")
    template_name = "social_value/framework.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "outcomes": selectors.framework(organisation=self.organisation)}
