app_name = "social_value"
urlpatterns: list = []
