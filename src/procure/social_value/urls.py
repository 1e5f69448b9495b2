from django.urls import path

from procure.social_value import views

app_name = "social_value"
urlpatterns = [
    path("o/<slug:org>/social-value/", views.FrameworkView.as_view(), name="framework"),
]
