from django.shortcuts import render
from django.views.generic import TemplateView


class AccessibilityStatementView(TemplateView):
    template_name = "core/accessibility.html"


class HelpView(TemplateView):
    template_name = "core/help.html"


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
