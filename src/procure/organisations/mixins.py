"""Access control for pages and endpoints: every view names its permission."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.permissions import BasePermission

from procure.organisations.selectors import organisation_get, user_has_permission


class OrganisationPermissionMixin(LoginRequiredMixin):
    """Resolves `org` from the URL and refuses anyone without `permission` in it.

    `permission` may be a tuple: holding any of them is enough.
    """

    permission: str | tuple[str, ...] = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = organisation_get(slug=kwargs.get("org", ""))
        if self.organisation is None:
            raise Http404("No such organisation")
        if not user_has_permission(request.user, self.organisation, self.permission):
            raise PermissionDenied("You do not have access to this page")
        return super().dispatch(request, *args, **kwargs)

    def can(self, permission: str) -> bool:
        return user_has_permission(self.request.user, self.organisation, permission)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        return context


class HasOrganisationPermission(BasePermission):
    """REST counterpart: reads `permission` (reads) and `change_permission` (writes) from the view."""

    message = "You do not have access to this organisation's records."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        organisation = organisation_get(slug=view.kwargs.get("org", ""))
        if organisation is None:
            raise Http404("No such organisation")
        view.organisation = organisation
        wanted = view.permission
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            wanted = getattr(view, "change_permission", None) or "__refuse__"
            if wanted == "__refuse__":
                return False
        return user_has_permission(request.user, organisation, wanted)
