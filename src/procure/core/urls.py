from django.urls import path

from procure.core import views

app_name = "core"
urlpatterns = [
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("help/", views.HelpView.as_view(), name="help"),
]
