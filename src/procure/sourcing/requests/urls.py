app_name = "procurement_requests"
urlpatterns: list = []
